"""Grade a class: ``SUBMISSIONS/<student>/exNN_*.ipynb`` -> ``DIR`` (gradebook, CSVs,
feedback pages, Gradescope results).

The pipeline: find the files (regular files only: a symlink is refused, never
followed), hash them, skip the ones whose sha256 the gradebook already holds (unless
``force``), parse the rest (a broken notebook is an ``error`` row and the batch goes
on), run each in its own sandboxed child (``jobs`` at a time), evaluate in this
process, record each submission in one transaction, then write every export from the
gradebook. The submission files are only ever read.
"""
from __future__ import annotations

import math
import os
import stat
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from . import exports
from .course import Course, default_course
from .grade import STATUSES, build_request, draw_cases, error_rows, rows_for_run
from .gradebook import Gradebook
from .notebook import NotebookError, Submission, match_by_name, parse, sha256_of
from .sandbox.pool import RunResult, ZygotePool
from .sandbox.apply import KERNEL_LAYERS, Confinement, Limits

__all__ = ["Options", "Item", "Summary", "discover", "default_timeout", "Grader", "Progress", "grade_class"]


@dataclass
class Options:
    """How to grade. timeout: wall seconds per submission (None: from the exercises'
    time limits); memory_mb: the child's address-space limit; max_output_mb: the most
    a child may send back; skip_protections: kernel layers to leave off, as on a kernel
    without them (`sandbox.KERNEL_LAYERS`; for tests, not on the command line)."""

    jobs: int = 1
    timeout: float | None = None
    memory_mb: int = 1024
    force: bool = False
    max_output_mb: int = 32
    progress: bool = True
    skip_protections: tuple[str, ...] = ()


@dataclass
class Item:
    """One submitted file."""

    student: str          # display form (valid UTF-8)
    file: str             # display form
    path: Path
    data: bytes = b""
    sha256: str = ""
    notebook: str = ""
    sub: Submission | None = None
    error: str = ""


@dataclass
class Summary:
    """What a batch did.

    graded: submissions run this time (`stopped`: of those, how many the grader had to
    stop before they finished: time limit, crash, too much output); skipped: unchanged
    since the last run; unreadable: files that could not be graded at all (not a
    notebook, broken JSON, a symlink...: an ``error`` row each). statuses / students /
    mean_points / mean_max_points: the whole gradebook after the batch (the class).
    """

    graded: int = 0
    skipped: int = 0
    unreadable: int = 0
    stopped: int = 0
    seconds: float = 0.0
    protections: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    students: int = 0
    mean_points: float = 0.0
    mean_max_points: float = 0.0

    def tally(self, rows) -> None:
        """Per-status counts of exercise rows and the mean total per student, from grade rows."""
        self.statuses = {s: 0 for s in STATUSES}
        totals: dict[str, list[float]] = {}
        for r in rows:
            self.statuses[r["status"]] = self.statuses.get(r["status"], 0) + 1
            t = totals.setdefault(r["student"], [0.0, 0.0])
            t[0] += r["points"]
            t[1] += r["max_points"]
        self.students = len(totals)
        if totals:
            self.mean_points = sum(t[0] for t in totals.values()) / len(totals)
            self.mean_max_points = sum(t[1] for t in totals.values()) / len(totals)

    def text(self) -> str:
        """The closing summary, for the terminal."""
        rate = f" ({self.graded / self.seconds:.1f} notebooks/s)" if self.graded and self.seconds else ""
        stopped = f" ({self.stopped} stopped before the end)" if self.stopped else ""
        lines = [f"graded {self.graded}{stopped}, skipped {self.skipped} unchanged, "
                 f"unreadable {self.unreadable}, in {self.seconds:.1f} s{rate}"]
        if self.statuses:
            counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in self.statuses.items())
            lines.append(f"exercises: {counts}")
        if self.students:
            pct = f" ({100 * self.mean_points / self.mean_max_points:.0f}%)" if self.mean_max_points else ""
            lines.append(f"class: {self.students} student{'s' * (self.students != 1)}, mean "
                         f"{self.mean_points:.4g} of {self.mean_max_points:.4g} points{pct}")
        off = {k: v for k, v in self.protections.items() if v != "on"}
        if self.protections and not off:
            lines.append("protections: all on (" + ", ".join(self.protections) + ")")
        elif off:
            lines.append("protections OFF: " + "; ".join(f"{k} ({v})" for k, v in off.items()))
            lines.append("protections on: " + ", ".join(k for k, v in self.protections.items() if v == "on"))
        lines += self.notes
        return "\n".join(lines)


