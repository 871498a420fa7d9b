"""environment.yml describes the same environment as pyproject.toml."""
import re
import tomllib
from pathlib import Path

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
