-- NeuroAlgebraicGeometry: the Macaulay2 side of sage-neuro.
--
-- Every function takes the coordinate functions F of a polynomial map
-- mu : A^N -> A^n (a List of elements of one polynomial ring) or an ideal,
-- and returns plain data (integers, lists of polynomials) so that the Sage
-- bridge can read results back with a single toExternalString.
-- installPackage(..., FileName => F) re-reads this package's header by name
-- while it writes the html index (readPackage in Core/help.m2, see the
-- Macaulay2 issue 4232), so the folder of this file must be on the path.
if not member(currentFileDirectory, path) then path = append(path, currentFileDirectory);

newPackage(
    "NeuroAlgebraicGeometry",
    Version => "0.1",
    Date => "2026-11-27",
    Headline => "invariants of neuromanifolds: images of polynomial neural network parametrizations",
    Authors => {{Name => "sage-neuro developers"}},
    Keywords => {"Applied Algebraic Geometry"},
    PackageImports => {"FastMinors", "MinimalPrimes", "NumericalImplicitization", "Msolve"},
    DebuggingMode => false
    )

export {
    -- a network given as a ring map mu : (coordinate ring) -> (parameter ring)
    "pivotParameters",
    "imageDimension",
    "imageDegree",
    "imageEDDegree",
    "imageIdeal",
    -- the same on the coordinate functions, with the slice chosen by the caller
    "implicitIdeal",
    "implicitIdealSliced",
    "sliceDegree",
    "sliceEDDegree",
    "singularComponents",
    "rankDropComponents",
    "edDiscriminant",
    "isotropicTangency",
    "Seed",
    "Data",
    "Engine",
    "InnerProduct",
    "Prime"
    }

-- Everything else (sageExport, idealInvariants, sliceCriticalIdeal,
-- edEliminant, the ideal-containment and decomposition helpers and the naive
-- baselines of the benchmarks) serves the SageMath bridge and is private:
-- the bridge reaches it with `debug NeuroAlgebraicGeometry`.

