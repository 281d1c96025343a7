-- Plain Macaulay2 routes that the benchmarks time against sage-neuro.
-- Nothing of sage-neuro is loaded: these are the routes a Macaulay2 user
-- would write from the parametrization F (a list of polynomials in the
-- parameters) alone.  Each is timed inside Macaulay2 by benchRun, so the
-- times exclude starting Macaulay2, loading packages and reading F.

needsPackage "NumericalImplicitization"

-- degree of the image: the kernel of the ring map (elimination), then
-- dim and degree of the implicit ideal
naiveDegree = (F, S) -> (
    I := ker map(ring first F, S, F);
    {dim I, degree I})

-- NumericalImplicitization (Chen-Kileel, arXiv:1610.03034): dimension
-- from the Jacobian at a point, degree by monodromy and the trace test
numericalDegree = (F, n) -> (
    R := ring first F;
    RC := CC(monoid R);
    FC := apply(F, f -> sub(f, RC));
    I := ideal 0_RC;
    dm := numericalImageDim(FC, I);
    dg := numericalImageDegree(FC, I, Verbose => false);
    {dm, if instance(dg, ZZ) then dg else if instance(dg, PseudoWitnessSet) then dg.degree else -1})

-- ED degree from the implicit ideal (Draisma-Horobet-Ottaviani-Sturmfels-
-- Thomas, arXiv:1309.0049, eq. (2.1)): c = codim I, the (c+1)-minors of
-- the Jacobian augmented by x - u, saturated by the singular locus
minorsEDDegree = (F, S, u) -> (
    I := ker map(ring first F, S, F);
    kk := coefficientRing S;
    c := codim I;
    JI := transpose jacobian I;
    aug := JI || (vars S - matrix {apply(u, a -> sub(a, kk))});
    crit := I + minors(c + 1, aug);
    sing := I + minors(c, JI);
    degree saturate(crit, sing))

-- ED degree from the parametrization, without the implicit ideal (the
-- parametric critical equations of arXiv:1309.0049, Section 3): fix all
-- parameters but d of them at random values (d = dim of the image; kept:
-- the first parameters whose Jacobian columns at a random point are
-- independent, a gauge fixing of the symmetries), so that the restricted
-- map G is generically finite onto the image.  The critical points of
-- |G(t) - u|^2 are J(t) (G(t) - u) = 0 with J the d x N Jacobian of G;
-- the points where J drops rank are removed by saturating with det(J B)
-- for a random N x d matrix B.  Each critical point on the image has as
-- many preimages as a generic fiber of G, counted by the same saturation
-- at a random point; the ED degree is the quotient.  (A dense random
-- affine d-plane instead of the coordinate slice made the 3x3 matrices of
-- rank <= 2 take minutes instead of 0.1 s.)
lagrangeEDDegree = (F, u) -> (
    R := ring first F;
    kk := coefficientRing R;
    n := numgens R;
    N := #F;
    J0 := sub(jacobian matrix {F}, random(kk^1, kk^n));
    kept := {};
    scan(n, i -> if rank J0^(append(kept, i)) > #kept then kept = append(kept, i));
    d := #kept;
    t := symbol t;
    T := kk[t_1..t_d];
    pos := new MutableHashTable;
    scan(d, j -> pos#(kept#j) = j);
    phi := map(T, R, apply(n, i -> if pos#?i then T_(pos#i) else random kk));
    G := apply(F, f -> phi f);
    JG := jacobian matrix {G};
    rankDrop := det(JG * random(kk^N, kk^d));
    crit := ideal(JG * transpose(matrix {G} - matrix {apply(u, a -> sub(a, kk))}));
    critCount := degree saturate(crit, rankDrop);
    q := matrix {apply(d, i -> random kk)};
    fiberCount := degree saturate(ideal apply(G, g -> g - sub(g, q)), rankDrop);
    if critCount % fiberCount != 0 then error "non-generic draw: count not a multiple of the fiber";
    critCount // fiberCount)

-- Run f (); print one line
--   RESULT <name> <value> <wall seconds> <cpu seconds>
-- with the least wall time of up to `repeats` runs (repeated only while
-- runs take less than `quick` seconds: timer noise on millisecond rows).
-- An error inside f prints RESULT <name> error.
benchRun = (name, f, quick, repeats) -> (
    << "BEGIN " << name << endl << flush;
    best := null; bestCpu := null; value := null;
    for k from 1 to repeats do (
        c0 := cpuTime();
        r := try elapsedTiming f() else null;
        c1 := cpuTime();
        if r === null then (value = "error"; break);
        value = r#1;
        if best === null or r#0 < best then (best = r#0; bestCpu = c1 - c0);
        if best >= quick then break);
    if value === "error" then << "RESULT " << name << " error" << endl << flush
    else << "RESULT " << name << " " << toString value << " " << toString best << " "
         << toString bestCpu << endl << flush;
    )
