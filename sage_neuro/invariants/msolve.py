r"""
Counting the points of zero-dimensional systems over a prime field with the
msolve program, several systems at once.

The degree slice route (:mod:`sage_neuro.invariants.slicing`) must agree on
two seeds before it reports a value; the two systems are independent, so
they are solved by two msolve processes side by side (one thread each: on
this 2-core machine two threads inside one msolve run made the MLP
``[3, 3, 3]`` slice 4x slower, two processes halve the wall time). Macaulay2
is not involved: the systems are written from Sage, msolve computes the
leading monomials of a grevlex Groebner basis (``-g 1``), and the number of
standard monomials is the number of solutions counted with multiplicity.
msolve ships with passagemath's Macaulay2 (next to the ``M2`` program); a
system msolve is looked up on the ``PATH`` otherwise.

EXAMPLES::

    sage: from sage_neuro.invariants.msolve import msolve_program, count_solutions
    sage: R.<x, y> = GF(32003)[]
    sage: count_solutions([[x^2 - 1, y - x], [x^3 - y, y^2 - 2]])
    [2, 6]
"""

import os
import shutil
import subprocess
import tempfile
import time

from sage.rings.integer import Integer

from sage_neuro.processes import die_with_parent, kill_process_tree

_PROGRAM = []


def msolve_program():
    r"""
    Return the path of a working msolve program, or ``None``.

    OUTPUT: a string or ``None`` (probed once per session)

    EXAMPLES::

        sage: from sage_neuro.invariants.msolve import msolve_program
        sage: msolve_program() is None or 'msolve' in msolve_program()
        True
    """
    if not _PROGRAM:
        candidates = []
        try:
            from sage_neuro.m2 import m2_command
            candidates.append(os.path.join(os.path.dirname(m2_command()), "msolve"))
        except Exception:  # noqa: BLE001 -- no M2: try the PATH
            pass
        candidates.append(shutil.which("msolve"))
        found = None
        for c in candidates:
            if c and os.access(c, os.X_OK):
                try:
                    subprocess.run([c, "-V"], capture_output=True, timeout=10)
                    found = c
                    break
                except (OSError, subprocess.SubprocessError):
                    continue
        _PROGRAM.append(found)
    return _PROGRAM[0]


def _write_system(polys, path):
    R = polys[0].parent()
    with open(path, "w") as f:
        f.write(",".join(str(v) for v in R.gens()) + "\n")
        f.write("%d\n" % R.base_ring().characteristic())
        f.write(",\n".join(str(p).replace(" ", "") for p in polys) + "\n")


def _read_count(R, path):
    # msolve -g 1 writes the leading monomials as [m1, m2, ...]: in a file
    # with '#' comment lines; monomials look like x0^2*x3^1
    with open(path) as f:
        text = "".join(line for line in f if not line.startswith("#"))
    body = text[text.index("[") + 1:text.rindex("]")]
    names = {str(v): v for v in R.gens()}
    leads = []
    for term in body.split(","):
        term = term.strip()
        if not term:
            continue
        m = R.one()
        for factor in term.split("*"):
            name, _, e = factor.partition("^")
            if name == "1":
                # the leading monomial 1: the system has no solution
                return Integer(0)
            m *= names[name] ** int(e or 1)
        leads.append(m)
    if R.ngens() == 1:
        # a univariate ring (a stratum with one free coordinate) has no
        # dimension(): the leading monomials generate (x^e), e the least
        if not leads:
            raise ArithmeticError("the system is not zero-dimensional")
        return Integer(min(m.degree() for m in leads))
    I = R.ideal(leads)
    if I.dimension() != 0:
        raise ArithmeticError("the system is not zero-dimensional")
    return Integer(I.vector_space_dimension())


