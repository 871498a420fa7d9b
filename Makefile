# Two commands set everything up: `make lab` and `make test`.
# Each builds .venv first if it is missing (or if pyproject.toml changed).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
ROOT_FLAG := $(shell [ "$$(id -u)" = "0" ] && echo --allow-root)
JOBS   ?= 2

.PHONY: lab test exercises release bench clean-venv

$(VENV)/.installed-runtime: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@# byte-compile the package as a wheel install does (an editable install leaves that to the
	@# first import, which PYTHONDONTWRITEBYTECODE turns off): each grader start-up is faster
	$(PY) -m compileall -q nnlessons
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed-runtime
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

lab: $(VENV)/.installed-runtime
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) notebooks/00_start_here.ipynb

test: $(VENV)/.installed-dev
	$(PY) -m pytest -n $(JOBS) --dist loadfile --nbval-sanitize-with tests/support/nbval_sanitize.cfg \
	    --nbval tests notebooks solutions exercises

exercises: $(VENV)/.installed-runtime
	$(VENV)/bin/nnlessons author

release: $(VENV)/.installed-runtime
	$(VENV)/bin/nnlessons release --out dist/learner

# Benchmarks measure against baselines that are never course dependencies: PyTorch (CPU
# build) for the numeric core, nbgrader (in its own throwaway venv) for the grader.
bench: $(VENV)/.installed-dev
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) bench/core.py
	$(PY) bench/widgets.py --yours
	$(PY) bench/browser.py --load
	$(PY) bench/grading.py
	OPENBLAS_NUM_THREADS=1 $(PY) bench/feedback.py

clean-venv:
	rm -rf $(VENV)
