"""Which protections grading requires, and which layers provide them (fail closed).

A *layer* is one mechanism the child turns on (a namespace, Landlock, seccomp, an
unprivileged uid); a *protection* is what the grader promises, held when at least one
of its layers is on:

- ``filesystem``: the learner's code reads only the interpreter, its libraries and its
  own working directory (the answer key, the held-out data, the other students and the
  output folder are out of reach) and writes only its working directory;
- ``signals``: it cannot signal, stop or trace the grader, the zygote or another
  student's child;
- ``network``: it reaches no network and no host socket;
- ``syscalls``: it creates no process and changes no file metadata (chmod, chown,
  utime, xattrs), mounts nothing.

The grader refuses to grade unless every protection holds, except those the instructor
names with ``--allow-weaker-sandbox`` (``all`` for every one); the summary then says
loudly what was off.
"""
from __future__ import annotations

__all__ = ["LAYERS", "PROTECTIONS", "ALL", "unknown", "missing", "describe_missing"]

LAYERS = {
    "mount": "a private mount namespace (a tmpfs root with the interpreter and its libraries "
             "read-only, and a size-limited tmpfs working directory)",
    "pid": "a PID namespace",
    "net": "a network namespace",
    "uid": "an unprivileged uid of its own (when the grader runs as root)",
    "landlock": "Landlock filesystem rules",
    "landlock-scopes": "Landlock signal and abstract-socket scoping (Landlock ABI >= 6)",
    "seccomp": "a seccomp filter (no new process, no chmod/chown/utime/xattr, no sockets, no mounts)",
}
"""Every layer by name, in the words the summary and ``grade --help`` use."""

PROTECTIONS = {
    "filesystem": ("mount", "landlock"),
    "signals": ("pid", "landlock-scopes", "uid"),
    "network": ("net", "seccomp"),
    "syscalls": ("seccomp",),
}
"""protection -> the layers that each provide it."""

ALL = "all"


def unknown(names) -> list[str]:
    """The names in `names` that are neither a protection nor ``all``."""
    return sorted(set(names) - set(PROTECTIONS) - {ALL})


def missing(layers: dict[str, str], allowed=()) -> list[str]:
    """The protections that hold through no layer that is ``"on"`` in `layers`
    ({layer: "on" | "off: why"}), less those `allowed`."""
    if ALL in allowed:
        return []
    return [p for p, providers in PROTECTIONS.items()
            if p not in allowed and not any(layers.get(layer) == "on" for layer in providers)]


def describe_missing(layers: dict[str, str], protections: list[str]) -> str:
    """One line per missing protection: its layers and why each is off."""
    lines = []
    for p in protections:
        why = "; ".join(f"{layer}: {layers.get(layer, 'off: not tried')}" for layer in PROTECTIONS[p])
        lines.append(f"  {p}: {why}")
    return "\n".join(lines)
