# Every target creates or refreshes .venv from requirements.txt first, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: lab test outputs images bench lint ui

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# The server's root is the repository, so that the notebooks' ../images links resolve. Jupyter refuses to
# run as root (as in many containers) unless told it may.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)
lab: $(STAMP)
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=. notebooks/00_notation_and_data.ipynb

test: $(STAMP)
	$(PY) -m pytest

outputs: $(STAMP)
	$(PY) tools/make_outputs.py notebooks/*.ipynb

images: $(STAMP)
	$(PY) tools/make_images.py

bench: $(STAMP)
	$(PY) benchmarks/bench_training.py

lint: $(STAMP)
	$(VENV)/bin/ruff check dnn_helpers tests benchmarks tools notebooks

ui: $(STAMP)
	$(PY) tools/ui_check.py
