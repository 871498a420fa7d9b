"""Grade a class: ``SUBMISSIONS/<student>/exNN_*.ipynb`` -> ``DIR`` (gradebook, CSVs,
feedback pages, Gradescope results).

The pipeline: find the files (regular files only: a symlink is refused, never
followed; a student is their folder name's raw bytes, and two names that are shown
the same way are both refused), hash them, skip the ones whose sha256 the gradebook
already holds (unless ``force``), parse the rest (a broken notebook is an ``error`` row
and the batch goes on), check once that the sandbox gives every protection grading
requires (else refuse, `SandboxRefused`), run each submission in its own sandboxed
child (``jobs`` at a time), evaluate its outcomes in a separate process under a memory
limit (`evaluator`), record each submission in one transaction, then write every
export from the gradebook. Each file is guarded on its own: whatever goes wrong with
one (in planning, running, evaluating or recording) is one error row with a reason.
The submission files are only ever read.
"""
from __future__ import annotations

import math
import os
import stat
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import exports
from .course import Course, default_course
from .evaluator import EvaluationError, Evaluator
from .grade import STATUSES, Row, build_request, draw_cases, error_rows
from .gradebook import Gradebook
from .notebook import NotebookError, Submission, match_by_name, parse, sha256_of
from .sandbox import policy
from .sandbox.apply import Confinement, Limits
from .sandbox.pool import RunResult, ZygotePool
from .text import clean, first_line, printable

__all__ = ["Options", "Item", "Summary", "SandboxRefused", "discover", "default_timeout", "Grader", "Progress",
           "grade_class"]

HELDOUT_ENV = "NNLESSONS_HELDOUT"


class SandboxRefused(RuntimeError):
    """Grading refused: the sandbox cannot give a protection grading requires."""


@dataclass
class Options:
    """How to grade. timeout: wall seconds per submission (None: from the exercises'
    time limits); memory_mb: the child's address-space limit; eval_memory_mb: the
    memory evaluating one submission's outputs may take; max_output_mb: the most a
    child may send back; allow_weaker_sandbox: protections (`policy.PROTECTIONS`, or
    "all") grading may go on without (``--allow-weaker-sandbox``); simulate_missing:
    sandbox layers (`policy.LAYERS`) to leave off as on a kernel without them (to test
    a machine's fallback; not on the command line)."""

    jobs: int = 1
    timeout: float | None = None
    memory_mb: int = 1024
    force: bool = False
    max_output_mb: int = 32
    progress: bool = True
    allow_weaker_sandbox: tuple[str, ...] = ()
    simulate_missing: tuple[str, ...] = ()
    eval_memory_mb: int = 1024


@dataclass
class Item:
    """One submitted file: its raw names, their display forms and ids (hex of the raw bytes)."""

    raw_student: bytes
    raw_file: bytes
    path: Path
    data: bytes = b""
    sha256: str = ""
    notebook: str = ""
    sub: Submission | None = None
    error: str = ""

    @property
    def student(self) -> str:
        return exports.display_name(os.fsdecode(self.raw_student))

    @property
    def file(self) -> str:
        return exports.display_name(os.fsdecode(self.raw_file))

    @property
    def ids(self) -> tuple[str, str, str, str]:
        """(student_id, student, file_id, file) for the gradebook."""
        return self.raw_student.hex(), self.student, self.raw_file.hex(), self.file