def discover(root: Path) -> list[Item]:
    """Every ``<student>/*.ipynb`` under `root`, sorted; names may be any bytes."""
    if not root.is_dir():
        raise FileNotFoundError(f"{root} is not a folder: pass the folder that holds one folder per student")
    items = []
    for student in sorted(os.listdir(root)):
        sdir = root / student
        if not sdir.is_dir() or sdir.is_symlink():
            continue
        for name in sorted(os.listdir(sdir)):
            if name.endswith(".ipynb"):
                items.append(Item(exports.display_name(student), exports.display_name(name), sdir / name))
    return items


def _read(item: Item) -> None:
    """Read a file's bytes without following a symlink (never writes)."""
    try:
        fd = os.open(item.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        item.error = (f"{item.file} is a symbolic link; submit the notebook file itself"
                      if os.path.islink(item.path) else f"cannot read {item.file}: {exc.strerror}")
        return
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            item.error = f"{item.file} is not a regular file"
            return
        item.data = fh.read(50_000_001)
    item.sha256 = sha256_of(item.data)


def default_timeout(course: Course, notebook: str) -> float:
    """Wall seconds for a notebook: 30 s plus 6 x each exercise's per-case time limit,
    at most 900 s (the heuristic `nnlessons grade --help` describes; 40% of it is the
    budget for running the notebook's cells)."""
    per_case = sum(course.exercises[n].time_limit * 6 for n in course.notebooks[notebook])
    return min(30.0 + per_case, 900.0)


class Grader:
    """One batch: the gradebook, the pool, the course."""

    def __init__(self, submissions: Path, out: Path, options: Options, course: Course | None = None):
        self.root, self.out, self.opt = submissions, out, options
        self.course = course or default_course()
        self.summary = Summary()
        unknown = set(options.skip_protections) - set(KERNEL_LAYERS)
        if unknown:
            raise ValueError(f"unknown protections {sorted(unknown)}; choose from {list(KERNEL_LAYERS)}")

    # ------------------------------------------------------------------ planning
    def plan(self, gb: Gradebook, items: list[Item]) -> list[Item]:
        """Read, hash, skip unchanged, parse; returns the items to record."""
        todo = []
        known = self.course.notebooks
        for item in items:
            _read(item)
            if item.sha256 and not self.opt.force and gb.known_sha(item.student, item.file) == item.sha256:
                self.summary.skipped += 1
                continue
            if not item.error:
                try:
                    item.sub = parse(item.path, item.data, known)
                    item.notebook = item.sub.notebook or ""
                except NotebookError as exc:
                    item.error = str(exc)
            if not item.notebook:
                item.notebook = match_by_name(item.path, known) or Path(item.file).stem
                if not item.error:
                    item.error = (f"{item.file} is not one of the course's exercise notebooks "
                                  f"({', '.join(sorted(known))}); submit it under its own name")
            item.data = b""
            todo.append(item)
        return self._drop_duplicates(gb, todo)

    def _drop_duplicates(self, gb: Gradebook, todo: list[Item]) -> list[Item]:
        """Two files for one notebook: the one named like the notebook wins."""
        groups: dict[tuple[str, str], list[Item]] = {}
        for item in todo:
            if not item.error:
                groups.setdefault((item.student, item.notebook), []).append(item)
        losers = set()
        for (student, notebook), group in groups.items():
            if len(group) > 1:
                group.sort(key=lambda it: (Path(it.file).stem != notebook, it.file))
                for it in group[1:]:
                    losers.add(id(it))
                    gb.record(it.student, it.file, notebook, it.sha256, "duplicate",
                              f"not graded: {group[0].file} is graded for {notebook}", None)
                    self.summary.notes.append(f"{student}: {it.file} not graded ({group[0].file} "
                                              f"is graded for {notebook})")
        return [it for it in todo if id(it) not in losers]

    # ------------------------------------------------------------------ running
    def run_one(self, pool: ZygotePool, item: Item) -> tuple[list, RunResult | None]:
        """Grade one parsed submission in a child (runs in a worker thread)."""
        course, sub = self.course, item.sub
        wall = self.opt.timeout or default_timeout(course, sub.notebook)
        cases = draw_cases(course, item.student, sub.notebook)
        request = build_request(course, sub.notebook, sub.cells, cases, cell_budget=max(wall * 0.4, 0.5),
                                cell_numbers=sub.cell_numbers, wall=wall)
        for ex in request["exercises"]:
            ex["time_limit"] = min(ex["time_limit"], wall)
        confinement = Confinement(Limits(memory_mb=self.opt.memory_mb, cpu_seconds=int(math.ceil(wall)) + 1),
                                  forbidden=(str(self.root.resolve()), str(self.out.resolve())),
                                  skip=tuple(self.opt.skip_protections))
        run = pool.run(request, confinement, wall, self.opt.max_output_mb * 1_000_000)
        return rows_for_run(course, item.student, sub.notebook, cases, run), run

    def record(self, gb: Gradebook, item: Item, rows: list, run: RunResult | None) -> None:
        """Write one submission's result (one transaction)."""
        if run is None:
            gb.record(item.student, item.file, item.notebook, item.sha256, "error", item.error, rows)
            self.summary.unreadable += 1
            return
        note = "; ".join(f"cell {e.get('cell')}: {str(e.get('error', '')).splitlines()[0][:200]}"
                         for e in run.cell_errors[:5])
        status = "graded" if run.ended == "done" else run.ended
        message = " ".join(p for p in (run.detail, f"cells that raised: {note}" if note else "") if p)
        gb.record(item.student, item.file, item.notebook, item.sha256, status, message, rows, run.protections)
        for k, v in run.protections.items():
            if self.summary.protections.get(k, "on") == "on":
                self.summary.protections[k] = v
        self.summary.graded += 1
        if run.ended != "done":
            self.summary.stopped += 1

    def grade(self) -> Summary:
        """Run the whole batch and write the exports."""
        start = time.monotonic()
        self.out.mkdir(parents=True, exist_ok=True)
        gb = Gradebook(self.out / "gradebook.sqlite")
        try:
            items = discover(self.root)
            todo = self.plan(gb, items)
            self._run_all(gb, todo)
            gb.prune({(it.student, it.file) for it in items})
            self.export(gb)
        finally:
            gb.close()
        self.summary.seconds = time.monotonic() - start
        return self.summary

    def _run_all(self, gb: Gradebook, todo: list[Item]) -> None:
        broken = [it for it in todo if it.error]
        runnable = [it for it in todo if not it.error]
        bar = Progress(len(todo), enabled=self.opt.progress)
        for item in broken:
            self.record(gb, item, error_rows(self.course, item.student, item.notebook, item.error), None)
            bar.step()
        if not runnable:
            bar.close()
            return
        with ZygotePool(self.opt.jobs) as pool, ThreadPoolExecutor(self.opt.jobs) as ex:
            futures = {ex.submit(self.run_one, pool, it): it for it in runnable}
            for fut in as_completed(futures):
                item = futures[fut]
                try:
                    rows, run = fut.result()
                except Exception as exc:  # noqa: BLE001 (a grader fault: that file only)
                    item.error = f"the grader failed on this file ({type(exc).__name__}: {exc})"
                    rows, run = error_rows(self.course, item.student, item.notebook, item.error), None
                self.record(gb, item, rows, run)
                bar.step()
        bar.close()

    def export(self, gb: Gradebook) -> None:
        """Write the CSVs, feedback pages and Gradescope results from the gradebook."""
        notes = {}
        for s in gb.submissions():
            if s["message"]:
                key = (s["student"], s["notebook"])
                notes[key] = (notes.get(key, "") + "\n" + s["message"]).strip()
        rows = gb.grades()
        exports.write_all(self.out, rows, notes)
        self.summary.tally(rows)


class Progress:
    """A one-line progress bar on stderr."""

    def __init__(self, total: int, enabled: bool = True, width: int = 30):
        self.total, self.done, self.enabled, self.width = total, 0, enabled and total > 0, width

    def step(self) -> None:
        """One more file done."""
        self.done += 1
        if self.enabled:
            filled = self.width * self.done // self.total
            sys.stderr.write(f"\rgrading [{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total}")
            sys.stderr.flush()

    def close(self) -> None:
        """End the line."""
        if self.enabled:
            sys.stderr.write("\n")


def grade_class(submissions: Path, out: Path, options: Options | None = None,
                course: Course | None = None) -> Summary:
    """Grade every submission under `submissions` into `out`; returns the summary."""
    return Grader(Path(submissions), Path(out), options or Options(), course).grade()
