r"""
Surveys: sweeps of architecture families over grids, with the results in an
SQLite database that survives crashes, on local processes or a Dask cluster.

- :mod:`~sage_neuro.survey.grid`: grid specs and the default grids
- :mod:`~sage_neuro.survey.invariants`: the registry of invariants and checks
- :mod:`~sage_neuro.survey.store`: the database
- :mod:`~sage_neuro.survey.runner`: local worker processes, time limits, progress
- :mod:`~sage_neuro.survey.dask_runner`, :mod:`~sage_neuro.survey.case_worker`: Dask
- :mod:`~sage_neuro.survey.report`: Markdown, CSV and plots
- :mod:`~sage_neuro.survey.cli`: ``sage-neuro survey``

EXAMPLES::

    sage: from sage_neuro.survey import grid_cases, run_survey, SurveyStore
    sage: len(grid_cases('all'))
    111
"""

from sage_neuro.survey.grid import Case, grid_cases, DEFAULT_GRIDS
from sage_neuro.survey.invariants import SURVEY_INVARIANTS, register_invariant
from sage_neuro.survey.store import SurveyStore, SurveyDatabaseError
from sage_neuro.survey.runner import run_survey
from sage_neuro.survey.report import write_report
