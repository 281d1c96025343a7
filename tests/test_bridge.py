"""The Macaulay2 bridge: time-outs, crashes, errors, missing M2."""
import glob
import os
import threading
import time

import pytest

from sage_neuro import LinearNetwork
from sage_neuro.m2 import (M2CrashError, M2Error, M2NotFoundError, M2Session,
                           M2TimeoutError, session, stop_session)


def _slow_call(S):
    # elimination for 5x5 matrices of rank <= 2 runs for minutes
    net = LinearNetwork([5, 2, 5])
    L = S.polys(net.coordinate_functions(), net.parameter_ring())
    return S.call("implicitIdeal", L, S.ring(net.coordinate_ring()))


def _check_next_call_is_right(S):
    from sage_neuro.invariants.slicing import sliced_count
    assert sliced_count(LinearNetwork([4, 2, 3]), "degree", seeds=(3,))[0] == 6
    assert S.eval("2 + 3") == "5"


def test_timeout_then_next_call_works():
    S = session()
    pid = S.pid()
    t0 = time.time()
    with pytest.raises(M2TimeoutError):
        S.eval("while true do 1", timeout=2)
    assert time.time() - t0 < 30
    _check_next_call_is_right(S)
    assert S.pid() != pid


def test_timeout_in_invariant_call():
    from sage_neuro.invariants.implicit import implicit_ideal
    # the full elimination of 5x5 matrices of rank <= 2 takes minutes
    with pytest.raises(TimeoutError):
        implicit_ideal(LinearNetwork([5, 2, 5]), sliced=False, timeout=2)
    _check_next_call_is_right(session())


def test_kill_during_computation_then_next_call_works():
    S = session()
    pid = S.pid()
    killer = threading.Timer(2.0, lambda: os.kill(pid, 9))
    killer.start()
    try:
        with pytest.raises(M2CrashError):
            _slow_call(S)
    finally:
        killer.cancel()
    _check_next_call_is_right(S)
    assert S.pid() != pid


def test_m2_error_is_clear_and_session_survives():
    S = session()
    with pytest.raises(M2Error, match="division by zero"):
        S.eval("1/0")
    assert S.eval("gcd(4, 6)") == "2"


def test_missing_m2_gives_install_hint():
    S = M2Session(command="/nonexistent/M2")
    with pytest.raises(M2NotFoundError, match="passagemath-macaulay2"):
        S.eval("1")


def test_package_loaded_once_and_rings_sent_once():
    S = session()
    R = LinearNetwork([2, 2]).parameter_ring()
    a = S.ring(R)
    assert S.ring(R) == a
    assert S.eval('(options NeuroAlgebraicGeometry).Version') == "0.1"


def _processes_running(fragment):
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open("/proc/%s/cmdline" % d, "rb") as f:
                    cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if fragment in cmd:
                out.append(int(d))
    return out


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="process tree via /proc (Linux)")
def test_timeout_kills_the_children_of_macaulay2():
    # M2 runs msolve as a child; a time-out must not leave it computing
    S = session()
    with pytest.raises(M2TimeoutError):
        S.eval('run "sleep 987"', timeout=2)
    time.sleep(0.5)
    assert _processes_running("sleep 987") == []
    _check_next_call_is_right(S)


def test_released_names_are_dropped_in_macaulay2():
    # a list sent for a call is released once Python drops its name
    S = session()
    R = LinearNetwork([2, 1, 2]).parameter_ring()
    L = S.polys(R.gens())
    name = str(L)
    assert S.eval("#" + name) == str(R.ngens())
    del L
    S.call("idealInvariants", S.ideal(R.ideal([R.gen(0)])))
    assert S.eval(name + " === null") == "true"


def test_calls_leave_nothing_in_the_output_history():
    # Macaulay2 keeps every top-level value in o1, o2, ...: a list or an
    # ideal kept there would outlive the release of its name
    S = M2Session()
    R = LinearNetwork([2, 2]).parameter_ring()
    before = int(S.eval("#OutputDictionary"))
    for _ in range(3):
        S.call("idealInvariants", S.ideal(R.ideal([R.gen(0), R.gen(1) ** 2])))
    # the eval itself adds one entry, its own result
    assert int(S.eval("#OutputDictionary")) == before + 1
    S.close()


def test_released_names_survive_an_error_in_the_call():
    S = session()
    R = LinearNetwork([2, 1, 2]).parameter_ring()
    L = S.polys(R.gens())
    name = str(L)
    del L
    with pytest.raises(M2Error):
        S.call("idealInvariants", "1/0")
    S.call("idealInvariants", S.ideal(R.ideal([R.gen(0)])))
    assert S.eval(name + " === null") == "true"


def test_temporary_files_are_removed():
    S = M2Session()
    R = LinearNetwork([4, 3, 4]).parameter_ring()
    # an input longer than a terminal line goes through a file
    L = S.polys([sum(R.gens()) ** 3])
    assert S.call("idealInvariants", S.ideal(R.ideal([R.gen(0)]))) == [R.ngens() - 1, 1]
    folder = S.temporary_directory()
    assert list(folder.iterdir()) == []
    del L
    S.close()
    assert not folder.exists()


