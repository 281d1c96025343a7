"""Helpers of the survey tests: the environment of worker processes, the stored table."""
import json
import os

from sage_neuro.survey.store import SurveyStore

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def worker_env():
    """The environment in which survey processes import this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = HERE + os.pathsep + env.get("PYTHONPATH", "")
    return env


def stored_table(db):
    """The values and their provenance stored in ``db`` (not the wall times), sorted."""
    s = SurveyStore(db, create=False)
    try:
        return sorted((r["case_key"], r["architecture"], r["invariant"], r["status"],
                       json.dumps(r["value"]), r["method"], tuple(r["primes"]), tuple(r["seeds"]))
                      for r in s.rows())
    finally:
        s.close()
