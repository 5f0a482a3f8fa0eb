"""Check the notebooks' widgets in a real browser: JupyterLab, headless Chromium, Playwright (`make ui`).

For every notebook whose stored outputs hold a widget: open it in JupyterLab, run all cells, wait until every
cell has run, check that no cell shows an error (cells tagged raises-exception may) and that the widgets
render, then run the notebook's widget checks (``WIDGET_CHECKS``: each looks for its kind of widget and drives
it like a learner):
- the live playground (notebook 10, ``check_playground``): Play, watch the picture and the epoch counter change,
  run another cell while it trains (the kernel must answer), Pause, move the learning-rate slider (training
  continues) and the noise slider (the picture changes), switch on the x1² feature (the picture changes), Play
  again;
- any other slider (``check_slider``): moving it changes the picture below it.
One summary line per notebook and a screenshot per notebook in ui-screenshots/ (git-ignored). Exit status 1 if
any notebook fails; 2, with a line saying that nothing was checked, when Playwright or Chromium is missing.

JupyterLab runs on 127.0.0.1, on a free port, with a random token, in a temporary folder holding a copy of
notebooks/ and images/, so the repository is never touched; its settings and workspaces live there too.
It never downloads a browser (on Debian: apt-get install chromium).

Usage: python tools/ui_check.py [notebooks/NN_name.ipynb ...]
"""

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "ui-screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
RUN_TIMEOUT = 240  # seconds for one notebook's Run All
SETTINGS = {  # user settings of the temporary JupyterLab: every cell in the page, no news, no update checks
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                         "checkForUpdates": False},
}


