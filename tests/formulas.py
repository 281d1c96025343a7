"""Closed formulas from the literature that several tests compare with (sources next to each)."""

# the degree of the m x n matrices of rank <= r (Harris-Tu), shared with the
# survey's table of published values
from sage_neuro.survey.literature import determinantal_degree  # noqa: F401
