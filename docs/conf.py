"""Sphinx configuration for vinhphuc_dx.

The build must pass offline, with warnings as errors and nitpicky references
(``sphinx-build -W -n``): the build machines reach package registries only.
So intersphinx, which downloads other projects' inventories, is switched on
only where the network is known to be there (Read the Docs sets
``READTHEDOCS``; anyone can set ``VINHPHUC_DX_DOCS_ONLINE=1``). Offline, the
references it would resolve (Python's, attrs', pandas') are listed in
``nitpick_ignore_regex`` instead, so they neither fail nor warn.

The data reference tables and the charts are generated from the bundled
report at build time by ``_ext/vinhphuc_data.py``: nothing is typed by hand.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

import vinhphuc_dx

project = "vinhphuc_dx"
author = "The vinhphuc_dx developers"
copyright = "2026, the vinhphuc_dx developers"  # noqa: A001 - Sphinx's name
release = vinhphuc_dx.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "myst_parser",
    "sphinx_copybutton",
    "vinhphuc_data",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "_generated", "requirements.txt"]
language = "en"

html_theme = "furo"
html_title = f"vinhphuc_dx {release}"
html_static_path = ["_static"]
# Monospace fonts that draw Vietnamese, and the data tables' layout.
html_css_files = ["vinhphuc.css"]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_default_options = {"members": True, "undoc-members": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True

nitpicky = True
ONLINE = bool(
    os.environ.get("READTHEDOCS") or os.environ.get("VINHPHUC_DX_DOCS_ONLINE")
)
if ONLINE:
    intersphinx_mapping = {
        "python": ("https://docs.python.org/3", None),
        "attrs": ("https://www.attrs.org/en/stable/", None),
        "pandas": ("https://pandas.pydata.org/docs/", None),
    }
else:
    intersphinx_mapping = {}
# Offline, what intersphinx would link is left unlinked, on purpose.
nitpick_ignore_regex = (
    []
    if ONLINE
    else [
        (
            r"py:.*",
            r"(datetime|dt|decimal|enum|collections|typing|os|pathlib|io|csv|zoneinfo|sqlite3|json|urllib)(\..*)?",
        ),
        (r"py:class", r"Path"),
        (r"py:.*", r"(pd|pandas|np|numpy|attrs|attr|cattrs|pa|pyarrow|pl|polars)\..*"),
        (r"py:class", r"(int|str|bool|float|object|bytes|dict|list|tuple|type|set)"),
        (
            r"py:exc",
            r"(ValueError|TypeError|KeyError|ImportError|OSError|FileExistsError|FileNotFoundError|Exception)",
        ),
    ]
)
# Names of the generic machinery that autodoc shows but has no page of its own.
nitpick_ignore_regex += [
    (
        r"py:class",
        r"(T|D|TextIO|Column|Records\[.*\]|vinhphuc_dx\.query\.T|vinhphuc_dx\.query\.D)",
    ),
    (r"py:class", r"(Value|vinhphuc_dx\.model\.Value|Callable|Any|Hashable)"),
    (r"py:obj", r"vinhphuc_dx\.query\.(T|D)"),
    # A type that autodoc reads from an annotation imported for type checking.
    (r"py:class", r"Decimal"),
    # Docstrings may point at private helpers (a leading underscore), which
    # have no page: the reference is for readers of the source.
    (r"py:.*", r"vinhphuc_dx\._\w+\..*"),
    (r"py:func", r"bare"),
]

# The copy button leaves out what is not to be typed: the prompts of Python
# (">>> ", "... ") and of the shell ("$ "), and the output after them.
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True

# Every example on a page runs as pasted: no name is imported behind the
# reader's back (no doctest_global_setup), so each page shows its imports.
# The docstrings' examples, shown by autodoc, run in their modules under
# pytest (--doctest-modules); here only the pages' ``.. doctest::`` blocks run.
doctest_test_doctest_blocks = ""
myst_heading_anchors = 2