-- The one coordinate slice of the package: mu restricted to the slice
-- where the parameters outside `kept` take constant values and the kept
-- ones become the variables of the ring S.  The constants are `draw`: a
-- function of no arguments, called once per fixed parameter in order, or
-- the List of the values themselves (the fixed parameters in increasing
-- order: a slice drawn by the caller, as the Sage bridge does).  When the
-- kept columns of the Jacobian are independent at a generic point (the
-- caller picks them as pivot columns), the restricted map is dominant and
-- generically finite, so every count over the slice is (the invariant) x
-- (the size of a generic fiber of the slice).  A coordinate slice keeps the
-- sparsity of F, unlike a general affine one; it is the gauge fixing of the
-- symmetries by random constants.  Returns {consts, G}: the value of every
-- parameter (0 at the kept ones) and the sliced coordinate functions.
-- (The Sage bridge builds its slices on the Sage side, class
-- CoordinateSlice of sage_neuro/invariants/slice.py, and sends the sliced
-- polynomials to sliceSystemsCount and sliceEDCount, or the values of the
-- fixed parameters to implicitIdealSliced.)
coordinateSlice = (F, kept, S, draw) -> (
    R := ring first F;
    N := numgens R;
    pos := new MutableList from N:null;
    scan(#kept, i -> pos#(kept#i) = i);
    if instance(draw, List) then (
        if #draw != N - #kept then error("coordinateSlice: expected " | toString(N - #kept)
            | " values of the fixed parameters, got " | toString(#draw));
        given := draw;
        k := -1;
        draw = () -> (k = k + 1; sub(given#k, coefficientRing S)));
    consts := apply(N, j -> if pos#j === null then draw() else 0_(coefficientRing S));
    phi := map(S, R, apply(N, j -> if pos#j === null then consts#j * 1_S else S_(pos#j)));
    {consts, apply(F, f -> phi f)}
    )

-- the coordinate slice of sliceDegree and sliceEDDegree: uniformly random
-- constants of the coefficient field
slicedMap = (F, kept) -> (
    kk := coefficientRing ring first F;
    t := symbol t;
    last coordinateSlice(F, kept, kk[t_1..t_(#kept)], () -> random kk)
    )

-- number of points of a generic fiber of the sliced map, counted at a
-- random point of the slice
fiberCount = G -> (
    S := ring first G;
    kk := coefficientRing S;
    ev := map(kk, S, apply(numgens S, i -> random kk));
    J := last countEngine(ideal apply(G, g -> g - ev g), "Auto");
    if dim J > 0 then error "non-generic draw: the sliced map is not generically finite (the kept parameters have dependent Jacobian columns at this draw)";
    degree J
    )

implicitIdeal = method()
implicitIdeal(List, Ring) := Ideal => (F, S) -> (
    R := ring first F;
    ker map(R, S, F)
    )

-- The same kernel computed from a coordinate slice of the parameters (as
-- in sliceDegree; the constants are small random nonzero integers, or the
-- values given by the caller): the slice image has
-- the dimension of the image when the kept Jacobian columns are independent,
-- so its closure is the (irreducible) closure of the image and the kernels
-- agree.  That is not taken on trust: every generator is substituted into
-- the full map and must vanish, which proves ker(slice) = ker(F) (the
-- inclusion ker(F) in ker(slice) always holds).  Elimination with fewer
-- variables, several of them entering linearly, is much cheaper: 6x4
-- matrices of rank <= 2 take 0.2 s instead of minutes.
implicitIdealSliced = method(Options => {Seed => null})
implicitIdealSliced(List, List, Ring) := List => opts -> (F, kept, S) -> (
    if opts.Seed =!= null then setRandomSeed opts.Seed;
    slicedKernel(F, kept, S, () -> (1 + random 29) * (-1)^(random 2)))
implicitIdealSliced(List, List, List, Ring) := List => opts -> (F, kept, values, S) -> (
    if opts.Seed =!= null then error "implicitIdealSliced: the values of the fixed parameters are given; Seed draws none";
    slicedKernel(F, kept, S, values))

-- the kernel of S -> (the slice ring) on the coordinate slice whose fixed
-- parameters are `draw` (see coordinateSlice), and whether it is proved
slicedKernel = (F, kept, S, draw) -> (
    R := ring first F;
    kk := coefficientRing R;
    t := symbol t;
    T := kk[t_1..t_(#kept)];
    G := last coordinateSlice(F, kept, T, draw);
    I := ker map(T, S, G);
    full := map(R, S, F);
    {first entries gens I, all(first entries gens I, g -> full g == 0)}
    )

idealInvariants = method()
idealInvariants Ideal := List => I -> {dim I, degree I}

-- Groebner basis by F4 when asked (on the zero-dimensional slice systems it
-- is several times faster than Buchberger)
gbIdeal = (I, strategy) -> if strategy === "F4" and char ring I > 0
    then ideal groebnerBasis(I, Strategy => "F4") else I

-- msolve (shipped with passagemath's Macaulay2, found by the Msolve package)
-- is probed once: a missing or broken binary must fall back to F4, not fail.
msolveWorks = null
hasMsolve = () -> (
    if msolveWorks === null then msolveWorks = (
        try (
            x := getSymbol "x";
            T := ZZ/32003[x_0, x_1];
            msolveLeadMonomials(ideal(T_0^2 - 1, T_1 - T_0), Threads => 1);
            true) else false);
    msolveWorks)

-- The engine that counts the points of a zero-dimensional slice system:
-- "Msolve" (leading monomials of the grevlex basis by msolve's F4; the
-- slice of LinearNetwork [5,2,5], 16 quadrics with 175 solutions, takes
-- 0.4 s instead of more than 100 s in M2's own F4), "F4", "Buchberger";
-- "Auto" is msolve when it is present and the field is a prime field.
-- Returns {engine used, an ideal with the same dim and degree as I}.
countEngine = (I, strategy) -> (
    p := char ring I;
    if strategy === "Auto" then strategy = (
        if p > 0 and p < 2^31 and hasMsolve() then "Msolve" else if p > 0 then "F4" else "Buchberger");
    if strategy === "Msolve" then (
        if p == 0 then error "the Msolve engine counts over prime fields only";
        -- one thread: on 2 cores, Threads => 2 made the MLP [3,3,3] slice 4x slower
        {"Msolve", monomialIdeal msolveLeadMonomials(I, Threads => 1)})
    else {strategy, gbIdeal(I, strategy)})

sliceDegree = method(Options => {Seed => null, Strategy => "Auto"})
sliceDegree(List, List) := List => opts -> (F, kept) -> (
    if opts.Seed =!= null then setRandomSeed opts.Seed;
    d := #kept;
    G := slicedMap(F, kept);
    S := ring first G;
    kk := coefficientRing S;
    if d == 0 then return {1, 1, "none"};
    (engine, a) := sectionCount(apply(d, i -> sum(G, g -> random kk * g) - random kk), opts.Strategy);
    {a, fiberCount G, engine}
    )

-- {engine, number of points} of a linear section of a slice
sectionCount = (section, strategy) -> (
    (engine, L) := toSequence countEngine(ideal section, strategy);
    if dim L > 0 then error "non-generic draw: the linear section is not zero-dimensional (the kept parameters have dependent Jacobian columns at this draw)";
    (engine, degree L)
    )

-- For the Sage bridge: the section and fiber systems of a degree slice,
-- built on the Sage side (CoordinateSlice.degree_systems), counted;
-- returns {a, b, engine} as sliceDegree does.
sliceSystemsCount = method(Options => {Strategy => "Auto"})
sliceSystemsCount(List, List) := List => opts -> (section, fiber) -> (
    (engine, a) := sectionCount(section, opts.Strategy);
    J := last countEngine(ideal fiber, "Auto");
    if dim J > 0 then error "non-generic draw: the sliced map is not generically finite (the kept parameters have dependent Jacobian columns at this draw)";
    {a, degree J, engine}
    )

-- A maximal minor of the (d x n) Jacobian of the sliced map G, nonzero at a
-- random point, chosen greedily among the columns whose entries have the
-- lowest degree: it vanishes on the rank-drop locus, which is all a
-- saturation needs, and it is far cheaper than det(Jac * random matrix).
-- Returned squarefree (the product of its distinct irreducible factors):
-- the same zeros, and such minors are products of few small factors with
-- high multiplicities (degree 18 and 11340 terms for the ED system of the
-- MLP [3,3,3] with x^2, degree 11 and 972 terms squarefree), so the
-- Rabinowitsch equation z*m - 1 is much smaller.
goodMaximalMinor = method()
goodMaximalMinor Matrix := RingElement => Jac -> (
    S := ring Jac;
    kk := coefficientRing S;
    d := numrows Jac;
    pt := map(kk, S, apply(numgens S, i -> random kk));
    Jp := pt Jac;
    colDeg := j -> sum(flatten entries Jac_{j}, e -> if e == 0 then 0 else 1 + first degree e);
    order := sort(toList(0..numcols Jac - 1), j -> (colDeg j, j));
    cols := {};
    for j in order do if #cols < d and rank Jp_(append(cols, j)) > #cols then cols = append(cols, j);
    if #cols < d then error "non-generic draw: the Jacobian of the sliced map is not of full rank at a random point";
    product(toList factor det Jac_cols, p -> p#0)
    )

sliceEDDegree = method(Options => {Seed => null, Data => null, Strategy => "Rabinowitsch",
        Engine => "Auto", InnerProduct => null})
sliceEDDegree(List, List) := List => opts -> (F, kept) -> (
    if opts.Seed =!= null then setRandomSeed opts.Seed;
    G := slicedMap(F, kept);
    kk := coefficientRing ring first G;
    u := if opts.Data === null then apply(#G, i -> random kk) else apply(opts.Data, c -> sub(c, kk));
    criticalCount(G, u, opts.Strategy, opts.Engine, innerProduct(opts.InnerProduct, kk, #G))
    )

-- the matrix Q of the distance (x - u)^T Q (x - u): null (the standard
-- one), "Generic" (a random symmetric matrix over kk: its count is the ED
-- degree for a generic inner product, the sum of the polar degrees of a
-- cone) or a symmetric n x n matrix
innerProduct = (Q, kk, n) -> (
    if Q === null then return null;
    if Q === "Generic" then (A := random(kk^n, kk^n); return A + transpose A);
    if not instance(Q, Matrix) or numrows Q != n or numcols Q != n or Q != transpose Q then
        error("InnerProduct must be null, \"Generic\" or a symmetric " | toString n | " x "
            | toString n | " matrix");
    sub(Q, kk))

-- For the Sage bridge: the ED degree count on a slice built on the Sage
-- side (CoordinateSlice.polynomials, data drawn there too); G the sliced
-- coordinate functions, u the data; returns {a, b, engine}.
sliceEDCount = method(Options => {Seed => null, Strategy => "Rabinowitsch", Engine => "Auto"})
sliceEDCount(List, List) := List => opts -> (G, u) -> (
    if opts.Seed =!= null then setRandomSeed opts.Seed;
    kk := coefficientRing ring first G;
    criticalCount(G, apply(u, c -> sub(c, kk)), opts.Strategy, opts.Engine, null)
    )

-- {critical points, fiber size, engine} of the squared distance from u on
-- the image of the sliced map G (strategy and engine as in sliceEDDegree;
-- Q the matrix of the inner product, null for the standard one)
criticalCount = (G, u, strategy, engineOpt, Q) -> (
    engine := null;
    S := ring first G;
    kk := coefficientRing S;
    d := numgens S;
    n := #G;
    Jac := jacobian matrix {G};
    -- when d = n the Jacobian is square and invertible off the rank-drop
    -- locus, so the critical equations there are just G = u
    crit := if d == n and strategy =!= "Determinant" then ideal(matrix {G} - matrix {u})
        else ideal flatten entries (Jac * (if Q === null then id_(kk^n) else Q)
            * transpose(matrix {G} - matrix {u}));
    -- spurious solutions: where the sliced Jacobian drops rank
    C := if strategy === "Determinant" then (
        saturate(crit, det(Jac * random(kk^n, kk^d)))
        ) else (
        m := goodMaximalMinor Jac;
        if strategy === "Saturate" then saturate(crit, m) else (
            -- Rabinowitsch: one extra variable z with z * m = 1
            z := symbol z;
            T := kk[gens S, z];
            CT := sub(crit, T) + ideal(sub(m, T) * T_d - 1);
            EC := countEngine(CT, engineOpt);
            engine = first EC;
            last EC));
    -- a positive-dimensional critical ideal has no point count: its degree
    -- would be returned as one
    if dim C > 0 then error "non-generic draw: the critical ideal of the slice is not zero-dimensional";
    {degree C, fiberCount G, if engine === null then "saturate" else engine}
    )

-- The critical points of the squared distance from u on the image, as a
-- zero-dimensional ideal on a coordinate slice (see sliceEDDegree), for the
-- real and numerical analysis on the Sage side.  Returns
--   {consts, gens C, b, coeffs, eliminant}
-- consts: the value of every parameter (0 at the kept ones, which become the
-- slice variables); C: the critical ideal J^T (G - u) saturated by a maximal
-- minor of the sliced Jacobian, in a ring with variables snv0..snv(d-1);
-- b: generic fiber size of the sliced map; coeffs: small random integers
-- c_i in 1..97 of a linear form l = sum c_i x_i on the function space; eliminant: the
-- coefficients (constant term first) of the monic generator of the
-- elimination ideal of l(G) - s in kk[s] (its roots are the values of l at
-- the image points of the critical points).
sliceCriticalIdeal = method(Options => {Seed => null, Data => null, Strategy => "Determinant"})
sliceCriticalIdeal(List, List) := List => opts -> (F, kept) -> (
    if opts.Seed =!= null then setRandomSeed opts.Seed;
    kk := coefficientRing ring first F;
    d := #kept;
    n := #F;
    S := kk[apply(d, i -> getSymbol("snv" | toString i))];
    (consts, G) := toSequence coordinateSlice(F, kept, S, () -> random(kk, Height => 20));
    u := if opts.Data === null then apply(n, i -> random kk) else apply(opts.Data, c -> sub(c, kk));
    Jac := jacobian matrix {G};
    crit := ideal flatten entries (Jac * transpose(matrix {G} - matrix {u}));
    -- "Determinant": det(Jac * A), A random, vanishes at the rank-drop points
    -- and, for A generic, at none of the finitely many critical points, so
    -- it is right for special data too; "Minor": one maximal minor (fast,
    -- but it may remove true critical points of special data)
    C := saturate(crit, if opts.Strategy === "Minor" then goodMaximalMinor Jac
        else det(Jac * random(kk^n, kk^d)));
    if dim C > 0 then error "the critical ideal is not zero-dimensional: non-generic data or slice";
    c := apply(n, i -> random(1, 97));
    s := symbol s;
    T := kk[gens S, s, MonomialOrder => Eliminate d];
    E := eliminate(toList(0..d-1) / (i -> T_i), sub(C, T) + ideal(T_d - sum(n, i -> c#i * sub(G#i, T))));
    e := sub((gens E)_(0,0), kk[s]);
    e = e * (1 / leadCoefficient e);
    co := apply(1 + first degree e, k -> coefficient((ring e)_0^k, e));
    {consts, flatten entries gens C, fiberCount G, c, co}
    )

naiveEDDegree = method(Options => {Seed => null, Data => null})
naiveEDDegree Ideal := ZZ => opts -> I -> (
    if opts.Seed =!= null then setRandomSeed opts.Seed;
    R := ring I;
    kk := coefficientRing R;
    c := codim I;
    u := if opts.Data === null then apply(numgens R, i -> random kk) else apply(opts.Data, c -> sub(c, kk));
    JI := jacobian I;
    aug := (transpose JI) || (vars R - matrix {u});
    crit := I + minors(c + 1, aug);
    sing := I + minors(c, transpose JI);
    degree saturate(crit, sing)
    )

naiveDegree = method()
naiveDegree(List, Ring) := List => (F, S) -> (
    I := implicitIdeal(F, S);
    {dim I, degree I}
    )

-- NumericalImplicitization (homotopy continuation, monodromy and trace
-- test): the numerical baseline of the benchmarks.  F is over QQ; the
-- image is treated as a cone when Homogeneous is true.
numericalImageInvariants = method(Options => {Seed => null})
numericalImageInvariants(List, ZZ) := List => opts -> (F, n) -> (
    if opts.Seed =!= null then setRandomSeed opts.Seed;
    R := ring first F;
    RC := CC(monoid R);
    FC := apply(F, f -> sub(f, RC));
    I := ideal 0_RC;
    dm := numericalImageDim(FC, I);
    dg := try numericalImageDegree(FC, I, Verbose => false) else null;
    if dg =!= null and not instance(dg, ZZ) then dg = try degree dg else (try dg.cache.degree else -1);
    {dm, if dg === null then -1 else (if instance(dg, HashTable) and dg#?degree then dg#degree else if instance(dg, ZZ) then dg else -1)}
    )

singularComponents = method(Options => {Strategy => "Minors"})
singularComponents Ideal := List => opts -> I -> (
    c := codim I;
    JI := jacobian I;
    if opts.Strategy === "FastMinors" then (
        -- a few good minors cut out a superset of Sing; it is Sing exactly
        -- when the Jacobian drops rank along every one of its components
        -- (then each lies in Sing); otherwise fall back to all minors
        sup := I + chooseGoodMinors(50, c, transpose JI, I);
        if sup == ideal 1_(ring I) then return {};
        Ps := minimalPrimes sup;
        if all(Ps, P -> rank sub(JI, (ring I)/P) < c) then
            return apply(Ps, P -> flatten entries gens P));
    sing := I + minors(c, transpose JI);
    if sing == ideal 1_(ring I) then return {};
    apply(minimalPrimes sing, P -> flatten entries gens P)
    )

-- The Sage bridge reads results with one toExternalString: ideals and
-- matrices become lists so that Sage can parse them without M2's syntax.
sageExport = method()
sageExport Thing := x -> x
sageExport RingElement := x -> x
sageExport Ideal := I -> flatten entries gens I
sageExport Matrix := m -> entries m
sageExport BasicList := L -> apply(toList L, sageExport)

minimalPrimeComponents = method()
minimalPrimeComponents Ideal := List => I -> (
    if I == ideal 1_(ring I) then return {};
    apply(minimalPrimes I, P -> flatten entries gens P)
    )

-- The critical points of mu: the parameters where the Jacobian of the
-- coordinate functions F drops below rank d (the d x d minors, computed
-- here and not in Sage), split into minimal primes.  For each prime P the
-- dimension of mu(V(P)) is the rank over Frac(R/P) of the differential of
-- mu restricted to the tangent space of V(P):
--   rank [jacobian P ; jacobian F] - rank [jacobian P]   over R/P
-- (char 0: V(P) is generically smooth and mu|V(P) generically submersive
-- onto its image).
rankDropComponents = method(Options => {Strategy => null})
rankDropComponents(List, ZZ) := List => opts -> (F, d) -> (
    R := ring first F;
    Jac := jacobian matrix {F};
    -- the rank over Frac(R), exact: d may come from a modular computation
    r := rank Jac;
    if r != d then error("the generic rank of the Jacobian is " | toString r | ", not " | toString d);
    I := if opts.Strategy === null then minors(d, Jac)
        else minors(d, Jac, Strategy => value opts.Strategy);
    I = trim I;
    if I == ideal 1_R then return {};
    apply(minimalPrimes I, P -> (
        A := R / P;
        JP := sub(transpose jacobian P, A);
        JF := sub(transpose Jac, A);
        {flatten entries gens P, dim P, rank(JP || JF) - rank JP}))
    )

-- === ED discriminant (landscape) ===
-- The ED correspondence over a family of data: I is the (prime) ideal of a
-- variety X in R = kk[x_1..x_n], U lists n polynomials in a ring D (the data
-- u as functions of k parameters: the data variables themselves, or a line
-- or plane of data).  In T = kk[x, y] the critical ideal
--   I + minors(c+1, [jacobian I ; x - U])   saturated by the singular locus
-- has, over a general point of D, the ED-degree many critical points of
-- the squared distance from U on the smooth part of X.
edCorrespondence = (I, U) -> (
    R := ring I; kk := coefficientRing R; n := numgens R;
    D := ring first U; k := numgens D;
    xs := getSymbol "edX"; ys := getSymbol "edY";
    T := kk[xs_1..xs_n, ys_1..ys_k, MonomialOrder => Eliminate n];
    toT := map(T, R, take(gens T, n));
    fromD := map(T, D, drop(gens T, n));
    IT := toT I; c := codim I;
    JI := toT transpose jacobian I;
    X := matrix{take(gens T, n)} - matrix{apply(U, f -> fromD f)};
    crit := IT + minors(c + 1, JI || X);
    sing := IT + minors(c, JI);
    (T, saturate(crit, sing), map(D, T, join(toList(n:0_D), gens D)))
    )

-- Where the number of distinct critical points over the data family drops:
-- returns three lists of generators of elimination ideals in D,
--  {collisions, escapes to infinity, falls into the singular locus}:
-- collisions: the fiber of E (zero-dimensional in x) is not reduced there
--   (its Jacobian in x drops below rank n);
-- escapes: the closure of E in P^n x D meets the hyperplane at infinity
--   (the generators of a Groebner basis are homogenized in x by z, z = 0);
-- falls: the closure of E meets the singular locus of X (removed by the
--   saturation, so these critical points are lost there).
-- The strata of P^(b_1 - 1) x ... x P^(b_s - 1) (block j: its first
-- a_j coordinates zero, the next one 1) on which grad(F . F) = 2 J^T F
-- has a common zero over the algebraic closure of the coefficient field.
-- The strata are disjoint and cover the product, so an empty answer says
-- the image of the product meets the isotropic quadric of the standard
-- inner product transversally (a point where F = 0 would be in it too).
isotropicTangency = method()
isotropicTangency(List, List) := List => (F, blocks) -> (
    if #F == 0 then error "isotropicTangency: expected a non-empty list of polynomials";
    R := ring first F;
    x := gens R;
    if sort flatten blocks != toList(0 ..< #x) then
        error("isotropicTangency: the blocks must be lists of indices partitioning 0..",
              toString(#x - 1), " (the variables of the ring of F)");
    G := sum(F, f -> f^2);
    E := apply(x, v -> diff(v, G));
    strata := fold((acc, r) -> flatten apply(acc, a -> apply(r, i -> append(a, i))), {{}},
                   apply(blocks, b -> toList(0 ..< #b)));
    select(strata, a -> (
        vals := new MutableList from x;
        scan(#blocks, j -> scan(#(blocks#j), i -> (
            k := blocks#j#i;
            if i < a#j then vals#k = 0_R else if i == a#j then vals#k = 1_R)));
        phi := map(R, R, toList vals);
        ideal apply(E, e -> phi e) != 1)))

edDiscriminant = method()
edDiscriminant(Ideal, List) := List => (I, U) -> (
    n := numgens ring I;
    (T, E, back) := edCorrespondence(I, U);
    xs := take(gens T, n);
    JE := (jacobian gens E)^(toList(0..n-1));
    coll := eliminate(xs, E + minors(n, JE));
    kk := coefficientRing T;
    zs := getSymbol "edZ";
    Tz := kk[gens T, zs, MonomialOrder => Eliminate n];
    toTz := map(Tz, T, take(gens Tz, numgens T));
    z := last gens Tz;
    w := join(toList(n:1), toList(numgens T - n + 1:0));
    w = drop(w, -1) | {1};
    Eh := ideal homogenize(toTz gens gb E, z, w);
    xz := take(gens Tz, n);
    inf := saturate(Eh + ideal z, ideal xz);
    esc := eliminate(xz | {z}, inf);
    esc = (map(T, Tz, gens T | {0_T})) esc;
    JI := (map(T, ring I, xs)) transpose jacobian I;
    sing := (map(T, ring I, xs)) I + minors(codim I, JI);
    fall := eliminate(xs, E + sing);
    apply({coll, esc, fall}, J -> flatten entries gens back J)
    )

-- The eliminant of the linear form l = sum c_i x_i on the critical points:
-- the generator of (E + (s - l)) intersected with D[s], as the list of its
-- coefficients (polynomials in D) in increasing powers of s.
edEliminant = method()
edEliminant(Ideal, List, List) := List => (I, U, c) -> (
    n := numgens ring I;
    (T, E, back) := edCorrespondence(I, U);
    D := ring first U; kk := coefficientRing D;
    ss := getSymbol "edS";
    T2 := kk[gens T, ss, MonomialOrder => Eliminate n];
    toT2 := map(T2, T, take(gens T2, numgens T));
    l := sum(n, i -> c#i * T2_i);
    Elim := eliminate(take(gens T2, n), toT2 E + ideal(last gens T2 - l));
    if numgens Elim != 1 then error "the eliminant ideal is not principal: data not general enough";
    e := (gens Elim)_(0,0);
    DS := kk[gens D, ss];
    eD := (map(DS, T2, join(toList(n:0_DS), gens DS))) e;
    sv := last gens DS;
    (mons, cfs) := coefficients(eD, Variables => {sv});
    toD := map(D, DS, join(gens D, {0_D}));
    dg := degree(sv, eD);
    co := new MutableList from (dg + 1):0_D;
    scan(numColumns mons, j -> co#(degree(sv, mons_(0,j))) = toD cfs_(j,0));
    toList co
    )

-- === singularities vs subnetworks ===
-- The table of ideal containments A#i <= B#j (isSubset, Groebner bases over
-- the coefficient field of the common ring).  For prime ideals P, Q,
-- P <= Q means V(Q) is contained in V(P): this is how sage-neuro proves that
-- a subnetwork's neuromanifold lies in a component of the singular locus and
-- vice versa.
idealContainments = method()
idealContainments(List, List) := List => (A, B) -> (
    apply(A, I -> apply(B, J -> isSubset(I, J)))
    )

-- The Jacobian criterion over ZZ/p for an ideal I over QQ (prime over QQ):
-- the minimal primes of (I + minors of size codim I) after reduction mod p.
-- Much faster than over QQ; correct for all but finitely many p.
singularComponentsModular = method()
singularComponentsModular(Ideal, ZZ) := List => (I, p) -> (
    R := ring I;
    Rp := (ZZ/p)(monoid R);
    Ip := sub(I, Rp);
    c := codim Ip;
    sing := Ip + minors(c, jacobian Ip);
    if sing == ideal 1_Rp then return {};
    apply(minimalPrimes sing, P -> flatten entries gens P)
    )

-- A primary decomposition with its associated primes: a list of triples
-- {generators of the primary component, generators of its prime, whether the
-- prime is embedded (strictly contains another associated prime)}.
primaryComponents = method()
primaryComponents Ideal := List => I -> (
    if I == ideal 1_(ring I) then return {};
    Q := primaryDecomposition I;
    A := associatedPrimes I;
    apply(#Q, i -> {flatten entries gens Q#i, flatten entries gens A#i,
        any(#A, j -> j != i and isSubset(A#j, A#i) and A#j != A#i)})
    )

-- === networks given as ring maps ===
-- A network is handed to these functions as its parametrization
-- mu : S -> R, with S the coordinate ring of the function space (one
-- variable per coefficient of the output polynomials) and R the parameter
-- ring, sending each coordinate to the coefficient it stands for (as
-- Architecture.parametrization() does in sage-neuro).  Counts run over
-- ZZ/p on the coordinate slice of pivotParameters, two random sections that
-- must agree.

coordinateFunctions = phi -> (
    if numgens source phi == 0 then error "the ring map has no coordinates (its source has no variables)";
    first entries matrix phi)

-- the coordinate functions over ZZ/p: rational coefficients are reduced,
-- functions over a prime field are kept
modularFunctions = (F, p) -> (
    R := ring first F;
    kk := coefficientRing R;
    if char kk > 0 then return F;
    if not (kk === QQ or kk === ZZ) then
        error "the parameter ring must have coefficients in QQ, ZZ or a prime field";
    Rp := (ZZ/p)(monoid R);
    apply(F, f -> sub(f, Rp)))

pivotParameters = method(Options => {Seed => null, Prime => 32003})
pivotParameters RingMap := List => opts -> phi -> (
    if opts.Seed =!= null then setRandomSeed opts.Seed;
    F := modularFunctions(coordinateFunctions phi, opts.Prime);
    R := ring first F;
    kk := coefficientRing R;
    pt := map(kk, R, apply(numgens R, i -> random kk));
    -- rows of the Jacobian are the parameters: keep a parameter when its
    -- row raises the rank at a random point
    Jp := pt jacobian matrix {F};
    kept := {};
    r := 0;
    for j from 0 to numgens R - 1 do (
        s := rank Jp^(append(kept, j));
        if s > r then (kept = append(kept, j); r = s));
    kept)

imageDimension = method(Options => {Seed => null, Prime => 32003})
imageDimension RingMap := ZZ => opts -> phi -> #pivotParameters(phi, opts)

-- two sections of the same slice must give the same quotient: a draw on
-- the discriminant of the section (probability of order degree / p) shows
-- up as a disagreement or a non-integral quotient
agreedCount = (counts, what) -> (
    vals := apply(counts, c -> (
        if c#0 % c#1 != 0 then error(what | ": a section count is not a multiple of the fiber size (a non-generic draw; use another Seed)");
        c#0 // c#1));
    if #unique vals > 1 then error(what | ": two random sections disagree, " | toString vals | " (a non-generic draw; use another Seed)");
    first vals)

imageDegree = method(Options => {Seed => null, Prime => 32003, Strategy => "Auto"})
imageDegree RingMap := ZZ => opts -> phi -> (
    if opts.Seed =!= null then setRandomSeed opts.Seed;
    F := modularFunctions(coordinateFunctions phi, opts.Prime);
    kept := pivotParameters(phi, Prime => opts.Prime);
    agreedCount(apply(2, i -> sliceDegree(F, kept, Strategy => opts.Strategy)), "imageDegree"))

imageEDDegree = method(Options => {Seed => null, Prime => 32003, Engine => "Auto",
        InnerProduct => null})
imageEDDegree RingMap := ZZ => opts -> phi -> (
    if opts.Seed =!= null then setRandomSeed opts.Seed;
    F := modularFunctions(coordinateFunctions phi, opts.Prime);
    kept := pivotParameters(phi, Prime => opts.Prime);
    agreedCount(apply(2, i -> sliceEDDegree(F, kept, Engine => opts.Engine,
                InnerProduct => opts.InnerProduct)), "imageEDDegree"))

imageIdeal = method(Options => {Seed => null})
imageIdeal RingMap := Ideal => opts -> phi -> (
    if opts.Seed =!= null then setRandomSeed opts.Seed;
    F := coordinateFunctions phi;
    kept := pivotParameters phi;
    L := implicitIdealSliced(F, kept, source phi);
    -- the sliced kernel is proved by substitution; if the proof fails
    -- (a bad draw) the kernel is eliminated on the full parameter space
    if last L then ideal first L else ker phi)

beginDocumentation()

doc ///
Key
  NeuroAlgebraicGeometry
Headline
  invariants of neuromanifolds, the images of polynomial neural networks
Description
  Text
    A feedforward network with polynomial activation is a polynomial map
    $\mu$ from parameters to the coefficients of the functions it computes;
    its image is the neuromanifold. This package holds the exact algebra of
    the SageMath library sage-neuro: implicitization, degrees and Euclidean
    distance degrees by random affine slices of the parameter space, and
    singular loci.
  Example
    R = QQ[a,b,c,d];
    F = {a*c, a*d, b*c, b*d};
    sliceDegree(F, {0,1,2}, Seed => 1)
///

doc ///
Key
  implicitIdeal
  (implicitIdeal, List, Ring)
Headline
  the ideal of the Zariski closure of the image of a polynomial map
Usage
  I = implicitIdeal(F, S)
Inputs
  F:List
    of polynomials in the parameter ring
  S:Ring
    the coordinate ring of the function space, one variable for each entry of F
Outputs
  I:Ideal
    the kernel of the ring map S -> ring F sending the variables to F
Description
  Text
    This is the elimination route, exact and slow: it is the baseline
    against which the sliced routes are measured.
  Example
    R = QQ[a,b,c,d]; S = QQ[x_0..x_3];
    implicitIdeal({a*c, a*d, b*c, b*d}, S)
///

doc ///
Key
  implicitIdealSliced
  (implicitIdealSliced, List, List, Ring)
  (implicitIdealSliced, List, List, List, Ring)
  [implicitIdealSliced, Seed]
Headline
  the implicit ideal of a polynomial map, eliminated on a coordinate slice and proved
Usage
  implicitIdealSliced(F, kept, S)
  implicitIdealSliced(F, kept, values, S)
Inputs
  F:List
    of polynomials in the parameter ring
  kept:List
    indices of parameters whose Jacobian columns are independent at a
    generic point and span the image of the Jacobian; the others are fixed
    at small random nonzero integers
  values:List
    the values of the fixed parameters (those outside kept, in increasing
    order), when the caller has drawn the slice
  S:Ring
    the coordinate ring of the function space
  Seed => ZZ
    seed of the random values of the fixed parameters (not with values)
Outputs
  :List
    {gens, proved}: generators of the kernel of S -> (slice ring), and
    whether each of them vanishes on the full map F, which proves that they
    generate the ideal of the closure of the image of F
Description
  Text
    The closure of the image of the slice is contained in that of F, and
    equal to it when the dimensions agree; the substitution test decides
    equality exactly, whatever the draw.
  Example
    R = QQ[a,b,c,d]; S = QQ[x_0..x_3];
    implicitIdealSliced({a*c, a*d, b*c, b*d}, {0,1,2}, S, Seed => 1)
  Text
    The slice can be given instead: here d = 5.
  Example
    implicitIdealSliced({a*c, a*d, b*c, b*d}, {0,1,2}, {5}, S)
///

doc ///
Key
  sliceDegree
  (sliceDegree, List, List)
  [sliceDegree, Seed]
  [sliceDegree, Strategy]
  Seed
Headline
  degree of the image of a polynomial map by random linear sections
Usage
  sliceDegree(F, kept)
Inputs
  F:List
    the coordinate functions of the map
  kept:List
    indices of d = dim(image) parameters whose Jacobian columns are
    independent at a generic point; the others are fixed at random values
  Seed => ZZ
    seed of the random generator, for reproducible runs
  Strategy => String
    the engine counting the points: "Auto" (default: "Msolve" over a
    prime field when the msolve program works, else "F4"), "Msolve"
    (leading monomials of msolve's Groebner basis), "F4" (Macaulay2's F4)
    or "Buchberger"
Outputs
  :List
    {a, b, e}: the number a of points of the sliced map over a random linear
    section of the image, the number b of points of a generic fiber of
    the sliced map, and the engine e used; the degree of the image is a/b
Description
  Text
    The parameters outside kept are fixed at random values, which makes the
    map generically finite (a gauge fixing of its symmetries); the image is
    cut by d random affine hyperplanes. Over a finite field the answer is
    correct with high probability.
  Example
    R = ZZ/32003[a,b,c,d];
    sliceDegree({a*c, a*d, b*c, b*d}, {0,1,2}, Seed => 1)
///

doc ///
Key
  sliceEDDegree
  (sliceEDDegree, List, List)
  [sliceEDDegree, Seed]
  [sliceEDDegree, Data]
  [sliceEDDegree, Strategy]
  [sliceEDDegree, Engine]
  [sliceEDDegree, InnerProduct]
  Data
  Engine
  InnerProduct
Headline
  Euclidean distance degree of the image of a polynomial map by parametric critical equations
Usage
  sliceEDDegree(F, kept)
Inputs
  F:List
  kept:List
    as in @TO sliceDegree@
  Seed => ZZ
  Data => List
    the data point u; random when not given
  Strategy => String
    "Rabinowitsch" (default: one extra variable inverting the squarefree
    part of a cheap maximal minor of the sliced Jacobian, Groebner basis
    by F4), "Saturate" (saturation by it) or "Determinant"
    (saturation by det(Jac * random matrix), the old route, much slower)
  Engine => String
    the engine counting the points of the Rabinowitsch system, as the
    Strategy of @TO sliceDegree@ ("Auto", "Msolve", "F4", "Buchberger")
  InnerProduct =>
    null (default: the standard inner product, the distance sum (x_i -
    u_i)^2), "Generic" (a random symmetric matrix Q over the field: the
    count is then the ED degree for a generic inner product) or a
    symmetric n x n matrix Q; the distance is (x - u)^T Q (x - u)
Outputs
  :List
    {a, b, e}: the number a of critical points of the squared distance from u,
    on a random affine slice of the parameter space, after removing the
    points where the sliced Jacobian drops rank, the size b of a
    generic fiber of the sliced map, and the engine e used ("saturate" for
    the saturation strategies); the ED degree is a/b
Description
  Example
    R = ZZ/32003[a,b,c,d];
    sliceEDDegree({a*c, a*d, b*c, b*d}, {0,1,2}, Seed => 1)
///

doc ///
Key
  singularComponents
  (singularComponents, Ideal)
  [singularComponents, Strategy]
Headline
  the minimal primes of the singular locus of a prime ideal
Usage
  singularComponents I
Inputs
  I:Ideal
    a prime ideal
  Strategy => String
    "Minors" uses all minors of the Jacobian of size codim I,
    "FastMinors" first a selection of good minors found by FastMinors; they
    cut out a superset of the singular locus, which is accepted only when
    the Jacobian drops rank along each of its components (so the answer is
    exact either way), else all minors are used
Outputs
  :List
    one list of generators for each minimal prime of the singular locus
Description
  Example
    S = QQ[x_0..x_3];
    singularComponents ideal(x_0*x_3 - x_1*x_2)
///

doc ///
Key
  rankDropComponents
  (rankDropComponents, List, ZZ)
  [rankDropComponents, Strategy]
Headline
  the minimal primes of the locus where the Jacobian of a polynomial map drops rank
Usage
  rankDropComponents(F, d)
Inputs
  F:List
    the coordinate functions of a map mu, in one polynomial ring R over a field of characteristic 0
  d:ZZ
    the generic rank of the Jacobian of F
  Strategy => String
    null (default: the strategy chosen by minors), "Bareiss" or "Cofactor", passed to minors
Outputs
  :List
    one entry {gens P, dim P, e} for each minimal prime P of the ideal of
    d x d minors of the Jacobian of F, where e is the dimension of the
    closure of mu(V(P))
Description
  Text
    The d x d minors are computed here, not in Sage. The image dimension e
    is the rank, over the fraction field of R/P, of the differential of mu
    restricted to the tangent space of V(P): the rank of the Jacobian of P
    stacked on that of F, minus the rank of the Jacobian of P. It is exact
    in characteristic 0. The generic rank of the Jacobian (its rank over the
    fraction field of R) is computed first, and an error is raised unless it
    equals d.
  Example
    R = QQ[a_0,a_1,b_0,b_1];
    rankDropComponents({a_0*b_0, a_1*b_0, a_0*b_1, a_1*b_1}, 3)
///

TEST ///
-- W2 W1 with a one-dimensional bottleneck: rank drops where W1 = 0 or W2 = 0
R = QQ[a_0,a_1,b_0,b_1];
C = rankDropComponents({a_0*b_0, a_1*b_0, a_0*b_1, a_1*b_1}, 3);
assert(#C == 2)
assert(sort apply(C, c -> if ideal c#0 == ideal(a_0, a_1) then 1 else if ideal c#0 == ideal(b_0, b_1) then 2 else 0) == {1, 2})
assert(apply(C, c -> {c#1, c#2}) == {{2, 0}, {2, 0}})
-- the twisted cubic, t -> (t, t^2, t^3): no rank drop
S = QQ[t];
assert(rankDropComponents({t, t^2, t^3}, 1) == {})
-- (s, t) -> (s^2, s*t): rank drops on s = 0, mapped to the origin
T = QQ[s,u];
assert(rankDropComponents({s^2, s*u}, 2, Strategy => "Cofactor") == {{{s}, 1, 0}})
///

TEST ///
debug NeuroAlgebraicGeometry
R = QQ[x,y];
assert(sageExport {ideal(x), 2} == {{x}, 2})
assert(#minimalPrimeComponents ideal(x*y, x^2) == 1)
assert(minimalPrimeComponents ideal(1_R) == {})
///

TEST ///
-- FastMinors gives the same exact answer as all minors
S = QQ[x_0..x_8];
I = minors(2, genericMatrix(S, 3, 3));
assert(set apply(singularComponents(I, Strategy => "FastMinors"), ideal) === set apply(singularComponents I, ideal))
J = minors(3, genericMatrix(S, 3, 3));
assert(#singularComponents(J, Strategy => "FastMinors") == 1)
///

TEST ///
R = ZZ/32003[a,b,c,d];
F = {a*c, a*d, b*c, b*d};
L = sliceDegree(F, {0,1,2}, Seed => 7);
assert(L#0 // L#1 == 2)
E = sliceEDDegree(F, {0,1,2}, Seed => 7);
assert(E#0 // E#1 == 2)
///

TEST ///
-- 3x4 matrices of rank <= 2: the sliced kernel is the full kernel, proved
R = QQ[a_(0,0)..a_(1,3), b_(0,0)..b_(2,1)];
A = transpose genericMatrix(R, a_(0,0), 4, 2); B = transpose genericMatrix(R, b_(0,0), 2, 3);
F = flatten entries (B * A);
S = QQ[x_0..x_11];
L = implicitIdealSliced(F, toList(2..11), S, Seed => 2);
assert(L#1)
assert(ideal L#0 == implicitIdeal(F, S))
-- a slice that is too small: its kernel is larger, and the proof fails
assert(not last implicitIdealSliced(F, toList(0..8), S, Seed => 2))
-- a slice given by the values of its fixed parameters a_(0,0), a_(0,1),
-- b_(2,0), b_(2,1)
L = implicitIdealSliced(F, toList(2..11), {3, -7, 2, 5}, S);
assert(L#1 and ideal L#0 == implicitIdeal(F, S))
-- a special slice (the last row of B * A vanishes on it): the proof fails
assert(not last implicitIdealSliced(F, toList(2..11), {0, 0, 0, 0}, S))
assert(try (implicitIdealSliced(F, toList(2..11), {3}, S); false) else true)
///

TEST ///
debug NeuroAlgebraicGeometry
S = QQ[x_0..x_3];
R = QQ[a,b,c,d];
I = implicitIdeal({a*c, a*d, b*c, b*d}, S);
assert(I == ideal(x_0*x_3 - x_1*x_2))
assert(idealInvariants I == {3, 2})
assert(naiveEDDegree(I, Seed => 3) == 2)
assert(#singularComponents I == 1)
///

TEST ///
-- 3x3 matrices of rank <= 1 (Segre P2 x P2): degree 6, ED degree 3
R = ZZ/32003[a_1..a_3, b_1..b_3];
F = flatten table(3, 3, (i, j) -> a_(i+1) * b_(j+1));
L = sliceDegree(F, {0,1,2,3,4}, Seed => 11);
assert(L#0 // L#1 == 6)
-- every counting engine gives the same count on the same slice
assert(set apply({"Msolve", "F4", "Buchberger"}, e -> take(sliceDegree(F, {0,1,2,3,4}, Seed => 11, Strategy => e), 2)) === set {{6, 1}})
assert(set apply({"Msolve", "F4"}, e -> take(sliceEDDegree(F, {0,1,2,3,4}, Seed => 11, Engine => e), 2)) === set {{3, 1}})
E = sliceEDDegree(F, {0,1,2,3,4}, Seed => 11);
assert(E#0 // E#1 == 3)
///

TEST ///
debug NeuroAlgebraicGeometry
-- 4x5 matrices of rank <= 2 (LinearNetwork [5,2,4]): ED degree binomial(4,2) = 6
R = ZZ/32003[a_(0,0)..a_(1,4), b_(0,0)..b_(3,1)];
A = transpose genericMatrix(R, a_(0,0), 5, 2); B = transpose genericMatrix(R, b_(0,0), 2, 4);
F = flatten entries (B * A);
kept = toList(0..13);
for s in {"Rabinowitsch", "Saturate"} do (
    E = sliceEDDegree(F, kept, Seed => 5, Strategy => s);
    assert(E#0 // E#1 == 6))
R2 = ZZ/32003[x,y];
m = goodMaximalMinor matrix {{x, 1}, {y, 0}};
assert(m == y or m == -y)
-- the minor -x^2 y^3 comes back squarefree
m = goodMaximalMinor matrix {{x, 1}, {x^2*y^3, 0}};
assert(m == x*y or m == -x*y)
///

TEST ///
debug NeuroAlgebraicGeometry
-- critical ideal of the distance on 2x2 rank-1 matrices (Eckart-Young): 2 points
R = QQ[a,b,c,d];
L = sliceCriticalIdeal({a*c, a*d, b*c, b*d}, {0,1,2}, Seed => 3, Data => {3, 1, 2, 5});
assert(degree ideal L#1 == 2 * L#2)
assert(#(L#4) == 3 and last L#4 == 1)
-- diagonal data: of the critical points diag(1,0), diag(0,2) only the second
-- has a preimage on the slice d = const (Sage adds a general affine slice)
L = sliceCriticalIdeal({a*c, a*d, b*c, b*d}, {0,1,2}, Seed => 3, Data => {1, 0, 0, 2});
assert(degree ideal L#1 == L#2)
-- on a general affine slice (a,b,c,d) = p + A t both are found
T = QQ[t_1..t_3];
phi = map(T, R, {1 + t_1 - t_3, 2 + t_2 + 3*t_1, -1 + t_3 - 2*t_2, 3 + t_1 + t_2 + t_3});
L = sliceCriticalIdeal(apply({a*c, a*d, b*c, b*d}, f -> phi f), {0,1,2}, Seed => 3, Data => {1, 0, 0, 2});
assert(#(L#4) == 3)
///

-- === ED discriminant (landscape): documentation and tests ===

doc ///
Key
  edDiscriminant
  (edDiscriminant, Ideal, List)
Headline
  the data where the number of distinct critical points of the squared distance drops
Usage
  edDiscriminant(I, U)
Inputs
  I:Ideal
    the prime ideal of a variety X in R = kk[x_1..x_n]
  U:List
    n polynomials in a ring D: the data u as functions of the parameters of D
    (the data variables themselves, or a line or plane of data)
Outputs
  :List
    three lists of generators of ideals of D: the data where two critical
    points collide, where one escapes to infinity, and where one falls into
    the singular locus of X
Description
  Text
    The ED correspondence E is the critical ideal of the squared distance
    from U on X, saturated by the singular locus. Collisions: the Jacobian in
    x of the generators of E drops below rank n (the fiber is not reduced).
    Escapes: a Groebner basis of E homogenized in x by a new variable z
    meets z = 0. Falls: E plus the singular locus of X. In each case x is
    eliminated.
  Example
    R = QQ[a,b,c]; D = QQ[p,q];
    edDiscriminant(ideal(b^2 - 4*a*c), {p, 1_D, q})
///

TEST ///
debug NeuroAlgebraicGeometry
-- Kohn's cone of squares w (a x + b y)^2 on the plane of data (p, 1, q):
-- 4 critical points, a sextic curve of collisions with a cusp at (2, 2)
R = QQ[a,b,c]; D = QQ[p,q];
L = edDiscriminant(ideal(b^2 - 4*a*c), {p, 1_D, q});
f = gcd L#0;
assert(first degree f == 6)
assert(sub(f, {p => 2, q => 2}) == 0 and sub(f, {p => 10, q => 9}) != 0)
assert(L#1 == {1_D})
e = edEliminant(ideal(b^2 - 4*a*c), {p, 1_D, q}, {1, 2, 3});
assert(#e == 5 and last e != 0 and degree last e == {0})
///

-- === singularities vs subnetworks (documentation and tests) ===

TEST ///
debug NeuroAlgebraicGeometry
R = QQ[a,b,c,d];
T = idealContainments({ideal(a,b,c,d)}, {ideal(a,b,c,d), ideal(b,d)});
assert(T == {{true, false}})
assert(idealContainments({ideal(b,d)}, {ideal(a,b,c,d)}) == {{true}})
assert(idealContainments({ideal(a*d - b*c)}, {ideal(b, d), ideal(a - 1)}) == {{true, false}})
///

TEST ///
debug NeuroAlgebraicGeometry
R = QQ[x,y];
L = primaryComponents ideal(x^2, x*y);
assert(#L == 2)
assert(#select(L, l -> l#2) == 1)
assert(primaryComponents ideal(1_R) == {})
assert(#primaryComponents ideal(x*y) == 2)
///

TEST ///
debug NeuroAlgebraicGeometry
R = QQ[x,y,z];
L = singularComponentsModular(ideal(x*z - y^2), 32003);
assert(#L == 1 and #(L#0) == 3)
assert(singularComponentsModular(ideal(x - y^2), 32003) == {})
///

doc ///
Key
  pivotParameters
  (pivotParameters, RingMap)
  [pivotParameters, Seed]
  [pivotParameters, Prime]
  Prime
Headline
  parameters whose Jacobian columns span the image of the differential of a network
Usage
  pivotParameters mu
Inputs
  mu:RingMap
    the parametrization S -> R of a network: S the coordinate ring of the
    function space, R the parameter ring
  Seed => ZZ
  Prime => ZZ
    the prime p of the computation (default 32003)
Outputs
  :List
    indices of parameters (variables of R) whose partial derivatives of
    the coordinate functions are independent at a random point over ZZ/p
    and span all the others there
Description
  Text
    Fixing the other parameters at random values is the coordinate slice
    of mu on which @TO imageDegree@ and @TO imageEDDegree@ count: a gauge
    fixing of the symmetries of the network by random constants. The
    answer is right unless the random point lies on the rank-drop locus of
    the Jacobian (probability at most (degree of a maximal minor)/p).
  Example
    R = QQ[w_1, w_2, v_1, v_2]; S = QQ[c_0..c_3];
    mu = map(R, S, {w_1*v_1, w_2*v_1, w_1*v_2, w_2*v_2});
    pivotParameters(mu, Seed => 1)
///

doc ///
Key
  imageDimension
  (imageDimension, RingMap)
  [imageDimension, Seed]
  [imageDimension, Prime]
Headline
  the dimension of a neuromanifold, by the rank of the Jacobian at a random point mod p
Usage
  imageDimension mu
Inputs
  mu:RingMap
    the parametrization of a network, as in @TO pivotParameters@
Outputs
  :ZZ
    the dimension of the closure of the image (the affine cone, for
    homogeneous networks)
Description
  Text
    A two-layer linear network with a bottleneck of width 1 has the 2 x 2
    matrices of rank at most 1 as its image, of dimension 3; a map with a
    redundant parameter is defective.
  Example
    R = QQ[w_1, w_2, v_1, v_2]; S = QQ[c_0..c_3];
    imageDimension map(R, S, {w_1*v_1, w_2*v_1, w_1*v_2, w_2*v_2})
    T = QQ[a, b]; U = QQ[y_0, y_1];
    imageDimension map(T, U, {a*b, 2*a*b})
///

doc ///
Key
  imageDegree
  (imageDegree, RingMap)
  [imageDegree, Seed]
  [imageDegree, Prime]
  [imageDegree, Strategy]
Headline
  the degree of a neuromanifold, by random linear sections of a coordinate slice mod p
Usage
  imageDegree mu
Inputs
  mu:RingMap
    the parametrization of a network, as in @TO pivotParameters@
  Strategy => String
    the engine counting the points, as in @TO sliceDegree@
Outputs
  :ZZ
    the degree of the closure of the image (for a cone, of the projective
    variety)
Description
  Text
    Two random linear sections of the image of the slice of
    @TO pivotParameters@ are counted with @TO sliceDegree@ and divided by
    the size of the generic fiber of the slice; the two quotients must
    agree, else an error names the non-generic draw. The network x -> W2 W1 x
    with widths 3, 1, 3 has the Segre variety of 3 x 3 matrices of rank 1,
    of degree 6, as its image.
  Example
    R = QQ[w_1..w_3, v_1..v_3]; S = QQ[c_0..c_8];
    mu = map(R, S, flatten table(3, 3, (i, j) -> v_(i+1) * w_(j+1)));
    imageDegree(mu, Seed => 2)
///

doc ///
Key
  imageEDDegree
  (imageEDDegree, RingMap)
  [imageEDDegree, Seed]
  [imageEDDegree, Prime]
  [imageEDDegree, Engine]
  [imageEDDegree, InnerProduct]
Headline
  the Euclidean distance degree of a neuromanifold, by parametric critical equations mod p
Usage
  imageEDDegree mu
Inputs
  mu:RingMap
    the parametrization of a network, as in @TO pivotParameters@
  Engine => String
    the engine counting the points, as in @TO sliceEDDegree@
  InnerProduct =>
    null (the standard inner product), "Generic" or a symmetric matrix, as in @TO sliceEDDegree@
Outputs
  :ZZ
    the number of complex critical points of the squared distance
    sum (x_i - u_i)^2 from generic data u on the smooth part of the closure
    of the image, in the coordinates of the source ring of mu
Description
  Text
    By the Eckart-Young theorem the 3 x 3 matrices of rank at most 1 have ED
    degree 3 (Draisma-Horobet-Ottaviani-Sturmfels-Thomas, arXiv 1309.0049,
    Example 2.3); the affine cone over the twisted cubic, in the monomial
    coordinates, has ED degree 7 (ibid., the rational normal curve of
    degree d has 3d - 2).
  Example
    R = QQ[w_1..w_3, v_1..v_3]; S = QQ[c_0..c_8];
    imageEDDegree(map(R, S, flatten table(3, 3, (i, j) -> v_(i+1) * w_(j+1))), Seed => 2)
    T = QQ[s, t]; U = QQ[y_0..y_3];
    imageEDDegree(map(T, U, {s^3, s^2*t, s*t^2, t^3}), Seed => 2)
  Text
    For a generic inner product the 3 x 3 matrices of rank 1 have 39
    critical points (the sum of the polar degrees of the Segre variety P2 x
    P2, ibid., Theorem 5.4): Eckart-Young's 3 is special to the standard
    inner product.
  Example
    imageEDDegree(map(R, S, flatten table(3, 3, (i, j) -> v_(i+1) * w_(j+1))), Seed => 2, InnerProduct => "Generic")
///

doc ///
Key
  imageIdeal
  (imageIdeal, RingMap)
  [imageIdeal, Seed]
Headline
  the ideal of the Zariski closure of a neuromanifold, eliminated on a slice and proved
Usage
  imageIdeal mu
Inputs
  mu:RingMap
    the parametrization of a network, as in @TO pivotParameters@
Outputs
  :Ideal
    the kernel of mu
Description
  Text
    The kernel is eliminated on the coordinate slice of
    @TO pivotParameters@ with @TO implicitIdealSliced@, and its
    generators are substituted into mu: when they all vanish the sliced
    kernel is the kernel, whatever the draw; otherwise the kernel of mu
    itself is computed.
  Example
    R = QQ[w_1, w_2, v_1, v_2]; S = QQ[c_0..c_3];
    imageIdeal map(R, S, {w_1*v_1, w_2*v_1, w_1*v_2, w_2*v_2})
///

TEST ///
-- 3 x 3 matrices of rank <= 1 from a linear network [3,1,3]: dimension 5,
-- degree 6 (Segre P2 x P2), ED degree 3 (Eckart-Young)
R = QQ[w_1..w_3, v_1..v_3]; S = QQ[c_0..c_8];
mu = map(R, S, flatten table(3, 3, (i, j) -> v_(i+1) * w_(j+1)));
assert(imageDimension(mu, Seed => 1) == 5)
assert(#pivotParameters(mu, Seed => 1) == 5)
assert(imageDegree(mu, Seed => 1) == 6)
assert(imageEDDegree(mu, Seed => 1) == 3)
assert(imageIdeal(mu, Seed => 1) == minors(2, genericMatrix(S, 3, 3)))
///

TEST ///
-- the documented examples: the cone over the twisted cubic (degree 3, ED
-- degree 3d - 2 = 7), a defective map, 2 x 2 matrices of rank 1
T = QQ[s, t]; U = QQ[y_0..y_3];
cub = map(T, U, {s^3, s^2*t, s*t^2, t^3});
assert(imageDimension cub == 2)
assert(imageDegree(cub, Seed => 2) == 3)
assert(imageEDDegree(cub, Seed => 2) == 7)
A = QQ[a, b]; B = QQ[x_0, x_1];
assert(imageDimension map(A, B, {a*b, 2*a*b}) == 1)
assert(imageIdeal map(A, B, {a*b, 2*a*b}) == ideal(2*x_0 - x_1))
R = QQ[w_1, w_2, v_1, v_2]; S = QQ[c_0..c_3];
mu = map(R, S, {w_1*v_1, w_2*v_1, w_1*v_2, w_2*v_2});
assert(imageIdeal mu == ideal(c_0*c_3 - c_1*c_2))
assert(pivotParameters(mu, Seed => 1) == {0, 1, 2})
-- counts over another prime, and a map over a prime field
assert(imageDegree(cub, Prime => 101, Seed => 3) == 3)
V = ZZ/32003[s, t]; W = ZZ/32003[y_0..y_3];
assert(imageDegree(map(V, W, {s^3, s^2*t, s*t^2, t^3}), Seed => 4) == 3)
///

TEST ///
-- bad input gets a clear error
R = QQ[a]; S = QQ[];
assert(try (imageDegree map(R, S, {}); false) else true)
///

TEST ///
-- the ED degree for a generic inner product: 39 for the 3 x 3 matrices of
-- rank 1 (the sum of the polar degrees of P2 x P2; the same for its dual,
-- the matrices of rank <= 2), 3d - 2 = 7 for the twisted cubic, against
-- Eckart-Young's 3 for the standard inner product (a "no": the standard
-- inner product is special)
R = QQ[w_1..w_3, v_1..v_3]; S = QQ[c_0..c_8];
mu = map(R, S, flatten table(3, 3, (i, j) -> v_(i+1) * w_(j+1)));
assert(imageEDDegree(mu, Seed => 1, InnerProduct => "Generic") == 39)
assert(imageEDDegree(mu, Seed => 1) == 3)
T = QQ[s, t]; U = QQ[y_0..y_3];
assert(imageEDDegree(map(T, U, {s^3, s^2*t, s*t^2, t^3}), Seed => 1, InnerProduct => "Generic") == 7)
-- an explicit symmetric matrix: the identity gives the standard count
assert(imageEDDegree(mu, Seed => 1, InnerProduct => id_(QQ^9)) == 3)
assert(try (imageEDDegree(mu, InnerProduct => id_(QQ^2)); false) else true)
///

doc ///
Key
  isotropicTangency
  (isotropicTangency, List, List)
Headline
  where the image of a product of projective spaces touches the isotropic quadric
Usage
  isotropicTangency(F, blocks)
Inputs
  F:List
    the coordinate functions of a map mu, multihomogeneous in blocks of variables
  blocks:List
    lists of indices of the variables of the ring of F, one per block, partitioning them
Outputs
  :List
    the strata of the product of the projective spaces of the blocks (for each
    block the position of its first nonzero coordinate, set to 1) on which
    J^T F = 0 has a solution over the algebraic closure of the coefficient
    field; empty when there is none
Description
  Text
    Let X be the image of the product of projective spaces under mu. The
    zeros of J^T F, the gradient of F . F up to a factor 2, are the points
    where X meets the isotropic quadric of the standard inner product
    without being transversal to it; a base point of mu is one of them. When
    there is none, the conormal variety of X misses the diagonal, so the ED
    degree of X for the standard inner product is the sum of its polar
    degrees, its ED degree for a generic inner product (Draisma, Horobet,
    Ottaviani, Sturmfels, Thomas, "The Euclidean distance degree of an
    algebraic variety", Theorem 5.4).

    The polynomial CNN with filters (a, b) and (c, d) and activation t^2
    computes c (a x_0 + b x_1)^2 + d (a x_1 + b x_2)^2: its neuromanifold is
    transversal, and its ED degree is the generic one, 14. With stride 2 it
    computes c (a x_0 + b x_1)^2 + d (a x_2 + b x_3)^2 and is not: its ED
    degree is 6.
  Example
    R = QQ[a, b, c, d];
    isotropicTangency({a^2*c, 2*a*b*c, b^2*c + a^2*d, 2*a*b*d, b^2*d}, {{0, 1}, {2, 3}})
    isotropicTangency({a^2*c, 2*a*b*c, b^2*c, a^2*d, 2*a*b*d, b^2*d}, {{0, 1}, {2, 3}})
///

TEST ///
-- CNN (2, 2) with t^2: transversal; with stride 2 (the factor c^2 + d^2
-- of F . F) and the map with a base point: not
R = QQ[a, b, c, d];
assert(isotropicTangency({a^2*c, 2*a*b*c, b^2*c + a^2*d, 2*a*b*d, b^2*d}, {{0, 1}, {2, 3}}) == {})
assert(isotropicTangency({a^2*c, 2*a*b*c, b^2*c, a^2*d, 2*a*b*d, b^2*d}, {{0, 1}, {2, 3}}) != {})
assert(isotropicTangency({a*c, b*c}, {{0, 1}, {2, 3}}) != {})
-- the 2 x 2 matrices of rank 1 (ED degree 2 by Eckart-Young, 6 for a
-- generic inner product) are not transversal either; blocks that do not
-- partition the variables are refused
assert(isotropicTangency({a*c, a*d, b*c, b*d}, {{0, 1}, {2, 3}}) != {})
assert(try (isotropicTangency({a*c}, {{0, 1}, {2}}); false) else true)
///

TEST ///
-- check runs the TEST sections only: this one makes every documented
-- example part of it (each must run without an error)
pkg = needsPackage("NeuroAlgebraicGeometry", LoadDocumentation => true);
ex = pkg#"example inputs";
assert(#keys ex >= 10)
scan(keys ex, k -> scan(ex#k, code -> value code))
///
