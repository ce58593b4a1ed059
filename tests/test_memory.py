"""Giving freed memory back to the system (marquee.memory): found on glibc, a no-op
elsewhere, and never an error."""

from __future__ import annotations

import platform

import pytest

from marquee import memory


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_glibc_hands_free_pages_back() -> None:
    trim = memory._malloc_trim()
    assert trim is not None
    assert trim(0) in (0, 1)  # 1: memory was released, 0: there was none to release
    memory.release_memory()


def test_without_malloc_trim_releasing_is_a_no_op(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoTrim:  # a C library without malloc_trim (musl, macOS)
        def __init__(self, _name: object) -> None: ...

        def __getattr__(self, name: str) -> object:
            raise AttributeError(name)

    memory._malloc_trim.cache_clear()
    monkeypatch.setattr(memory.ctypes, "CDLL", NoTrim)
    try:
        assert memory._malloc_trim() is None
        memory.release_memory()
    finally:
        memory._malloc_trim.cache_clear()
