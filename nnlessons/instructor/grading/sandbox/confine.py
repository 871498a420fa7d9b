"""Kernel confinement for the sandboxed child, without privileges (Linux).

Three independent layers, each returning ``None`` when it is on or the reason it is
off (so grading still works on a kernel that lacks one, and the summary says so):

- `unshare_user_net`: a new user + network namespace (no network at all);
- `landlock_confine`: Landlock (PyPI ``landlock`` for the flags and the rule syscall):
  read-only access beneath the interpreter's and libraries' folders, read/write beneath
  the child's own working directory, nothing else; on ABI >= 4 no TCP bind/connect; on
  ABI >= 6 no signals to, and no abstract unix sockets of, processes outside the sandbox;
- `seccomp_no_processes`: a seccomp filter that makes fork/vfork/clone of a new process
  fail with EPERM (threads still work), so a fork bomb is one failed call.

Everything here runs in the child after it imported what it needs and before any
learner code.
"""
from __future__ import annotations

import ctypes
import os
import platform
import struct
import sys
from pathlib import Path

__all__ = ["unshare_user_net", "allowed_roots", "landlock_confine", "seccomp_no_processes"]

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
CLONE_THREAD = 0x00010000
PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def unshare_user_net() -> str | None:
    """Move into a new user and network namespace: the child keeps only a loopback
    device that is down, so it cannot reach any network."""
    if sys.platform != "linux":
        return f"not Linux ({sys.platform})"
    libc = _libc()
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
        return f"unshare failed: {os.strerror(ctypes.get_errno())}"
    return None


# ---------------------------------------------------------------- Landlock

