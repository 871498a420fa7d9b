"""Helpers for the real-browser test: a private JupyterLab server and a headless Chromium
driven by Python playwright (sync API), plus the page operations the test needs.

Nothing here touches the user's Jupyter setup: the server gets its own port, token,
runtime / config / data / settings / workspaces directories and a root folder holding
copies of the notebooks; it is stopped by its PID.
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat

CHROMIUM = os.environ.get("NNLESSONS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]

# User settings written before the server starts: no news / update checks (no network,
# no toast), the notebook's kernel started without the "Select Kernel" dialog, and every
# cell attached to the DOM (windowing would leave off-screen cells,
# and the widgets in them, unrendered).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings":
        {"windowingMode": "none", "autoStartDefaultKernel": True},
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_notebook(src: Path, dest_dir: Path) -> Path:
    """Copy a notebook with its outputs and execution counts cleared, so that every code
    cell's prompt reads ``[ ]:`` until the browser has run it."""
    nb = nbformat.read(src, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)  # stored widget state: let the live kernel provide it
    dest = dest_dir / src.name
    nbformat.write(nb, dest)
    return dest


class JupyterLabServer:
    """A JupyterLab server in a private sandbox under `base` (a temp folder)."""

    def __init__(self, base: Path, root_dir: Path, python: str = sys.executable,
                 env: dict[str, str] | None = None, settings: dict[str, dict] | None = None):
        self.extra_env = dict(env or {})
        # LAB_SETTINGS, with `settings` (settings file -> values) laid over them, file by file
        extra = settings or {}
        self.settings = {rel: {**LAB_SETTINGS.get(rel, {}), **extra.get(rel, {})}
                         for rel in {**LAB_SETTINGS, **extra}}
        self.base = Path(base)
        self.root_dir = Path(root_dir)
        self.python = python
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.proc: subprocess.Popen | None = None
        self.log_path = self.base / "jupyterlab.log"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base_url}{path}{sep}token={self.token}"

    def _dirs(self) -> dict[str, Path]:
        names = ("runtime", "config", "data", "settings", "workspaces", "ipython")
        dirs = {n: self.base / n for n in names}
        for d in dirs.values():
            d.mkdir(parents=True, exist_ok=True)
        return dirs

    def start(self, timeout: float = 90.0) -> None:
        dirs = self._dirs()
        for rel, values in self.settings.items():
            f = dirs["settings"] / rel
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(json.dumps(values))
        env = dict(os.environ)
        env.update(
            JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
            JUPYTER_CONFIG_DIR=str(dirs["config"]),
            JUPYTER_DATA_DIR=str(dirs["data"]),
            JUPYTERLAB_SETTINGS_DIR=str(dirs["settings"]),
            JUPYTERLAB_WORKSPACES_DIR=str(dirs["workspaces"]),
            IPYTHONDIR=str(dirs["ipython"]),
            PYDEVD_DISABLE_FILE_VALIDATION="1",
        )
        env.pop("JUPYTER_PATH", None)
        env.update(self.extra_env)
        cmd = [
            self.python, "-m", "jupyterlab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            f"--LabApp.user_settings_dir={dirs['settings']}",
            f"--LabApp.workspaces_dir={dirs['workspaces']}",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT, env=env,
                                     cwd=self.root_dir, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {self.proc.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url("/api/status"), timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.25)
        raise RuntimeError(f"JupyterLab did not answer on port {self.port} within {timeout:.0f} s:\n"
                           f"{self.log_tail()}")

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"

    def api(self, method: str, path: str) -> object:
        req = urllib.request.Request(self.url(path), method=method)
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
        return json.loads(body) if body else None

    def wait_kernel_ready(self, timeout: float = 60.0) -> None:
        """Wait until a kernel runs, idle, with the page connected to it. The notebook's
        indicator reads "idle" before its kernel has connected; cells run then (Run All)
        are skipped, so wait for the server to see the connection."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                kernels = self.api("GET", "/api/kernels") or []
            except (urllib.error.URLError, OSError, ValueError):
                kernels = []
            if any(k.get("connections", 0) > 0 and k.get("execution_state") == "idle" for k in kernels):
                return
            time.sleep(0.2)
        raise TimeoutError(f"no kernel was idle and connected within {timeout:.0f} s: {kernels}")

    def shutdown_kernels(self) -> None:
        """Shut down every kernel this server runs (frees the CPU between notebooks)."""
        try:
            for k in self.api("GET", "/api/kernels") or []:
                self.api("DELETE", f"/api/kernels/{k['id']}")
        except Exception:  # noqa: BLE001 - best effort; stop() still ends everything
            pass

    def stop(self) -> None:
        """Stop the server by its PID: kernels first, then SIGTERM, then SIGKILL its group."""
        proc = self.proc
        if proc is None:
            return
        if proc.poll() is None:
            self.shutdown_kernels()
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)  # the session this server leads
                proc.wait(timeout=10)
        try:  # anything left in the server's own process group (an orphaned kernel)
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self._log.close()
        self.proc = None


def launch_browser(playwright, user_data_dir: Path):
    """A headless Chromium (Debian's) with a fresh profile; returns the BrowserContext."""
    return playwright.chromium.launch_persistent_context(
        str(user_data_dir), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
        viewport={"width": 1400, "height": 1000},
    )


# ------------------------------------------------------------------ page helpers
def dismiss_news_toast(page) -> None:
    """Click "No" on the "receive official Jupyter news?" toast if it is showing."""
    btn = page.locator(".jp-toast-button, .Toastify button").filter(has_text="No")
    try:
        if btn.count():
            btn.first.click(timeout=2000)
    except Exception:  # noqa: BLE001 - the toast may vanish by itself
        pass


PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook tab in front
INDICATOR_IDLE = f'{PANEL} .jp-Notebook-ExecutionIndicator[data-status="idle"]'


def open_notebook(page, server: JupyterLabServer, name: str, timeout_ms: int = 60_000) -> None:
    """Open `name` alone, in a workspace of its own (no tabs restored from another test)."""
    workspace = "nb-" + "".join(c if c.isalnum() else "-" for c in name)
    page.goto(server.url(f"/lab/workspaces/{workspace}/tree/{name}"), timeout=timeout_ms)
    page.wait_for_selector(f"{PANEL} .jp-Notebook .jp-Cell", timeout=timeout_ms)
    page.wait_for_selector(INDICATOR_IDLE, timeout=timeout_ms)
    accept_kernel_dialog(page)
    server.wait_kernel_ready(timeout=timeout_ms / 1000)
    dismiss_news_toast(page)


def accept_kernel_dialog(page, wait_ms: int = 1500) -> None:
    """Press "Select" on a "Select Kernel" dialog if one shows (the settings should avoid it)."""
    dialog = page.locator(".jp-Dialog").filter(has_text="Select Kernel")
    try:
        dialog.wait_for(state="visible", timeout=wait_ms)
    except Exception:  # noqa: BLE001 - no dialog: the kernel started by itself
        return
    dialog.locator("button").filter(has_text="Select").first.click()


def run_all_cells(page) -> None:
    """Run > Run All Cells from the menu bar (the command palette as a fallback)."""
    try:
        page.locator(".lm-MenuBar-itemLabel").get_by_text("Run", exact=True).click(timeout=10_000)
        page.locator(".lm-Menu-itemLabel").get_by_text("Run All Cells", exact=True).click(timeout=10_000)
    except Exception:  # noqa: BLE001
        page.keyboard.press("Escape")
        page.locator(f"{PANEL} .jp-Notebook").click()
        page.keyboard.press("Control+Shift+C")
        page.keyboard.type("Run All Cells")
        page.keyboard.press("Enter")


WAIT_EXECUTED_JS = """panel => {
    const root = document.querySelector(panel);
    if (!root) return false;
    const ind = root.querySelector('.jp-Notebook-ExecutionIndicator');
    if (!ind || ind.getAttribute('data-status') !== 'idle') return false;
    const prompts = [...root.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
    return prompts.length > 0 && prompts.every(p => /^\\[\\d+\\]:$/.test(p.textContent.trim()));
}"""


def wait_all_executed(page, timeout_ms: int = 60_000) -> None:
    page.wait_for_function(WAIT_EXECUTED_JS, arg=PANEL, timeout=timeout_ms, polling=200)


def error_outputs(page) -> list[str]:
    """Texts of error / stderr outputs in the open notebook."""
    loc = page.locator(f'{PANEL} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    return [t.strip()[:2000] for t in loc.all_inner_texts()]


def image_src(img) -> str:
    return img.get_attribute("src") or ""


def image_digest(img) -> str:
    """A hash of the image's bytes (its `src` is a blob: or data: URL)."""
    data = img.evaluate("""async el => {
        const buf = await (await fetch(el.src)).arrayBuffer();
        return Array.from(new Uint8Array(buf));
    }""")
    return hashlib.sha256(bytes(data)).hexdigest()


WAIT_SRC_CHANGED_JS = "([el, old]) => el.getAttribute('src') && el.getAttribute('src') !== old"


def wait_src_changed(page, img, old: str, timeout_ms: int = 20_000) -> None:
    page.wait_for_function(WAIT_SRC_CHANGED_JS, arg=[img, old], timeout=timeout_ms, polling=5)


def wait_quiet(page, img, quiet_ms: int = 400, timeout_ms: int = 20_000) -> None:
    """Wait until the kernel is idle and the image has not changed for `quiet_ms`."""
    deadline = time.monotonic() + timeout_ms / 1000
    last, since = image_src(img), time.monotonic()
    while time.monotonic() < deadline:
        page.wait_for_timeout(50)
        now = image_src(img)
        idle = page.locator(INDICATOR_IDLE).count() > 0
        if now != last or not idle:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet_ms / 1000:
            return
    raise TimeoutError("the widget image kept changing (or the kernel stayed busy)")


INSTALL_LATENCY_PROBE_JS = """el => {
    const probe = {t0: null, t1: null};
    window.__nnlessonsProbe = probe;
    document.addEventListener('keydown', () => { if (probe.t0 === null) probe.t0 = performance.now(); },
                              {capture: true, once: true});
    const obs = new MutationObserver(() => {
        if (probe.t1 === null) { probe.t1 = performance.now(); obs.disconnect(); }
    });
    obs.observe(el, {attributes: true, attributeFilter: ['src']});
}"""


def in_page_latency_ms(page) -> float | None:
    """Key-down to `src` change, measured by the page's own clock (after the probe)."""
    p = page.evaluate("() => window.__nnlessonsProbe")
    if not p or p.get("t0") is None or p.get("t1") is None:
        return None
    return float(p["t1"] - p["t0"])


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or bool(shutil.which(CHROMIUM))


# ------------------------------------------------------------------ latency probes
# An init script (page.add_init_script, before the page loads): wraps window.WebSocket so
# that, while `window.__nnlessonsProbe` is armed, every kernel frame sent or received is
# recorded with its time and, when it can be read, its channel, msg_type, header date and
# the comm method / buffer count (JupyterLab's "v1.kernel.websocket.jupyter.org" binary
# frames, or the older JSON text frames). Costs nothing while no probe is armed.
WS_RECORDER_INIT_JS = r"""(() => {
  if (window.__nnlessonsWSHooked) return;
  window.__nnlessonsWSHooked = true;
  const Orig = window.WebSocket;
  const dec = new TextDecoder('utf-8');
  const now = () => performance.timeOrigin + performance.now();
  function parseV1(buf) {
    const dv = new DataView(buf);
    const n = Number(dv.getBigUint64(0, true));
    const off = [];
    for (let i = 0; i < n; i++) off.push(Number(dv.getBigUint64(8 * (i + 1), true)));
    const part = i => dec.decode(new Uint8Array(buf, off[i], off[i + 1] - off[i]));
    return {channel: part(0), header: JSON.parse(part(1)), parent: JSON.parse(part(2)),
            content: JSON.parse(part(4)), nbuf: Math.max(0, n - 6)};
  }
  function parse(data) {
    try {
      if (typeof data === 'string') {
        const m = JSON.parse(data);
        return {channel: m.channel, header: m.header, parent: m.parent_header, content: m.content,
                nbuf: (m.buffers || []).length};
      }
      if (data instanceof ArrayBuffer) {
        try { return parseV1(data); } catch (e) {}
        const dv = new DataView(data);               // legacy: nbufs, offsets, JSON, buffers
        const nb = dv.getUint32(0), start = dv.getUint32(4), end = nb > 1 ? dv.getUint32(8) : data.byteLength;
        const m = JSON.parse(dec.decode(new Uint8Array(data, start, end - start)));
        return {channel: m.channel, header: m.header, parent: m.parent_header, content: m.content, nbuf: nb - 1};
      }
    } catch (e) {}
    return null;
  }
  function record(dir, data) {
    const probe = window.__nnlessonsProbe;
    if (!probe || !probe.frames) return;
    const t = now();
    const size = typeof data === 'string' ? data.length : (data.byteLength || data.size || 0);
    const m = parse(data);
    const f = {dir, t, size};
    if (m) {
      f.channel = m.channel; f.type = m.header && m.header.msg_type; f.date = m.header && m.header.date;
      f.parent_id = m.parent && m.parent.msg_id; f.id = m.header && m.header.msg_id;
      f.state = m.content && m.content.execution_state;
      const d = m.content && m.content.data;
      if (d) { f.method = d.method; f.nbuf = m.nbuf; }
    }
    probe.frames.push(f);
  }
  class Recording extends Orig {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', ev => record('in', ev.data));
    }
    send(data) { record('out', data); return super.send(data); }
  }
  window.WebSocket = Recording;
})();"""

# Arms a probe on the plot image: the first keydown after arming (page clock), the
# first change of the image's `src`, the image's `load` event (decoded) and the next
# animation frame after it (painted); with WS_RECORDER_INIT_JS also the kernel frames.
# All times are epoch milliseconds (performance.timeOrigin + performance.now()).
ARM_PROBE_JS = """el => {
    const now = () => performance.timeOrigin + performance.now();
    const probe = {key: null, src: null, load: null, paint: null, frames: []};
    window.__nnlessonsProbe = probe;
    document.addEventListener('keydown', () => { if (probe.key === null) probe.key = now(); },
                              {capture: true, once: true});
    let painted;
    probe.done = new Promise(resolve => { painted = resolve; });
    el.addEventListener('load', () => {
        if (probe.load !== null) return;
        probe.load = now();
        requestAnimationFrame(() => requestAnimationFrame(() => { probe.paint = now(); painted(); }));
    }, {once: true});
    let changed;
    probe.changed = new Promise(resolve => { changed = resolve; });
    const obs = new MutationObserver(() => {
        if (probe.src === null) { probe.src = now(); obs.disconnect(); changed(); }
    });
    obs.observe(el, {attributes: true, attributeFilter: ['src']});
}"""

# Resolves true once the kernel is idle and the image's src has not changed for quietMs
# (false after timeoutMs): the page checks every 50 ms by itself, no round trips.
WAIT_QUIET_JS = """(el, [quietMs, timeoutMs, idleSel]) => new Promise(resolve => {
    const start = performance.now();
    let last = el.getAttribute('src'), since = start;
    const tick = () => {
        const t = performance.now(), src = el.getAttribute('src');
        if (src !== last || !document.querySelector(idleSel)) { last = src; since = t; }
        else if (t - since >= quietMs) return resolve(true);
        if (t - start > timeoutMs) return resolve(false);
        setTimeout(tick, 50);
    };
    tick();
})"""


def wait_quiet_in_page(img_el, quiet_ms: int = 250, timeout_ms: int = 20_000) -> None:
    """`wait_quiet` for an element handle, waited for inside the page."""
    if not img_el.evaluate(WAIT_QUIET_JS, [quiet_ms, timeout_ms, INDICATOR_IDLE]):
        raise TimeoutError("the widget image kept changing (or the kernel stayed busy)")


# Resolves when the armed probe has seen the new src (true), or after `ms` (false).
# Awaiting a promise instead of polling keeps the page's main thread free for the
# work being timed.
WAIT_PROBE_CHANGED_JS = """ms => Promise.race([
    window.__nnlessonsProbe.changed.then(() => true),
    new Promise(resolve => setTimeout(() => resolve(false), ms))])"""
WAIT_PROBE_PAINTED_JS = """ms => Promise.race([
    window.__nnlessonsProbe.done.then(() => true),
    new Promise(resolve => setTimeout(() => resolve(false), ms))])"""

READ_PROBE_JS = """() => {
    const p = window.__nnlessonsProbe;
    window.__nnlessonsProbe = null;
    if (!p) return null;
    const {changed, done, ...plain} = p;
    return plain;
}"""


def _iso_ms(date: str | None) -> float | None:
    """A Jupyter header date (ISO 8601, microseconds, UTC) as epoch milliseconds."""
    if not date:
        return None
    from datetime import datetime, timezone
    try:
        d = datetime.fromisoformat(date.replace("Z", "+00:00"))
    except ValueError:
        return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=timezone.utc)
    return d.timestamp() * 1000.0


def probe_breakdown(probe: dict | None) -> dict | None:
    """Split one key press into stages (ms) from an armed probe's record:

    ``total`` key -> new src; ``to_send`` key -> the widget's comm message leaves the page;
    ``kernel_wait`` sent -> the kernel starts on it (busy; server + queue);
    ``kernel`` busy -> the image update message is created (Python: observers, render, encode);
    ``to_page`` that message -> it arrives in the page (kernel -> server -> websocket);
    ``in_page`` arrived -> new src (deserialise, widget model, blob URL);
    ``decode`` src -> the image's load event; ``paint`` load -> the second animation frame;
    ``image_bytes`` the size of the frame carrying the image.
    Kernel times come from the message headers (the same machine's clock). Stages that
    cannot be told apart are None.
    """
    if not probe or probe.get("key") is None or probe.get("src") is None:
        return None
    key, src = probe["key"], probe["src"]
    out = {"total": src - key, "to_send": None, "kernel_wait": None, "kernel": None,
           "to_page": None, "in_page": None, "decode": None, "paint": None, "image_bytes": None}
    if probe.get("load") is not None:
        out["decode"] = probe["load"] - src
        if probe.get("paint") is not None:
            out["paint"] = probe["paint"] - probe["load"]
    frames = probe.get("frames") or []
    sent = next((f for f in frames if f["dir"] == "out" and f.get("type") == "comm_msg" and f["t"] >= key), None)
    image = next((f for f in frames if f["dir"] == "in" and f.get("type") == "comm_msg"
                  and f.get("method") == "update" and (f.get("nbuf") or 0) > 0 and f["t"] <= src + 1), None)
    if sent is not None:
        out["to_send"] = sent["t"] - key
        busy = next((f for f in frames if f["dir"] == "in" and f.get("type") == "status"
                     and f.get("state") == "busy" and f.get("parent_id") == sent.get("id")), None)
        busy_t = _iso_ms(busy.get("date")) if busy else None
        if busy_t is not None:
            out["kernel_wait"] = busy_t - sent["t"]
        if image is not None:
            img_t = _iso_ms(image.get("date"))
            if busy_t is not None and img_t is not None:
                out["kernel"] = img_t - busy_t
            if img_t is not None:
                out["to_page"] = image["t"] - img_t
    if image is not None:
        out["in_page"] = src - image["t"]
        out["image_bytes"] = image.get("size")
    return out


# ------------------------------------------------------------------ a lesson's widget
IMAGE = "img.widget-image, .widget-output img"  # the plot: an Image widget or a PNG in an Output
SLIDER_HANDLE = ".widget-slider .noUi-handle[role=slider]"
TEXT_INPUT = ".widget-text input[type=text], .widget-text input:not([type])"
TOGGLE_BUTTONS = ".widget-toggle-buttons"


def lesson_widget(page, timeout_ms: int = 30_000):
    """The open notebook's first lesson widget: the first output area (in page order) with
    a plot image and a control a learner moves (a slider, else a text box, else a row of
    toggle buttons).

    Returns (output, img, kind, control) where kind is "slider" (control: the slider's
    handle), "text" (control: the input box) or "buttons" (control: the button row). A
    generic choice, so a new lesson needs no table entry: the first slider is the first
    thing a learner finds to drag.
    """
    outputs = (page.locator(f"{PANEL} .jp-OutputArea-output")
               .filter(has=page.locator(IMAGE))
               .filter(has=page.locator(f"{SLIDER_HANDLE}, {TEXT_INPUT}, {TOGGLE_BUTTONS}")))
    outputs.first.wait_for(state="visible", timeout=timeout_ms)
    output = outputs.first
    img = output.locator(IMAGE).first
    img.wait_for(state="visible", timeout=timeout_ms)
    page.wait_for_function("el => el.getAttribute('src')", arg=img.element_handle(), timeout=timeout_ms)
    for kind, selector in (("slider", SLIDER_HANDLE), ("text", TEXT_INPUT), ("buttons", TOGGLE_BUTTONS)):
        controls = output.locator(selector)
        if controls.count():
            return output, img, kind, controls.first
    raise LookupError("the widget has an image but no slider, text box or toggle buttons")


def control_label(output, kind: str) -> str:
    """The description shown beside the chosen control ("weight w", "your sentence"), as
    text content (rendered or not)."""
    sel = {"slider": ".widget-slider", "text": ".widget-text", "buttons": ".widget-toggle-buttons"}[kind]
    try:
        label = output.locator(sel).first.locator(".widget-label").first.text_content(timeout=2000).strip()
    except Exception:  # noqa: BLE001 - no label
        label = ""
    return label or kind


def cell_source(output) -> str:
    """The code of the cell that holds `output` (its editor's lines as text content: a cell
    off screen, under JupyterLab's default windowing, has no rendered text)."""
    cell = output.locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' jp-CodeCell ')][1]")
    try:
        return "\n".join(cell.locator(".jp-InputArea-editor .cm-line").all_text_contents())
    except Exception:  # noqa: BLE001
        return ""