def notebooks_with_widgets(paths):
    """(path, cell tags per cell, number of code cells) for each notebook whose outputs hold a widget view."""
    found = []
    for path in paths:
        nb = json.loads(path.read_text(encoding="utf-8"))
        outputs = [output for cell in nb["cells"] for output in cell.get("outputs", [])]
        if any(WIDGET_VIEW in output.get("data", {}) for output in outputs):
            found.append((path, [cell.get("metadata", {}).get("tags", []) for cell in nb["cells"]],
                          sum(cell["cell_type"] == "code" for cell in nb["cells"])))
    return found


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_lab(folder, port, token):
    """Start JupyterLab serving ``folder``; returns the process once the server answers."""
    settings = folder / ".lab-settings"
    for name, values in SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values), encoding="utf-8")
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(folder / ".lab-workspaces"), JUPYTER_RUNTIME_DIR=str(folder / ".runtime"),
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    env.pop("MPLBACKEND", None)
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={folder}", "--ServerApp.terminals_enabled=False",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--LabApp.extension_manager=readonly"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # e.g. in a container
    log = open(folder / "lab.log", "wb")  # noqa: SIM115 - closed with the folder
    process = subprocess.Popen(command, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/api/status?token={token}"
    for _ in range(120):
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited: {(folder / 'lab.log').read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own loopback server
                return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise RuntimeError("JupyterLab did not answer within 60 s")


def stop_lab(process):
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def menu(page, title, command):
    page.locator(".lm-MenuBar-item", has_text=title).first.click()
    page.locator(f'.lm-Menu-item[data-command="{command}"]').click()


def run_all(page):
    """Edit → Clear Outputs of All Cells (so that stored outputs and counts are gone), then Run → Run All."""
    menu(page, "Edit", "editmenu:clear-all")
    deadline = time.time() + 30
    while any(p.strip().strip("[]:").isdigit() for p in page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()):
        if time.time() > deadline:
            raise TimeoutError("the stored outputs were not cleared")
        time.sleep(0.2)
    menu(page, "Run", "runmenu:run-all")


def wait_until_run(page, n_code, timeout):
    """Wait until every code cell shows an execution count ([1]: ... [n]:); returns the prompts."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        prompts = [p.strip() for p in page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()]
        if len(prompts) == n_code and all(p.strip("[]:").isdigit() for p in prompts):
            return None
        time.sleep(0.5)
    return prompts


def error_cells(page, tags):
    """Indexes of cells that show an error or stderr output and are not tagged raises-exception."""
    bad = []
    for index, cell in enumerate(page.locator(".jp-Notebook .jp-Cell").all()):
        if cell.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count():
            if "raises-exception" not in (tags[index] if index < len(tags) else []):
                bad.append(index)
    return bad


def picture_near(slider):
    """The src of the first image in the same cell output as ``slider`` (the widget's drawing)."""
    image = slider.locator("xpath=ancestor::div[contains(@class, 'jp-OutputArea-output')][1]//img").first
    return image.get_attribute("src", timeout=10_000)


def move_slider(page, slider, before):
    """Move the slider's handle with the keyboard until the picture changes; returns the new src or None."""
    handle = slider.locator(".noUi-handle").first
    for key in ("ArrowRight", "ArrowRight", "ArrowLeft", "ArrowLeft", "ArrowLeft"):
        handle.focus()
        page.keyboard.press(key)
        deadline = time.time() + 20
        while time.time() < deadline:
            after = picture_near(slider)
            if after and after != before:
                return after
            time.sleep(0.3)
    return None


def wait_for_cells(page, n_cells, timeout=60):
    deadline = time.time() + timeout
    while page.locator(".jp-Notebook .jp-Cell").count() < n_cells:
        if time.time() > deadline:
            raise TimeoutError(f"the notebook did not show its {n_cells} cells within {timeout} s")
        time.sleep(0.3)


def wait_for(condition, timeout, interval=0.25):
    """Poll condition() until it returns something truthy (returned) or timeout seconds pass (None)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    return None


# --- widget checks: each returns None when the notebook has no widget of its kind, else (problems, detail) ----------

def check_slider(page):
    """Move the first slider with the keyboard: the picture below it must change."""
    sliders = page.locator(".jupyter-widgets .widget-slider")
    if sliders.count() == 0:
        return ["no slider rendered"], "no slider"
    slider = sliders.first
    slider.scroll_into_view_if_needed()
    before = picture_near(slider)
    changed = move_slider(page, slider, before) is not None
    slider.scroll_into_view_if_needed()
    time.sleep(0.5)
    detail = f"{sliders.count()} slider(s), picture {'changed' if changed else 'unchanged'} after a slider move"
    return ([] if changed else ["moving a slider did not change the picture"]), detail


def epoch_of(widget):
    text = widget.locator(".dnn-epoch").first.inner_text(timeout=10_000)
    digits = "".join(ch for ch in text if ch.isdigit())
    return int(digits) if digits else -1


def picture_of(widget):
    return widget.locator(".dnn-picture").first.get_attribute("src", timeout=10_000)


def status_of(widget):
    return widget.locator(".dnn-status").first.inner_text(timeout=10_000)


def press_key_on_slider(page, slider, key, times):
    handle = slider.locator(".noUi-handle").first
    for _ in range(times):
        handle.focus()
        page.keyboard.press(key)
        time.sleep(0.3)


def run_cell_while_training(page, widget):
    """Insert a cell below the playground's (in the temporary copy), run print(6 * 7) in it while the playground
    trains, and wait for 42. Returns (the answer or None, seconds)."""
    cell = widget.locator("xpath=ancestor::div[contains(@class, 'jp-CodeCell')][1]")
    cell.locator(".jp-InputPrompt").first.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")                      # a new code cell below, selected
    new_cell = cell.locator("xpath=following-sibling::div[contains(@class, 'jp-Cell')][1]")
    new_cell.locator(".jp-InputArea-editor").first.click()
    page.keyboard.type("print(6 * 7)")
    started = time.time()
    page.keyboard.press("Control+Enter")
    answer = wait_for(lambda: next((text for text in new_cell.locator(".jp-OutputArea-output").all_inner_texts()
                                    if "42" in text), None), timeout=30)
    return answer, time.time() - started


def check_playground(page):
    """Drive the live playground like a learner; None if the notebook has none."""
    widgets = page.locator(".jp-OutputArea-output").filter(has=page.locator(".dnn-picture"))
    if widgets.count() == 0:
        return None
    widget = widgets.first
    widget.scroll_into_view_if_needed()
    problems, steps = [], []

    def button(name):
        return widget.locator("button", has_text=name).first

    # Play: the epoch counter and the picture move, several frames a second
    epoch0, picture0 = epoch_of(widget), picture_of(widget)
    button("Play").click()
    pictures = {picture0}
    started = time.time()
    while time.time() - started < 4:
        pictures.add(picture_of(widget))
        time.sleep(0.1)
    epoch1 = epoch_of(widget)
    frames = len(pictures) - 1
    steps.append(f"play: epoch {epoch0} -> {epoch1}, {frames} new pictures seen in 4 s")
    if epoch1 <= epoch0 or frames < 3:
        problems.append(f"Play did not train live (epoch {epoch0} -> {epoch1}, {frames} new pictures)")
    # another cell while it trains
    answer, seconds = run_cell_while_training(page, widget)
    if answer is None:
        problems.append("another cell did not run while the playground trained")
    else:
        steps.append(f"another cell (print(6 * 7)) answered {answer.strip()} in {seconds:.1f} s while training")
    epoch2 = epoch_of(widget)
    time.sleep(1.5)
    if epoch_of(widget) <= epoch2:
        problems.append("training stopped after another cell ran")
    # Pause: the counter stops
    widget.scroll_into_view_if_needed()
    button("Pause").click()
    time.sleep(1.0)
    paused = epoch_of(widget)
    time.sleep(1.5)
    if epoch_of(widget) != paused:
        problems.append("Pause did not stop training")
    steps.append(f"pause at epoch {paused}")
    # a learning-rate move continues from the current weights
    rate = widget.locator(".widget-slider", has_text="learning rate").first
    press_key_on_slider(page, rate, "ArrowLeft", 3)
    continued = wait_for(lambda: "training continues" in status_of(widget), timeout=20)
    if not continued or epoch_of(widget) != paused:
        problems.append(f"moving the learning rate did not continue from the current weights "
                        f"(epoch {epoch_of(widget)}, status {status_of(widget)!r})")
    else:
        steps.append("learning-rate move: training continues at the same epoch")
    # a noise move (new data) changes the picture and starts again (the small form has no noise slider)
    noise = widget.locator(".widget-slider", has_text="noise")
    if noise.count():
        before = picture_of(widget)
        press_key_on_slider(page, noise.first, "ArrowRight", 1)
        if not wait_for(lambda: picture_of(widget) != before and epoch_of(widget) == 0, timeout=20):
            problems.append("moving the noise slider did not change the picture and restart")
        else:
            steps.append("noise move: new picture, epoch 0")
    # a feature toggle changes the picture (the small form has no features)
    feature = widget.get_by_role("button", name="x1²", exact=True)
    if feature.count():
        before = picture_of(widget)
        feature.click()
        if not wait_for(lambda: picture_of(widget) != before, timeout=20):
            problems.append("switching on x1² did not change the picture")
        else:
            steps.append("x1² switched on: new picture")
    # Play again, then Pause; no error line
    button("Play").click()
    time.sleep(2.0)
    button("Pause").click()
    time.sleep(1.0)
    if epoch_of(widget) <= (0 if noise.count() else paused):
        problems.append("Play after the changes did not train")
    steps.append(f"play again to epoch {epoch_of(widget)}")
    status = status_of(widget)
    if "Traceback" in status or "Error" in status.splitlines()[-1]:
        problems.append(f"the status line shows an error: {status.splitlines()[-1]!r}")
    widget.scroll_into_view_if_needed()
    return problems, "playground: " + "; ".join(steps)


WIDGET_CHECKS = [check_playground]  # each: page -> None (no such widget) or (problems, detail)
FALLBACK_CHECK = check_slider       # when no check of WIDGET_CHECKS applies


def check_notebook(context, base, token, path, tags, n_code):
    """Returns (ok, message) for one notebook."""
    name = path.stem
    page = context.new_page()
    problems = []
    try:
        page.goto(f"{base}/lab/tree/notebooks/{path.name}?reset&token={token}", wait_until="domcontentloaded")
        wait_for_cells(page, len(tags))
        page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(timeout=60_000)
        SCREENSHOTS.mkdir(exist_ok=True)
        start = time.time()
        run_all(page)
        pending = wait_until_run(page, n_code, RUN_TIMEOUT)
        if pending is not None:
            page.screenshot(path=str(SCREENSHOTS / f"{name}-failed.png"))
            return False, f"FAIL {name}: not every cell ran within {RUN_TIMEOUT} s; prompts {' '.join(pending)}"
        seconds = time.time() - start
        bad = error_cells(page, tags)
        if bad:
            problems.append(f"error output in cell(s) {bad}")
        if page.get_by_text("Error displaying widget").count():
            problems.append("a widget did not display")
        n_widgets = page.locator(".jp-OutputArea-output .jupyter-widgets.widget-vbox").count()
        details = []
        for check in WIDGET_CHECKS:
            result = check(page)
            if result is not None:
                problems += result[0]
                details.append(result[1])
        if not details:
            found, detail = FALLBACK_CHECK(page)
            problems += found
            details.append(detail)
        shot = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(shot))
        detail = (f"{n_code} code cells run in {seconds:.0f} s, {n_widgets} widget(s); {'; '.join(details)}; "
                  f"screenshot {shot.relative_to(ROOT)}")
        if problems:
            return False, f"FAIL {name}: {'; '.join(problems)} ({detail})"
        return True, f"PASS {name}: {detail}"
    except Exception as err:  # noqa: BLE001 - one line per notebook, then the next one
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-failed.png"))
        return False, f"FAIL {name}: {type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"
    finally:
        page.close()


@contextlib.contextmanager
def lab_with_browser(sync_playwright, notebooks=ROOT / "notebooks"):
    """A temporary JupyterLab (loopback, random token) serving a copy of ``notebooks`` and images/, and headless
    Chromium: yields (browser, base URL, token); everything is stopped and removed afterwards."""
    port, token = free_port(), secrets.token_hex(16)
    with tempfile.TemporaryDirectory(prefix="ui-check-") as tmp:
        folder = Path(tmp)
        shutil.copytree(notebooks, folder / "notebooks")
        shutil.copytree(ROOT / "images", folder / "images")
        lab = start_lab(folder, port, token)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                     args=CHROMIUM_ARGS)
                try:
                    yield browser, f"http://127.0.0.1:{port}", token
                finally:
                    browser.close()
        finally:
            stop_lab(lab)


def main(args):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("ui check DID NOT RUN: Playwright is not installed (pip install playwright; no browser download "
              "needed); nothing was checked")
        return 2
    if not CHROMIUM.exists():
        print(f"ui check DID NOT RUN: no Chromium at {CHROMIUM} (on Debian: apt-get install chromium); "
              f"nothing was checked")
        return 2
    paths = [Path(arg).resolve() for arg in args] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    targets = notebooks_with_widgets(paths)
    if not targets:
        print("ui check: no notebook has a widget output; nothing to check")
        return 0
    results = []
    with lab_with_browser(sync_playwright) as (browser, base, token):
        context = browser.new_context(viewport={"width": 1500, "height": 1100})
        for path, tags, n_code in targets:
            ok, line = check_notebook(context, base, token, path, tags, n_code)
            print(line, flush=True)
            results.append(ok)
        context.close()
    print(f"ui check: {sum(results)} of {len(results)} notebook(s) passed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
