"""Freed large blocks go back to the system at once, so many sessions on one server do not each keep some.

glibc's malloc serves a large block (from 128 kB) by mapping pages of its own and unmaps them when the
block is freed, but after the first such free it raises that threshold, up to 32 MB, and from then on
keeps the blocks of every script thread in its heaps: a dashboard's memory grew with each session by
about what one rerun over a million events allocates. A fixed threshold turns that adjustment off.
"""

from __future__ import annotations

import ctypes
import sys

M_MMAP_THRESHOLD = -3  # mallopt's parameter number, from glibc's malloc.h
LARGE_BLOCK_BYTES = 128 * 1024  # glibc's own starting threshold, kept fixed


def return_large_blocks() -> bool:
    """Fix glibc's mapping threshold for this process; False where the C library is not glibc."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return False
    mallopt = getattr(libc, "mallopt", None)
    if mallopt is None:
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    return mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK_BYTES) == 1
