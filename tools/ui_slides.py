"""Check the slide decks in a real browser: JupyterLab + jupyterlab-rise, headless Chromium, Playwright.

For each notebook given (default: 04, 10 and 14), at a 1024x768 window, open it as a RISE slideshow (the /rise/
page: the one "Open as Reveal Slideshow" opens in a new browser tab), then:
- measure the text on screen: the smallest font size of the visible body text (markdown paragraphs and list
  items) and of the code lines, in screen pixels (font size times reveal.js's scale); body must be at least
  ``BODY_PX`` (24) and code at least ``CODE_PX`` (20);
- check that the first slide with a figure shows the code that drew it on the same slide;
- walk every slide (fragments are steps too) and report any slide whose content runs past the bottom of the
  768-pixel screen or past its right edge, any display formula or table cut at the right (wider than the slide, so
  rise.css lets it scroll), any content under reveal's controls (when they are shown), and any visible solution
  marker (``### BEGIN/END SOLUTION``);
- check that each speaker note holds its text once (RISE's speaker view, key T, shows the note cell's HTML as it
  is: a markdown note would show its source and its rendering);
- with --widgets (the default for 10): run every cell in the slideshow (Shift+Enter from the first cell, as a
  presenter would) and check that the playground's widgets render there (at least ``MIN_WIDGETS`` widget boxes,
  no "Error displaying widget"), with the browser console's errors in the report if they do not;
- fail on any request that leaves the machine (the decks must work offline: no web font, no CDN).
Screenshots go to ui-screenshots/ (git-ignored). Exit status 1 on any failure, 2 when it could not run at all
(no Playwright, no Chromium: then it says so plainly and checks nothing).

Usage: python tools/ui_slides.py [--all] [--widgets] [--from FOLDER] [notebooks/NN_name.ipynb ...]
(--from: take the notebooks from FOLDER instead of notebooks/, e.g. to try a slide plan on copies; FOLDER must
hold rise.css too)
"""

import sys
import time
from pathlib import Path

from ui_check import CHROMIUM, ROOT, SCREENSHOTS, lab_with_browser

DEFAULT = ["notebooks/04_backward_propagation.ipynb", "notebooks/10_playground.ipynb",
           "notebooks/14_optimization.ipynb"]
WIDGET_DECKS = {"10_playground"}
SCREEN = {"width": 1024, "height": 768}
TOLERANCE = 8    # pixels a slide may exceed the screen by (borders, rounding)
BODY_PX = 24
CODE_PX = 20
MIN_WIDGETS = 3  # the playground deck shows three playgrounds

PRESENT = """() => {
  const s = [...document.querySelectorAll('.reveal .slides section.present')].pop();
  const visible = e => e.offsetParent !== null && e.getBoundingClientRect().height > 0;
  const shown = selector => [...s.querySelectorAll(selector)].filter(visible).length;
  const parts = [...s.querySelectorAll('.jp-RenderedHTMLCommon > *, .cm-line, .jp-OutputArea-output, img, '
                                       + 'mjx-container, .jupyter-widgets')].filter(visible);
  const bottom = Math.max(0, ...parts.map(e => e.getBoundingClientRect().bottom));
  const right = Math.max(0, ...parts.map(e => e.getBoundingClientRect().right));
  const controls = document.querySelector('.reveal .controls');
  let under = 0;
  if (controls && getComputedStyle(controls).display !== 'none') {
    const c = controls.getBoundingClientRect();
    under = parts.filter(e => { const r = e.getBoundingClientRect();
      return r.right > c.left && r.left < c.right && r.bottom > c.top && r.top < c.bottom; }).length;
  }
  const markers = [...s.querySelectorAll('.cm-line')].filter(visible)
    .filter(l => /(BEGIN|END) SOLUTION/.test(l.textContent)).length;
  const clipped = [...s.querySelectorAll('mjx-container[display="true"], .jp-RenderedHTMLCommon table')]
    .filter(visible).filter(e => e.scrollWidth > e.clientWidth + 2).length;
  const hidden_code = [...s.querySelectorAll('.jp-CodeCell .cm-line')]
    .filter(l => getComputedStyle(l).display === 'none' && !l.textContent.trim().startsWith('#')).length;
  return {bottom, right, under, markers, hidden_code, clipped, code: shown('.jp-CodeCell'),
          outputs: shown('.jp-OutputArea-output'), images: shown('.jp-OutputArea-output img'),
          title: (s.innerText || '').trim().split('\\n')[0].slice(0, 60),
          index: (document.querySelector('.reveal .slide-number') || {}).innerText || '',
          step: s.querySelectorAll('.fragment.visible').length};
}"""
COUNT = "() => [...document.querySelectorAll('.reveal .slides section')].filter(s => !s.classList.contains('stack'))" \
        ".length"
