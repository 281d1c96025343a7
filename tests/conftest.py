import sage_neuro  # noqa: F401  (initialises Sage)
