"""Re-export the public names of a package's submodules on first use (PEP 562)."""
from __future__ import annotations

import importlib


def lazy_exports(package: str, modules: tuple[str, ...]):
    """A module `__getattr__` that finds `name` in the first of `modules` defining it.

    A module's public names are its ``__all__`` when it has one (so names it merely
    imports are not re-exported). A submodule's own name returns that submodule (so ``from pkg import mod`` imports
    only `mod`); a listed module that is not there yet is skipped.
    """

    def __getattr__(name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if name in modules:
            return importlib.import_module(f"{package}.{name}")
        for mod in modules:
            try:
                m = importlib.import_module(f"{package}.{mod}")
            except ModuleNotFoundError as exc:
                if exc.name != f"{package}.{mod}":
                    raise
                continue
            public = getattr(m, "__all__", None)
            if (name in public) if public is not None else hasattr(m, name):
                return getattr(m, name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
