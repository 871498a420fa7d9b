"""Landlock and seccomp for the sandboxed child, without privileges (Linux).

Two independent layers, each returning ``None`` when it is on or the reason it is off
(`policy` decides whether grading may go on without it):

- `landlock_confine`: Landlock (PyPI ``landlock`` for the flags and the rule syscall):
  read-only access beneath the given folders, read/write beneath the child's own
  working directory, nothing else; on ABI >= 4 no TCP bind/connect; on ABI >= 6 no
  signals to, and no abstract unix sockets of, processes outside the sandbox. Landlock
  does not mediate chmod/chown/utime/xattrs or stat: seccomp and the private mount
  namespace do;
- `seccomp_filter`: makes fork/vfork/clone of a new process fail (threads still work),
  and every call in `DENIED_CALLS` (file metadata, sockets, exec, mounts and
  namespaces, setsid/setpgid, uid changes, ptrace and kin) fail with EPERM.

Everything here runs in the child after it imported what it needs and before any
learner code.
"""
from __future__ import annotations

import ctypes
import functools
import os
import platform
import struct
import sys
from pathlib import Path

__all__ = ["allowed_roots", "landlock_confine", "seccomp_filter", "warm", "DENIED_CALLS"]

CLONE_THREAD = 0x00010000
PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


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


@functools.lru_cache(maxsize=None)
def _fs_masks() -> tuple[int, int, int, int]:
    """Landlock's access masks as ints: everything, read a folder, read a file, write a
    file (computed once, in the zygote, by `warm`)."""
    from landlock.plumbing import FSAccess

    return (int(FSAccess.all()), int(FSAccess.READ_FILE | FSAccess.READ_DIR | FSAccess.EXECUTE),
            int(FSAccess.READ_FILE | FSAccess.EXECUTE), int(FSAccess.all_file()))


def warm() -> None:
    """Compute, before any child is forked, what every child would otherwise compute
    again: the Landlock masks, the seccomp program, the machine's name."""
    try:
        _fs_masks()
    except Exception:  # noqa: BLE001 (no landlock package: the child reports the layer off)
        pass
    machine = platform.machine()
    if machine in _ARCHES:
        _seccomp_program(machine)


def landlock_confine(read_paths: list[Path], write_paths: list[Path],
                     forbidden: list[Path]) -> tuple[str | None, int]:
    """Restrict the filesystem to reading `read_paths` and writing `write_paths`
    (minus `forbidden`). Returns (None or the reason it is off, the Landlock ABI)."""
    try:
        import landlock
        from landlock.plumbing import PathBeneathAttr, get_add_rule
    except ImportError as exc:
        return f"the landlock package is not installed ({exc})", 0
    try:
        ctypes.set_errno(0)
        abi = int(landlock.landlock_abi_version())
    except Exception as exc:  # noqa: BLE001 (any failure means: no Landlock here)
        return f"Landlock unavailable: {str(exc).splitlines()[0]}", 0
    everything, ro_dir, ro_file, rw_file = _fs_masks()
    try:
        fd = _create_ruleset(abi, everything)
        add_rule = get_add_rule()

        def allow(path: Path, rules: int) -> None:
            pfd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            try:
                ctypes.set_errno(0)
                add_rule(fd, 1, ctypes.byref(PathBeneathAttr(rules, pfd)), 0)
            finally:
                os.close(pfd)

        for path in allowed_roots([Path(p) for p in read_paths if os.path.exists(p)], forbidden):
            allow(path, ro_dir if path.is_dir() else ro_file)
        for path in write_paths:
            allow(path, everything if path.is_dir() else rw_file)
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
# Denied with EPERM: changing file metadata, sockets (no network, no host unix socket),
# executing programs, mounts and namespaces, leaving the process group, changing ids,
# tracing or reaching into other processes, and kernel interfaces a submission never
# needs. Numbers from the kernel's syscall tables (x86_64: syscall_64.tbl; aarch64:
# asm-generic/unistd.h); a syscall an architecture lacks is left out.
_DENIED = {
    "chmod": (90, None), "fchmod": (91, 52), "fchmodat": (268, 53), "fchmodat2": (452, 452),
    "chown": (92, None), "fchown": (93, 55), "lchown": (94, None), "fchownat": (260, 54),
    "utime": (132, None), "utimes": (235, None), "futimesat": (261, None), "utimensat": (280, 88),
    "setxattr": (188, 5), "lsetxattr": (189, 6), "fsetxattr": (190, 7), "removexattr": (197, 14),
    "lremovexattr": (198, 15), "fremovexattr": (199, 16), "setxattrat": (463, 463), "removexattrat": (466, 466),
    "mknod": (133, None), "mknodat": (259, 33),
    "socket": (41, 198), "socketpair": (53, 199),
    "execve": (59, 221), "execveat": (322, 281),
    "mount": (165, 40), "umount2": (166, 39), "pivot_root": (155, 41), "chroot": (161, 51),
    "unshare": (272, 97), "setns": (308, 268), "open_tree": (428, 428), "move_mount": (429, 429),
    "fsopen": (430, 430), "fsconfig": (431, 431), "fsmount": (432, 432), "fspick": (433, 433),
    "mount_setattr": (442, 442),
    "setsid": (112, 157), "setpgid": (109, 154),
    "setuid": (105, 146), "setgid": (106, 144), "setreuid": (113, 145), "setregid": (114, 143),
    "setresuid": (117, 147), "setresgid": (119, 149), "setgroups": (116, 159), "setfsuid": (122, 151),
    "setfsgid": (123, 152), "capset": (126, 91),
    "ptrace": (101, 117), "process_vm_readv": (310, 270), "process_vm_writev": (311, 271),
    "kcmp": (312, 272), "pidfd_open": (434, 434), "pidfd_getfd": (438, 438),
    "pidfd_send_signal": (424, 424),
    "bpf": (321, 280), "userfaultfd": (323, 282), "perf_event_open": (298, 241),
    "keyctl": (250, 219), "add_key": (248, 217), "request_key": (249, 218),
    "io_uring_setup": (425, 425), "io_uring_enter": (426, 426), "io_uring_register": (427, 427),
    "name_to_handle_at": (303, 264), "open_by_handle_at": (304, 265),
    "kexec_load": (246, 104), "init_module": (175, 105), "finit_module": (313, 273),
    "delete_module": (176, 106), "acct": (163, 89), "swapon": (167, 224), "swapoff": (168, 225),
    "reboot": (169, 142), "sethostname": (170, 161), "setdomainname": (171, 162),
    "quotactl": (179, 60), "iopl": (172, None), "ioperm": (173, None),
}
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_EPERM, _ENOSYS = 1, 38
DENIED_CALLS = tuple(_DENIED)


