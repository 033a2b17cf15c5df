"""Files: writing outputs so that a failed run never leaves half a file behind, one
writer at a time per folder, and finding the data files an installed package ships."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator


#: The temporary files this process has made and not yet renamed or removed: what a
#: SIGTERM handler removes before the process ends (it cannot wait for `finally`s).
_LIVE_TEMPORARY: set[Path] = set()


def live_temporary() -> list[Path]:
    return list(_LIVE_TEMPORARY)


def forget_temporary(path: Path) -> None:
    _LIVE_TEMPORARY.discard(path)


def _temporary_beside(target: Path, suffix: str) -> Path:
    """A new empty file beside `target`, listed in `_LIVE_TEMPORARY` before it exists, so
    that a SIGTERM handler, whenever it runs, removes every one this process made."""
    import secrets

    while True:
        path = target.parent / f".{target.name}.{secrets.token_hex(6)}{suffix}"
        _LIVE_TEMPORARY.add(path)
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            return path
        except FileExistsError:   # another run's name: draw again
            _LIVE_TEMPORARY.discard(path)
        except BaseException:
            _LIVE_TEMPORARY.discard(path)
            raise


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it over `target` only on success."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = _temporary_beside(target, ".tmp")
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        _LIVE_TEMPORARY.discard(tmp_path)
        if tmp_path.exists():
            tmp_path.unlink()


#: The lock file `folder_lock` takes in an output folder (hidden: never read as a report).
LOCK_NAME = ".kg.lock"


@contextmanager
def folder_lock(folder: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold `folder` for one writer: a second process waits here (after `on_wait` is
    told) until the first releases it, so two runs never mix their outputs.

    An advisory `flock` on a lock file: the kernel drops it when its holder exits, how
    ever it exits, so a killed run never leaves the folder locked. Where there is no
    `fcntl` (Windows) the folder is not locked."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not Linux or macOS
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def staged_path(target: Path, suffix: str = ".staged") -> Path:
    """A new, empty file beside `target` with a name no other run can have, to write
    `target`'s next content into before it is renamed into place."""
    return _temporary_beside(target, suffix)   # listed until the caller calls forget_temporary


def package_dir(name: str) -> Path:
    """The folder of an installed package, found without importing it (an import can cost
    more than the file we want from it)."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the {name} package is not installed")
    return Path(spec.submodule_search_locations[0])


def write_text_atomic(target: Path, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_bytes_atomic(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
