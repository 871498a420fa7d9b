"""New namespaces for a submission's child (Linux): mount, PID, network, IPC and UTS.

As root the child unshares them directly (no user namespace: it drops to an
unprivileged uid afterwards, see `privileges`); otherwise it first enters a new user
namespace that maps only its own uid and gid, which gives it the rights to set up the
others. `enter` returns ``{layer: "on" | "off: why"}`` for the layers it was asked for
(``mount``, ``pid``, ``net``) and how it got there (``"root"``, ``"user"`` or
``None``).
"""
from __future__ import annotations

import ctypes
import os
import sys

__all__ = ["CLONE_FLAGS", "enter"]

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
CLONE_FLAGS = {"mount": CLONE_NEWNS, "pid": CLONE_NEWPID, "net": CLONE_NEWNET}


def _unshare(flags: int) -> str | None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(ctypes.c_int(flags)) != 0:
        return os.strerror(ctypes.get_errno())
    return None


def _write(path: str, text: str) -> None:
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def _map_own_ids(uid: int, gid: int) -> None:
    """Map our own uid and gid into the new user namespace (all an unprivileged process may
    map). A process that is not dumpable cannot write its own maps: make it so first (the
    learner's process is made non-dumpable again later)."""
    ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)  # PR_SET_DUMPABLE
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"{uid} {uid} 1")
    _write("/proc/self/gid_map", f"{gid} {gid} 1")


def enter(wanted: tuple[str, ...]) -> tuple[dict[str, str], str | None]:
    """Unshare the namespaces of the `wanted` layers (and IPC, UTS); see the module docstring."""
    if sys.platform != "linux":
        return {w: f"off: not Linux ({sys.platform})" for w in wanted}, None
    flags = CLONE_NEWIPC | CLONE_NEWUTS
    for w in wanted:
        flags |= CLONE_FLAGS[w]
    uid, gid = os.getuid(), os.getgid()
    errors = []
    if os.geteuid() == 0:
        err = _unshare(flags)
        if err is None:
            return {w: "on" for w in wanted}, "root"
        errors.append(f"as root: {err}")
    err = _unshare(CLONE_NEWUSER | flags)
    if err is None:
        try:
            _map_own_ids(uid, gid)
        except OSError as exc:
            return {w: f"off: cannot map ids in the user namespace ({exc.strerror})" for w in wanted}, None
        return {w: "on" for w in wanted}, "user"
    errors.append(f"in a user namespace: {err}")
    why = "off: unshare failed (" + "; ".join(errors) + ")"
    return {w: why for w in wanted}, None