class KeyDriver:
    """Presses keys that change the control by one step each time: arrow keys on a slider,
    on in one direction and turning round at either end of its range; letters typed one
    after another (a, b, c, ...) at the end of a text box, so every press shows a sentence
    not shown before; Enter on the toggle button after the pressed one (round the row).
    Works on an element handle: choosing the next key costs one call into the page. Keep one driver per control to go on where the last run stopped."""

    LETTERS = "abcdefghijklmnopqrstuvwxyz"

    def __init__(self, kind: str, control):
        self.kind = kind
        self.el = control.element_handle() if hasattr(control, "element_handle") else control
        self.direction = None
        self.typed = 0

    def focus(self) -> None:
        self.el.scroll_into_view_if_needed()
        self.el.focus()
        if self.kind == "text":
            self.el.press("End")

    def next_key(self) -> str:
        if self.kind == "buttons":  # focus the button after the pressed one; Enter clicks it
            self.el.evaluate("""row => {
                const buttons = [...row.querySelectorAll('button')];
                const active = buttons.findIndex(b => b.classList.contains('mod-active'));
                buttons[(active + 1) % buttons.length].focus();
            }""")
            return "Enter"
        if self.kind == "text":
            self.typed += 1
            return self.LETTERS[(self.typed - 1) % len(self.LETTERS)]
        lo, hi, now = self.el.evaluate(
            "el => ['aria-valuemin', 'aria-valuemax', 'aria-valuenow'].map(a => parseFloat(el.getAttribute(a)))")
        if self.direction is None:
            self.direction = 1 if now < (lo + hi) / 2 else -1
        if now >= hi:
            self.direction = -1
        elif now <= lo:
            self.direction = 1
        return "ArrowRight" if self.direction > 0 else "ArrowLeft"
