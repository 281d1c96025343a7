r"""
Killing a worker process together with the Macaulay2 it started.

EXAMPLES::

    sage: from sage_neuro.survey.processes import kill_process_tree
    sage: callable(kill_process_tree)
    True
"""

from sage_neuro.processes import kill_process_tree  # noqa: F401 (re-exported)


def stop_macaulay2():
    r"""
    Stop this process' Macaulay2 session, if one was started (a worker
    calls this when it exits, so that no M2 outlives it).

    EXAMPLES::

        sage: from sage_neuro.survey.processes import stop_macaulay2
        sage: stop_macaulay2()
    """
    from sage_neuro.m2 import stop_session
    stop_session()
