"""Benchmark every lesson's widget in a real browser: key press -> new plot image in the page.

    .venv/bin/python bench/browser.py [--presses N] [--load] [--baseline GIT_REF [--turn N]] [--only 01 09 ...]
                                      [--windowing contentVisibility|none|defer|full]

Starts one private JupyterLab (tests/support/browser_support.py) and a headless Chromium,
opens a copy of every lesson notebook ``notebooks/[0-9][0-9]_*.ipynb`` (in JupyterLab's
default windowing mode, as a learner's ``make lab`` shows it, unless ``--windowing``
says otherwise), runs all its cells, and drives the notebook's first lesson widget (the
first output holding a plot image and a slider, else a text box, else toggle buttons:
`browser_support.lesson_widget`).
For each key press (an arrow key on the slider's handle, on in one direction and turning
round at either end; the next letter of the alphabet typed at the end of a text box;
Enter on the next toggle button) it records

* ``in page``: keydown -> the plot image's ``src`` changes, by the page's own clock
  (``performance.now``, a MutationObserver on the img);
* ``wall``: ``time.perf_counter`` around ``keyboard.press`` + waiting for the new ``src``
  (adds playwright's round trips);
* the stages of that press (from the kernel messages on the page's websocket and their
  header dates): key -> comm message sent, sent -> kernel busy, kernel busy -> image
  message created (Python: observers, render, PNG), -> in the page, -> new src, then
  src -> image decoded (``load``) -> painted (two animation frames), and the image bytes;
* inside the kernel (an IPython startup file of the private server, see TRACE_STARTUP):
  the widget message's handling, the figure render and the rest of `FigureView.redraw`
  (PNG, sending), wall and CPU time.

Each press waits until the kernel is idle and the image has settled before the next, so
a press measures one update, not a queue. The quiet and the loaded run go on where the
other stopped, so the second does not just revisit the values the first showed (a
redraw of a picture shown before is cheaper: unchanged texts and legends are pasted from
memory). ``--warmup`` presses are made first and not counted. With ``--load`` every
lesson is measured twice: quiet, then while a CPU-bound process (a busy Python loop at
nice 0, started and stopped by this script) runs.
``--baseline main`` adds a second JupyterLab whose kernels import ``nnlessons`` as it is
at that commit, and measures it lesson by lesson next to the working tree's (same browser,
the same busy process): the two take turns, ``--turn`` presses each, so a change can be
compared on a machine whose load keeps changing.

Prints a table (median and p90 per lesson widget, quiet and under load) and the stage
medians, and writes everything to ``bench/out/browser.json``. It measures, it never
asserts. Needs Chromium (/usr/bin/chromium, or $NNLESSONS_CHROMIUM) and playwright.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "support"))

import browser_support as bs  # noqa: E402

OUT = ROOT / "bench" / "out" / "browser.json"
TARGET_MEDIAN_MS = 50.0
TARGET_P90_MS = 100.0
WINDOWING_MODES = ("contentVisibility", "none", "defer", "full")
TRACKER_SETTINGS = "@jupyterlab/notebook-extension/tracker.jupyterlab-settings"
STAGES = ("to_send", "kernel_wait", "kernel", "to_page", "in_page", "decode", "paint")
KERNEL_PARTS = ("handle_msg", "redraw", "render", "encode", "handle_msg_cpu", "render_cpu")

# An IPython startup file for the private server's kernels (its own IPYTHONDIR): times
# each widget comm message the kernel handles (`Widget._handle_msg`: observers, render,
# PNG, sending) and, inside it, `FigureView.redraw` and the figure render, appending one
# JSON line per call (epoch ms of the start, duration) to a log the benchmark reads.
# Only the kernels of this benchmark's own server load it.
TRACE_STARTUP = """\
import json as _json, time as _time
def _nnlessons_bench_trace(path):
    log = open(path, "a", buffering=1)
    def wrap(cls, name, tag):
        orig = getattr(cls, name)
        def timed(self, *args, **kwargs):
            t, cpu, start = _time.perf_counter(), _time.thread_time(), _time.time() * 1000.0
            try:
                return orig(self, *args, **kwargs)
            finally:
                log.write(_json.dumps({"tag": tag, "t": start,
                                       "ms": (_time.perf_counter() - t) * 1000.0,
                                       "cpu_ms": (_time.thread_time() - cpu) * 1000.0}) + "\\n")
        timed.__wrapped__ = orig
        setattr(cls, name, timed)
    from ipywidgets import Widget
    wrap(Widget, "_handle_msg", "handle_msg")
    try:
        from nnlessons.widgets import base
    except Exception:
        return
    wrap(base.FigureView, "redraw", "redraw")
    for cls in (base.FigureView, base.LiveFigureView):
        if "_render" in vars(cls):
            wrap(cls, "_render", "render")