# Font sizes on screen: the computed size times reveal.js's scale of the slides (1 at 1024x768).
SIZES = """() => {
  const slides = document.querySelector('.reveal .slides');
  const scale = slides.getBoundingClientRect().width / slides.offsetWidth || 1;
  const px = selector => [...document.querySelectorAll(selector)]
    .filter(e => e.textContent.trim() && !e.closest('aside.notes') && !e.closest('.reveal-skip'))
    .map(e => parseFloat(getComputedStyle(e).fontSize) * scale);
  const body = px('.reveal .jp-RenderedHTMLCommon p, .reveal .jp-RenderedHTMLCommon li');
  const code = px('.reveal .jp-CodeCell .cm-line');
  return {scale, body: Math.min(...body), code: Math.min(...code), n_body: body.length, n_code: code.length};
}"""
# Each speaker note's text, and how many times it occurs in the HTML that the speaker view shows.
NOTES = """() => [...document.querySelectorAll('.reveal aside.notes')].map(aside => {
  const text = aside.textContent.replace(/\\s+/g, ' ').trim();
  const first = text.slice(0, 40);
  return {first, times: first ? text.split(first).length - 1 : 0};
})"""
WIDGETS = """() => ({
  boxes: document.querySelectorAll('.reveal .jp-OutputArea-output .jupyter-widgets.widget-vbox').length,
  errors: [...document.querySelectorAll('.reveal .jp-OutputArea-output')]
    .filter(e => /Error displaying widget/.test(e.innerText)).length,
  buttons: [...document.querySelectorAll('.reveal .jupyter-widgets button')].filter(b => b.offsetParent).length,
  sliders: document.querySelectorAll('.reveal .jupyter-widgets .widget-slider').length,
})"""


def position(state):
    """Where the slideshow is: the slide number and how many of its fragments are shown."""
    return state["index"], state["step"]


def open_deck(page, base, token, name):
    page.goto(f"{base}/rise/notebooks/{name}?token={token}", wait_until="domcontentloaded")
    page.wait_for_selector(".reveal .slides section.present", timeout=120_000)
    page.wait_for_function("() => !document.querySelector('.reveal .slides section.present .jp-Spinner')",
                           timeout=60_000)
    time.sleep(3)  # MathJax typesets after the slides appear


def run_all_in_slideshow(page, n_cells):
    """Run every cell from the slideshow as a presenter does: select the first cell, Shift+Enter through the deck."""
    page.locator(".reveal .jp-Cell").first.click()
    page.keyboard.press("Escape")
    page.keyboard.press("Home")
    for _ in range(n_cells):
        page.keyboard.press("Shift+Enter")
        time.sleep(0.3)


def check_widgets(page, name, console):
    """(problems, line): the playground's widgets after running the deck's cells in the slideshow."""
    n_cells = page.evaluate("() => document.querySelectorAll('.reveal .jp-Cell').length")
    run_all_in_slideshow(page, n_cells)
    deadline, state = time.time() + 180, {}
    while time.time() < deadline:
        state = page.evaluate(WIDGETS)
        if state["boxes"] >= MIN_WIDGETS:
            break
        time.sleep(2)
    time.sleep(2)
    state = page.evaluate(WIDGETS)
    page.keyboard.press("Escape")  # out of the last cell's editor (command mode), so that Home and Space move slides
    page.keyboard.press("Home")
    for _ in range(3 * n_cells):  # to a slide that shows a playground
        if page.evaluate("() => !![...document.querySelectorAll('.reveal .slides section.present')].pop()"
                         ".querySelector('.jupyter-widgets.widget-vbox')"):
            break
        page.keyboard.press("Space")
        time.sleep(0.4)
    time.sleep(1)
    page.screenshot(path=str(SCREENSHOTS / f"slides-{name}-widgets.png"))
    bottom = page.evaluate(PRESENT)["bottom"]
    line = (f"  widgets in the slideshow: {state['boxes']} playground box(es), {state['sliders']} slider(s), "
            f"{state['buttons']} visible button(s), {state['errors']} widget error(s); a playground's "
            f"slide reaches {bottom:.0f} px of {SCREEN['height']}")
    problems = []
    if state["boxes"] < MIN_WIDGETS or state["errors"]:
        shared = [m for m in console if "shared" in m.lower() or "widget" in m.lower()][:2]
        problems.append(f"{state['boxes']} of {MIN_WIDGETS} playground widgets rendered in the slideshow"
                        + (f" (console: {' | '.join(shared)})" if shared else ""))
    return problems, line


def walk(page, n_slides):
    """Every slide and fragment from the first: (slides seen, problems)."""
    seen, tall, wide, under, markers, hidden, clipped = set(), [], [], [], [], [], []
    for _ in range(3 * n_slides + 20):
        state = page.evaluate(PRESENT)
        seen.add(state["index"])
        where = f"{state['index']} {state['title']!r}"
        if state["bottom"] > SCREEN["height"] + TOLERANCE:
            tall.append(f"{where} to {round(state['bottom'])} px")
        if state["right"] > SCREEN["width"] + TOLERANCE:
            wide.append(f"{where} to {round(state['right'])} px")
        if state["under"]:
            under.append(where)
        if state["markers"]:
            markers.append(where)
        if state["hidden_code"]:
            hidden.append(where)
        if state["clipped"]:
            clipped.append(where)
        page.keyboard.press("Space")
        deadline = time.time() + 5
        while position(page.evaluate(PRESENT)) == position(state) and time.time() < deadline:
            time.sleep(0.2)
        if position(page.evaluate(PRESENT)) == position(state):
            break
    problems = []
    for found, what in [(tall, f"past the bottom of the {SCREEN['height']}-px screen"),
                        (wide, f"past the right edge of the {SCREEN['width']}-px screen"),
                        (under, "with content under reveal's controls"),
                        (markers, "showing a solution marker"),
                        (hidden, "hiding a line of code that is not a comment"),
                        (clipped, "with a formula or table cut at the right (wider than the slide: it scrolls)")]:
        if found:
            problems.append(f"{len(set(found))} slide(s) {what}: " + "; ".join(sorted(set(found))))
    return seen, problems


