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

    def __init__(self, base: Path, root_dir: Path, python: str = sys.executable):
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
        for rel, values in LAB_SETTINGS.items():
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
