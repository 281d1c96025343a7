# The metadata is in pyproject.toml; only the layout of the packages is here,
# because the Macaulay2 package lives in m2/ (where Macaulay2 users find it)
# and is shipped inside the Python package as sage_neuro.m2files, so that an
# installed (non-editable) sage-neuro finds it.
from setuptools import setup, find_packages

setup(
    packages=find_packages(include=["sage_neuro", "sage_neuro.*"]) + ["sage_neuro.m2files"],
    package_dir={"sage_neuro.m2files": "m2"},
    package_data={"sage_neuro.m2files": ["*.m2", "**/*.m2"]},
)
