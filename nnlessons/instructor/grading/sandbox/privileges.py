"""The child gives up every privilege before learner code runs (Linux).

A grader running as root drops each child to an unprivileged uid and gid of its own
(``SANDBOX_UID_BASE + slot``: one per concurrent child, none a real user's), with no
supplementary groups, which also clears its capabilities. A non-root grader's child
keeps the grader's uid (inside a user namespace) and drops the capabilities that
namespace gave it. Either way the process is made non-dumpable (no core file, no
ptrace, /proc entries owned by root) and is killed if its parent dies.
"""
from __future__ import annotations

import ctypes
import os
import signal

__all__ = ["SANDBOX_UID_BASE", "sandbox_ids", "drop_to", "drop_capabilities", "die_with_parent", "harden"]

SANDBOX_UID_BASE = 2_100_000_000
"""The first sandbox uid (and gid); the child graded in slot k runs as this + k."""

PR_SET_PDEATHSIG, PR_SET_DUMPABLE = 1, 4
_CAP_VERSION_3 = 0x20080522


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def sandbox_ids(slot: int) -> tuple[int, int]:
    """The (uid, gid) of the child graded in `slot`."""
    return SANDBOX_UID_BASE + slot, SANDBOX_UID_BASE + slot


def drop_to(uid: int, gid: int) -> str | None:
    """As root: become `uid`/`gid` with no supplementary groups, for good. None when
    done, else why not."""
    try:
        os.setgroups([])
        os.setresgid(gid, gid, gid)
        os.setresuid(uid, uid, uid)
    except OSError as exc:
        return f"cannot switch to uid {uid}: {exc.strerror}"
    if 0 in os.getresuid() or 0 in os.getresgid():
        return "still root after switching uid"
    return None


def drop_capabilities() -> str | None:
    """Clear the effective, permitted and inheritable capability sets (those a new
    user namespace grants its first process)."""
    header = _CapHeader(_CAP_VERSION_3, 0)
    data = (_CapData * 2)()
    if _libc().capset(ctypes.byref(header), ctypes.byref(data)) != 0:
        return f"capset failed: {os.strerror(ctypes.get_errno())}"
    return None


def die_with_parent() -> None:
    """Be killed if the parent process dies."""
    _libc().prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)


def harden() -> None:
    """No core dumps or ptrace of this process, and die with the parent."""
    _libc().prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    die_with_parent()
