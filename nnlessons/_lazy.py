"""Re-export the public names of a package's submodules on first use (PEP 562)."""
from __future__ import annotations

import importlib


def lazy_exports(package: str, modules: tuple[str, ...]):
    """A module `__getattr__` that finds `name` in the first of `modules` defining it."""

    def __getattr__(name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        for mod in modules:
            m = importlib.import_module(f"{package}.{mod}")
            if hasattr(m, name):
                return getattr(m, name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
