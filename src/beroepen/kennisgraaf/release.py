"""Writing files all or nothing, leaving nothing behind when a run is stopped.

The data goes first to an unnamed file in the target's folder (Linux O_TMPFILE): if the
process dies, even by SIGKILL, the kernel drops it. Only the complete file gets a name, a
hidden one beside the target for the instant before it is renamed over the target. Where there
is no O_TMPFILE (another system, or a filesystem without it) the file is hidden and named from
the start: it is removed on any error, on Ctrl-C and on SIGTERM (the CLI turns SIGTERM into an
exception), but SIGKILL can leave it, with whatever it held so far.
"""
import errno
import os
import secrets
from pathlib import Path

from ..errors import BeroepenError

UNNAMED = hasattr(os, "O_TMPFILE") and os.path.isdir("/proc/self/fd")


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
        fd, tmp = _open_temporary(path)
    except OSError as err:
        if path.parent.exists() and not path.parent.is_dir():
            raise BeroepenError(f"kan niet schrijven: {path.parent} is geen map", file=path) from None
        raise _unwritable(err, path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            handle.flush()
            if tmp is None:
                tmp = _name(handle.fileno(), path)
        os.replace(tmp, path)
    except BaseException as err:
        if tmp is not None and os.path.lexists(tmp):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise _unwritable(err, path) from None
        raise


def _open_temporary(path):
    """(fd, name) of a new file in the target's folder: name None for an unnamed file. Mode
    0666 less the umask, as open() gives (the kernel applies the umask)."""
    if UNNAMED:
        try:
            return os.open(path.parent, os.O_TMPFILE | os.O_WRONLY, 0o666), None
        except OSError as err:
            if err.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                raise
    tmp = _hidden_name(path)
    return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp


def _name(fd, path):
    """Give the complete unnamed file `fd` a hidden name beside `path`; returns that name."""
    tmp = _hidden_name(path)
    folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:  # a dir fd makes os.link call linkat(AT_SYMLINK_FOLLOW): plain link() fails with EXDEV
        os.link(f"/proc/self/fd/{fd}", tmp.name, dst_dir_fd=folder)
    finally:
        os.close(folder)
    return tmp


def _hidden_name(path):
    return path.parent / f".{path.name}.{secrets.token_hex(6)}"


def _unwritable(err, path):
    return BeroepenError(f"kan niet schrijven: {err.strerror or err}", file=path)
