"""Re-execute notebooks in place in a fresh kernel, so that their stored outputs are the expected results.

Usage: python tools/make_outputs.py notebooks/*.ipynb

Each notebook runs top to bottom with a cell timeout, without timing metadata, from its own folder; widget
state is dropped (nbval does not compare it, and it changes every run). Notebooks run one after another.
"""

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

CELL_TIMEOUT = 120


def merge_streams(outputs):
    """Join consecutive prints to the same stream: how the kernel happened to flush them is not a result."""
    merged = []
    for output in outputs:
        if (output.output_type == "stream" and merged and merged[-1].output_type == "stream"
                and merged[-1].name == output.name):
            merged[-1].text += output.text
        else:
            merged.append(output)
    return merged


def execute(path):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.outputs)
    nbformat.write(notebook, path)


def main(paths):
    if not paths:
        sys.exit(__doc__)
    for name in paths:
        start = time.perf_counter()
        execute(Path(name))
        print(f"{name}: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
