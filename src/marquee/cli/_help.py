"""Typer's help renderer, imported without what our help never uses.

``typer.rich_utils`` (Typer 0.17 to 0.28) imports Rich's Markdown and Traceback at its top,
and with them markdown-it and Pygments: 40–60 ms, a sixth of ``marquee --help``. It uses
them only for help written in Markdown (ours is Rich markup) and for tracebacks. So
:func:`load_renderer` imports it with stand-ins for both classes (:data:`DEFERRED`), which
import the real ones on first use. tests/test_cli.py checks that help reads byte for byte
the same and that Markdown help and tracebacks still make the real Rich objects: a Typer
release that used the classes otherwise would fail it.

This module is imported only when the arguments ask for help.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from importlib import import_module
from types import ModuleType
from typing import Any

DEFERRED = {"rich.markdown": "Markdown", "rich.traceback": "Traceback"}
"""The classes the help renderer imports but help in Rich markup never uses."""


def load_renderer() -> None:
    """Import ``typer.rich_utils`` with :data:`DEFERRED` put off (a no-op once imported)."""
    with deferred_imports(DEFERRED):
        import_module("typer.rich_utils")


def deferred_class(module: str, name: str) -> type:
    """A stand-in for the class ``name`` of ``module`` that imports ``module`` only when it
    is first used, then acts as that class does: calling it makes the class's instances,
    its attributes (class methods, constants) are the class's, ``isinstance`` and
    ``issubclass`` test against the class, and in a type hint it joins a union."""

    def real() -> type:
        cls: type = getattr(import_module(module), name)
        return cls

    class Deferred(type):
        def __call__(cls, *args: Any, **kwargs: Any) -> Any:
            return real()(*args, **kwargs)

        def __getattr__(cls, attr: str) -> Any:
            return getattr(real(), attr)

        def __instancecheck__(cls, instance: Any) -> bool:
            return isinstance(instance, real())

        def __subclasscheck__(cls, subclass: type) -> bool:
            return issubclass(subclass, real())

    return Deferred(name, (), {"__module__": module, "__qualname__": name})


@contextmanager
def deferred_imports(classes: Mapping[str, str]) -> Iterator[None]:
    """Inside the block, ``from MODULE import NAME`` gives a :func:`deferred_class` for
    each ``MODULE: NAME`` of ``classes`` whose module is not imported yet, without
    importing it. Only the block's own imports see the stand-ins: on leaving it, each
    module imports as usual again (the stand-in classes do so on first use)."""
    stand_ins = {}
    for module, name in classes.items():
        if module not in sys.modules:
            stand_ins[module] = ModuleType(module)
            setattr(stand_ins[module], name, deferred_class(module, name))
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for module, stand_in in stand_ins.items():
            if sys.modules.get(module) is stand_in:
                del sys.modules[module]
