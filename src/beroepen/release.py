"""Writing files all-or-nothing: a temporary file beside the target, then a rename."""
import os
import tempfile
from pathlib import Path

from .errors import BeroepenError


def _read_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once, at import: reading it means setting it, which would race with other threads.
_UMASK = _read_umask()


def write_atomic(path, data):
    """Write `data` to `path` all or nothing, with the permissions a plain open() would give."""
    write_atomic_chunks(path, [data])


def write_atomic_chunks(path, chunks):
    """Write the pieces (str as UTF-8, or bytes) to `path` all or nothing, with the permissions
    a plain open() would give; for output too large to hold as one bytes object.

    A path that cannot be written (no such folder, no permission, a file where a folder
    should be) is a BeroepenError naming it; the target is then left as it was."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as err:
        if path.parent.exists() and not path.parent.is_dir():
            raise BeroepenError(f"kan niet schrijven: {path.parent} is geen map", file=path) from None
        raise _unwritable(err, path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes the file private (0600)
        os.replace(tmp, path)
    except BaseException as err:
        os.unlink(tmp)
        if isinstance(err, OSError):
            raise _unwritable(err, path) from None
        raise


def _unwritable(err, path):
    return BeroepenError(f"kan niet schrijven: {err.strerror or err}", file=path)
