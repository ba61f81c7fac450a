"""Small real file systems for full-disk tests: a tmpfs mount (root), skipped otherwise.

A full disk cannot be faked honestly (the failures come from the kernel, at any write,
fsync or page fault), so these tests mount a real one of a few MiB and fill it.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(folder: Path, size: str, kind: str) -> str | None:
    """Mount a ``kind`` file system of ``size`` on ``folder``; the reason it cannot be."""
    if os.geteuid() != 0:
        return "le montage d'un petit disque demande les droits root"
    if kind == "tmpfs":
        command = ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0777", "tmpfs", str(folder)]
    else:
        image = folder.with_suffix(".img")
        made = subprocess.run(["truncate", "-s", size, str(image)], capture_output=True)
        formatted = subprocess.run(["mkfs.ext4", "-q", "-F", "-m", "0", str(image)],
                                   capture_output=True)
        if made.returncode or formatted.returncode:
            return "mkfs.ext4 indisponible"
        command = ["mount", "-o", "loop", str(image), str(folder)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode:
        return f"montage refusé ({result.stderr.strip() or result.returncode})"
    return None


@contextlib.contextmanager
def small_disk(tmp_path: Path, size: str = "8m", kind: str = "tmpfs") -> Iterator[Path]:
    """A folder on a freshly mounted file system of ``size`` (``tmpfs`` or a loop-mounted
    ``ext4``, where a nearly full disk used to end in SIGBUS); the test is skipped, with
    the reason, where mounting is not allowed."""
    folder = tmp_path / f"petit-disque-{kind}"
    folder.mkdir()
    reason = _mount(folder, size, kind)
    if reason is not None:
        pytest.skip(f"test sur disque plein ignoré : {reason}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)
        folder.with_suffix(".img").unlink(missing_ok=True)


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the disk of ``folder`` until about ``leave`` bytes are free; returns the
    filler file (remove it to free the space again)."""
    filler = folder / "remplissage.bin"
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    with filler.open("wb") as stream:
        with contextlib.suppress(OSError):
            if free > leave:
                stream.write(b"\0" * (free - leave))
            stream.flush()
            os.fsync(stream.fileno())
        while os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize > leave + 4096:
            try:
                stream.write(b"\0" * 4096)
                stream.flush()
            except OSError:
                break
    return filler
