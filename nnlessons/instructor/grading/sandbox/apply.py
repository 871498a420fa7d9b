"""Everything the child does to itself before it runs learner code, in two steps.

`prepare` (in the child the zygote forked, still privileged): new namespaces
(`namespaces`) and the private root (`rootfs`). The child then forks the learner's
process (PID 1 of the new PID namespace), which runs `finish`: an unprivileged uid or
no capabilities (`privileges`), a scrubbed environment, resource limits, the course
package made unimportable (except the three modules the child needs:
``nnlessons.exercises.spec/wire/runner``, already imported, and a no-op ``check``),
Landlock and seccomp (`confine`). Both return ``{layer: "on" | "off: <why>"}`` for the
layers of `policy.LAYERS`; `policy.missing` then says whether grading may go on.
"""
from __future__ import annotations

import functools
import importlib.abc
import os
import resource
import sys
import types
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["PACKAGE_DIR", "Limits", "Confinement", "prepare", "finish", "exposed_paths", "forbidden_paths",
           "private_view"]

PACKAGE_DIR = Path(__file__).resolve().parents[3]  # .../nnlessons


@dataclass(frozen=True)
class Limits:
    """Resource limits for one submission's child.

    memory_mb: RLIMIT_AS; cpu_seconds: RLIMIT_CPU (the child is killed past it);
    file_mb: RLIMIT_FSIZE (largest file it may write); processes: RLIMIT_NPROC;
    disk_mb, inodes: the size and inode quota of its working directory (a tmpfs).
    """

    memory_mb: int = 1024
    cpu_seconds: int = 120
    file_mb: int = 16
    processes: int = 64
    open_files: int = 256
    disk_mb: int = 64
    inodes: int = 4096


SIMULATED = "off: left off on request, as on a kernel without it"


@dataclass(frozen=True)
class Confinement:
    """How to confine one submission's child: its resource `limits`; the paths it must
    never see besides the course's own (`forbidden`: the submissions, the output folder,
    the held-out data); the `policy.LAYERS` to leave off as on a kernel without them
    (`simulate_missing`); the `policy.PROTECTIONS` it may grade without (`allowed`);
    and its `slot` (which sandbox uid it gets when the grader is root)."""

    limits: Limits = Limits()
    forbidden: tuple[str, ...] = ()
    simulate_missing: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()
    slot: int = 0

    def to_plain(self) -> dict:
        """As JSON-ready data (for the zygote's request)."""
        return {"limits": asdict(self.limits), "forbidden": list(self.forbidden),
                "simulate_missing": list(self.simulate_missing), "allowed": list(self.allowed), "slot": self.slot}

    @classmethod
    def from_plain(cls, plain: dict) -> "Confinement":
        """The inverse of `to_plain`."""
        return cls(Limits(**plain["limits"]), tuple(plain["forbidden"]), tuple(plain["simulate_missing"]),
                   tuple(plain["allowed"]), int(plain["slot"]))


class CoursePackageBlocker(importlib.abc.MetaPathFinder):
    """Refuses to import any ``nnlessons`` module that is not already loaded."""

    def find_spec(self, fullname, path=None, target=None):  # noqa: D401 (importlib API)
        if fullname == "nnlessons" or fullname.startswith("nnlessons."):
            raise ImportError(
                f"{fullname} is not available while grading: the graded functions must "
                "use numpy and the standard library only")
        return None


def _stub_check_module() -> types.ModuleType:
    mod = types.ModuleType("nnlessons.exercises.checker")
    mod.check = lambda *args, **kwargs: None  # the grader checks; `check` does nothing here
    return mod


def block_course_package() -> None:
    """Install the blocker, a no-op ``check``, and drop package paths from sys.path."""
    stub = _stub_check_module()
    sys.modules["nnlessons.exercises.checker"] = stub
    exercises = sys.modules.get("nnlessons.exercises")
    if exercises is not None:
        exercises.check = stub.check
    sys.meta_path.insert(0, CoursePackageBlocker())
    root = str(PACKAGE_DIR.parent)
    gone = [p for p in sys.path if not p or p.startswith(root) or "__editable__" in p]
    sys.path[:] = [p for p in sys.path if p not in gone]
    for p in gone:  # (not the whole cache: freeing every finder costs each child ~2 ms)
        sys.path_importer_cache.pop(p, None)


