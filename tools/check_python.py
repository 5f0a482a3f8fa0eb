"""Stop `make` at once, with one clear line, when the Python it would build .venv with is not one the course supports.

Kept to syntax that any Python 3 can parse, so that an old interpreter gets the message instead of a traceback.
"""
import sys

LOWEST, HIGHEST = (3, 11), (3, 13)  # the pins in requirements.txt have wheels for these (contourpy, numpy, pandas)

found = sys.version_info[:2]
if not LOWEST <= found <= HIGHEST:
    sys.exit("make: %s is Python %d.%d, but the course needs Python %d.%d to %d.%d; "
             "run it with another one, e.g. make PYTHON=python3.12 %s"
             % (sys.executable, found[0], found[1], LOWEST[0], LOWEST[1], HIGHEST[0], HIGHEST[1],
                " ".join(sys.argv[1:]) or "test"))
