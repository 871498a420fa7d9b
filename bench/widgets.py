"""Benchmark every lesson widget: slider value change -> updated figure ready (Python side).

    .venv/bin/python bench/widgets.py [--cycles N] [--threads N] [--only MODULE ...] [--yours]

For every module ``nnlessons/widgets/*.py`` that defines
``BENCH = [("builder_name", "control_name", [v1, v2, ...]), ...]`` it builds the app and
times ``app.controls[control_name].value = v`` while cycling through the values
(``--cycles`` times, after one untimed warm-up cycle). Observers run synchronously and
the PNG is rendered inside the view's ``redraw()``, so the assignment's duration is the
whole Python-side update, rendering included. Prints one line per entry,
``module.builder control: median X.X ms (target < 30 ms)``, then a summary, then the
browser latency recorded by ``tests/widgets/test_browser.py`` in ``bench/out/browser_latency.json``
(target < 100 ms). With ``--yours``, each widget that takes a learner's functions (its
``YOURS`` table) is timed again with them plugged in, one keyword at a time: the right
function (as the solutions notebook writes it) and a known mistake (whose divergence is
drawn and named), each as a ratio to the package's own in the same process. A module
that fails to import is reported and skipped. Not a test: it
measures, it does not assert. Results also go to ``bench/out/widgets.json``.
"""
from __future__ import annotations

import argparse
import os
import sys

ARGS = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ARGS.add_argument("--cycles", type=int, default=20, help="timed passes over each value list (default 20)")
ARGS.add_argument("--threads", type=int, default=1, help="BLAS threads (default 1)")
ARGS.add_argument("--only", nargs="*", default=None, help="module names to run (default: all)")
ARGS.add_argument("--yours", action="store_true",
                  help="also time each widget with the learner's functions plugged in (right and a known mistake)")
OPTS = ARGS.parse_args()
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(OPTS.threads)  # before numpy loads its BLAS
os.environ.setdefault("MPLBACKEND", "Agg")

import importlib  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT_DIR = ROOT / "bench" / "out"
TARGET_MS = 30.0
BROWSER_TARGET_MS = 100.0
NOT_LESSONS = {"__init__", "base", "yours", "yours_parts"}  # shared machinery, no app of their own


def _pngs(app) -> list:
    return [getattr(v, "png", None) for v in getattr(app, "views", {}).values()]


def bench_entry(mod, builder_name: str, control: str, values: list, cycles: int,
                kwargs: dict | None = None, setup: dict | None = None) -> dict:
    """Build the app (with `kwargs`, then the control values `setup`), warm up once, then
    time each value change; returns the numbers."""
    builder = getattr(mod, builder_name)
    t0 = time.perf_counter()
    app = builder(**(kwargs or {}))
    build_ms = (time.perf_counter() - t0) * 1e3
    for name, value in (setup or {}).items():
        app.controls[name].value = value
    ctrl = app.controls[control]
    times: list[float] = []
    redrawn = changed = 0
    for rep in range(cycles + 1):  # rep 0: warm-up (first renders, caches), not timed
        for v in values:
            before, pngs = ctrl.value, _pngs(app)
            t = time.perf_counter()
            ctrl.value = v
            dt = (time.perf_counter() - t) * 1e3
            if ctrl.value == before:  # no change (same value, or coerced back): no update ran
                continue
            if rep == 0:
                continue
            times.append(dt)
            changed += 1
            redrawn += any(a is not b for a, b in zip(pngs, _pngs(app)))
    return {
        "module": mod.__name__.rsplit(".", 1)[-1], "builder": builder_name, "control": control,
        "n": len(times), "median_ms": statistics.median(times) if times else None,
        "p90_ms": (statistics.quantiles(times, n=10)[-1] if len(times) >= 2 else None),
        "max_ms": max(times) if times else None, "build_ms": build_ms,
        "redrawn": redrawn, "changes": changed,
    }


def bench_yours(mod, builder_name: str, control: str, values: list, package: dict) -> list[dict]:
    """The same entry with each of the builder's learner keywords plugged in (the right
    function, then a known mistake), printed as ratios to `package` (the package's own)."""
    sys.path.insert(0, str(ROOT / "tests" / "support"))
    import learner_code as lc

    rows = []
    for kw, spec in getattr(mod, "YOURS", {}).get(builder_name, {}).items():
        for kind, fn in (("right", lc.right(kw)), ("mistake " + spec["mistake"], lc.mistake(kw, spec["mistake"]))):
            r = bench_entry(mod, builder_name, control, values, OPTS.cycles, {kw: fn}, spec["controls"])
            r.update(yours=kw, kind=kind)
            rows.append(r)
            if r["median_ms"] is None or package["median_ms"] is None:
                continue
            flag = "" if r["median_ms"] < TARGET_MS else "  <-- over target"
            print(f"    with your {kw} ({kind}): median {r['median_ms']:.1f} ms "
                  f"({r['median_ms'] / package['median_ms']:.2f}x the package's), p90 {r['p90_ms']:.1f} ms"
                  f"{flag}", flush=True)
    return rows


