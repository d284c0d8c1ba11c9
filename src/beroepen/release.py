"""Writing files all-or-nothing: a temporary file beside the target, then a rename."""
import os
import tempfile
from pathlib import Path


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path, data):
    """Write `data` to `path` all or nothing, with the permissions a plain open() would give."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes the file private (0600)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
