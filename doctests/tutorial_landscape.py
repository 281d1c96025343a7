r"""
Tutorial: the loss landscape of a tiny polynomial network
=========================================================

Kohn's landscape example: ``PolynomialMLP([2, 1, 1])`` with activation
``x^2`` computes ``w (a x0 + b x1)^2``; its function space is the space of
binary quadratics, coordinates ``(w a^2, 2 w a b, w b^2)``, and its
neuromanifold the quadric cone ``c1^2 = 4 c0 c2``::

    sage: from sage_neuro import PolynomialMLP
    sage: net = PolynomialMLP([2, 1, 1])
    sage: M = net.neuromanifold()
    sage: M.ideal()
    Ideal (c0_1^2 - 4*c0_0*c0_2) of Multivariate Polynomial Ring in c0_0, c0_1, c0_2 over Rational Field

Critical points of the squared distance to a target
---------------------------------------------------

For a general target ``u`` the loss ``||mu(theta) - u||^2`` has 4 complex
critical points in function space (the ED degree); 4 or 2 of them are
real::

    sage: M.ed_degree()
    4
    sage: C = net.loss_critical_points([10, 1, 9]); C.real_count, C.type_counts()
    (4, {'local min': 2, 'saddle': 2})
    sage: net.loss_critical_points([3, 1, 2]).real_count
    2

For special data two critical points collide and the count drops::

    sage: M.ed_degree(data=[2, 1, 2])
    2

The ED discriminant
-------------------

On the plane of data ``u = (s, 1, t)`` the data where critical points
collide form a sextic curve; where one of them falls into the vertex of the
cone, a hyperbola::

    sage: D = M.ed_discriminant(base=[0, 1, 0], directions=[[1, 0, 0], [0, 0, 1]])
    sage: D.parts['collision'].degree(), D.parts['singular'], D.parts['infinity']
    (6, s*t - 1, 1)
    sage: D.sign([2, 2]), D.parts['collision'](10, 9).sign() != D.parts['collision'](3, 2).sign()
    (0, True)

The real count can only change across the discriminant. Along the line
``t = 9`` it changes once, at the root of the discriminant::

    sage: L = net.critical_point_census([0, 1, 9], [[1, 0, 0]], [(0, 12)], steps=13, checks=1)
    sage: [(a, b, r, s, [round(x, 3) for x in z]) for a, b, r, s, z in L.changes()]
    [(6, 7, 2, 4, [6.604])]

``critical_point_census`` over a plane and its ``plot`` give Kohn's
picture (``sage-neuro atlas`` puts it into its report as ``census.png``).

Spurious critical points
------------------------

In parameter space the loss has more critical points: where the Jacobian
of ``mu`` drops rank (``a = b = 0``, or ``w = 0`` with ``(a, b)`` isotropic
for ``u``), whatever the data. They map to the vertex, the singular point
of the cone::

    sage: C = net.loss_critical_points([10, 1, 9], spurious=True)
    sage: [(c.dimension, c.maps_to_singular) for c in C.parameter_locus.spurious]
    [(1, True), (1, True)]
    sage: [P.parameter_type for P in C.points]
    ['local min', 'local min', 'saddle', 'saddle']

The squared error on samples
----------------------------

With samples ``x_j`` and outputs ``y_j`` the loss
``sum_j (f(x_j) - y_j)^2`` is a distance in another metric; it is the ED
problem of the image of ``M`` in sample space::

    sage: X, Y = [[1, 0], [0, 1], [1, 1]], [10, 9, 20]
    sage: net.loss_critical_points((X, Y), loss='mse').complex_count
    2

Gradient flow
-------------

Gradient flow conserves the balance of the hidden neuron, found by linear
algebra (the Noether charge of the rescaling ``a -> l a, w -> w / l^2``)::

    sage: net.gradient_flow_invariants(degree=2).polynomials()
    [w1_0_0^2 + w1_0_1^2 - 2*w2_0_0^2]

and gradient descent from random starts shows how often training ends on a
subnetwork (``training_experiment``; seeded, with Wilson intervals)::

    sage: E = PolynomialMLP([2, 2, 1]).training_experiment(trials=20, steps=500, seed=0, progress=False)
    sage: E.provenance.method, 0 <= E.fraction_singular() <= 1
    ('numerical', True)
"""