def _bpf(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k)


@functools.lru_cache(maxsize=None)
def _seccomp_program(machine: str) -> bytes:
    """BPF: another architecture or the x32 ABI -> EPERM; clone3 -> ENOSYS (libc falls
    back to clone); fork, vfork and every `_DENIED` call -> EPERM; clone without
    CLONE_THREAD -> EPERM; anything else allowed."""
    audit, clone, clone3, fork, vfork = _ARCHES[machine]
    column = 0 if machine == "x86_64" else 1
    ld_w, jeq, jge, jset, ret = 0x20, 0x15, 0x35, 0x45, 0x06
    eperm = _bpf(ret, 0, 0, _RET_ERRNO | _EPERM)
    body = [
        _bpf(ld_w, 0, 0, 4),                 # A = arch
        _bpf(jeq, 1, 0, audit),              # our arch? skip next
        eperm,                               # another arch (e.g. int 0x80 on x86_64)
        _bpf(ld_w, 0, 0, 0),                 # A = syscall nr
        _bpf(jge, 0, 1, 0x40000000),         # x32 ABI
        eperm,
        _bpf(jeq, 0, 1, clone3),
        _bpf(ret, 0, 0, _RET_ERRNO | _ENOSYS),
    ]
    denied = [nr for nr in (fork, vfork, *(v[column] for v in _DENIED.values())) if nr is not None]
    for nr in sorted(set(denied)):
        body += [_bpf(jeq, 0, 1, nr), eperm]
    body += [
        _bpf(jeq, 0, 3, clone),              # not clone -> allow
        _bpf(ld_w, 0, 0, 16),                # A = low 32 bits of flags
        _bpf(jset, 1, 0, CLONE_THREAD),      # a thread -> allow
        eperm,
        _bpf(ret, 0, 0, _RET_ALLOW),
    ]
    return b"".join(body)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def seccomp_filter() -> str | None:
    """Install the filter (threads are still allowed); None when on, else why not."""
    machine = platform.machine()
    if sys.platform != "linux" or machine not in _ARCHES:
        return f"seccomp filter not written for {sys.platform}/{machine}"
    prog = _seccomp_program(machine)
    buf = ctypes.create_string_buffer(prog, len(prog))
    fprog = _SockFprog(len(prog) // 8, ctypes.cast(buf, ctypes.c_void_p))
    libc = _libc()
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return f"prctl(NO_NEW_PRIVS) failed: {os.strerror(ctypes.get_errno())}"
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        return f"seccomp failed: {os.strerror(ctypes.get_errno())}"
    return None
