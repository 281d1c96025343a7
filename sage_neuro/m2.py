r"""
The bridge to Macaulay2.

This is the only module of sage-neuro that talks to Macaulay2. It runs one
Macaulay2 process per Python session (through Sage's ``Macaulay2`` pexpect
interface), loads the package ``m2/NeuroAlgebraicGeometry.m2`` into it once,
sends each polynomial ring once, calls the package's exported functions and
reads their results back in bulk: the Macaulay2 side writes one
``toExternalString`` of the result to a file, and Sage parses that file.

It owns the failure modes: a call that runs past its ``timeout`` kills the
Macaulay2 process and raises :class:`M2TimeoutError`; a process that dies in
the middle of a call raises :class:`M2CrashError`; an error inside Macaulay2
raises :class:`M2Error` with Macaulay2's message; a Ctrl-C interrupts the
computation. In every case the next call starts a fresh process and works.

It cleans up after itself: the Macaulay2 objects made for a call (lists of
polynomials, ideals) are released in Macaulay2 once Python drops their
names (:class:`M2Name`), results are written to a file without keeping a
global, and the temporary files and the directory of a session are
removed (:meth:`M2Session.close`, also at exit), as is Macaulay2's own
temporary directory (msolve's input and output files) when the process is
stopped (:meth:`M2Session.kill`). ``bench/bench_bridge.py``
measures that Macaulay2's memory stays flat over 1,000 calls.

EXAMPLES::

    sage: from sage_neuro.m2 import session
    sage: R.<a,b> = QQ[]
    sage: session().call('idealInvariants', session().ideal(R.ideal([a^2 - b])))
    [1, 2]
"""

import atexit
import glob
import os
import re
import shutil
import tempfile
from pathlib import Path

import pexpect

from sage.rings.integer_ring import ZZ
from sage.rings.rational_field import QQ
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.misc.sage_eval import sage_eval


class M2Error(RuntimeError):
    r"""
    An error raised by Macaulay2 while it evaluated a call.

    EXAMPLES::

        sage: from sage_neuro.m2 import M2Error
        sage: issubclass(M2Error, RuntimeError)
        True
    """


class M2TimeoutError(M2Error, TimeoutError):
    r"""
    A Macaulay2 call ran past its time limit; the process was restarted.
    It is both an :class:`M2Error` and a Python ``TimeoutError``.

    EXAMPLES::

        sage: from sage_neuro.m2 import M2Error, M2TimeoutError
        sage: [issubclass(M2TimeoutError, E) for E in (M2Error, TimeoutError)]
        [True, True]
    """


class M2CrashError(M2Error):
    r"""
    The Macaulay2 process died during a call; the next call restarts it.
    A crash is an :class:`M2Error` but not a time-out.

    EXAMPLES::

        sage: from sage_neuro.m2 import M2Error, M2CrashError
        sage: issubclass(M2CrashError, M2Error), issubclass(M2CrashError, TimeoutError)
        (True, False)
    """


class M2NotFoundError(RuntimeError):
    r"""
    No Macaulay2 executable could be found.

    EXAMPLES::

        sage: from sage_neuro.m2 import M2NotFoundError, INSTALL_HINT
        sage: 'passagemath-macaulay2' in INSTALL_HINT
        True
    """


INSTALL_HINT = (
    "sage-neuro needs Macaulay2. Install it with\n"
    "    pip install 'sage-neuro[passagemath]'   (or: pip install passagemath-macaulay2)\n"
    "or, in a SageMath that has Macaulay2 elsewhere, point SAGE_MACAULAY2_COMMAND "
    "(or SAGE_NEURO_M2) at the M2 executable.")

PACKAGE_NAME = "NeuroAlgebraicGeometry"