@dataclass
class Summary:
    """What a batch did.

    graded: submissions run this time (`stopped`: of those, how many the grader had to
    stop before they finished: time limit, crash, too much output); skipped: unchanged
    since the last run; unreadable: files that could not be graded at all (not a
    notebook, broken JSON, a symlink...: an ``error`` row each). protections: the
    sandbox layers ({layer: "on" | "off: why"}); weaker: the protections graded
    without (allowed by ``--allow-weaker-sandbox``). statuses / students /
    mean_points / mean_max_points: the whole gradebook after the batch (the class).
    """

    graded: int = 0
    skipped: int = 0
    unreadable: int = 0
    stopped: int = 0
    seconds: float = 0.0
    protections: dict[str, str] = field(default_factory=dict)
    weaker: list[str] = field(default_factory=list)
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
            t = totals.setdefault(r["student_id"] if "student_id" in r.keys() else r["student"], [0.0, 0.0])
            t[0] += r["points"]
            t[1] += r["max_points"]
        self.students = len(totals)
        if totals:
            self.mean_points = sum(t[0] for t in totals.values()) / len(totals)
            self.mean_max_points = sum(t[1] for t in totals.values()) / len(totals)

    def _sandbox_lines(self) -> list[str]:
        if not self.protections:
            return []
        on = [k for k, v in self.protections.items() if v == "on"]
        off = {k: v for k, v in self.protections.items() if v != "on"}
        held = [p for p in policy.PROTECTIONS if p not in self.weaker]
        lines = []
        if self.weaker:
            lines.append(f"WEAKER SANDBOX: graded WITHOUT {', '.join(self.weaker)} protection "
                         f"(allowed by --allow-weaker-sandbox {' '.join(self.weaker)})")
        lines.append(f"sandbox: protections held: {', '.join(held) or 'none'}; layers on: {', '.join(on) or 'none'}")
        if off:
            lines.append("sandbox layers OFF: " + "; ".join(f"{k} ({v[4:].strip() if v.startswith('off:') else v})"
                                                           for k, v in off.items()))
        return lines

    def text(self) -> str:
        """The closing summary, for the terminal (no control characters)."""
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
        lines += self._sandbox_lines()
        lines += [clean(n, 500).replace("\n", " ") for n in self.notes[:50]]
        if len(self.notes) > 50:
            lines.append(f"... and {len(self.notes) - 50} more notes")
        return "\n".join(printable(line) for line in lines)


def discover(root: Path) -> list[Item]:
    """Every ``<student>/*.ipynb`` under `root`, sorted by raw name; names may be any bytes."""
    if not root.is_dir():
        raise FileNotFoundError(f"{root} is not a folder: pass the folder that holds one folder per student")
    items = []
    broot = os.fsencode(root)
    for student in sorted(os.listdir(broot)):
        sdir = os.path.join(broot, student)
        if not os.path.isdir(sdir) or os.path.islink(sdir):
            continue
        try:
            names = sorted(os.listdir(sdir))
        except OSError:
            continue
        for name in names:
            if name.endswith(b".ipynb"):
                items.append(Item(student, name, Path(os.fsdecode(os.path.join(sdir, name)))))
    return items


def _refuse_lookalikes(items: list[Item]) -> list[str]:
    """Mark items whose student or file is shown like another's (different raw bytes)
    as errors; returns notes for the summary."""
    notes = []
    for key, what in ((lambda it: it.student, "student folders"),
                      (lambda it: (it.student, it.file), "files")):
        groups: dict = {}
        for it in items:
            groups.setdefault(key(it), set()).add((it.raw_student, it.raw_file) if what == "files" else it.raw_student)
        for it in items:
            if len(groups[key(it)]) > 1 and not it.error:
                shown = it.student if what == "student folders" else f"{it.student}/{it.file}"
                it.error = (f"not graded: two {what} have the same name when shown ({shown}); rename "
                            "one (e.g. without special characters) and resubmit")
        notes += [f"{what} shown alike, not graded: {k if isinstance(k, str) else '/'.join(k)}"
                  for k, v in groups.items() if len(v) > 1]
    return notes