def check_deck(page, base, token, path, widgets, console, requests):
    """(ok, lines) for one notebook's slideshow."""
    name, problems, lines = path.stem, [], []
    console.clear()
    requests.clear()
    open_deck(page, base, token, path.name)
    n_slides = page.evaluate(COUNT)
    if n_slides < 2:
        return False, [f"FAIL {name}: reveal.js shows {n_slides} slide(s)"]
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"slides-{name}-0.png"))
    sizes = page.evaluate(SIZES)
    lines.append(f"  on screen: body text {sizes['body']:.1f} px (smallest of {sizes['n_body']} paragraphs and "
                 f"list items), code {sizes['code']:.1f} px (smallest of {sizes['n_code']} code lines), "
                 f"reveal.js scale {sizes['scale']:.2f}")
    if sizes["body"] < BODY_PX - 0.5:
        problems.append(f"body text is {sizes['body']:.1f} px, expected at least {BODY_PX}")
    if sizes["code"] < CODE_PX - 0.5:
        problems.append(f"code is {sizes['code']:.1f} px, expected at least {CODE_PX}")
    notes = page.evaluate(NOTES)
    twice = [note["first"] for note in notes if note["times"] != 1]
    lines.append(f"  {len(notes)} speaker note(s)")
    if twice:
        problems.append(f"{len(twice)} speaker note(s) not shown exactly once: {twice}")
    first_figure = None
    for _ in range(3 * n_slides + 20):  # to the first slide that draws a figure (fragments are steps too)
        state = page.evaluate(PRESENT)
        if state["images"]:
            first_figure = state
            break
        page.keyboard.press("Space")
        time.sleep(0.5)
    if first_figure is None:
        problems.append("no slide shows a figure")
    else:
        page.screenshot(path=str(SCREENSHOTS / f"slides-{name}-first-figure.png"))
        if not first_figure["code"]:
            problems.append(f"the first figure's slide ({first_figure['title']!r}) does not show the code that drew it")
        lines.append(f"  first figure on slide {first_figure['index']} {first_figure['title']!r}: "
                     f"{first_figure['code']} code cell(s), {first_figure['outputs']} output(s), "
                     f"{first_figure['images']} figure(s)")
    open_deck(page, base, token, path.name)
    seen, found = walk(page, n_slides)
    problems += found
    lines.append(f"  walked {len(seen)} of {n_slides} slides")
    if len(seen) < n_slides:
        problems.append(f"only {len(seen)} of {n_slides} slides could be reached with the space bar")
    if widgets:
        open_deck(page, base, token, path.name)
        found, line = check_widgets(page, name, console)
        problems += found
        lines.append(line)
    outside = sorted(set(requests))
    if outside:
        problems.append(f"{len(outside)} request(s) left the machine (the deck must work offline): "
                        + ", ".join(outside[:3]))
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
    walk_all, widgets_everywhere = "--all" in args, "--widgets" in args
    source = ROOT / "notebooks"
    if "--from" in args:
        source = Path(args[args.index("--from") + 1]).resolve()
        args = args[:args.index("--from")] + args[args.index("--from") + 2:]
    names = [Path(a).name for a in args if not a.startswith("--")]
    paths = [source / n for n in names] if names else (
        sorted(source.glob("[0-9][0-9]_*.ipynb")) if walk_all else [source / Path(n).name for n in DEFAULT])
    results = []
    with lab_with_browser(sync_playwright, source) as (browser, base, token):
        page = browser.new_page(viewport=SCREEN)
        console, requests = [], []
        page.on("console", lambda message: console.append(f"{message.type}: {message.text[:160]}"))
        page.on("request", lambda request: requests.append(request.url.split("?")[0])
                if request.url.startswith(("http:", "https:", "ws:", "wss:"))
                and not request.url.split("/")[2].startswith(("127.0.0.1", "localhost")) else None)
        for path in paths:
            try:
                ok, lines = check_deck(page, base, token, path, widgets_everywhere or path.stem in WIDGET_DECKS,
                                       console, requests)
            except Exception as err:  # noqa: BLE001 - one line per notebook, then the next one
                page.screenshot(path=str(SCREENSHOTS / f"slides-{path.stem}-failed.png"))
                ok, lines = False, [f"FAIL {path.stem}: {type(err).__name__}: {str(err).splitlines()[0]}"]
            print("\n".join(lines), flush=True)
            results.append(ok)
    print(f"ui slides check: {sum(results)} of {len(results)} deck(s) passed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
