# Two set-up commands: `make demo` and `make test`. Both create .venv,
# install sage-neuro with passagemath (SageMath + Macaulay2 from PyPI).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
SAGE_T  = $(BIN)/sage -t --environment=sage_neuro.all --timeout=600
M2      = $$($(BIN)/python -c "from sage_neuro.m2 import m2_command; print(m2_command())")

.PHONY: demo test test-slow test-py test-doc test-m2 bench clean

$(STAMP): setup.py pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[passagemath,test]'
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

test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -m slow tests

bench: $(STAMP)
	$(BIN)/python bench/run.py degree ed
	$(BIN)/python bench/readme_tables.py

clean:
	rm -rf $(VENV) sage-neuro-report build *.egg-info

# the 111-case survey of the default grids (resumes if interrupted) and its report
.PHONY: survey
survey: $(STAMP)
	$(BIN)/sage-neuro survey all --db sage-neuro-survey.db
	$(BIN)/sage-neuro survey report --db sage-neuro-survey.db