def package_file():
    r"""
    Return the path of the Macaulay2 package file ``NeuroAlgebraicGeometry.m2``.

    The environment variable ``SAGE_NEURO_M2_PACKAGE`` overrides it; otherwise
    the copy installed with sage-neuro is used, else the one in the source tree.

    EXAMPLES::

        sage: from sage_neuro.m2 import package_file
        sage: package_file().name
        'NeuroAlgebraicGeometry.m2'
    """
    env = os.environ.get("SAGE_NEURO_M2_PACKAGE")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for cand in (here / "m2files" / "NeuroAlgebraicGeometry.m2",
                 here.parent / "m2" / "NeuroAlgebraicGeometry.m2"):
        if cand.exists():
            return cand
    raise FileNotFoundError("the Macaulay2 package NeuroAlgebraicGeometry.m2 is not installed")


def m2_command():
    r"""
    Return the Macaulay2 executable that the bridge runs.

    Looked up in this order: ``SAGE_NEURO_M2``, ``SAGE_MACAULAY2_COMMAND``,
    then Sage's feature test (the ``M2`` of passagemath-macaulay2 or of the
    system). Raises :class:`M2NotFoundError` with installation hints.

    EXAMPLES::

        sage: from sage_neuro.m2 import m2_command
        sage: 'M2' in m2_command()
        True
    """
    for var in ("SAGE_NEURO_M2", "SAGE_MACAULAY2_COMMAND"):
        cmd = os.environ.get(var)
        if cmd:
            return cmd
    try:
        from sage.features.macaulay2 import Macaulay2 as M2Feature
        return M2Feature().absolute_filename()
    except Exception as exc:
        raise M2NotFoundError(INSTALL_HINT) from exc


def _safe_names(n):
    # Macaulay2 reads "_" as subscript, so Sage names like w1_0_0 cannot be
    # sent as they are; every ring is sent with neutral names instead.
    return ["snv%d" % i for i in range(n)]


class M2Name(str):
    r"""
    The Macaulay2 name of an object that a session made for a call (a list
    of polynomials, an ideal): a string, usable wherever Macaulay2 code is
    written, that releases the Macaulay2 object when Python drops it.

    Without the release every list and ideal ever sent stayed alive in
    Macaulay2 as a global, and a long survey or benchmark grew Macaulay2's
    memory with every call. The release is lazy: the name is queued and the
    session sets the Macaulay2 symbol to ``null`` with its next call, after
    that call's code has run (so a string built from the name, as in
    ``'#' + name``, is still valid for the call that uses it). Keep the
    returned name, not a copy, while the object is in use.

    EXAMPLES::

        sage: from sage_neuro.m2 import session, M2Name
        sage: R.<x,y> = QQ[]
        sage: S = session()
        sage: L = S.polys([x, y]); isinstance(L, M2Name)
        True
        sage: name = str(L); S.eval('#' + name)
        '2'
        sage: del L
        sage: S.call('idealInvariants', S.ideal(R.ideal([x])))
        [1, 1]
        sage: S.eval(name + ' === null')
        'true'
    """

    def __new__(cls, name, session=None):
        obj = str.__new__(cls, name)
        obj._session = session
        obj._pid = None if session is None else session._pid
        return obj

    def __reduce__(self):
        # a copy or a pickle is a plain string: only the original releases
        return (str, (str(self),))

    def __del__(self):
        try:
            if self._session is not None:
                self._session._release(str(self), self._pid)
        except Exception:  # noqa: BLE001 -- interpreter shutdown: nothing to release
            pass


