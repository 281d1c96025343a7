r"""
The worker process of a survey: a child computing cases, spoken to through
JSON lines. Both the local pool (:func:`~sage_neuro.survey.runner.run_pool`)
and the Dask workers (:mod:`~sage_neuro.survey.dask_runner`) compute their
cases in such children.

Each child (``python -m sage_neuro.survey.case_worker``) has its own Sage
and its own Macaulay2: Sage (its PARI library in particular) must run in
the main thread of a process, whereas a Dask worker runs its tasks in
threads, and a computation past its time limit must be stoppable by
killing a process. A child running past a case's time limit plus
:data:`~sage_neuro.constants.GRACE` seconds is killed with its Macaulay2
and replaced; the invariants it had not finished are recorded as
``timeout``.

Protocol: the child first writes ``{"ready": true}`` (once Sage is
imported: the time limit of a case does not pay for the start-up); then it
reads one JSON object per line on stdin, ``{"key": ..., "invariants":
[...], "limit": ..., "partials": {...}}`` (``partials``: the sub-results
kept from earlier attempts, optional), and answers one line per finished
invariant ``{"result": {...}}``, one line per new sub-result of a
resumable invariant ``{"partial": [invariant, part, value]}``, and then
``{"done": architecture, "software": {...}}``.

EXAMPLES::

    sage: from sage_neuro.survey.case_worker import CaseWorker
    sage: W = CaseWorker()
    sage: W.run('linear:widths=2-2-2', ['dimension'], 60)[1][0]['value']
    4
    sage: W.close()
"""

import json
import os
import selectors
import subprocess
import sys
import tempfile
import time

from sage_neuro.constants import GRACE
from sage_neuro.survey.processes import kill_process_tree, stop_macaulay2


def unfinished(invariants, partial, status, error):
    r"""
    Return the results ``partial`` of a case completed by a result of
    ``status`` (``'failed'`` or ``'timeout'``) with the message ``error``
    for every invariant of ``invariants`` that has none.

    EXAMPLES::

        sage: from sage_neuro.survey.case_worker import unfinished
        sage: unfinished(['dimension', 'degree'], [{'invariant': 'dimension', 'status': 'ok'}],
        ....:            'timeout', 'killed')
        [{'invariant': 'dimension', 'status': 'ok'},
         {'error': 'killed', 'invariant': 'degree', 'status': 'timeout'}]
    """
    done = {r["invariant"] for r in partial}
    return list(partial) + [{"invariant": n, "status": status, "error": error}
                            for n in invariants if n not in done]


