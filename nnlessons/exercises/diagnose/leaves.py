"""Walk an expected output and the learner's side by side: the values of a tuple, the
entries of a dict, down to numbers and arrays (the *leaves* the relations compare)."""
from __future__ import annotations

__all__ = ["leaves", "leaf_name"]


def leaf_name(path: str) -> str:
    """How the engine names a value of the output for the learner ("" for the whole)."""
    return path


def leaves(expected, got, path: str = "", names: tuple | None = None):
    """``(path, expected_leaf, got_leaf)`` for every leaf where the structures agree; where
    they do not (a tuple vs an array, other keys), the pair itself is one leaf. `names`:
    what the values of a returned tuple are called (``("w", "b")``), if known."""
    if isinstance(expected, (tuple, list)) and type(got) in (tuple, list) and len(got) == len(expected):
        for i, (e, g) in enumerate(zip(expected, got)):
            if path:
                sub = f"{path}[{i}]"
            elif names and len(names) == len(expected) and names[i]:
                sub = f"{names[i]} (value {i + 1})"
            else:
                sub = f"value {i + 1}"
            yield from leaves(e, g, sub)
        return
    if isinstance(expected, dict) and type(got) is dict and set(got) == set(expected):
        for k in expected:
            yield from leaves(expected[k], got[k], f"{path}[{k!r}]" if path else str(k))
        return
    yield path, expected, got
