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
        if os.path.isdir("/proc"):
            todo.extend(_children(p))
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
        sage: def alive(pid):    # a process that is neither gone nor a zombie
        ....:     try:
        ....:         return open('/proc/%d/stat' % pid).read().split(')')[1].split()[0] != 'Z'
        ....:     except OSError:
        ....:         return False
        sage: alive(child)
        False
    """
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        # PR_SET_PDEATHSIG = 1
        return libc.prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False
