r"""
A child process computing survey cases, spoken to through JSON lines.

Sage (its PARI library in particular) must run in the main thread of a
process, whereas a Dask worker runs its tasks in threads. So each Dask
worker keeps one child process ``python -m sage_neuro.survey.case_worker``
(its own Sage and Macaulay2, started on the first task and reused) and
sends it the cases; a child running past a case's time limit is killed with
its Macaulay2 and replaced.

Protocol: one JSON object per line on stdin ``{"key": ..., "invariants":
[...], "limit": ...}``; the child answers one line per finished invariant
``{"result": {...}}`` and then ``{"done": architecture, "software": {...}}``.

EXAMPLES::

    sage: from sage_neuro.survey.case_worker import CaseWorker
    sage: CaseWorker.run.__doc__ is not None
    True
"""

import json
import os
import selectors
import subprocess
import sys
import tempfile
import time

from sage_neuro.survey.processes import kill_process_tree, stop_macaulay2

#: seconds a child may run past the case's time limit before it is killed
GRACE = 5.0


class CaseWorker:
    r"""
    A persistent child process computing cases (see the module doc).

    EXAMPLES::

        sage: from sage_neuro.survey.case_worker import CaseWorker
        sage: CaseWorker().close()
    """

    def __init__(self):
        self._proc = None
        self._buf = b""

    def _start(self):
        # a session of its own: the Dask worker's signals are not for it
        # its stderr is kept for the error message should it die
        self._err = tempfile.TemporaryFile()
        self._proc = subprocess.Popen([sys.executable, "-m", "sage_neuro.survey.case_worker"],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._err,
                                      start_new_session=True)
        self._buf = b""

    def close(self):
        r"""
        Stop the child process.

        EXAMPLES::

            sage: from sage_neuro.survey.case_worker import CaseWorker
            sage: W = CaseWorker(); W.close(); W.close()
        """
        p, self._proc = self._proc, None
        if p is None:
            return
        if p.poll() is None:
            kill_process_tree(p.pid)
        p.wait()
        for f in (p.stdin, p.stdout, self._err):
            try:
                f.close()
            except OSError:
                pass

    def _readline(self, deadline):
        fd = self._proc.stdout.fileno()
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while b"\n" not in self._buf:
                wait = None if deadline is None else deadline - time.monotonic()
                if wait is not None and wait <= 0:
                    raise TimeoutError
                if not sel.select(wait):
                    continue
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise EOFError
                self._buf += chunk
        line, _, self._buf = self._buf.partition(b"\n")
        return json.loads(line)

    def run(self, key, invariants, limit):
        r"""
        Compute the case ``key`` in the child and return ``(architecture,
        results, software)`` as :func:`~sage_neuro.survey.invariants.compute_case` does.

        INPUT:

        - ``key`` -- a case key
        - ``invariants`` -- list of invariant names
        - ``limit`` -- seconds for the whole case, or ``None``

        EXAMPLES::

            sage: from sage_neuro.survey.case_worker import CaseWorker
            sage: W = CaseWorker()
            sage: arch, res, sw = W.run('linear:widths=2-1-2', ['dimension'], 60)
            sage: arch, res[0]['value'], res[0]['method']
            ('LinearNetwork([2, 1, 2])', 3, 'modular')
            sage: W.run('linear:widths=3-0-3', ['dimension'], 60)[1][0]['status']
            'failed'
            sage: W.close()
        """
        if self._proc is None or self._proc.poll() is not None:
            self.close()
            self._start()
        deadline = None if limit is None else time.monotonic() + limit + GRACE
        partial = []
        try:
            self._proc.stdin.write((json.dumps({"key": key, "invariants": list(invariants),
                                                "limit": None if limit is None else float(limit)}) + "\n").encode())
            self._proc.stdin.flush()
            while True:
                msg = self._readline(deadline)
                if "result" in msg:
                    partial.append(msg["result"])
                else:
                    return msg["done"], partial, msg["software"]
        except TimeoutError:
            status, error = "timeout", "killed after the case's time limit of %s s" % limit
        except (EOFError, BrokenPipeError, ValueError) as exc:
            self._err.seek(0)
            tail = self._err.read()[-600:].decode(errors="replace").strip()
            status, error = "failed", "case worker process died (%s): %s" % (type(exc).__name__, tail)
        self.close()
        done = {r["invariant"] for r in partial}
        return None, partial + [{"invariant": n, "status": status, "error": error}
                                for n in invariants if n not in done], {}


_WORKER = None


def run_case(key, invariants, limit):
    r"""
    Compute a case in this process' :class:`CaseWorker` (started on first
    use, one per process): the task function sent to Dask workers.

    EXAMPLES::

        sage: from sage_neuro.survey.case_worker import run_case
        sage: run_case('linear:widths=3-1', ['dimension'], 60)[1][0]['value']
        3
    """
    global _WORKER
    if _WORKER is None:
        _WORKER = CaseWorker()
    return _WORKER.run(key, invariants, limit)


def main():
    r"""
    The child's loop (``python -m sage_neuro.survey.case_worker``).

    TESTS::

        sage: import subprocess, sys, json
        sage: out = subprocess.run([sys.executable, '-m', 'sage_neuro.survey.case_worker'],
        ....:     input='{"key": "linear:widths=2-2", "invariants": ["dimension"], "limit": 30}\n',
        ....:     capture_output=True, text=True).stdout
        sage: [list(json.loads(l)) for l in out.splitlines()]
        [['result'], ['done', 'software']]
    """
    # the protocol owns the real stdout; stray prints of libraries go to stderr
    out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    from sage_neuro.survey.invariants import compute_case

    def send(obj):
        out.write(json.dumps(obj) + "\n")
        out.flush()

    for line in sys.stdin:
        if not line.strip():
            continue
        task = json.loads(line)
        arch, _, sw = compute_case(task["key"], task["invariants"], task["limit"],
                                   emit=lambda r: send({"result": r}))
        send({"done": arch, "software": sw})
    stop_macaulay2()


if __name__ == "__main__":
    main()
