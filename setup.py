"""Package discovery for gametheory_re (everything else is in setup.cfg).

setup.cfg's ``packages = find:`` cannot add ``gametheory_re.games``: the bundled
games live in the top-level ``games/`` folder (mapped by ``package_dir``), which
no finder rooted at the checkout reports as a subpackage.  So the packages are
found here: every folder under ``gametheory_re/`` (namespace-style, so a new
subpackage without ``__init__.py`` is not forgotten either), plus the games.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=find_namespace_packages(
        include=["gametheory_re", "gametheory_re.*"], exclude=["*.__pycache__"]
    )
    + ["gametheory_re.games"],
)