_nnlessons_bench_trace(%r)
del _nnlessons_bench_trace
"""

ARGS = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ARGS.add_argument("--presses", type=int, default=24, help="timed key presses per lesson and variant (default 24)")
ARGS.add_argument("--warmup", type=int, default=3, help="untimed key presses first (default 3)")
ARGS.add_argument("--load", action="store_true",
                  help="also measure every lesson while a CPU-bound background process runs")
ARGS.add_argument("--load-procs", type=int, default=1, help="busy processes for --load (default 1)")
ARGS.add_argument("--only", nargs="*", default=None,
                  help="lesson numbers or notebook name prefixes to run (default: all)")
ARGS.add_argument("--settle-ms", type=int, default=250,
                  help="the image must stay unchanged this long (kernel idle) before the next press")
ARGS.add_argument("--baseline", metavar="GIT_REF", default=None,
                  help="also measure the nnlessons package of this commit (e.g. main), lesson by lesson "
                       "next to the working tree's, in a second JupyterLab whose kernels import it")
ARGS.add_argument("--turn", type=int, default=4,
                  help="with --baseline: presses on one setup before the other takes its turn (default 4)")
ARGS.add_argument("--windowing", default="contentVisibility", choices=WINDOWING_MODES,
                  help="the notebook's windowing mode (JupyterLab's setting): default contentVisibility, "
                       "JupyterLab's own default and what `make lab` gives a learner (off-screen cells "
                       "skipped in style, layout and paint); none attaches and renders every cell "
                       "(the browser tests' mode, the slowest)")
ARGS.add_argument("--no-trace", dest="trace", action="store_false",
                  help="do not time the kernel's widget message handling and FigureView renders")
ARGS.add_argument("--out", type=Path, default=OUT, help=f"JSON output (default {OUT.relative_to(ROOT)})")


def lesson_notebooks(only: list[str] | None) -> list[Path]:
    nbs = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if only:
        nbs = [p for p in nbs if any(p.name.startswith(o) for o in only)]
    return nbs


def builder_name(source: str) -> str:
    """The function that builds the widget in a cell ("tiny_neuron_app"), or ""."""
    for line in source.splitlines():
        line = line.strip()
        if line.startswith(("#", "from ", "import ")):
            continue
        m = re.search(r"=\s*([A-Za-z_]\w*)\(", line)
        if m:
            return m.group(1)
    return ""


class BusyLoad:
    """CPU-bound background processes (a Python busy loop each), stopped by their PIDs."""

    CODE = "import time\nt = time.monotonic()\nwhile True:\n    t += 1\n"

    def __init__(self, n: int):
        self.n = n
        self.procs: list[subprocess.Popen] = []

    def __enter__(self):
        self.procs = [subprocess.Popen([sys.executable, "-c", self.CODE], stdin=subprocess.DEVNULL)
                      for _ in range(self.n)]
        time.sleep(0.3)  # let the scheduler notice them
        return self

    def __exit__(self, *exc):
        for p in self.procs:
            p.kill()
        for p in self.procs:
            p.wait(timeout=10)
        self.procs = []


def _pct(values: list[float], q: int) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def summarize(samples: list[dict]) -> dict:
    in_page = [s["in_page_ms"] for s in samples if s.get("in_page_ms") is not None]
    wall = [s["wall_ms"] for s in samples if s.get("wall_ms") is not None]
    out = {
        "n": len(in_page),
        "median_ms": statistics.median(in_page) if in_page else None,
        "p90_ms": _pct(in_page, 90),
        "max_ms": max(in_page) if in_page else None,
        "wall_median_ms": statistics.median(wall) if wall else None,
        "wall_p90_ms": _pct(wall, 90),
        "stages_median_ms": {},
        "kernel_parts_median_ms": {},
        "image_bytes_median": None,
        "missed": sum(1 for s in samples if s.get("in_page_ms") is None),
    }
    for stage in STAGES:
        vals = [s["stages"][stage] for s in samples if s.get("stages") and s["stages"].get(stage) is not None]
        out["stages_median_ms"][stage] = statistics.median(vals) if vals else None
    for part in KERNEL_PARTS:
        vals = [s["kernel_parts"][part] for s in samples
                if s.get("kernel_parts") and s["kernel_parts"].get(part) is not None]
        out["kernel_parts_median_ms"][part] = statistics.median(vals) if vals else None
    sizes = [s["stages"]["image_bytes"] for s in samples if s.get("stages") and s["stages"].get("image_bytes")]
    out["image_bytes_median"] = statistics.median(sizes) if sizes else None
    return out


class KernelTrace:
    """Reads the lines the kernels' TRACE_STARTUP hooks append to `path`."""

    def __init__(self, path: Path | None):
        self.path, self.pos = path, 0

    def new(self) -> list[dict]:
        if self.path is None or not self.path.exists():
            return []
        with open(self.path) as f:
            f.seek(self.pos)
            text = f.read()
        complete = text[: text.rfind("\n") + 1]
        self.pos += len(complete.encode())
        return [json.loads(line) for line in complete.splitlines() if line.strip()]

    @staticmethod
    def parts(records: list[dict], start: float, end: float) -> dict | None:
        """Sums per tag of the calls that started between `start` and `end` (epoch ms)."""
        inside = [r for r in records if start - 1 <= r["t"] <= end]
        if not inside:
            return None
        sums = {tag: sum(r["ms"] for r in inside if r["tag"] == tag) for tag in ("handle_msg", "redraw", "render")}
        sums["messages"] = sum(1 for r in inside if r["tag"] == "handle_msg")
        sums["encode"] = sums["redraw"] - sums["render"] if sums["redraw"] else None
        cpu = {tag: sum(r.get("cpu_ms", 0.0) for r in inside if r["tag"] == tag) for tag in ("handle_msg", "render")}
        sums["handle_msg_cpu"], sums["render_cpu"] = cpu["handle_msg"], cpu["render"]
        return sums