def scrub_environment(workdir: str) -> None:
    """Replace the environment with a minimal one (no tokens, no paths of the grader)."""
    keep = {"PATH": "/usr/bin:/bin", "HOME": workdir, "TMPDIR": workdir, "LANG": "C.UTF-8",
            "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    os.environ.clear()
    os.environ.update(keep)


def set_rlimits(limits: Limits) -> None:
    """Memory, CPU, file size, processes, open files, and no core dumps."""
    mb = 1024 * 1024
    pairs = [
        (resource.RLIMIT_AS, limits.memory_mb * mb),
        (resource.RLIMIT_CPU, limits.cpu_seconds),
        (resource.RLIMIT_FSIZE, limits.file_mb * mb),
        (resource.RLIMIT_NPROC, limits.processes),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_NOFILE, limits.open_files),
    ]
    for which, value in pairs:
        soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(which, (value, value))


def read_paths() -> list[Path]:
    """What the child may read: the interpreter's prefixes (stdlib, site-packages),
    the folders on sys.path, the system libraries, and the loader's cache."""
    paths = {Path(sys.prefix) / "lib", Path(sys.base_prefix) / "lib", Path(sys.exec_prefix) / "lib",
             Path(sys.base_exec_prefix) / "lib"}
    paths |= {Path(p) for p in sys.path if p and os.path.isdir(p)}
    paths |= {Path(p) for p in ("/usr/lib", "/usr/lib64", "/lib", "/lib64", "/etc/ld.so.cache", "/dev/urandom")}
    return sorted(p for p in paths if os.path.exists(p))


def _checkout() -> Path | None:
    """The course repository the package runs from, if it is a checkout."""
    repo = PACKAGE_DIR.parent
    return repo if (repo / "pyproject.toml").exists() else None


def forbidden_paths(extra: list[str]) -> list[Path]:
    """Never readable: the course package (references, hidden cases) wherever it is,
    also an installed copy on sys.path; the repository's solutions/ (the held-out data),
    tests/ and exercises/; and `extra` (the submissions, the output folder, the
    held-out file)."""
    repo = PACKAGE_DIR.parent
    out = [PACKAGE_DIR, repo / "solutions", repo / "tests", repo / "exercises"]
    out += [Path(p) / "nnlessons" for p in sys.path if p and os.path.isdir(os.path.join(p, "nnlessons"))]
    out += [Path(p) for p in extra if p]
    return sorted({Path(os.path.realpath(p)) for p in out})


