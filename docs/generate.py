r"""
Generate the pages of the reference manual that come from the code: one
page per public module (``reference/``), one chapter per tutorial of
``doctests/`` (``tutorials/``) with its pictures, and the ``--help`` texts
of the command line (``_generated/``). Called by ``conf.py`` at each build;
the generated folders are not kept in git.
"""
import ast
import os
import pkgutil

from pygments.lexer import Lexer
from pygments.lexers.python import PythonLexer
from pygments.token import Error, Generic, Text

#: chapters of the reference: (title, prefix of the module names)
SECTIONS = [
    ("Architectures", "sage_neuro.architectures"),
    ("The neuromanifold", "sage_neuro.neuromanifold"),
    ("Invariants", "sage_neuro.invariants"),
    ("Optimization and the loss landscape", "sage_neuro.optimization"),
    ("Surveys", "sage_neuro.survey"),
    ("Certainty, Macaulay2 and the command line", "sage_neuro"),
]

#: pictures appended to a tutorial: file name, caption, function computing it
PICTURES = {
    "tutorial_landscape": [
        ("census.png",
         "Real critical points of the ED loss of PolynomialMLP([2, 1, 1]) with x^2 for the "
         "data u = (s, 1, t): 4 complex critical points everywhere, 4 or 2 real ones; the "
         "real count changes only across the ED discriminant (dashed).",
         "census"),
    ],
}


#: modules whose page is their docstring alone: ``sage_neuro.all`` is the
#: namespace of the doctests (all of Sage), not an API of its own
DOCSTRING_ONLY = {"sage_neuro.all"}


class SageConsoleLexer(Lexer):
    r"""
    Pygments lexer of Sage sessions: lines after ``sage:`` and ``....:``
    prompts are Python (the Sage preparser's additions such as ``2^3`` or
    ``R.<x> = ...`` are shown as they are), other lines are output.
    """
    name = "Sage console session"
    aliases = ["sage"]

    def get_tokens_unprocessed(self, text):
        python = PythonLexer()
        pos = 0
        for line in text.splitlines(True):
            for prompt in ("sage: ", "....: "):
                if line.startswith(prompt):
                    yield pos, Generic.Prompt, prompt
                    for i, tok, val in python.get_tokens_unprocessed(line[len(prompt):]):
                        # Sage syntax is not Python syntax: never an error
                        yield pos + len(prompt) + i, (Text if tok is Error else tok), val
                    break
            else:
                yield pos, Generic.Output, line
            pos += len(line)


def public_modules(root):
    r"""
    Return the names of the public modules of ``sage_neuro`` (no part of the
    name starts with ``_``), packages included, sorted.
    """
    pkg = os.path.join(root, "sage_neuro")
    names = ["sage_neuro"]
    for info in pkgutil.walk_packages([pkg], prefix="sage_neuro."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.append(info.name)
    return sorted(names)


def _write_if_changed(path, text):
    # rewriting an unchanged page would make Sphinx read it again
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.exists(path) and open(path).read() == text:
        return
    with open(path, "w") as f:
        f.write(text)


def _title(text, char="="):
    return "%s\n%s\n" % (text, char * len(text))


def write_reference(here, root):
    names = public_modules(root)
    out = os.path.join(here, "reference")
    keep = set()
    for name in names:
        keep.add(name + ".rst")
        if name in DOCSTRING_ONLY:
            import importlib
            import inspect
            body = ".. module:: %s\n\n%s\n" % (name, inspect.cleandoc(importlib.import_module(name).__doc__ or ""))
        else:
            body = ".. automodule:: %s\n" % name
        _write_if_changed(os.path.join(out, name + ".rst"), _title(name.replace("_", r"\_")) + "\n" + body)
    index = [_title("Reference"),
             "One page per module, from the docstrings: every public class, method and "
             "function with its INPUT, OUTPUT and EXAMPLES (the examples are the doctests, "
             "run by ``sage -t``).\n"]
    done = set()
    for title, prefix in SECTIONS:
        mods = [n for n in names if n not in done and (n == prefix or n.startswith(prefix + "."))]
        if not mods:
            continue
        done.update(mods)
        index += ["", _title(title, "-"), ".. toctree::", "   :maxdepth: 1", ""]
        index += ["   %s" % n for n in mods]
    _write_if_changed(os.path.join(out, "index.rst"), "\n".join(index) + "\n")
    for f in os.listdir(out):  # pages of modules that are gone
        if f.endswith(".rst") and f != "index.rst" and f not in keep:
            os.remove(os.path.join(out, f))


def _census_picture(path):
    from sage_neuro.reports.atlas import landscape_census_plot
    landscape_census_plot(os.path.dirname(path), steps=25)


def write_tutorials(here, root):
    src = os.path.join(root, "doctests")
    out = os.path.join(here, "tutorials")
    os.makedirs(out, exist_ok=True)
    names = sorted(f[:-3] for f in os.listdir(src) if f.startswith("tutorial_") and f.endswith(".py"))
    for name in names:
        with open(os.path.join(src, name + ".py")) as f:
            doc = ast.get_docstring(ast.parse(f.read()), clean=True) or _title(name)
        text = doc + "\n"
        for filename, caption, how in PICTURES.get(name, []):
            path = os.path.join(out, filename)
            if not os.path.exists(path):
                {"census": _census_picture}[how](path)
            text += "\n.. figure:: %s\n   :width: 90%%\n\n   %s\n" % (filename, caption)
        text += ("\n*The examples of this chapter are doctests:* ``sage -t doctests/%s.py`` "
                 "*runs them.*\n" % name)
        _write_if_changed(os.path.join(out, name + ".rst"), text)
    index = [_title("Tutorials"),
             "Narrative chapters; every example in them is a doctest.\n",
             ".. toctree::", "   :maxdepth: 2", ""] + ["   %s" % n for n in names]
    _write_if_changed(os.path.join(out, "index.rst"), "\n".join(index) + "\n")


def write_cli_help(here, root):
    from sage_neuro.cli import help_texts
    texts = help_texts()
    out = os.path.join(here, "_generated")
    body = []
    for title, text in texts:
        body += [_title("``%s --help``" % title, "~"), "::", ""]
        body += ["    " + line if line else "" for line in text.splitlines()] + [""]
    _write_if_changed(os.path.join(out, "cli_help.rst"), "\n".join(body) + "\n")


def generate_all(here, root):
    r"""
    Write all generated pages below ``here`` (the ``docs`` folder) from the
    sources below ``root`` (the repository).
    """
    write_reference(here, root)
    write_tutorials(here, root)
    write_cli_help(here, root)