def measure(page, img, driver: bs.KeyDriver, presses: int, warmup: int, settle_ms: int,
            trace: KernelTrace) -> list[dict]:
    """Times `warmup + presses` key presses (the first `warmup` are not kept). Inside each
    timed window the page does nothing for the benchmark but record times: no polling."""
    img_el = img.element_handle()
    driver.focus()
    bs.wait_quiet_in_page(img_el, quiet_ms=settle_ms)
    samples: list[dict] = []
    for i in range(warmup + presses):
        key = driver.next_key()
        img_el.evaluate(bs.ARM_PROBE_JS)
        t0 = time.perf_counter()
        page.keyboard.press(key)
        changed = page.evaluate(bs.WAIT_PROBE_CHANGED_JS, 10_000)
        wall = (time.perf_counter() - t0) * 1000 if changed else None
        if changed:  # the load / paint times land a frame or two after the src change
            page.evaluate(bs.WAIT_PROBE_PAINTED_JS, 2000)
        probe = page.evaluate(bs.READ_PROBE_JS)
        stages = bs.probe_breakdown(probe) if changed else None
        kernel = None
        if stages is not None:
            kernel = trace.parts(trace.new(), probe["key"], probe["src"])
        if i >= warmup:
            samples.append({"key": key, "wall_ms": wall,
                            "in_page_ms": stages["total"] if stages else None,
                            "stages": stages, "kernel_parts": kernel})
        bs.wait_quiet_in_page(img_el, quiet_ms=settle_ms)
        trace.new()  # skip whatever ran while settling
    return samples


def measure_in_turns(setups: list[Setup], opened: list[tuple], drivers: list[bs.KeyDriver],
                     opts) -> list[list[dict]]:
    """`opts.presses` timed presses on each setup's page. With a baseline the setups take
    turns, `opts.turn` presses each (and one untimed press after each switch), so both
    meet the same moments of a machine whose load keeps changing; alone, one run."""
    samples: list[list[dict]] = [[] for _ in setups]
    turn = opts.turn if len(setups) > 1 else opts.presses
    first = True
    while any(len(done) < opts.presses for done in samples):
        for s, (page, img, _kind, _control), driver, done in zip(setups, opened, drivers, samples):
            n = min(turn, opts.presses - len(done))
            if n <= 0:
                continue
            page.bring_to_front()
            done += measure(page, img, driver, n, opts.warmup if first else min(1, opts.warmup),
                            opts.settle_ms, s.trace)
        first = False
    return samples


def fmt(v: float | None, width: int = 6) -> str:
    return f"{v:{width}.0f}" if v is not None else " " * (width - 1) + "-"


