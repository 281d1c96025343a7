# Sphinx configuration of the sage-neuro reference manual (`make docs`).
#
# The pages of the reference, of the tutorials and of the command line are
# generated at each build by generate.py (beside this file) from the
# docstrings, the tutorials in doctests/ and the argument parser, so that a
# new module or option cannot be forgotten.
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
sys.path.insert(0, HERE)

import generate  # noqa: E402
from sage_neuro.version import version as release  # noqa: E402

project = "sage-neuro"
author = "The sage-neuro developers"
copyright = "the sage-neuro developers; GPL-2.0-or-later"
version = release

extensions = ["sphinx.ext.autodoc", "sphinx.ext.mathjax", "sphinx.ext.viewcode"]

# Sage's docstring conventions: single backquotes are LaTeX (`\varepsilon`),
# INPUT/OUTPUT are bullet lists, EXAMPLES:: are literal blocks of sage: lines
default_role = "math"
autodoc_default_options = {"members": True, "show-inheritance": True,
                           # __all__ lists re-exported names, documented where defined
                           "ignore-module-all": True}
autodoc_member_order = "bysource"
autoclass_content = "both"
autodoc_typehints = "none"
# the blackboard-bold fields that Sage's documentation defines
mathjax3_config = {"tex": {"macros": {"RR": r"\mathbf{R}", "QQ": r"\mathbf{Q}",
                                      "ZZ": r"\mathbf{Z}", "CC": r"\mathbf{C}",
                                      "GF": r"\mathbf{F}"}}}

exclude_patterns = ["_build", "_generated"]
templates_path = []
html_theme = "alabaster"
html_title = "sage-neuro %s" % release
html_static_path = []
# the HTML documentation of the Macaulay2 package, built by `make docs`
# (installPackage) into _generated/m2html/m2, is copied next to the manual
html_extra_path = [p for p in [os.path.join(HERE, "_generated", "m2html")] if os.path.isdir(p)]
pygments_style = "sphinx"
# literal blocks are Sage sessions (``sage:`` prompts) or plain text
highlight_language = "sage"


def setup(app):
    app.add_lexer("sage", generate.SageConsoleLexer)
    app.connect("builder-inited", lambda app: generate.generate_all(HERE, ROOT))
