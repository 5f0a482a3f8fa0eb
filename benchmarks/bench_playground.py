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

from dnn_helpers.playground import widgets  # noqa: E402
from dnn_helpers.playground import Playground  # noqa: E402
from dnn_helpers.playground.figure import PlaygroundFigure  # noqa: E402


def compute(seconds):
    """(wall-clock s per epoch, CPU s per epoch)."""
    engine = Playground()
    engine.train(5)
    n, start, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        engine.train(10)
        n += 10
    return (time.perf_counter() - start) / n, (time.process_time() - cpu) / n


def drawing(seconds):
    engine = Playground()
    figure = PlaygroundFigure()
    figure.update(engine)
    figure.png()
    n, update, png, cpu = 0, 0.0, 0.0, 0.0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        engine.train(1)
        t0, c0 = time.perf_counter(), time.process_time()
        figure.update(engine)
        t1 = time.perf_counter()
        figure.png()
        update, png, n = update + t1 - t0, png + time.perf_counter() - t1, n + 1
        cpu += time.process_time() - c0
    return update / n, png / n, cpu / n


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
    start, cpu = time.perf_counter(), time.process_time()
    asyncio.run(run())
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    epochs, frames = widget.engine.epoch - epochs0, widget.frames - frames0
    return epochs / elapsed, frames / elapsed, spent["train"] / elapsed, spent["redraw"] / elapsed, cpu / elapsed


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "unset")
    load = os.getloadavg()[0]
    print(f"playground benchmark: default settings (moons, 300 points, [8, 8], ReLU, GD), "
          f"OPENBLAS_NUM_THREADS={threads}, {os.cpu_count()} cores, load average {load:.1f}, "
          f"{seconds:g} s per measurement")
    if load > os.cpu_count():
        print(f"  the machine is busy (load {load:.1f} on {os.cpu_count()} cores): wall-clock rates are lower than "
              f"on an idle machine; the CPU-time columns say what one free core does")
    wall, cpu = compute(seconds)
    print(f"compute   {1e3 * wall:6.2f} ms per epoch (CPU {1e3 * cpu:5.2f} ms)   {1 / wall:6.0f} epochs/s "
          f"(CPU time: {1 / cpu:.0f} epochs/s), engine alone")
    update, png, draw_cpu = drawing(seconds)
    redraw = update + png
    print(f"drawing   {1e3 * redraw:6.2f} ms per redraw (CPU {1e3 * draw_cpu:5.1f} ms)  {1 / redraw:6.1f} "
          f"redraws/s (CPU time: {1 / draw_cpu:.1f}/s): update artists {1e3 * update:.1f} ms + "
          f"render and encode PNG {1e3 * png:.1f} ms")
    frame = 1 / widgets.FRAME_RATE
    idle_redraws = min(widgets.FRAME_RATE, 1 / draw_cpu)
    idle_epochs = max(0.0, 1 - idle_redraws * draw_cpu) / cpu
    print(f"one free core, from the CPU times and the loop's policy (a frame every {1e3 * frame:.0f} ms, at least as "
          f"long for training as for drawing): {idle_redraws:.1f} redraws/s and {idle_epochs:.0f} epochs/s")
    for label in ("300 epochs/s", "as fast as it goes"):
        epochs, frames, train_share, draw_share, cpu_share = live(seconds, label)
        verdict = "OK" if epochs >= 100 and frames >= 5 else "below the goal"
        print(f"live      speed '{label}': {epochs:6.0f} epochs/s, {frames:4.1f} redraws/s (wall clock; the process "
              f"got {100 * cpu_share:.0f}% of a core, so per CPU second {epochs / cpu_share:.0f} epochs and "
              f"{frames / cpu_share:.1f} redraws); time: training {100 * train_share:.0f}%, redrawing "
              f"{100 * draw_share:.0f}%, kernel free {100 * max(0.0, 1 - train_share - draw_share):.0f}%  "
              f"[{verdict}: goal >= 100 epochs/s, >= 5 redraws/s]")


if __name__ == "__main__":
    main()