def print_table(results: list[dict], variants: list[str]) -> None:
    width = max(13, *(len(v) + 7 for v in variants))
    head = f"{'lesson':<28} {'widget':<44}"
    for v in variants:
        head += f" | {v + ' median':>{width}} {'p90':>5}"
    head += f" | {'image':>7}"
    print("\nkey press -> new image in the page (ms, performance.now in the page; wall time in the JSON)")
    print(head)
    print("-" * len(head))
    for r in results:
        line = f"{r['lesson']:<28} {r['widget'][:44]:<44}"
        if r.get("error"):
            print(line + f" | failed: {r['error'][:80]}")
            continue
        for v in variants:
            s = r.get(v) or {}
            flag = ""
            if s.get("median_ms") is not None and (s["median_ms"] >= TARGET_MEDIAN_MS or s["p90_ms"] >= TARGET_P90_MS):
                flag = "*"
            line += f" | {fmt(s.get('median_ms'), width)} {fmt(s.get('p90_ms'), 5)}{flag or ' '}"
        size = (r.get(variants[0]) or {}).get("image_bytes_median")
        line += f"| {size / 1024:5.0f} K" if size else "|       -"
        print(line)
    print(f"(* over the target: median < {TARGET_MEDIAN_MS:g} ms and p90 < {TARGET_P90_MS:g} ms)")
    print("\nwhere the time goes (medians, ms): key->sent | sent->kernel busy | kernel (Python) | "
          "kernel->page | page->src | src->decoded | decoded->painted")
    for v in variants:
        print(f"[{v}]")
        for r in results:
            s = (r.get(v) or {}).get("stages_median_ms")
            if not s:
                continue
            k = (r.get(v) or {}).get("kernel_parts_median_ms") or {}
            inside = ""
            if k.get("handle_msg") is not None:
                inside = (f"   kernel: widget message {fmt(k['handle_msg'], 0)} = render {fmt(k.get('render'), 0)}"
                          f" + PNG/send {fmt(k.get('encode'), 0)} + other; CPU {fmt(k.get('handle_msg_cpu'), 0)}"
                          f" (render {fmt(k.get('render_cpu'), 0)})")
            print(f"  {r['lesson']:<28} " + " ".join(fmt(s[st], 7) for st in STAGES) + inside)


def main() -> int:
    opts = ARGS.parse_args()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright is not installed (pip install -e '.[browser]')")
        return 1
    if not bs.chromium_available():
        print(f"Chromium not found at {bs.CHROMIUM} (apt-get install chromium)")
        return 1
    notebooks = lesson_notebooks(opts.only)
    if not notebooks:
        print("no lesson notebooks matched")
        return 1
    conditions = ["quiet", "load"] if opts.load else ["quiet"]
    results: list[dict] = []
    started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="nnlessons-bench-browser-") as tmp:
        base = Path(tmp)
        root = base / "root"
        root.mkdir()
        for nb in notebooks:
            bs.copy_notebook(nb, root)
        setups = [Setup("", base / "current", root, opts.trace, opts.windowing)]
        if opts.baseline:
            src = base / "baseline-src"
            src.mkdir()
            export_package(opts.baseline, src)
            setups.append(Setup(f"@{opts.baseline}", base / "baseline", root, opts.trace, opts.windowing,
                                env={"PYTHONPATH": os.pathsep.join(filter(None, [str(src), os.environ.get("PYTHONPATH")]))}))
        variants = [c + s.suffix for s in setups for c in conditions]
        try:
            for s in setups:
                s.server.start()
            with sync_playwright() as p:
                context = bs.launch_browser(p, base / "chromium-profile")
                context.add_init_script(bs.WS_RECORDER_INIT_JS)
                try:
                    for nb in notebooks:
                        results.append(run_lesson(context, setups, nb, opts, conditions))
                finally:
                    context.close()
        finally:
            for s in setups:
                s.server.stop()

    load_after = os.getloadavg()
    print_table(results, variants)
    print(f"notebook windowing mode: {opts.windowing}")
    print(f"\nmachine load average (1 min) at the start {load_before[0]:.1f}, at the end {load_after[0]:.1f} "
          f"on {os.cpu_count()} CPUs (other processes than this benchmark's count as well)")
    opts.out.parent.mkdir(parents=True, exist_ok=True)
    opts.out.write_text(json.dumps({
        "what": ("key press on each lesson's first widget control -> the plot image's new src, "
                 "performance.now in the page (median_ms, p90_ms); wall_* by perf_counter around "
                 "the press; stages from the websocket frames and kernel message dates"),
        "targets_ms": {"median": TARGET_MEDIAN_MS, "p90": TARGET_P90_MS},
        "baseline": opts.baseline, "variants": variants, "windowing": opts.windowing,
        "presses": opts.presses, "warmup": opts.warmup, "load_procs": opts.load_procs if opts.load else 0,
        "cpus": os.cpu_count(), "loadavg_start": load_before, "loadavg_end": load_after, "started": started, "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "results": results,
    }, indent=1) + "\n")
    print(f"\n-> {opts.out}")
    return 0


