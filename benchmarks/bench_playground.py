"""Is the playground live enough? Epochs per second and redraws per second at its default settings.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/bench_playground.py [seconds]

Three measurements, each printed as ms per unit and units per second:
1. compute: the engine alone, ``Playground().train(1)`` repeated (the default moons, [8, 8], ReLU, GD, full batch);
2. drawing: ``PlaygroundFigure.update`` (set the artists' data) + ``png()`` (blit and encode), after each epoch;
3. live: the widget's own asyncio loop (Play) for a few seconds at its default speed and "as fast as it goes",
   with the time split between training and redrawing.
The goal (issue 13): at least 100 epochs/s and at least 5 redraws/s while training. Run it with
OPENBLAS_NUM_THREADS=1 on a shared machine (another process using the same cores slows everything).
"""

import asyncio
import os
import sys
import time

import matplotlib

matplotlib.use("Agg")

from dnn_helpers import widgets  # noqa: E402
from dnn_helpers.playground import Playground  # noqa: E402
from dnn_helpers.playground_figure import PlaygroundFigure  # noqa: E402


def compute(seconds):
    engine = Playground()
    engine.train(5)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        engine.train(10)
        n += 10
    elapsed = time.perf_counter() - start
    return elapsed / n, n / elapsed


def drawing(seconds):
    engine = Playground()
    figure = PlaygroundFigure()
    figure.update(engine)
    figure.png()
    n, update, png = 0, 0.0, 0.0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        engine.train(1)
        t0 = time.perf_counter()
        figure.update(engine)
        t1 = time.perf_counter()
        figure.png()
        update, png, n = update + t1 - t0, png + time.perf_counter() - t1, n + 1
    return update / n, png / n, n / (update + png)


def live(seconds, speed):
    widget = widgets.playground(speed=speed)
    spent = {"train": 0.0, "redraw": 0.0}

    def timed(name, function):
        def wrapper(*args):
            t0 = time.perf_counter()
            try:
                return function(*args)
            finally:
                spent[name] += time.perf_counter() - t0
        return wrapper

    widget.engine.train = timed("train", widget.engine.train)
    widget.redraw = timed("redraw", widget.redraw)

    async def run():
        widget.play()
        await asyncio.sleep(seconds)
        widget.pause()

    epochs0, frames0 = widget.engine.epoch, widget.frames
    start = time.perf_counter()
    asyncio.run(run())
    elapsed = time.perf_counter() - start
    epochs, frames = widget.engine.epoch - epochs0, widget.frames - frames0
    return epochs / elapsed, frames / elapsed, spent["train"] / elapsed, spent["redraw"] / elapsed


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "unset")
    print(f"playground benchmark: default settings (moons, 300 points, [8, 8], ReLU, GD), "
          f"OPENBLAS_NUM_THREADS={threads}, {os.cpu_count()} cores, {seconds:g} s per measurement")
    per_epoch, rate = compute(seconds)
    print(f"compute   {1e3 * per_epoch:6.2f} ms per epoch      {rate:7.0f} epochs/s (engine alone)")
    update, png, redraws = drawing(seconds)
    print(f"drawing   {1e3 * (update + png):6.2f} ms per redraw     {redraws:7.1f} redraws/s "
          f"(update artists {1e3 * update:.1f} ms + render and encode PNG {1e3 * png:.1f} ms)")
    for label in ("300 epochs/s", "as fast as it goes"):
        epochs, frames, train_share, draw_share = live(seconds, label)
        verdict = "OK" if epochs >= 100 and frames >= 5 else "TOO SLOW"
        print(f"live      speed '{label}': {epochs:6.0f} epochs/s, {frames:4.1f} redraws/s; time: training "
              f"{100 * train_share:.0f}%, redrawing {100 * draw_share:.0f}%, kernel free "
              f"{100 * max(0.0, 1 - train_share - draw_share):.0f}%  [{verdict}: goal >= 100 epochs/s, >= 5 redraws/s]")


if __name__ == "__main__":
    main()
