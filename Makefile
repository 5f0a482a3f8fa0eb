# Every target creates or refreshes .venv from requirements.txt first, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: lab test test-kernels outputs exercises images bench lint ui slides mutate teacher assignment handout

# Python 3.11 to 3.13 (the pins have wheels for these); any other stops here with one line saying what to do.
$(STAMP): requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "make: $(PYTHON) not found; the course needs Python 3.11 to 3.13, e.g. make PYTHON=python3.12 $(MAKECMDGOALS)"; exit 1; }
	@$(PYTHON) tools/check_python.py $(MAKECMDGOALS)
	@echo "make: [1/3] creating the virtual environment $(VENV) with $$($(PYTHON) --version)"
	$(PYTHON) -m venv $(VENV)
	@echo "make: [2/3] installing the $$(grep -c '==' requirements.txt) pinned packages of requirements.txt into $(VENV) (the first time takes 1 to 4 minutes; pip names each package as it goes)"
	$(PY) -m pip install --disable-pip-version-check -r requirements.txt
	@echo "make: [3/3] installing the course's package dnn_helpers (editable: your changes to it count at once)"
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)
	@echo "make: $(VENV) is ready"

# The server's root is the repository, so that the notebooks' ../images links resolve. Jupyter refuses to
# run as root (as in many containers) unless told it may.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)
lab: $(STAMP)
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=. notebooks/00_notation_and_data.ipynb

test: $(STAMP)
	$(PY) -m pytest

# Stored outputs must hold on any x86-64 CPU: nbval again under other OpenBLAS kernels (another CPU picks another
# one and the last bits of sums change), one BLAS thread; SkylakeX only where the CPU has AVX-512.
KERNELS ?= Prescott Sandybridge Haswell $(if $(shell grep -m1 -o avx512f /proc/cpuinfo 2>/dev/null),SkylakeX)
test-kernels: $(STAMP)
	@for kernel in $(KERNELS); do \
		echo "== nbval with OPENBLAS_CORETYPE=$$kernel, 1 BLAS thread"; \
		OPENBLAS_CORETYPE=$$kernel OPENBLAS_NUM_THREADS=1 $(PY) -m pytest notebooks -q || exit 1; \
	done

outputs: $(STAMP)
	$(PY) tools/make_outputs.py notebooks/*.ipynb

# The exercises edition: exercises/ from notebooks/, the learner's function bodies blanked (deterministic).
exercises: $(STAMP)
	$(PY) tools/make_exercises.py

images: $(STAMP)
	$(PY) tools/make_images.py

bench: $(STAMP)
	$(PY) benchmarks/bench_training.py
	$(PY) benchmarks/bench_playground.py

lint: $(STAMP)
	$(VENV)/bin/ruff check dnn_helpers tests benchmarks tools notebooks exercises

# Real-browser checks (Debian's Chromium: apt-get install chromium): the widget notebooks, then the slide decks.
ui: $(STAMP)
	$(PY) tools/ui_check.py
	$(PY) tools/ui_slides.py

# Slide metadata and speaker notes of every notebook, from tools/slides.py (RISE: Alt+R in JupyterLab).
slides: $(STAMP)
	$(PY) tools/slides.py

# The teacher's extras, not part of `make lab`: nbgrader (pinned in requirements-teacher.txt) into .venv.
teacher: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-teacher.txt

# An nbgrader course folder from the course notebooks (build/nbgrader, or COURSE=path): one point per checked
# function, answers removed, its own exchange; then the nbgrader commands of TEACHING.md (needs `make teacher`).
COURSE ?= build/nbgrader
assignment: $(STAMP)
	$(PY) tools/make_assignment.py --out $(COURSE)

# Each deck as one self-contained HTML that opens offline (build/handout): what the slides show.
handout: $(STAMP)
	$(PY) tools/make_handout.py --out build/handout

# Do the tests catch a wrong change? One-token mutants of each step module (tools/mutate.py; nothing is written to
# the repository). Slow: about a minute per module per 100 mutants. One module: make mutate MODULES=update
MODULES ?= initialization activations forward cost backward update model evaluation output_layer gradcheck \
	regularization optimizers improved_model validation
mutate: $(STAMP)
	@for module in $(MODULES); do \
		echo "== mutants of dnn_helpers/$$module.py"; \
		nice -n 10 env OPENBLAS_NUM_THREADS=1 $(PY) tools/mutate.py $$module || exit 1; \
	done
