"""The child's private root (in its own mount namespace): what it can see at all.

`build` mounts a small tmpfs, binds into it read-only (nosuid, nodev) only the
interpreter's and the system's library folders (`exposed`), covers anything secret
that lies inside them (`hidden`: the course package when it is installed there, the
held-out data) with an empty read-only mount, adds ``/dev/null``, ``zero`` and
``urandom``, mounts the working directory ``WORKDIR`` as a tmpfs with a
size and an inode quota, pivots into the new root, detaches the old one and makes the
new root read-only. Nothing else of the host exists for the child: not the grader's
files, not the other students', not /proc, not any host socket.
"""
from __future__ import annotations

import ctypes
import os
from pathlib import Path

__all__ = ["WORKDIR", "build"]

WORKDIR = "/home/learner"

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MS_NOATIME, MS_NODIRATIME, MS_RELATIME = 1024, 2048, 1 << 21
MNT_DETACH = 2
_ST_TO_MS = {os.ST_NOEXEC: MS_NOEXEC, os.ST_NOATIME: MS_NOATIME, os.ST_NODIRATIME: MS_NODIRATIME,
             os.ST_RELATIME: MS_RELATIME, os.ST_NOSUID: MS_NOSUID, os.ST_NODEV: MS_NODEV}
DEVICES = ("null", "zero", "urandom")
_BASES = ("/tmp", "/mnt", "/media", "/srv", "/opt", "/run")  # where the new root may be built

_libc = ctypes.CDLL(None, use_errno=True)
_libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    enc = (lambda s: None if s is None else os.fsencode(s))
    if _libc.mount(enc(source), enc(target), enc(fstype), flags, enc(data)) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"mount {source or fstype} on {target}: {os.strerror(err)}")


def _remount_readonly(target: str) -> None:
    """Make the bind mount at `target` read-only, nosuid and nodev, keeping the flags a
    user namespace may not drop (atime, noexec)."""
    kept = 0
    flag = os.statvfs(target).f_flag
    for st, ms in _ST_TO_MS.items():
        if flag & st:
            kept |= ms
    _mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | kept)


def _mirror(path: str, root: str) -> str:
    """Recreate in `root` the symlinks along `path`; return the real path to bind."""
    current = "/"
    for part in Path(path).parts[1:]:
        nxt = os.path.join(current, part)
        if os.path.islink(nxt):
            link = root + nxt
            if not os.path.lexists(link):
                os.makedirs(os.path.dirname(link), exist_ok=True)
                os.symlink(os.readlink(nxt), link)
            nxt = os.path.realpath(nxt)
        current = nxt
    return current


def _mountpoint(target: str, is_dir: bool) -> None:
    if is_dir:
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not os.path.exists(target):
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT, 0o644))


def _bind(source: str, root: str, device: bool = False) -> None:
    """Bind `source` at the same path under `root`: read-only, nosuid, nodev, except a
    device node, which stays as /dev has it (a device cannot be setuid)."""
    target = root + source
    _mountpoint(target, os.path.isdir(source))
    try:
        _mount(source, target, None, MS_BIND)
    except OSError:  # a tree with locked submounts can only be bound whole
        _mount(source, target, None, MS_BIND | MS_REC)
    if not device:
        _remount_readonly(target)


def _hide(path: str, root: str) -> None:
    """Cover a secret inside an exposed tree with an empty read-only mount."""
    target = root + path
    if not os.path.lexists(target):
        return
    if os.path.isdir(target):
        _mount("tmpfs", target, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k,nr_inodes=1,mode=0555")
    else:
        _mount("/dev/null", target, None, MS_BIND)
        _remount_readonly(target)


def _base(paths: list[str]) -> str:
    """A folder to mount the new root's tmpfs on (in this namespace only) that hides
    none of `paths` (their real locations are bound from the host after it is mounted)."""
    real = [os.path.realpath(p) for p in paths]
    for base in _BASES:
        if os.path.isdir(base) and not os.path.islink(base) and not any(
                r == base or r.startswith(base + "/") for r in real):
            return base
    raise OSError(0, "no folder to build the private root on")


def _close_skeleton(root: str) -> None:
    """The folders made only to hold mount points (``/``, ``/usr``, ``/work/...``) may be
    passed through but not listed: nothing shows where the grader's files live."""
    todo, skeleton = [root], []
    while todo:
        folder = todo.pop()
        skeleton.append(folder)
        with os.scandir(folder) as entries:
            todo += [e.path for e in entries if e.is_dir(follow_symlinks=False) and not os.path.ismount(e.path)]
    for folder in reversed(skeleton):
        os.chmod(folder, 0o111)


def build(exposed: list[str], hidden: list[str], disk_mb: int, inodes: int, uid: int, gid: int) -> None:
    """Build the private root and pivot into it (see the module docstring). Raises
    OSError if a step fails; the caller then reports the layer as off."""
    root = _base(exposed + hidden)
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,nr_inodes=4096,mode=0755")
    bound: list[str] = []
    for path in sorted(exposed, key=lambda p: len(os.path.realpath(p))):
        if not os.path.exists(path):
            continue
        real = _mirror(path, root)  # symlinks along the way are recreated even when the target is bound
        if not any(real == b or real.startswith(b.rstrip("/") + "/") for b in bound):
            _bind(real, root)
            bound.append(real)
    for path in hidden:
        if os.path.lexists(path):
            _hide(os.path.realpath(path), root)
    for dev in DEVICES:
        if os.path.exists(f"/dev/{dev}"):
            _bind(f"/dev/{dev}", root, device=True)
    work = root + WORKDIR
    os.makedirs(work, exist_ok=True)
    _close_skeleton(root)
    _mount("tmpfs", work, "tmpfs", MS_NOSUID | MS_NODEV,
           f"size={int(disk_mb)}m,nr_inodes={int(inodes)},mode=0700,uid={uid},gid={gid}")
    os.chdir(root)
    if _libc.syscall(ctypes.c_long(_SYS_PIVOT_ROOT), b".", b".") != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"pivot_root: {os.strerror(err)}")
    if _libc.umount2(b".", MNT_DETACH) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"detaching the old root: {os.strerror(err)}")
    os.chdir("/")
    _mount(None, "/", None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
    os.chdir(WORKDIR)


_SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}.get(os.uname().machine, 155)