def main() -> int:
    widget_dir = ROOT / "nnlessons" / "widgets"
    names = sorted(p.stem for p in widget_dir.glob("*.py") if p.stem not in NOT_LESSONS)
    if OPTS.only:
        names = [n for n in names if n in OPTS.only]
    results: list[dict] = []
    skipped: list[str] = []
    no_bench: list[str] = []
    print(f"widget update: slider value -> figure ready, median over {OPTS.cycles} cycles "
          f"(target < {TARGET_MS:g} ms)", flush=True)
    for name in names:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                mod = importlib.import_module(f"nnlessons.widgets.{name}")
        except Exception as exc:  # noqa: BLE001 - a module still being written
            msg = f"{name}: skipped, import failed: {type(exc).__name__}: {exc}"
            skipped.append(msg)
            print(msg, flush=True)
            continue
        bench = getattr(mod, "BENCH", None)
        if not bench:
            no_bench.append(name)
            print(f"{name}: no BENCH list, nothing to time", flush=True)
            continue
        for entry in bench:
            try:
                builder_name, control, values = entry
                r = bench_entry(mod, builder_name, control, list(values), OPTS.cycles)
            except Exception as exc:  # noqa: BLE001 - report, keep going
                msg = f"{name} {entry[:2] if isinstance(entry, tuple) else entry}: failed: " \
                      f"{type(exc).__name__}: {exc}"
                skipped.append(msg)
                print(msg, flush=True)
                traceback.print_exc(limit=2)
                continue
            results.append(r)
            label = f"{r['module']}.{r['builder']} {r['control']}"
            if r["median_ms"] is None:
                print(f"{label}: no value change happened (check the BENCH values)", flush=True)
                continue
            flag = "" if r["median_ms"] < TARGET_MS else "  <-- over target"
            note = "" if r["redrawn"] == r["changes"] else \
                f", figure re-rendered on {r['redrawn']}/{r['changes']} changes"
            print(f"{label}: median {r['median_ms']:.1f} ms (target < {TARGET_MS:g} ms)   "
                  f"p90 {r['p90_ms']:.1f} ms, max {r['max_ms']:.1f} ms, n {r['n']}, "
                  f"build {r['build_ms']:.0f} ms{note}{flag}", flush=True)
            if OPTS.yours:
                results += bench_yours(mod, builder_name, control, list(values), r)

    timed = [r for r in results if r["median_ms"] is not None]
    print("\nsummary:")
    if timed:
        ok = [r for r in timed if r["median_ms"] < TARGET_MS]
        slowest = max(timed, key=lambda r: r["median_ms"])
        print(f"  {len(ok)}/{len(timed)} widget updates under {TARGET_MS:g} ms; slowest "
              f"{slowest['module']}.{slowest['builder']} {slowest['control']} "
              f"{slowest['median_ms']:.1f} ms; median of medians "
              f"{statistics.median(r['median_ms'] for r in timed):.1f} ms")
    else:
        print("  no widget was timed")
    if skipped:
        print(f"  {len(skipped)} skipped or failed (see above)")
    if no_bench:
        print(f"  without BENCH: {', '.join(no_bench)}")

    browser = None
    path = OUT_DIR / "browser_latency.json"
    if path.exists():
        try:
            browser = json.loads(path.read_text())
            extra = (f", in page {browser['median_in_page_ms']:.1f} ms"
                     if browser.get("median_in_page_ms") is not None else "")
            print(f"  browser (tests/widgets/test_browser.py, {browser.get('measured_at', '?')}): key press -> "
                  f"new image median {browser['median_ms']:.1f} ms{extra} over {browser.get('n', '?')} "
                  f"presses (target < {BROWSER_TARGET_MS:g} ms)")
        except (ValueError, KeyError, TypeError) as exc:
            print(f"  browser latency file unreadable ({exc}): {path}")
    else:
        print(f"  browser latency: not measured yet (run pytest tests/widgets/test_browser.py; "
              f"it writes {path.relative_to(ROOT)})")

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / "widgets.json").write_text(json.dumps(
        {"target_ms": TARGET_MS, "cycles": OPTS.cycles, "results": results, "skipped": skipped,
         "browser": browser, "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
