"""Imports put off until first use.

``marquee`` and ``marquee.model`` list their public names without importing the modules
that define them (PEP 562), so that ``marquee --help`` or a cached ``report --json`` loads
no HTML extractor, database driver or model until a command needs one.

:func:`deferred_imports` does the same for a library module that imports at its top a
class only a few of its functions use: Typer's help renderer imports Rich's Markdown
(markdown-it) and Traceback (Pygments), a quarter of ``marquee --help``, to render help
written in Markdown, which ours is not, and tracebacks.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from importlib import import_module
from types import ModuleType
from typing import Any


def lazy_names(
    package: str, homes: Mapping[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``: each name in ``homes`` is
    imported from the module named beside it on first use, then kept in ``namespace``
    (the package's ``globals()``)."""

    def __getattr__(name: str) -> Any:
        if name not in homes:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(homes[name]), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *namespace.get("__all__", ())})

    return __getattr__, __dir__


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