class _RulesetAttr(ctypes.Structure):
    """struct landlock_ruleset_attr (ABI 6 layout: fs, net, scoped)."""

    _fields_ = [("handled_access_fs", ctypes.c_uint64),
                ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


_NET_BIND_TCP, _NET_CONNECT_TCP = 1, 2
_SCOPE_ABSTRACT_UNIX, _SCOPE_SIGNAL = 1, 2
_SYS_CREATE_RULESET = 444


def _create_ruleset(abi: int, fs: int) -> int:
    """A ruleset fd handling `fs` rights and, where the ABI allows, net and scopes."""
    attr = _RulesetAttr(fs, 0, 0)
    size = 8
    if abi >= 4:
        attr.handled_access_net = _NET_BIND_TCP | _NET_CONNECT_TCP
        size = 16
    if abi >= 6:
        attr.scoped = _SCOPE_ABSTRACT_UNIX | _SCOPE_SIGNAL
        size = 24
    libc = _libc()
    libc.syscall.restype = ctypes.c_long
    fd = libc.syscall(ctypes.c_long(_SYS_CREATE_RULESET), ctypes.byref(attr),
                      ctypes.c_size_t(size), ctypes.c_uint32(0))
    if fd < 0:
        raise OSError(ctypes.get_errno(), "landlock_create_ruleset failed")
    return int(fd)


def _is_beneath(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def allowed_roots(roots: list[Path], forbidden: list[Path]) -> list[Path]:
    """`roots` with every forbidden path carved out.

    Landlock can only grant (never deny beneath a grant), so a root that contains a
    forbidden path is replaced by its children, recursively along the way to it.
    Roots inside a forbidden path are dropped.
    """
    out: list[Path] = []
    for root in roots:
        if any(_is_beneath(root, f) for f in forbidden):
            continue
        inner = [f for f in forbidden if _is_beneath(f, root)]
        if not inner:
            out.append(root)
        elif root.is_dir() and not root.is_symlink():
            try:
                children = sorted(root.iterdir())
            except OSError:
                continue
            out.extend(allowed_roots(children, inner))
    return out


def landlock_confine(read_paths: list[Path], write_paths: list[Path],
                     forbidden: list[Path]) -> tuple[str | None, int]:
    """Restrict the filesystem to reading `read_paths` and writing `write_paths`
    (minus `forbidden`). Returns (None or the reason it is off, the Landlock ABI)."""
    try:
        import landlock
        from landlock.plumbing import FSAccess, PathBeneathAttr, get_add_rule
    except ImportError as exc:
        return f"the landlock package is not installed ({exc})", 0
    try:
        ctypes.set_errno(0)
        abi = int(landlock.landlock_abi_version())
    except Exception as exc:  # noqa: BLE001 (any failure means: no Landlock here)
        return f"Landlock unavailable: {str(exc).splitlines()[0]}", 0
    everything = FSAccess.all()
    ro_dir = FSAccess.READ_FILE | FSAccess.READ_DIR | FSAccess.EXECUTE
    ro_file = FSAccess.READ_FILE | FSAccess.EXECUTE
    rw_file = FSAccess.all_file()
    try:
        fd = _create_ruleset(abi, int(everything))
        add_rule = get_add_rule()

        def allow(path: Path, rules: int) -> None:
            pfd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            try:
                ctypes.set_errno(0)
                add_rule(fd, 1, ctypes.byref(PathBeneathAttr(rules, pfd)), 0)
            finally:
                os.close(pfd)

        for path in allowed_roots([Path(p) for p in read_paths if os.path.exists(p)], forbidden):
            allow(path, int(ro_dir if path.is_dir() else ro_file))
        for path in write_paths:
            allow(path, int(everything if path.is_dir() else rw_file))
        libc = _libc()
        if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return f"prctl(NO_NEW_PRIVS) failed: {os.strerror(ctypes.get_errno())}", abi
        libc.syscall.restype = ctypes.c_long
        if libc.syscall(ctypes.c_long(446), ctypes.c_int(fd), ctypes.c_uint32(0)) != 0:
            return f"landlock_restrict_self failed: {os.strerror(ctypes.get_errno())}", abi
        os.close(fd)
    except OSError as exc:
        return f"Landlock failed: {exc}", abi
    return None, abi


# ---------------------------------------------------------------- seccomp

# (AUDIT_ARCH, clone, clone3, fork, vfork); fork/vfork do not exist on aarch64.
_ARCHES = {
    "x86_64": (0xC000003E, 56, 435, 57, 58),
    "aarch64": (0xC00000B7, 220, 435, None, None),
}
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_EPERM, _ENOSYS = 1, 38


def _bpf(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k)


def _seccomp_program(arch: tuple) -> bytes:
    """BPF: clone3 -> ENOSYS (libc falls back to clone), fork/vfork -> EPERM,
    clone without CLONE_THREAD -> EPERM, x32 syscalls -> EPERM, anything else allowed."""
    audit, clone, clone3, fork, vfork = arch
    ld_w, jeq, jge, jset, ret = 0x20, 0x15, 0x35, 0x45, 0x06
    body = [
        _bpf(ld_w, 0, 0, 4),                 # 0 A = arch
        _bpf(jeq, 1, 0, audit),              # 1 our arch? skip next
        _bpf(ret, 0, 0, _RET_ALLOW),         # 2 other arch: allow (cannot happen)
        _bpf(ld_w, 0, 0, 0),                 # 3 A = syscall nr
        _bpf(jge, 0, 1, 0x40000000),         # 4 x32 ABI
        _bpf(ret, 0, 0, _RET_ERRNO | _EPERM),  # 5
        _bpf(jeq, 0, 1, clone3),             # 6
        _bpf(ret, 0, 0, _RET_ERRNO | _ENOSYS),  # 7
        _bpf(jeq, 0, 1, fork if fork is not None else 0xFFFFFFFF),    # 8
        _bpf(ret, 0, 0, _RET_ERRNO | _EPERM),  # 9
        _bpf(jeq, 0, 1, vfork if vfork is not None else 0xFFFFFFFF),  # 10
        _bpf(ret, 0, 0, _RET_ERRNO | _EPERM),  # 11
        _bpf(jeq, 0, 3, clone),              # 12 not clone -> allow (16)
        _bpf(ld_w, 0, 0, 16),                # 13 A = low 32 bits of flags
        _bpf(jset, 1, 0, CLONE_THREAD),      # 14 a thread -> allow
        _bpf(ret, 0, 0, _RET_ERRNO | _EPERM),  # 15
        _bpf(ret, 0, 0, _RET_ALLOW),         # 16
    ]
    return b"".join(body)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def seccomp_no_processes() -> str | None:
    """Install the no-new-processes filter (threads are still allowed)."""
    arch = _ARCHES.get(platform.machine())
    if sys.platform != "linux" or arch is None:
        return f"seccomp filter not written for {sys.platform}/{platform.machine()}"
    prog = _seccomp_program(arch)
    buf = ctypes.create_string_buffer(prog, len(prog))
    fprog = _SockFprog(len(prog) // 8, ctypes.cast(buf, ctypes.c_void_p))
    libc = _libc()
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return f"prctl(NO_NEW_PRIVS) failed: {os.strerror(ctypes.get_errno())}"
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        return f"seccomp failed: {os.strerror(ctypes.get_errno())}"
    return None