def _m2_temporary_directories(pid, before=()):
    # Macaulay2 names its temporary directories $TMPDIR/M2-<pid>-<n>/; those
    # in `before` were left by an earlier process of the same pid
    pattern = os.path.join(os.environ.get("TMPDIR") or "/tmp", "M2-%d-*" % pid)
    return sorted(set(glob.glob(pattern)) - set(before))


def test_stopped_session_leaves_no_macaulay2_temporary_directory():
    from sage.all import GF, PolynomialRing
    S = session()
    stop_session()
    before = glob.glob(os.path.join(os.environ.get("TMPDIR") or "/tmp", "M2-*"))
    pid = S.pid()
    R = PolynomialRing(GF(32003), "a,b,c,d")
    a, b, c, d = R.gens()
    # msolve's input and output files go to Macaulay2's temporary directory
    assert S.call("sliceDegree", S.polys([a*c, a*d, b*c, b*d]), [0, 1, 2],
                  options={"Seed": 1})[0] == 2
    assert _m2_temporary_directories(pid, before) != []
    stop_session()
    assert _m2_temporary_directories(pid, before) == []
    # a process killed by a time-out leaves none either
    pid = S.pid()
    with pytest.raises(M2TimeoutError):
        S.eval("while true do 1", timeout=2)
    assert _m2_temporary_directories(pid, before) == []


def test_killed_process_leaves_no_macaulay2_temporary_directory():
    # a time-out and a crash: the restarted session removes every
    # /tmp/M2-<pid>-* of the killed process (files written by the call
    # itself included), and only of that pid
    S = M2Session()
    try:
        other = S.pid()
        S.kill()
        for crash in (False, True):
            pid = S.pid()
            assert pid != other
            # a file in Macaulay2's temporary directory, as msolve's are
            S.eval('(temporaryFileName() | ".txt") << "x" << close')
            assert _m2_temporary_directories(pid) != []
            if crash:
                with pytest.raises(M2CrashError):
                    S.eval('run("kill -9 " | toString processID())', timeout=60)
            else:
                with pytest.raises(M2TimeoutError):
                    S.eval("while true do 1", timeout=2)
            assert S.eval("1 + 1") == "2"
            assert S.pid() != pid
            assert _m2_temporary_directories(pid) == []
            assert _m2_temporary_directories(S.pid()) != []
            other = pid
    finally:
        S.close()


def test_sliced_implicit_ideal_receives_the_python_slice():
    # implicitIdealSliced eliminates on the slice whose fixed values it is
    # given (a CoordinateSlice drawn in Python); the kernel it proves is the
    # full one: for 3x3 matrices of rank <= 2 the determinant
    from sage_neuro.invariants.implicit import implicit_ideal
    from sage_neuro.invariants.slice import CoordinateSlice
    from sage_neuro.invariants.slicing import slice_pivots
    net = LinearNetwork([3, 2, 3])
    I = implicit_ideal(net, use_span=False)
    assert I == implicit_ideal(net, use_span=False, sliced=False)
    assert [g.degree() for g in I.gens()] == [3]
    S = session()
    C = net.coordinate_ring()
    L = S.polys(net.coordinate_functions(), net.parameter_ring())
    kept, _ = slice_pivots(net)
    sl = CoordinateSlice.random(net, kept, 1, 0, height=29, nonzero=True)
    gens, proved = S.call("implicitIdealSliced", L, sl.kept, sl.fixed_values, S.ring(C), ring=C)
    assert proved and C.ideal(gens) == I
    # a special slice (every fixed parameter 0) is not proved
    zeros = [0] * len(sl.fixed_values)
    assert S.call("implicitIdealSliced", L, sl.kept, zeros, S.ring(C), ring=C)[1] is False
    with pytest.raises(M2Error):
        S.call("implicitIdealSliced", L, sl.kept, zeros[1:], S.ring(C), ring=C)


def test_msolve_stderr_cannot_block(tmp_path, monkeypatch):
    # a program that writes far more than a pipe buffer (64 KiB) to stderr
    # and fails: the error is reported, nothing waits on a full pipe
    from sage_neuro.all import GF, PolynomialRing
    from sage_neuro.invariants import msolve
    fake = tmp_path / "msolve"
    fake.write_text("#!/bin/sh\nhead -c 2000000 /dev/zero | tr '\\\\0' x >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setattr(msolve, "msolve_program", lambda: str(fake))
    x, y = PolynomialRing(GF(101), "x, y").gens()
    t0 = time.time()
    with pytest.raises(RuntimeError, match="exit 3"):
        msolve.count_solutions([[x - 1, y]], timeout=60)
    assert time.time() - t0 < 30


def test_msolve_one_process_at_a_time_counts_the_same():
    from sage_neuro.all import GF, PolynomialRing
    from sage_neuro.invariants.msolve import count_solutions
    x, y = PolynomialRing(GF(32003), "x, y").gens()
    systems = [[x ** 2 - 1, y - x], [x ** 3 - y, y ** 2 - 2], [x - 2, y ** 5 - 3]]
    assert count_solutions(systems, processes=1) == count_solutions(systems) == [2, 6, 5]
    with pytest.raises(ValueError, match="processes"):
        count_solutions(systems, processes=0)
