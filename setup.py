from setuptools import setup, find_packages

PASSAGEMATH = "passagemath-{}>=10.8.13,<10.9"

setup(
    name="sage-neuro",
    version="0.1.0",
    description="Neuroalgebraic geometry in SageMath: invariants of neuromanifolds with Macaulay2",
    long_description=open("README.md").read(),
    long_description_content_type="text/markdown",
    license="GPL-2.0-or-later",
    python_requires=">=3.10",
    packages=find_packages(include=["sage_neuro", "sage_neuro.*"]) + ["sage_neuro.m2files"],
    # the Macaulay2 package is shipped inside the Python package, so that an
    # installed (non-editable) sage-neuro finds it
    package_dir={"sage_neuro.m2files": "m2"},
    package_data={"sage_neuro.m2files": ["*.m2"]},
    install_requires=["numpy", "pexpect", "matplotlib"],
    extras_require={
        # the smallest set of passagemath distributions that gives polynomial
        # rings and ideals (singular, flint), schemes, the Macaulay2 binary
        # with its packages, msolve, and the doctester (repl)
        "passagemath": [PASSAGEMATH.format(d) for d in
                        ("repl", "schemes", "singular", "flint", "macaulay2", "msolve")],
        # surveys on a Dask cluster and their plots
        "survey": ["dask[distributed]", "matplotlib"],
        "test": ["pytest>=7", "dask[distributed]", "matplotlib", "nbclient", "nbformat", "ipykernel"],
    },
    entry_points={"console_scripts": ["sage-neuro = sage_neuro.cli:main"]},
)