def count_solutions(systems, timeout=None, processes=None, positive_dimensional="raise",
                    done=None):
    r"""
    Return the numbers of solutions (with multiplicity, over the algebraic
    closure) of zero-dimensional polynomial systems over a prime field,
    solved by msolve processes running side by side.

    INPUT:

    - ``systems`` -- a list of lists of polynomials over ``GF(p)``,
      ``p < 2^31``, one list per system
    - ``timeout`` -- seconds for all of them (``None``: no limit)
    - ``processes`` -- how many msolve processes may run at once: a
      positive integer, or ``None`` for the value of the environment
      variable ``SAGE_NEURO_MSOLVE_PROCESSES`` if it is set, else one
      process per system (all side by side). ``1`` solves the systems one
      after the other, so that a timing is that of one core.
    - ``positive_dimensional`` -- (default ``'raise'``) what a
      positive-dimensional system gives: ``'raise'`` an ``ArithmeticError``,
      ``'none'`` the entry ``None`` (to decide which systems have solutions
      at all)
    - ``done`` -- (default ``None``) a function called as ``done(i,
      count)`` as soon as system ``i`` has its count (in the order the
      systems finish): the place to keep a count (a checkpoint) or to show
      progress

    OUTPUT: a list of integers (or ``None``, see above), one per system

    A time-out kills the msolve processes and raises ``TimeoutError``; so
    does a keyboard interrupt (re-raised). A process found finished only
    after the deadline is late too (on a loaded machine the wait may
    start after it ended). A positive-dimensional system raises
    ``ArithmeticError``.

    EXAMPLES::

        sage: from sage_neuro.invariants.msolve import msolve_program, count_solutions
        sage: R.<x, y, z> = GF(101)[]
        sage: count_solutions([[x^2 + y^2 - 1, x - y, z^3 - x]])
        [6]
        sage: count_solutions([[x - 1, x - 2, y, z]])     # no solution, as Singular's vdim says
        [0]
        sage: count_solutions([[x - 1, y - 2, z], [x^2 - 1, y, z^2]], processes=1)
        [1, 4]
        sage: count_solutions([[x - y]])
        Traceback (most recent call last):
        ...
        ArithmeticError: the system is not zero-dimensional
        sage: count_solutions([[x - 1, y, z]], timeout=0)    # late even if it ends at once
        Traceback (most recent call last):
        ...
        TimeoutError: msolve did not finish within 0 seconds
        sage: count_solutions([[x - 1, y, z]], timeout=60)      # the next call works
        [1]
        sage: count_solutions([[x - y], [x, y, z - 1]], positive_dimensional='none')
        [None, 1]
        sage: count_solutions([[x - 1, y, z], [x^2 - 1, y, z]], processes=1,
        ....:                 done=lambda i, n: print("system", i, "has", n))
        system 0 has 1
        system 1 has 2
        [1, 2]

    A system in one unknown (a univariate ring)::

        sage: S = PolynomialRing(GF(101), ['t'], order='degrevlex'); t = S.gen()
        sage: count_solutions([[t^3 - 2]]), count_solutions([[t^2 - 1, t - 1]])
        ([3], [1])
        sage: count_solutions([[t^2 - 1, t - 2]])
        [0]
        sage: count_solutions([[x - y]], processes=0)
        Traceback (most recent call last):
        ...
        ValueError: processes must be a positive integer or None, not 0
    """
    if processes is None:
        env = os.environ.get("SAGE_NEURO_MSOLVE_PROCESSES")
        try:
            processes = int(env) if env else max(1, len(systems))
        except ValueError:
            raise ValueError("the environment variable SAGE_NEURO_MSOLVE_PROCESSES must be a "
                             "positive integer, not %r" % env) from None
    if not isinstance(processes, (int, Integer)) or processes < 1:
        raise ValueError("processes must be a positive integer or None, not %r" % (processes,))
    if positive_dimensional not in ("raise", "none"):
        raise ValueError("positive_dimensional must be 'raise' or 'none', not %r"
                         % (positive_dimensional,))
    program = msolve_program()
    if program is None:
        raise RuntimeError("msolve was not found (it ships with passagemath-macaulay2)")
    with tempfile.TemporaryDirectory(prefix="sage-neuro-msolve-") as tmp:
        running = []
        counts = [None] * len(systems)
        end = None if timeout is None else time.time() + timeout

        def finish_next():
            # wait for whichever listed process ends first (a checkpoint then
            # keeps a short count at once, not after the long ones started
            # before it), finish it and unlist it; with one process listed,
            # a plain wait
            while len(running) > 1:
                for k, (i, proc, log) in enumerate(running):
                    if proc.poll() is not None:
                        finish(i, proc, log)
                        running.pop(k)
                        return
                if end is not None and time.time() > end:
                    raise TimeoutError("msolve did not finish within %s seconds" % timeout)
                time.sleep(0.01)
            finish(*running[0])
            running.pop(0)

        def finish(i, proc, log):
            try:
                proc.wait(None if end is None else max(0, end - time.time()))
            except subprocess.TimeoutExpired:
                raise TimeoutError("msolve did not finish within %s seconds" % timeout) from None
            if end is not None and time.time() > end:
                # found finished only after the deadline (wait(0) on a process
                # that ended meanwhile succeeds): late all the same, so that a
                # time limit means the same on a loaded machine
                raise TimeoutError("msolve did not finish within %s seconds" % timeout)
            if proc.returncode != 0:
                # stderr went to a file, not a pipe: a process writing more
                # than a pipe buffer of messages cannot block waiting for us
                with open(log, errors="replace") as f:
                    raise RuntimeError("msolve failed (exit %s): %s"
                                       % (proc.returncode, f.read()[-300:]))
            try:
                counts[i] = _read_count(systems[i][0].parent(), os.path.join(tmp, "%d.out" % i))
            except ArithmeticError:
                if positive_dimensional == "raise":
                    raise
            if done is not None:
                done(i, counts[i])

        try:
            for i, polys in enumerate(systems):
                p = polys[0].parent().base_ring().characteristic()
                if not 0 < p < 2**31:
                    raise ValueError("msolve counts over prime fields GF(p), p < 2^31, not "
                                     "characteristic %s" % p)
                src, out = os.path.join(tmp, "%d.ms" % i), os.path.join(tmp, "%d.out" % i)
                log = os.path.join(tmp, "%d.err" % i)
                _write_system(polys, src)
                if len(running) >= processes:
                    # unlisted only once finished: the clean-up below kills
                    # whatever is still listed
                    finish_next()
                with open(log, "w") as err:
                    running.append((i, subprocess.Popen(
                        [program, "-g", "1", "-t", "1", "-f", src, "-o", out],
                        stdout=subprocess.DEVNULL, stderr=err,
                        # a parent killed by a signal runs no `finally`
                        preexec_fn=die_with_parent), log))
            while running:
                finish_next()
        finally:
            for _, proc, _ in running:
                if proc.poll() is None:
                    kill_process_tree(proc.pid)
                    proc.wait()
        return counts
