r"""
Killing a worker process together with the Macaulay2 it started.

EXAMPLES::

    sage: from sage_neuro.survey.processes import kill_process_tree
    sage: callable(kill_process_tree)
    True
"""

import os
import signal


def _children(pid):
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open("/proc/%s/stat" % d) as f:
                    stat = f.read()
                # the fields after the command name, which may contain spaces
                ppid = int(stat[stat.rindex(")") + 2:].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if ppid == pid:
                out.append(int(d))
    return out


def kill_process_tree(pid):
    r"""
    Kill the process ``pid`` and all its descendants with ``SIGKILL``.

    A killed survey worker would otherwise leave its Macaulay2 running:
    the bridge starts M2 on a pseudo-terminal in a session of its own, out
    of reach of signals to the worker's process group. Descendants are found
    through ``/proc`` (Linux); elsewhere only ``pid`` is killed.

    EXAMPLES::

        sage: import subprocess, sys
        sage: from sage_neuro.survey.processes import kill_process_tree
        sage: p = subprocess.Popen([sys.executable, '-c',
        ....:     'import subprocess, sys, time; subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]); time.sleep(60)'])
        sage: import time; time.sleep(1)
        sage: kill_process_tree(p.pid); p.wait()
        -9
    """
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        if os.path.isdir("/proc"):
            todo.extend(_children(p))
    for p in tree:
        try:
            os.kill(p, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def stop_macaulay2():
    r"""
    Stop this process' Macaulay2 session, if one was started (a worker
    calls this when it exits, so that no M2 outlives it).

    EXAMPLES::

        sage: from sage_neuro.survey.processes import stop_macaulay2
        sage: stop_macaulay2()
    """
    import sage_neuro.m2 as bridge
    if getattr(bridge, "_SESSION", None) is not None:
        bridge._SESSION.kill()
