"""Re-execute notebooks in place in a fresh kernel, so that their stored outputs are the expected results.

Usage: python tools/make_outputs.py notebooks/*.ipynb

Each notebook runs top to bottom with nbclient: a cell timeout, no timing metadata, from its own folder, the
prints of a cell joined into one stream (`coalesce_streams`: how the kernel happened to flush them is not a
result), and no widget state in the file (nbval does not compare it, and it changes every run). Notebooks run one
after another. A notebook is written only after its run succeeded, atomically (a temporary file, then os.replace).

Why the widget state is dropped after the run rather than with nbclient's `store_widget_state=False`: in nbclient
0.11 that option breaks every `ipywidgets.Output` (its output hook writes into the widget state it did not keep:
KeyError in nbclient/output_widget.py), which the widget notebooks use.
"""

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from dnn_helpers.check.store import write_atomically

CELL_TIMEOUT = 120


def execute(path):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3", record_timing=False,
                            coalesce_streams=True, resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    notebook.metadata.pop("widgets", None)
    text = nbformat.writes(notebook)                   # what nbformat.write puts in a file, ending in one newline
    write_atomically(path, text if text.endswith("\n") else text + "\n")


def main(paths):
    if not paths or paths[:1] in (["-h"], ["--help"]):
        sys.exit(__doc__)
    options = [name for name in paths if name.startswith("-") or not name.endswith(".ipynb")]
    if options:
        sys.exit(f"make_outputs: takes notebooks (notebooks/NN_name.ipynb) and no options; got {' '.join(options)}")
    for name in paths:
        start = time.perf_counter()
        execute(Path(name))
        print(f"{name}: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