def _is_beneath(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def exposed_paths(forbidden: list[Path]) -> tuple[list[str], list[str]]:
    """(what the private root shows read-only, the secrets inside it to cover): the
    `read_paths`, never the repository checkout itself (only the interpreter's folders
    inside it, e.g. a .venv), nothing inside a forbidden path."""
    repo = _checkout()
    shown = []
    for p in read_paths():
        real = Path(os.path.realpath(p))
        if repo is not None and _is_beneath(repo, real):
            continue  # the checkout or a folder above it
        if any(_is_beneath(real, f) for f in forbidden) or str(real).startswith("/dev/"):
            continue  # a secret, or a device (the root gets its own few)
        shown.append(str(p))
    reals = [Path(os.path.realpath(p)) for p in shown]
    hidden = [str(f) for f in forbidden if any(_is_beneath(f, r) for r in reals)]
    return shown, hidden


@functools.lru_cache(maxsize=4)
def private_view(extra: tuple[str, ...]) -> tuple[tuple[Path, ...], tuple[str, ...], tuple[str, ...]]:
    """(`forbidden_paths`, then what `exposed_paths` shows and hides) for a batch whose
    own secrets are `extra`. The zygote computes it before it forks a child (the same for
    every child of a batch), so each child inherits it instead of walking the paths."""
    forbidden = forbidden_paths(list(extra))
    shown, hidden = exposed_paths(forbidden)
    return tuple(forbidden), tuple(shown), tuple(hidden)


def _layer(name: str, simulate: tuple[str, ...], turn_on) -> str:
    """"on", or "off: <why>" (also when `name` is simulated missing)."""
    if name in simulate:
        return SIMULATED
    reason = turn_on()
    return "on" if reason is None else f"off: {reason}"


def prepare(confinement: Confinement, host_workdir: str) -> tuple[dict[str, str], str | None, str]:
    """In the privileged child: namespaces and the private root. Returns (layer status,
    how the namespaces were made: "root", "user" or None, the working directory)."""
    from . import namespaces, privileges, rootfs

    simulate = confinement.simulate_missing
    wanted = tuple(n for n in ("mount", "pid", "net") if n not in simulate)
    status, mode = namespaces.enter(wanted) if wanted else ({}, None)
    status.update({n: SIMULATED for n in ("mount", "pid", "net") if n in simulate})
    uid, gid = privileges.sandbox_ids(confinement.slot) if os.geteuid() == 0 and mode != "user" \
        else (os.getuid(), os.getgid())
    workdir = host_workdir
    if status.get("mount") == "on":
        _, shown, hidden = private_view(confinement.forbidden)
        lim = confinement.limits
        try:
            rootfs.build(list(shown), list(hidden), lim.disk_mb, lim.inodes, uid, gid)
            workdir = rootfs.WORKDIR
        except OSError as exc:
            status["mount"] = f"off: the private root could not be built ({exc})"
    if workdir == host_workdir and os.geteuid() == 0 and "uid" not in simulate:
        try:
            os.chown(host_workdir, uid, gid)
        except OSError:
            pass
    return status, mode, workdir


def finish(confinement: Confinement, status: dict[str, str], mode: str | None, workdir: str) -> dict[str, str]:
    """In the learner's process, last thing before its code: see the module docstring.
    Landlock first (its rules name paths only a privileged process may reach), then the
    uid or the capabilities, the environment and limits, seccomp last (it forbids the
    calls the steps before it make)."""
    from . import confine, privileges, rootfs

    simulate = confinement.simulate_missing
    status = dict(status)
    if status.get("mount") == "on":
        reads, writes, forbidden = [Path("/")], [Path(workdir)], []
    else:  # the same folders the private root would show (never the checkout), minus the secrets
        forbidden, shown, _ = private_view(confinement.forbidden)
        reads, writes, forbidden = [Path(p) for p in shown], [Path(workdir)], list(forbidden)
    writes += [Path(f"/dev/{d}") for d in rootfs.DEVICES if os.path.exists(f"/dev/{d}")]
    if "landlock" in simulate:
        status["landlock"], abi = SIMULATED, 0
    else:
        reason, abi = confine.landlock_confine(reads, writes, forbidden)
        status["landlock"] = "on" if reason is None else f"off: {reason}"
    if "landlock-scopes" in simulate:
        status["landlock-scopes"] = SIMULATED
    else:
        status["landlock-scopes"] = ("off: no Landlock" if status["landlock"] != "on"
                                     else "on" if abi >= 6 else f"off: Landlock ABI {abi} < 6")
    if mode == "user":
        if privileges.drop_capabilities() is not None:
            status["mount"] = "off: could not drop the user namespace's capabilities"
        status["uid"] = "off: the grader does not run as root (the child keeps its uid, without capabilities)"
    elif os.geteuid() == 0:
        status["uid"] = _layer("uid", simulate, lambda: privileges.drop_to(*privileges.sandbox_ids(confinement.slot)))
    else:
        status["uid"] = "off: the grader does not run as root and has no user namespace"
    privileges.harden()
    os.chdir(workdir)
    scrub_environment(workdir)
    try:
        set_rlimits(confinement.limits)
        status["rlimits"] = "on"
    except (OSError, ValueError) as exc:
        status["rlimits"] = f"off: {exc}"
    block_course_package()
    status["seccomp"] = _layer("seccomp", simulate, confine.seccomp_filter)
    return status
