"""environment.yml describes the same environment as pyproject.toml."""
import ast
import re
import sys
import tomllib
from pathlib import Path

from package_source import MODULES, import_statements

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement.strip(), maxsplit=1)[0].lower()


def _environment_names() -> set[str]:
    names = set()
    for line in (ROOT / "environment.yml").read_text().splitlines():
        m = re.match(r"""\s*-\s+["']?([A-Za-z0-9_.\-]+)""", line)
        if m and not line.strip().startswith("- -e"):
            names.add(_name(m.group(1)))
    return names


def test_environment_names_every_runtime_dependency():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    missing = {_name(d) for d in deps} - _environment_names()
    assert not missing, f"environment.yml lacks {sorted(missing)}: add them (conda-forge or the pip: list)"


def test_environment_installs_the_package_itself():
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"^\s*-\s+-e\s+\.\s*$", text, re.M), "environment.yml must pip-install the course with '-e .'"
    assert "conda-forge" in text


def test_environment_has_the_notebook_test_tools():
    assert {"nbval", "pytest", "python", "jupyterlab"} <= _environment_names()


# import name -> distribution name, where they differ
_DISTRIBUTION = {"PIL": "pillow", "IPython": "ipython"}


def _third_party_imports() -> dict[str, str]:
    """Each top-level module the package imports that is neither stdlib nor its own, with a
    file that imports it."""
    found = {}
    for path in MODULES.values():
        for node in import_statements(path):
            mods = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if node.level == 0 and node.module else []
            for mod in mods:
                root = mod.split(".")[0]
                if root not in sys.stdlib_module_names and root != "nnlessons":
                    found.setdefault(root, str(path.relative_to(ROOT)))
    return found


def test_every_module_the_package_imports_is_a_declared_dependency():
    """A module used directly (contourpy, IPython) is declared, not borrowed from matplotlib's
    own requirements, which may change."""
    deps = {_name(d) for d in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]}
    imports = _third_party_imports()
    assert "numpy" in imports  # the scan sees the package
    missing = {f"{_DISTRIBUTION.get(m, m).lower()} (imported in {where})" for m, where in imports.items()
               if _DISTRIBUTION.get(m, m).lower() not in deps}
    assert not missing, f"pyproject.toml's dependencies lack {sorted(missing)}"