class Setup:
    """One JupyterLab server (with its kernel trace) whose kernels import one nnlessons."""

    def __init__(self, suffix: str, base: Path, root: Path, trace: bool, windowing: str,
                 env: dict | None = None):
        self.suffix = suffix
        base.mkdir(parents=True, exist_ok=True)
        self.server = bs.JupyterLabServer(base, root, env=env,
                                          settings={TRACKER_SETTINGS: {"windowingMode": windowing}})
        self.trace = KernelTrace(None)
        if trace:
            self.trace = KernelTrace(base / "kernel-trace.jsonl")
            startup = base / "ipython" / "profile_default" / "startup"
            startup.mkdir(parents=True, exist_ok=True)
            (startup / "50-nnlessons-bench-trace.py").write_text(TRACE_STARTUP % str(self.trace.path))


def export_package(ref: str, dest: Path) -> None:
    """`nnlessons/` as it is at git `ref`, written under `dest`."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "nnlessons"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)


def open_lesson(context, setup: Setup, nb: Path, result: dict) -> tuple:
    """Open `nb` on `setup`'s server, run all its cells, find its widget: (page, img, kind, control)."""
    page = context.new_page()
    try:
        return _open_lesson(page, setup, nb, result)
    except BaseException:
        page.close()
        raise


def _open_lesson(page, setup: Setup, nb: Path, result: dict) -> tuple:
    t0 = time.perf_counter()
    bs.open_notebook(page, setup.server, nb.name)
    bs.run_all_cells(page)
    bs.wait_all_executed(page, timeout_ms=600_000)
    result[f"run_all_s{setup.suffix}"] = round(time.perf_counter() - t0, 1)
    errors = [e for e in bs.error_outputs(page) if "Error" in e or "Traceback" in e]
    if errors:
        result[f"cell_errors{setup.suffix}"] = errors
    output, img, kind, control = bs.lesson_widget(page)
    if "kind" not in result:
        label = bs.control_label(output, kind)
        builder = builder_name(bs.cell_source(output))
        result.update(widget=f"{builder}: {label}" if builder else label, control=label, kind=kind,
                      builder=builder)
    return page, img, kind, control


def run_lesson(context, setups: list[Setup], nb: Path, opts, conditions: list[str]) -> dict:
    lesson = nb.stem
    result: dict = {"lesson": lesson, "notebook": nb.name, "widget": "?"}
    pages = []
    try:
        opened = []
        for s in setups:
            opened.append(open_lesson(context, s, nb, result))
            pages.append(opened[-1][0])
        print(f"{lesson}: {result['widget']} ({result['kind']}), cells ran in "
              + ", ".join(f"{result[f'run_all_s{s.suffix}']} s{s.suffix}" for s in setups)
              + f", load average {os.getloadavg()[0]:.1f}", flush=True)
        drivers = [bs.KeyDriver(kind, control) for _, _, kind, control in opened]
        for condition in conditions:
            with BusyLoad(opts.load_procs if condition == "load" else 0):
                by_setup = measure_in_turns(setups, opened, drivers, opts)
            for s, samples in zip(setups, by_setup):
                variant = condition + s.suffix
                summary = summarize(samples)
                summary["samples"] = samples
                result[variant] = summary
                print(f"  {variant:<12} median {fmt(summary['median_ms'], 0)} ms, p90 {fmt(summary['p90_ms'], 0)} ms "
                      f"(wall {fmt(summary['wall_median_ms'], 0)} / {fmt(summary['wall_p90_ms'], 0)} ms), "
                      f"n {summary['n']}"
                      + (f", {summary['missed']} presses without a new image" if summary["missed"] else ""),
                      flush=True)
    except Exception as exc:  # noqa: BLE001 - report and go on with the next lesson
        result["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        print(f"{lesson}: failed: {result['error']}", flush=True)
    finally:
        for page in pages:
            page.close()
        for s in setups:
            s.server.shutdown_kernels()
    return result


if __name__ == "__main__":
    sys.exit(main())
