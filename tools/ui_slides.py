"""Check the slide decks in a real browser: JupyterLab + jupyterlab-rise, headless Chromium, Playwright.

For each notebook given (default: 04 and 15), at a 1024x768 window: open it as a RISE slideshow (the /rise/ page
that Alt+R opens), check that reveal.js rendered its slides, that the first slide with a figure shows the code that
drew it on the same slide, move forward three slides (screenshots of each), then walk
every slide and report any taller than the 768-pixel screen. With --all, every notebook is walked.
Screenshots go to ui-screenshots/ (git-ignored). Exit status 1 on any failure, 2 when it could not run at all
(no Playwright, no Chromium: then it says so plainly and checks nothing).

Usage: python tools/ui_slides.py [--all] [--from FOLDER] [notebooks/NN_name.ipynb ...]
(--from: take the notebooks from FOLDER instead of notebooks/, e.g. to try a slide plan on copies)
"""

import sys
import time
from pathlib import Path

from ui_check import CHROMIUM, ROOT, SCREENSHOTS, lab_with_browser

DEFAULT = ["notebooks/04_backward_propagation.ipynb", "notebooks/15_many_classes.ipynb"]
SCREEN = {"width": 1024, "height": 768}
TOLERANCE = 8  # pixels a slide may exceed the screen by (borders, rounding)

PRESENT = """() => {
  const s = [...document.querySelectorAll('.reveal .slides section.present')].pop();
  const shown = selector => [...s.querySelectorAll(selector)].filter(e => e.offsetParent !== null).length;
  return {height: s.scrollHeight, code: shown('.jp-CodeCell'), outputs: shown('.jp-OutputArea-output'),
          images: shown('.jp-OutputArea-output img'), title: (s.innerText || '').trim().split('\\n')[0].slice(0, 60),
          index: (document.querySelector('.reveal .slide-number') || {}).innerText || '',
          step: s.querySelectorAll('.fragment.visible').length};
}"""
COUNT = "() => [...document.querySelectorAll('.reveal .slides section')].filter(s => !s.classList.contains('stack'))" \
        ".length"


def position(state):
    """Where the slideshow is: the slide number and how many of its fragments are shown."""
    return state["index"], state["step"]


def open_deck(page, base, token, name):
    page.goto(f"{base}/rise/notebooks/{name}?token={token}", wait_until="domcontentloaded")
    page.wait_for_selector(".reveal .slides section.present", timeout=120_000)
    page.wait_for_function("() => !document.querySelector('.reveal .slides section.present .jp-Spinner')",
                           timeout=60_000)
    time.sleep(3)  # MathJax typesets after the slides appear


def check_deck(page, base, token, path, walk):
    """(ok, lines) for one notebook's slideshow."""
    name, problems, lines = path.stem, [], []
    open_deck(page, base, token, path.name)
    n_slides = page.evaluate(COUNT)
    if n_slides < 2:
        return False, [f"FAIL {name}: reveal.js shows {n_slides} slide(s)"]
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"slides-{name}-0.png"))
    first_figure = None
    for _ in range(3 * n_slides + 20):  # to the first slide that draws a figure (fragments are steps too)
        state = page.evaluate(PRESENT)
        if state["images"]:
            first_figure = state
            break
        page.keyboard.press("Space")
        time.sleep(0.6)
    if first_figure is None:
        problems.append("no slide shows a figure")
    else:
        page.screenshot(path=str(SCREENSHOTS / f"slides-{name}-first-figure.png"))
        if not first_figure["code"]:
            problems.append(f"the first figure's slide ({first_figure['title']!r}) does not show the code that drew it")
        lines.append(f"  first figure on slide {first_figure['index']} {first_figure['title']!r}: "
                     f"{first_figure['code']} code cell(s), {first_figure['outputs']} output(s), "
                     f"{first_figure['images']} figure(s)")
    for step in range(1, 4):
        page.keyboard.press("Space")
        time.sleep(0.8)
        page.screenshot(path=str(SCREENSHOTS / f"slides-{name}-next{step}.png"))
    if walk:
        open_deck(page, base, token, path.name)
        tall, seen = [], set()
        for _ in range(3 * n_slides + 20):  # fragments are steps too
            state = page.evaluate(PRESENT)
            seen.add(state["index"])
            if state["height"] > SCREEN["height"] + TOLERANCE:
                tall.append(f"{state['index']} {state['title']!r} {state['height']} px")
            page.keyboard.press("Space")
            deadline = time.time() + 5
            while position(page.evaluate(PRESENT)) == position(state) and time.time() < deadline:
                time.sleep(0.2)
            if position(page.evaluate(PRESENT)) == position(state):
                break
        lines.append(f"  walked {len(seen)} of {n_slides} slides")
        if len(seen) < n_slides:
            problems.append(f"only {len(seen)} of {n_slides} slides could be reached with the space bar")
        if tall:
            problems.append(f"{len(tall)} slide(s) taller than {SCREEN['height']} px: " + "; ".join(tall))
    detail = f"{n_slides} slides; screenshots ui-screenshots/slides-{name}-*.png"
    if problems:
        return False, [f"FAIL {name}: {'; '.join(problems)} ({detail})"] + lines
    return True, [f"PASS {name}: {detail}"] + lines


def main(args):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("ui slides check DID NOT RUN: Playwright is not installed (it is in requirements.txt: make ui)")
        return 2
    if not CHROMIUM.exists():
        print(f"ui slides check DID NOT RUN: no Chromium at {CHROMIUM}; install it with "
              f"apt-get update && apt-get install -y chromium")
        return 2
    walk_all = "--all" in args
    source = ROOT / "notebooks"
    if "--from" in args:
        source = Path(args[args.index("--from") + 1]).resolve()
        args = args[:args.index("--from")] + args[args.index("--from") + 2:]
    names = [Path(a).name for a in args if a != "--all"]
    paths = [source / n for n in names] if names else (
        sorted(source.glob("[0-9][0-9]_*.ipynb")) if walk_all else [source / Path(n).name for n in DEFAULT])
    results = []
    with lab_with_browser(sync_playwright, source) as (browser, base, token):
        page = browser.new_page(viewport=SCREEN)
        for path in paths:
            try:
                ok, lines = check_deck(page, base, token, path, walk=True)
            except Exception as err:  # noqa: BLE001 - one line per notebook, then the next one
                page.screenshot(path=str(SCREENSHOTS / f"slides-{path.stem}-failed.png"))
                ok, lines = False, [f"FAIL {path.stem}: {type(err).__name__}: {str(err).splitlines()[0]}"]
            print("\n".join(lines), flush=True)
            results.append(ok)
    print(f"ui slides check: {sum(results)} of {len(results)} deck(s) passed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
