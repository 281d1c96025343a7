r"""
Killing a process together with all its descendants, and engines that die
with their parent.

EXAMPLES::

    sage: from sage_neuro.processes import kill_process_tree
    sage: callable(kill_process_tree)
    True
"""

import os
import signal


def _stat_fields(pid):
    # the fields of /proc/<pid>/stat after the command name (which may
    # contain spaces): state first, then the parent's pid; None when gone
    try:
        with open("/proc/%s/stat" % pid) as f:
            stat = f.read()
        return stat[stat.rindex(")") + 2:].split()
    except (OSError, ValueError):
        return None


def is_running(pid):
    r"""
    Return whether the process ``pid`` exists and is not a zombie (Linux
    ``/proc``; a zombie has finished and waits for its parent to read its
    status).

    INPUT:

    - ``pid`` -- an integer

    OUTPUT: a boolean

    EXAMPLES::

        sage: import os, subprocess, sys
        sage: from sage_neuro.processes import is_running
        sage: is_running(os.getpid())
        True
        sage: p = subprocess.Popen([sys.executable, '-c', 'pass'])
        sage: import time; time.sleep(1)
        sage: is_running(p.pid)      # finished, not yet waited for
        False
        sage: p.wait()
        0
        sage: is_running(p.pid)
        False
    """
    fields = _stat_fields(pid)
    return fields is not None and fields[0] != "Z"


def child_processes(pid, command=None):
    r"""
    Return the running children of the process ``pid`` (not zombies), whose
    command line contains ``command`` if given; found through ``/proc``
    (Linux; elsewhere the empty list).

    INPUT:

    - ``pid`` -- an integer
    - ``command`` -- (default ``None``) a string, or ``None`` for any child

    OUTPUT: a list of process ids

    EXAMPLES::

        sage: import os, subprocess, sys
        sage: from sage_neuro.processes import child_processes
        sage: p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])
        sage: import time; time.sleep(1)
        sage: p.pid in child_processes(os.getpid()), child_processes(os.getpid(), 'msolve')
        (True, [])
        sage: p.kill(); p.wait()
        -9
    """
    out = []
    if not os.path.isdir("/proc"):
        return out
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        fields = _stat_fields(d)
        try:
            if fields is None or fields[0] == "Z" or int(fields[1]) != pid:
                continue
            if command is not None:
                with open("/proc/%s/cmdline" % d) as f:
                    if command not in f.read():
                        continue
        except (OSError, ValueError, IndexError):
            continue
        out.append(int(d))
    return out


def kill_process_tree(pid):
    r"""
    Kill the process ``pid`` and all its descendants with ``SIGKILL``.

    Macaulay2 runs helper programs (msolve) as children; killing M2 alone
    on a time-out left them computing for minutes. A killed survey worker
    would likewise leave its Macaulay2 running: the bridge starts M2 on a
    pseudo-terminal in a session of its own, out of reach of signals to the
    worker's process group. Descendants are found through ``/proc``
    (Linux); elsewhere only ``pid`` is killed.

    EXAMPLES::

        sage: import subprocess, sys
        sage: from sage_neuro.processes import kill_process_tree
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
        todo.extend(child_processes(p))
    for p in tree:
        try:
            os.kill(p, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def die_with_parent():
    r"""
    Ask the kernel to kill the calling process with ``SIGKILL`` when its
    parent dies (Linux ``prctl(PR_SET_PDEATHSIG)``; elsewhere nothing).

    Meant as ``preexec_fn`` of an engine started with ``subprocess``: a
    parent killed by ``SIGTERM`` or ``SIGKILL`` runs no clean-up code, and
    its msolve child would go on computing, for hours and gigabytes, with
    nobody to read its answer. Returns ``True`` when the request was made.

    EXAMPLES::

        sage: import subprocess, sys, time, os, signal
        sage: from sage_neuro.processes import die_with_parent
        sage: code = ('import subprocess, sys, time; from sage_neuro.processes import die_with_parent; '
        ....:         'c = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], '
        ....:         'preexec_fn=die_with_parent); print(c.pid, flush=True); time.sleep(60)')
        sage: p = subprocess.Popen([sys.executable, '-c', code], stdout=subprocess.PIPE, text=True)
        sage: child = int(p.stdout.readline())
        sage: os.kill(p.pid, signal.SIGTERM); p.wait()
        -15
        sage: time.sleep(1)
        sage: from sage_neuro.processes import is_running
        sage: is_running(child)
        False
    """
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        # PR_SET_PDEATHSIG = 1
        return libc.prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False