class M2Session:
    r"""
    One Macaulay2 process with the NeuroAlgebraicGeometry package loaded.

    Use :func:`session` to get the shared instance.

    EXAMPLES::

        sage: from sage_neuro.m2 import session
        sage: S = session()
        sage: S.eval('2 + 3')
        '5'
    """

    def __init__(self, command=None):
        self._command = command
        self._m2 = None
        self._pid = None
        self._rings = {}
        self._counter = 0
        self._released = []     # names of dropped M2Name objects, not yet cleared in M2
        self._tmpdir = None     # made at the first call, removed by close()
        self._m2_tmproot = None  # where Macaulay2 makes its own temporary directories

    # -- process management --------------------------------------------------

    def interface(self):
        r"""
        Return the running Sage ``Macaulay2`` interface, starting it (and
        loading the package) if needed.

        EXAMPLES::

            sage: from sage_neuro.m2 import session
            sage: session().interface()
            Macaulay2
        """
        if self._m2 is None:
            from sage.interfaces.macaulay2 import Macaulay2
            cmd = self._command or m2_command()
            if not os.path.exists(cmd.split()[0]) and not any(
                    os.access(os.path.join(p, cmd.split()[0]), os.X_OK)
                    for p in os.environ.get("PATH", "").split(os.pathsep)):
                raise M2NotFoundError("Macaulay2 executable %r not found.\n%s" % (cmd, INSTALL_HINT))
            self._m2 = Macaulay2(command=cmd)
        m2 = self._m2
        if m2._expect is None or not m2._expect.isalive() or m2.pid() != self._pid:
            self._restart()
        return m2

    def _restart(self):
        m2 = self._m2
        try:
            if m2._expect is not None:
                m2._close()
        except Exception:
            pass
        m2._expect = None
        self._remove_m2_temporary_directories(self._pid)   # of a process that died
        try:
            m2._start()
        except Exception as exc:
            raise M2NotFoundError("could not start Macaulay2: %s\n%s" % (exc, INSTALL_HINT)) from exc
        self._pid = m2.pid()
        self._rings = {}
        self._released = []
        # `debug` makes the package's private functions (the bridge's
        # helpers: sageExport, idealInvariants, ...) visible in this session
        out = self._raw('loadPackage("%s", FileName => "%s", Reload => true); debug %s; "ok"'
                        % (PACKAGE_NAME, package_file(), PACKAGE_NAME), timeout=120)
        if "error" in out:
            raise M2Error("loading the Macaulay2 package failed:\n" + out)
        # Macaulay2 keeps its temporary files (msolve's input and output,
        # among others) in a directory /tmp/M2-<pid>-<n>/ that only its own
        # exit handlers remove; a killed process leaves it behind, so the
        # bridge notes where they are made and removes those of the pid in
        # kill() and when a dead process is restarted
        folder = os.path.dirname(self.eval("temporaryFileName()").strip('"'))
        if os.path.basename(folder).startswith("M2-"):
            self._m2_tmproot = os.path.dirname(folder)

    def pid(self):
        r"""
        Return the process id of the running Macaulay2.

        EXAMPLES::

            sage: from sage_neuro.m2 import session
            sage: session().pid() > 0
            True
        """
        self.interface()
        return self._pid

    def kill(self):
        r"""
        Kill the Macaulay2 process and remove its temporary directories
        (``/tmp/M2-<pid>-<n>/`` of its pid, which only Macaulay2's own exit
        would remove); the next call starts a new one.

        EXAMPLES::

            sage: from sage_neuro.m2 import session
            sage: import glob
            sage: S = session(); old = S.pid(); S.kill()
            sage: S.pid() != old
            True
            sage: glob.glob('/tmp/M2-%d-*' % old)
            []
        """
        if self._m2 is not None and self._m2._expect is not None:
            if self._pid:
                # M2's children (msolve) would otherwise outlive it
                from sage_neuro.processes import kill_process_tree
                kill_process_tree(self._pid)
            try:
                self._m2._expect.terminate(force=True)
            except Exception:
                pass
            self._m2._expect = None
        self._remove_m2_temporary_directories(self._pid)
        self._pid = None
        self._rings = {}
        self._released = []

    def _remove_m2_temporary_directories(self, pid):
        # Macaulay2 names them M2-<pid>-<n> (n counts up from 0 past folders
        # of an earlier process of the same pid); once the process `pid` is
        # gone nothing uses them. Only this pid's are touched: other
        # Macaulay2 processes may be running.
        if not pid:
            return
        roots = {self._m2_tmproot, os.environ.get("TMPDIR") or "/tmp"} - {None}
        for root in roots:
            for folder in glob.glob(os.path.join(root, "M2-%d-*" % int(pid))):
                shutil.rmtree(folder, ignore_errors=True)

    def close(self):
        r"""
        Stop the Macaulay2 process and remove the session's temporary
        directory; a later call starts afresh. Run at exit for the shared
        session.

        EXAMPLES::

            sage: from sage_neuro.m2 import M2Session
            sage: S = M2Session(); S.call('idealInvariants', S.ideal(QQ['x,y'].ideal([0])))
            [2, 1]
            sage: folder = S.temporary_directory(); folder.exists()
            True
            sage: S.close(); folder.exists()
            False
        """
        self.kill()
        if self._tmpdir is not None:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None

    def temporary_directory(self):
        r"""
        Return the directory of this session's temporary files (results
        read back, long inputs), made on first use.

        EXAMPLES::

            sage: from sage_neuro.m2 import session
            sage: session().temporary_directory().name.startswith('sage-neuro-m2-')
            True
        """
        if self._tmpdir is None or not self._tmpdir.exists():
            self._tmpdir = Path(tempfile.mkdtemp(prefix="sage-neuro-m2-"))
        return self._tmpdir

    def _release(self, name, pid):
        # called by M2Name.__del__: only names of the running process exist
        if pid is not None and pid == self._pid:
            self._released.append(name)

    def _release_code(self):
        # Macaulay2 code dropping the released objects (cleared once sent)
        if not self._released:
            return ""
        names, self._released = self._released, []
        return " ".join("%s = null;" % n for n in names)

    # -- evaluation ----------------------------------------------------------

    def _raw(self, line, timeout=None):
        # Sends one line and waits for the prompt ourselves, so that a
        # timeout, a crash or Ctrl-C can be told apart and handled here.
        m2 = self._m2
        E = m2._expect
        # select() takes Python floats only, not the RealNumber that Sage's
        # preparser makes of a literal such as 1e-9
        timeout = None if timeout is None else float(timeout)
        fname = None
        if len(line) > 3000:
            fd, fname = tempfile.mkstemp(suffix=".m2", prefix="input-", dir=self.temporary_directory())
            with os.fdopen(fd, "w") as f:
                f.write(line + "\n")
            line = 'load "%s"' % fname
        try:
            E.sendline(line)
            E.expect(m2._prompt, timeout=timeout)
        except pexpect.TIMEOUT:
            self.kill()
            raise M2TimeoutError("Macaulay2 did not finish within %s seconds; "
                                 "the Macaulay2 process was restarted" % timeout) from None
        except pexpect.EOF:
            self.kill()
            raise M2CrashError("the Macaulay2 process died during the computation; "
                               "it will be restarted at the next call") from None
        except KeyboardInterrupt:
            self.kill()
            raise
        finally:
            if fname is not None:
                os.unlink(fname)
        out = E.before
        if isinstance(out, bytes):
            out = out.decode("utf-8", "replace")
        return out.replace("\r\n", "\n")

    def eval(self, code, timeout=None):
        r"""
        Evaluate Macaulay2 code and return what it printed, without the
        output labels. Raises :class:`M2Error` on a Macaulay2 error.

        INPUT:

        - ``code`` -- string
        - ``timeout`` -- seconds or ``None``

        EXAMPLES::

            sage: from sage_neuro.m2 import session
            sage: session().eval('gcd(12, 18)')
            '6'
            sage: session().eval('1/0')
            Traceback (most recent call last):
            ...
            M2Error: Macaulay2 error: ...division by zero...
        """
        self.interface()
        out = self._raw(code, timeout=timeout)
        self._check(out)
        # drop the echoed input line, then M2's output labels
        text = "\n".join(out.split("\n")[1:])
        text = re.sub(r"^o\d+ = ", "", text.strip(), flags=re.M)
        text = re.sub(r"\n\no\d+ : .*$", "", text, flags=re.S)
        return text.strip()

    @staticmethod
    def _check(out):
        if "error:" in out:
            msg = out[out.index("error:") + 6:].split("\n")[0].strip()
            raise M2Error("Macaulay2 error: %s" % msg)

    # -- sending objects -----------------------------------------------------

    def _fresh(self, prefix):
        # each name is a new global symbol of Macaulay2, which keeps about
        # 2 KB for it after its value is released (symbols are never freed):
        # the growth of about 2 KB per call that bench/bench_bridge.py shows
        self._counter += 1
        return "sn%s%d" % (prefix, self._counter)

    def ring(self, R):
        r"""
        Send the polynomial ring ``R`` (over QQ, ZZ or a prime field) to
        Macaulay2 once and return its Macaulay2 name.

        EXAMPLES::

            sage: from sage_neuro.m2 import session
            sage: R.<x,y> = GF(101)[]
            sage: name = session().ring(R); name == session().ring(R)
            True
        """
        self.interface()
        if R in self._rings:
            return self._rings[R]
        K = R.base_ring()
        if K is ZZ:
            kk = "ZZ"
        elif K is QQ:
            kk = "QQ"
        elif K.is_finite() and K.is_prime_field():
            kk = "ZZ/%d" % K.characteristic()
        else:
            raise TypeError("only rings over ZZ, QQ or a prime field can be sent "
                            "to Macaulay2, not over %s" % K)
        name = self._fresh("R")
        names = ",".join(_safe_names(R.ngens()))
        self._raw_checked("%s = %s[%s]; " % (name, kk, names))
        self._rings[R] = name
        return name

    def _raw_checked(self, code, timeout=None):
        # Macaulay2 keeps the value of every statement of a top-level line
        # in its output history (o1, o2, ...), even after a ";", so a list or
        # an ideal sent here would stay alive after its name is released.
        # One parenthesized sequence ending in ";" is a single statement of
        # value null, which the history does not keep.
        self.interface()
        out = self._raw("(%s)" % code, timeout=timeout)
        self._check(out)
        return out

    def _poly_str(self, f):
        # a multivariate ring even for one variable (PolynomialRing(K, n,
        # names)), so that the exponent dictionary converts in every case
        R = f.parent()
        S = PolynomialRing(R.base_ring(), R.ngens(), _safe_names(R.ngens()), order=R.term_order())
        return str(S(f.dict()))

    def polys(self, polys, R=None):
        r"""
        Send a list of polynomials (all in one ring) and return the Macaulay2
        name of the list.

        EXAMPLES::

            sage: from sage_neuro.m2 import session
            sage: R.<x,y> = QQ[]
            sage: L = session().polys([x^2, x*y - 1])
            sage: session().eval('#%s' % L)
            '2'
        """
        polys = list(polys)
        if R is None:
            R = polys[0].parent()
        rname = self.ring(R)
        name = self._fresh("L")
        body = ",".join(self._poly_str(R(f)) for f in polys)
        # released names are dropped first: this code uses none of them
        self._raw_checked("%suse %s; %s = {%s}; " % (self._release_code(), rname, name, body))
        return M2Name(name, self)

    def ideal(self, I):
        r"""
        Send a Sage ideal and return its Macaulay2 name.

        EXAMPLES::

            sage: from sage_neuro.m2 import session
            sage: R.<x,y> = QQ[]
            sage: session().eval('codim ' + session().ideal(R.ideal([x, y])))
            '2'
        """
        R = I.ring()
        L = self.polys(I.gens(), R)
        name = self._fresh("I")
        # "+ ideal 0_R" keeps the ring known when I has no generators
        self._raw_checked("%s = ideal %s + ideal 0_%s; " % (name, L, self.ring(R)))
        return M2Name(name, self)

    # -- calls ---------------------------------------------------------------

    def call(self, function, *args, timeout=None, ring=None, options=None):
        r"""
        Call an exported function of the NeuroAlgebraicGeometry package and
        return its result as Sage data.

        INPUT:

        - ``function`` -- the Macaulay2 function name (a string)
        - ``args`` -- Macaulay2 names returned by :meth:`ring`,
          :meth:`polys`, :meth:`ideal`, or Python integers / lists of integers
        - ``timeout`` -- seconds, or ``None`` for no limit
        - ``ring`` -- the Sage polynomial ring in which polynomials of the
          result live (read back through the ring's neutral names)
        - ``options`` -- dictionary of Macaulay2 options, e.g. ``{'Seed': 3}``

        OUTPUT: nested lists of Sage integers, rationals, polynomials of
        ``ring``, strings and booleans

        EXAMPLES::

            sage: from sage_neuro.m2 import session
            sage: R.<a,b,c,d> = GF(32003)[]
            sage: S = session()
            sage: F = S.polys([a*c, a*d, b*c, b*d])
            sage: S.call('sliceDegree', F, [0, 1, 2], options={'Seed': 1})
            [2, 1, 'Msolve']
            sage: S.call('sliceDegree', F, [0, 1, 2], options={'Seed': 1}, timeout=1e-9)
            Traceback (most recent call last):
            ...
            M2TimeoutError: Macaulay2 did not finish within ... seconds; ...
            sage: S.call('sliceDegree', S.polys([a*c, a*d, b*c, b*d]), [0, 1, 2])[0]
            2
        """
        def arg(a):
            if isinstance(a, str):
                return a
            if isinstance(a, (list, tuple)):
                return "{" + ",".join(arg(x) for x in a) + "}"
            return str(a)
        opts = ""
        if options:
            opts = "," + ",".join("%s => %s" % (k, arg(v)) for k, v in options.items())
        expr = "%s(%s%s)" % (function, ",".join(arg(a) for a in args), opts)
        self.interface()
        outfile = self.temporary_directory() / "out.txt"
        if outfile.exists():
            outfile.unlink()
        # the result goes to the file without a global; the objects released
        # since the last call are dropped after this call's code has run
        pending = list(self._released)
        code = '"%s" << toExternalString sageExport(%s) << close; %s' % (
            outfile, expr, self._release_code())
        try:
            self._raw_checked(code, timeout=timeout)
        except M2Error:
            # an error stops the line before the releases; a restarted
            # process (time-out, crash) has none of these objects
            if self._pid is not None:
                self._released.extend(pending)
            raise
        text = outfile.read_text()
        outfile.unlink()
        return self._parse(text, ring)

    def _parse(self, text, ring):
        text = text.replace("{", "[").replace("}", "]").replace("true", "True").replace("false", "False")
        loc = {}
        if ring is not None:
            loc = dict(zip(_safe_names(ring.ngens()), ring.gens()))
        return sage_eval(text, locals=loc)


_SESSION = None


def session():
    r"""
    Return the shared :class:`M2Session` of this Python process.

    EXAMPLES::

        sage: from sage_neuro.m2 import session
        sage: session() is session()
        True
    """
    global _SESSION
    if _SESSION is None:
        _SESSION = M2Session()
        atexit.register(_SESSION.close)
    return _SESSION


def stop_session():
    r"""
    Kill the Macaulay2 process of the shared session, if one was started
    (a survey worker calls this when it exits, so that no M2 outlives it);
    the next :func:`session` call starts a new one.

    EXAMPLES::

        sage: from sage_neuro.m2 import session, stop_session
        sage: old = session().pid(); stop_session()
        sage: session().pid() != old
        True
        sage: stop_session(); stop_session()   # nothing running: nothing to do
    """
    if _SESSION is not None:
        _SESSION.kill()