def _read(item: Item) -> None:
    """Read a file's bytes without following a symlink (never writes)."""
    try:
        fd = os.open(item.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        item.error = (f"{item.file} is a symbolic link; submit the notebook file itself"
                      if os.path.islink(item.path) else f"cannot read {item.file}: {exc.strerror}")
        return
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            item.error = f"{item.file} is not a regular file (a folder?); submit the notebook file itself"
            return
        chunks, size = [], 0
        while size <= 50_000_000:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        item.data = b"".join(chunks)
    finally:
        os.close(fd)
    item.sha256 = sha256_of(item.data)


def default_timeout(course: Course, notebook: str) -> float:
    """Wall seconds for a notebook: 30 s plus 6 x each exercise's per-case time limit,
    at most 900 s (the heuristic `nnlessons grade --help` describes; 40% of it is the
    budget for running the notebook's cells)."""
    per_case = sum(course.exercises[n].time_limit * 6 for n in course.notebooks[notebook])
    return min(30.0 + per_case, 900.0)


class Grader:
    """One batch: the gradebook, the pool, the evaluator, the course."""

    def __init__(self, submissions: Path, out: Path, options: Options, course: Course | None = None):
        self.root, self.out, self.opt = submissions, out, options
        bad = policy.unknown(options.allow_weaker_sandbox)
        if bad:
            raise ValueError(f"unknown protections {bad}; choose from {[*policy.PROTECTIONS, policy.ALL]}")
        bad = sorted(set(options.simulate_missing) - set(policy.LAYERS))
        if bad:
            raise ValueError(f"unknown sandbox layers {bad}; choose from {list(policy.LAYERS)}")
        self.course = course  # loaded by `grade` (the course's own if None) while the zygotes start
        self.summary = Summary()

    # ------------------------------------------------------------------ planning
    def plan(self, gb: Gradebook, items: list[Item]) -> list[Item]:
        """Read, hash, skip unchanged, parse; returns the items to record."""
        todo = []
        for item in items:
            try:
                if self._plan_one(gb, item):
                    todo.append(item)
            except Exception as exc:  # noqa: BLE001 (one file's problem is that file's error row)
                item.error = f"the grader could not read this file ({type(exc).__name__}: {first_line(exc)})"
                item.notebook = item.notebook or self._notebook_by_name(item)
                item.data = b""
                todo.append(item)
        return self._drop_duplicates(gb, todo)

    def _notebook_by_name(self, item: Item) -> str:
        return match_by_name(Path(item.file), self.course.notebooks) or clean(Path(item.file).stem, 100)

    def _plan_one(self, gb: Gradebook, item: Item) -> bool:
        known = self.course.notebooks
        if not item.error:
            _read(item)
        if item.sha256 and not item.error and not self.opt.force \
                and gb.known_sha(item.ids[0], item.ids[2]) == item.sha256:
            self.summary.skipped += 1
            return False
        if not item.error:
            try:
                item.sub = parse(item.path, item.data, known)
                item.notebook = item.sub.notebook or ""
            except NotebookError as exc:
                item.error = str(exc)
            except (ValueError, RecursionError, MemoryError) as exc:  # huge ints, deep nesting
                item.error = (f"the file could not be read as a notebook ({type(exc).__name__}); open it in "
                              "JupyterLab, save it and resubmit")
        if not item.notebook:
            item.notebook = self._notebook_by_name(item)
            if not item.error:
                item.error = (f"{item.file} is not one of the course's exercise notebooks "
                              f"({', '.join(sorted(known))}); submit it under its own name")
        item.data = b""
        return True

    def _drop_duplicates(self, gb: Gradebook, todo: list[Item]) -> list[Item]:
        """Two files for one notebook: the one named like the notebook wins."""
        groups: dict[tuple[bytes, str], list[Item]] = {}
        for item in todo:
            if not item.error:
                groups.setdefault((item.raw_student, item.notebook), []).append(item)
        losers = set()
        for (_, notebook), group in groups.items():
            if len(group) > 1:
                group.sort(key=lambda it: (Path(it.file).stem != notebook, it.raw_file))
                for it in group[1:]:
                    losers.add(id(it))
                    self._guarded_record(gb, it, None, None, status="duplicate",
                                         message=f"not graded: {group[0].file} is graded for {notebook}")
                    self.summary.notes.append(f"{it.student}: {it.file} not graded ({group[0].file} "
                                              f"is graded for {notebook})")
        return [it for it in todo if id(it) not in losers]

    # ------------------------------------------------------------------ running
    def confinement(self) -> Confinement:
        """How every child is confined in this batch."""
        wall = self.opt.timeout or 900.0
        forbidden = [str(self.root.resolve()), str(self.out.resolve())]
        if os.environ.get(HELDOUT_ENV):
            forbidden.append(os.path.realpath(os.environ[HELDOUT_ENV]))
        return Confinement(Limits(memory_mb=self.opt.memory_mb, cpu_seconds=int(math.ceil(wall)) + 1),
                           forbidden=tuple(forbidden), simulate_missing=tuple(self.opt.simulate_missing),
                           allowed=tuple(self.opt.allow_weaker_sandbox))

    def run_one(self, pool: ZygotePool, evaluator: Evaluator, item: Item) -> tuple[list, RunResult | None]:
        """Grade one parsed submission in a child, evaluate it (runs in a worker thread)."""
        course, sub = self.course, item.sub
        wall = self.opt.timeout or default_timeout(course, sub.notebook)
        cases = draw_cases(course, item.ids[0], sub.notebook, item.sha256)
        request = build_request(course, sub.notebook, sub.cells, cases, cell_budget=max(wall * 0.4, 0.5),
                                cell_numbers=sub.cell_numbers, wall=wall)
        for ex in request["exercises"]:
            ex["time_limit"] = min(ex["time_limit"], wall)
        confinement = replace(self.confinement(), limits=Limits(memory_mb=self.opt.memory_mb,
                                                                cpu_seconds=int(math.ceil(wall)) + 1))
        first: dict[str, dict] = {}  # exercise -> its row, evaluated before the probe phase

        def decide(graded: RunResult) -> list[str]:
            """Evaluate the graded results now; probe only the exercises not passed."""
            first.update(zip(course.notebooks[sub.notebook], self._evaluate(evaluator, item, cases, graded, wall)))
            return [name for name, row in first.items() if row.get("status") != "passed"]

        run = pool.run(request, confinement, wall, self.opt.max_output_mb * 1_000_000, decide)
        if run.ended == "refused":  # the check before the batch passed: a passing failure, this file only
            return error_rows(course, item.student, sub.notebook, f"not graded: {run.detail}; grade it again"), run
        try:
            names = course.notebooks[sub.notebook]
            if first and run.ended == "done":  # the graded results are the ones `decide` evaluated
                probed = [n for n in names if n in run.probes]  # only their feedback is new
                if probed:
                    first.update(zip(probed, self._evaluate(evaluator, item, cases, run, wall, probed)))
                plain = [first[n] for n in names]
            else:
                plain = self._evaluate(evaluator, item, cases, run, wall)
            rows = [_row(p, course.exercises[n].points) for p, n in zip(plain, names)]
        except EvaluationError as exc:
            rows = error_rows(course, item.student, sub.notebook, f"not graded: {exc}")
        return rows, run

    def _evaluate(self, evaluator: Evaluator, item: Item, cases: dict, run: RunResult, wall: float,
                  names: list[str] | None = None) -> list[dict]:
        """The evaluation process's plain rows for `run`, one per exercise of `names`
        (default: the notebook's; EvaluationError if odd)."""
        names = self.course.notebooks[item.sub.notebook] if names is None else names
        plain = evaluator.rows(item.student, item.sub.notebook, cases, run, timeout=max(120.0, wall), names=names)
        if not isinstance(plain, list) or len(plain) != len(names):
            raise EvaluationError("the evaluation process sent back an unexpected answer")
        return plain

    def _guarded_record(self, gb: Gradebook, item: Item, rows, run: RunResult | None,
                        status: str = "", message: str = "") -> None:
        """Record one submission; if that fails, record an error row saying why instead."""
        try:
            self.record(gb, item, rows, run, status, message)
        except Exception as exc:  # noqa: BLE001 (a value SQLite refuses, a full disk...)
            reason = f"the grader could not record this file's result ({type(exc).__name__}: {first_line(exc)})"
            gb.record(item.ids, item.notebook, item.sha256 or "", "error", reason,
                      error_rows(self.course, item.student, item.notebook, reason))

    def record(self, gb: Gradebook, item: Item, rows: list | None, run: RunResult | None,
               status: str = "", message: str = "") -> None:
        """Write one submission's result (one transaction)."""
        if status:
            gb.record(item.ids, item.notebook, item.sha256, status, message, rows)
            return
        if run is None:
            gb.record(item.ids, item.notebook, item.sha256, "error", item.error, rows)
            self.summary.unreadable += 1
            return
        note = "; ".join(f"cell {e.get('cell')}: {first_line(e.get('error', ''), 200)}" for e in run.cell_errors[:5])
        status = "graded" if run.ended == "done" else run.ended
        message = " ".join(p for p in (run.detail, f"cells that raised: {note}" if note else "") if p)
        gb.record(item.ids, item.notebook, item.sha256, status, message, rows, run.protections)
        self.summary.graded += 1
        if run.ended != "done":
            self.summary.stopped += 1

    def grade(self) -> Summary:
        """Run the whole batch and write the exports."""
        start = time.monotonic()
        self.out.mkdir(parents=True, exist_ok=True)
        items = discover(self.root)
        pool = ZygotePool(self.opt.jobs, wait=False) if items else None  # warm while the course loads
        try:
            self.course = self.course or default_course()
            evaluator = Evaluator(self.course, self.opt.eval_memory_mb)  # forked before any thread
            try:
                self._grade(items, pool, evaluator)
            finally:
                evaluator.close()
        finally:
            if pool is not None:
                pool.close()
        self.summary.seconds = time.monotonic() - start
        return self.summary

    def _grade(self, items: list[Item], pool: ZygotePool | None, evaluator: Evaluator) -> None:
        """Plan, run, record and export, in the gradebook."""
        gb = Gradebook(self.out / "gradebook.sqlite")
        try:
            if gb.restarted:
                self.summary.notes.append("the gradebook was made by an older grader: every submission "
                                          "is graded again")
            self.summary.notes += _refuse_lookalikes(items)
            todo = self.plan(gb, items)
            self._run_all(gb, pool, evaluator, todo)
            gb.prune({(it.ids[0], it.ids[2]) for it in items})
            self.export(gb)
        finally:
            gb.close()

    def _check_sandbox(self, pool: ZygotePool) -> None:
        """Before grading anything: which protections hold; refuse unless all required do."""
        probe = pool.check(self.confinement())
        self.summary.protections = dict(probe.protections)
        gaps = policy.missing(probe.protections)
        if probe.ended == "refused" or not probe.protections or set(gaps) - set(self._allowed()):
            refused = [g for g in gaps if g not in self._allowed()] or ["all"]
            raise SandboxRefused(
                "grading refused: the sandbox cannot give these protections on this machine:\n"
                + policy.describe_missing(probe.protections, [g for g in refused if g in policy.PROTECTIONS])
                + (f"\n  ({probe.detail})" if probe.detail and not probe.protections else "")
                + "\nFix the machine (see docs/security.md), or accept the risk with "
                + " ".join(f"--allow-weaker-sandbox {g}" for g in refused))
        self.summary.weaker = gaps

    def _allowed(self) -> tuple[str, ...]:
        allowed = tuple(self.opt.allow_weaker_sandbox)
        return tuple(policy.PROTECTIONS) if policy.ALL in allowed else allowed

    def _run_all(self, gb: Gradebook, pool: ZygotePool | None, evaluator: Evaluator, todo: list[Item]) -> None:
        broken = [it for it in todo if it.error]
        runnable = [it for it in todo if not it.error]
        bar = Progress(len(todo), enabled=self.opt.progress)
        try:
            if runnable:
                self._check_sandbox(pool)
                self._record_broken(gb, broken, bar)
                self._run_pool(gb, pool, evaluator, runnable, bar)
            else:
                self._record_broken(gb, broken, bar)
        finally:
            bar.close()

    def _record_broken(self, gb: Gradebook, broken: list[Item], bar: "Progress") -> None:
        for item in broken:
            self._guarded_record(gb, item, error_rows(self.course, item.student, item.notebook, item.error), None)
            bar.step()

    def _run_pool(self, gb: Gradebook, pool: ZygotePool, evaluator: Evaluator, runnable: list[Item],
                  bar: "Progress") -> None:
        with ThreadPoolExecutor(self.opt.jobs) as ex:
            futures = {ex.submit(self.run_one, pool, evaluator, it): it for it in runnable}
            for fut in as_completed(futures):
                item = futures[fut]
                try:
                    rows, run = fut.result()
                except Exception as exc:  # noqa: BLE001 (a grader fault: that file only)
                    item.error = f"the grader failed on this file ({type(exc).__name__}: {first_line(exc)})"
                    rows, run = error_rows(self.course, item.student, item.notebook, item.error), None
                self._guarded_record(gb, item, rows, run)
                bar.step()

    def export(self, gb: Gradebook) -> None:
        """Write the CSVs, feedback pages and Gradescope results from the gradebook."""
        notes = {}
        for s in gb.submissions():
            if s["message"]:
                key = (s["student_id"], s["notebook"])
                notes[key] = (notes.get(key, "") + "\n" + s["message"]).strip()
        rows = gb.grades()
        exports.write_all(self.out, rows, notes)
        self.summary.tally(rows)


def _row(plain: dict, max_points: float) -> Row:
    """A Row from the evaluator's plain data (checked: it came from another process)."""
    status = plain.get("status") if plain.get("status") in STATUSES else "error"
    try:
        points = min(max(float(plain.get("points", 0.0)), 0.0), float(max_points))
    except (TypeError, ValueError):
        points = 0.0
    points = points if points == points else 0.0
    return Row(clean(plain.get("student", ""), 1000), clean(plain.get("notebook", ""), 200),
               clean(plain.get("exercise", ""), 200), points, float(max_points), status,
               clean(plain.get("message", ""), 2000), clean(plain.get("text", ""), 20_000),
               clean(plain.get("html", ""), 600_000), clean(plain.get("mistake", ""), 200),
               clean(plain.get("hint", ""), 2000))


class Progress:
    """Progress on stderr: a one-line bar on a terminal; elsewhere (a CI log, Gradescope)
    a plain line at most every 10% and every 30 s, so a log stays short."""

    def __init__(self, total: int, enabled: bool = True, width: int = 30, stream=None):
        self.stream = stream or sys.stderr
        self.total, self.done, self.width = total, 0, width
        self.enabled = enabled and total > 0
        self.tty = self.enabled and bool(getattr(self.stream, "isatty", lambda: False)())
        self._last_line, self._last_time = 0, time.monotonic()

    def step(self) -> None:
        """One more file done."""
        self.done += 1
        if not self.enabled:
            return
        if self.tty:
            filled = self.width * self.done // self.total
            self.stream.write(f"\rgrading [{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total}")
            self.stream.flush()
            return
        now = time.monotonic()
        step = max(1, self.total // 10)
        if self.done == self.total or self.done - self._last_line >= step or now - self._last_time >= 30:
            self.stream.write(f"grading: {self.done}/{self.total} files\n")
            self.stream.flush()
            self._last_line, self._last_time = self.done, now

    def close(self) -> None:
        """End the bar's line (on a terminal)."""
        if self.enabled and self.tty:
            self.stream.write("\n")


def grade_class(submissions: Path, out: Path, options: Options | None = None,
                course: Course | None = None) -> Summary:
    """Grade every submission under `submissions` into `out`; returns the summary."""
    return Grader(Path(submissions), Path(out), options or Options(), course).grade()
