"""Everything the child does to itself before it runs learner code.

`apply(confinement, workdir)` puts the child in its working directory, scrubs its environment,
sets resource limits, makes the course package unimportable (except the three
modules the child needs: ``nnlessons.exercises.spec/wire/runner``, already imported,
and a no-op ``check``), and applies the kernel layers of `confine`. It returns
``{protection: "on" | "off: <reason>"}`` for the grader's summary.
"""
from __future__ import annotations

import importlib.abc
import os
import resource
import sys
import types
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["PACKAGE_DIR", "KERNEL_LAYERS", "Limits", "Confinement", "apply"]

PACKAGE_DIR = Path(__file__).resolve().parents[3]  # .../nnlessons


@dataclass(frozen=True)
class Limits:
    """Resource limits for one submission's child.

    memory_mb: RLIMIT_AS; cpu_seconds: RLIMIT_CPU (the child is killed past it);
    file_mb: RLIMIT_FSIZE (largest file it may write); processes: RLIMIT_NPROC.
    """

    memory_mb: int = 1024
    cpu_seconds: int = 120
    file_mb: int = 16
    processes: int = 64
    open_files: int = 256


KERNEL_LAYERS = ("user+network namespace", "landlock filesystem", "seccomp (no new processes)")


@dataclass(frozen=True)
class Confinement:
    """How to confine one submission's child: its resource `limits`, the paths it must
    never read besides the course's own (`forbidden`: the submissions, the output
    folder), and the `KERNEL_LAYERS` to leave off (`skip`), as on a kernel without them."""

    limits: Limits = Limits()
    forbidden: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()

    def to_plain(self) -> dict:
        """As JSON-ready data (for the zygote's request)."""
        return {"limits": asdict(self.limits), "forbidden": list(self.forbidden), "skip": list(self.skip)}

    @classmethod
    def from_plain(cls, plain: dict) -> "Confinement":
        """The inverse of `to_plain`."""
        return cls(Limits(**plain["limits"]), tuple(plain["forbidden"]), tuple(plain["skip"]))


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
    sys.path[:] = [p for p in sys.path if p and not p.startswith(root) and "__editable__" not in p]
    sys.path_importer_cache.clear()


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
    the system libraries, and the loader's cache."""
    paths = {Path(sys.prefix) / "lib", Path(sys.base_prefix) / "lib", Path(sys.exec_prefix) / "lib",
             Path(sys.base_exec_prefix) / "lib"}
    paths |= {Path(p) for p in sys.path if p and os.path.isdir(p)}
    paths |= {Path(p) for p in ("/usr/lib", "/usr/lib64", "/lib", "/lib64", "/etc/ld.so.cache",
                                "/usr/share/zoneinfo", "/dev/urandom")}
    return sorted(p for p in paths if p.exists())


def forbidden_paths(extra: list[str]) -> list[Path]:
    """Never readable: the course package (references, hidden cases), the repository's
    solutions/ and tests/, and `extra` (the submissions, the output folder). The
    repository root itself is never granted (only the interpreter's folders are), even
    when the virtualenv lives inside it."""
    repo = PACKAGE_DIR.parent
    out = [PACKAGE_DIR, repo / "solutions", repo / "tests", repo / "exercises"]
    out += [Path(p).resolve() for p in extra if p]
    return out


def apply(confinement: Confinement, workdir: str) -> dict[str, str]:
    """Confine this process (the child) in `workdir` and say what is on. Order matters:
    namespaces before rlimits (RLIMIT_NPROC then counts only the new namespace),
    Landlock and seccomp last."""
    from . import confine

    limits, forbidden, skip = confinement.limits, list(confinement.forbidden), confinement.skip
    status: dict[str, str] = {}
    skipped = "left off on request, as on a kernel without it"

    def layer(name: str, turn_on):
        return skipped if name in skip else turn_on()

    def record(name: str, reason: str | None) -> None:
        status[name] = "on" if reason is None else f"off: {reason}"

    os.chdir(workdir)
    scrub_environment(workdir)
    record("scrubbed environment", None)
    record("user+network namespace", layer("user+network namespace", confine.unshare_user_net))
    try:
        set_rlimits(limits)
        record("resource limits", None)
    except (OSError, ValueError) as exc:
        record("resource limits", str(exc))
    block_course_package()
    record("course package unimportable", None)
    if "landlock filesystem" in skip:
        reason, abi = skipped, 0
    else:
        reason, abi = confine.landlock_confine(read_paths(), [Path(workdir), Path("/dev/null")],
                                               forbidden_paths(forbidden))
    record("landlock filesystem", reason)
    record("landlock network+signals", "no Landlock" if reason is not None
           else None if abi >= 6 else f"Landlock ABI {abi} < 6")
    record("seccomp (no new processes)", layer("seccomp (no new processes)", confine.seccomp_no_processes))
    return status