class CaseWorker:
    r"""
    A child process computing cases (see the module documentation).

    Used in two ways: :meth:`run` computes one case and waits for it (a
    Dask task); or a pool multiplexes several workers itself with
    :meth:`fileno`, :meth:`assign`, :meth:`receive`, :meth:`overdue` and
    :meth:`abandon`.

    EXAMPLES::

        sage: from sage_neuro.survey.case_worker import CaseWorker
        sage: CaseWorker().close()
    """

    def __init__(self):
        self._proc = None
        self._buf = b""
        self.ready = False
        self.task = None
        # what arrived since the last look of the pool: (key, result) and
        # (key, invariant, part, value), to be stored before the case ends
        self.unsaved = []
        self.unsaved_parts = []

    def start(self):
        r"""
        Start the child process (in a session of its own: signals to the
        parent's process group are not for it), unless it is running.

        EXAMPLES::

            sage: from sage_neuro.survey.case_worker import CaseWorker
            sage: W = CaseWorker(); W.start(); W.alive()
            True
            sage: W.close(); W.alive()
            False
        """
        if self.alive():
            return
        self.close()
        # its stderr goes to a file, kept for the error message should it die
        self._err = tempfile.TemporaryFile()
        self._proc = subprocess.Popen([sys.executable, "-m", "sage_neuro.survey.case_worker"],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._err,
                                      start_new_session=True)
        self._buf = b""
        self.ready = False
        self.task = None

    def alive(self):
        r"""
        Return whether the child process is running.

        EXAMPLES::

            sage: from sage_neuro.survey.case_worker import CaseWorker
            sage: CaseWorker().alive()
            False
        """
        return self._proc is not None and self._proc.poll() is None

    def fileno(self):
        r"""
        Return the file descriptor of the child's answers (for ``select``).

        EXAMPLES::

            sage: from sage_neuro.survey.case_worker import CaseWorker
            sage: W = CaseWorker(); W.start(); W.fileno() > 2
            True
            sage: W.close()
        """
        return self._proc.stdout.fileno()

    def close(self):
        r"""
        Stop the child process with its Macaulay2.

        EXAMPLES::

            sage: from sage_neuro.survey.case_worker import CaseWorker
            sage: W = CaseWorker(); W.close(); W.close()
        """
        p, self._proc = self._proc, None
        self.ready, self.task = False, None
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

    def stderr_tail(self, n=600):
        r"""
        Return the last ``n`` characters the child wrote to its stderr.

        EXAMPLES::

            sage: from sage_neuro.survey.case_worker import CaseWorker
            sage: W = CaseWorker(); W.start(); W.stderr_tail()
            ''
            sage: W.close()
        """
        try:
            self._err.seek(0)
            return self._err.read()[-n:].decode(errors="replace").strip()
        except (OSError, ValueError, AttributeError):
            return ""

    def assign(self, key, invariants, limit, partials=None):
        r"""
        Send the case ``key`` to the (ready) child; its time limit of
        ``limit`` seconds (or ``None``) starts now. ``partials`` are the
        sub-results kept from earlier attempts (``invariant -> {part:
        value}``).

        EXAMPLES::

            sage: from sage_neuro.survey.case_worker import CaseWorker
            sage: W = CaseWorker(); W.assign('linear:widths=2-2', ['dimension'], 60)
            Traceback (most recent call last):
            ...
            ValueError: the case worker is not ready for a case (not started, busy or dead)
        """
        if not (self.alive() and self.ready and self.task is None):
            raise ValueError("the case worker is not ready for a case (not started, busy or dead)")
        self.task = (key, list(invariants), limit)
        self.started = time.monotonic()
        self.partial = []
        self._proc.stdin.write((json.dumps({"key": key, "invariants": list(invariants),
                                            "limit": None if limit is None else float(limit),
                                            "partials": partials or {}})
                                + "\n").encode())
        self._proc.stdin.flush()

    def receive(self):
        r"""
        Read what the child has written (call it when :meth:`fileno` is
        readable) and return the finished case as ``(key, architecture,
        results, software)``, or ``None`` if it is not finished.

        Raises ``EOFError`` when the child has died.

        EXAMPLES::

            sage: import select
            sage: from sage_neuro.survey.case_worker import CaseWorker
            sage: W = CaseWorker(); W.start()
            sage: while not W.ready:
            ....:     _ = select.select([W], [], []); _ = W.receive()
            sage: W.assign('linear:widths=3-1', ['dimension'], 60)
            sage: out = None
            sage: while out is None:
            ....:     _ = select.select([W], [], []); out = W.receive()
            sage: out[:2], out[2][0]['value']
            (('linear:widths=3-1', 'LinearNetwork([3, 1])'), 3)
            sage: W.close()
        """
        chunk = os.read(self.fileno(), 65536)
        if not chunk:
            raise EOFError("the case worker process died (exit code %s)" % self._proc.wait())
        self._buf += chunk
        finished = None
        while b"\n" in self._buf:
            line, _, self._buf = self._buf.partition(b"\n")
            msg = json.loads(line)
            if "ready" in msg:
                self.ready = True
            elif "result" in msg:
                self.partial.append(msg["result"])
                self.unsaved.append((self.task[0], msg["result"]))
            elif "partial" in msg:
                self.unsaved_parts.append((self.task[0],) + tuple(msg["partial"]))
            elif "done" in msg:
                finished = (self.task[0], msg["done"], self.partial, msg["software"])
                self.task = None
        return finished

    def overdue(self, now=None):
        r"""
        Return whether the case in progress has run past its time limit
        plus :data:`~sage_neuro.constants.GRACE` seconds.

        EXAMPLES::

            sage: from sage_neuro.survey.case_worker import CaseWorker
            sage: CaseWorker().overdue()
            False
        """
        if self.task is None or self.task[2] is None:
            return False
        now = time.monotonic() if now is None else now
        return now - self.started > self.task[2] + GRACE

    def abandon(self, status, error):
        r"""
        Kill the child and return its case in progress as ``(key, None,
        results, {})``, the invariants it had not finished recorded with
        ``status`` and ``error`` (``None`` if it had no case).

        EXAMPLES::

            sage: from sage_neuro.survey.case_worker import CaseWorker
            sage: CaseWorker().abandon('failed', 'stopped') is None
            True
        """
        task, partial = self.task, getattr(self, "partial", [])
        self.close()
        if task is None:
            return None
        return task[0], None, unfinished(task[1], partial, status, error), {}

    def run(self, key, invariants, limit, partials=None):
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
        self.start()
        try:
            with selectors.DefaultSelector() as sel:
                sel.register(self.fileno(), selectors.EVENT_READ)
                while not self.ready:
                    sel.select()
                    self.receive()
                self.assign(key, invariants, limit, partials)
                while True:
                    wait = None if limit is None else self.started + limit + GRACE - time.monotonic()
                    if wait is not None and wait <= 0:
                        _, arch, res, sw = self.abandon(
                            "timeout", "killed after the case's time limit of %s s" % limit)
                        return arch, res, sw
                    if sel.select(wait):
                        out = self.receive()
                        if out is not None:
                            return out[1:]
        except (EOFError, BrokenPipeError, ValueError) as exc:
            error = "case worker process died (%s): %s" % (exc, self.stderr_tail())
            partial = getattr(self, "partial", []) if self.task is not None else []
            self.close()
            return None, unfinished(invariants, partial, "failed", error), {}


_WORKER = None


def run_case(key, invariants, limit, partials=None):
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
    return _WORKER.run(key, invariants, limit, partials)


def main():
    r"""
    The child's loop (``python -m sage_neuro.survey.case_worker``).

    TESTS::

        sage: import subprocess, sys, json
        sage: out = subprocess.run([sys.executable, '-m', 'sage_neuro.survey.case_worker'],
        ....:     input='{"key": "linear:widths=2-2", "invariants": ["dimension"], "limit": 30}\n',
        ....:     capture_output=True, text=True).stdout
        sage: [list(json.loads(l)) for l in out.splitlines()]
        [['ready'], ['result'], ['done', 'software']]
    """
    # the protocol owns the real stdout; stray prints of libraries go to stderr
    out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    from sage_neuro.survey.invariants import compute_case, software_versions

    def send(obj):
        out.write(json.dumps(obj) + "\n")
        out.flush()

    software_versions()
    send({"ready": True})
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            task = json.loads(line)
            arch, _, sw = compute_case(task["key"], task["invariants"], task["limit"],
                                       emit=lambda r: send({"result": r}),
                                       partials=task.get("partials"),
                                       keep=lambda n, p, v: send({"partial": [n, p, v]}))
            send({"done": arch, "software": sw})
    except (BrokenPipeError, KeyboardInterrupt):
        pass
    finally:
        stop_macaulay2()


if __name__ == "__main__":
    main()
