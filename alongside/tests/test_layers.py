"""The import contract in pyproject.toml (run by `make lint`) holds, and it would catch an
import that runs up a layer: each test plants one in a copy of the package and runs the
same `lint-imports` over the copy."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from alongside.mentorships.models import Status
from alongside.people import selectors as people_selectors

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache", "--no-logo"],
        cwd=package_parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """The Python files of the package, copied: a planted import never touches the tree."""
    shutil.copytree(
        ROOT / "alongside",
        tmp_path / "alongside",
        ignore=shutil.ignore_patterns("templates", "static", "__pycache__", "*.html"),
    )
    return tmp_path


def plant(package_parent: Path, module: str, line: str) -> None:
    path = package_parent / (module.replace(".", "/") + ".py")
    path.write_text(path.read_text() + f"\n{line}\n")


def test_the_package_keeps_its_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_lib_importing_an_app_breaks_the_contract(package_copy):
    plant(package_copy, "alongside.lib.env", "import alongside.people.models")
    result = lint_imports(package_copy)
    assert result.returncode != 0
    assert "alongside.lib is not allowed to import alongside.people" in result.stdout


def test_goals_importing_meetings_breaks_the_contract(package_copy):
    plant(package_copy, "alongside.goals.selectors", "import alongside.meetings.models")
    result = lint_imports(package_copy)
    assert result.returncode != 0
    assert "alongside.goals is not allowed to import alongside.meetings" in result.stdout


def test_the_pair_core_importing_the_home_page_breaks_the_contract(package_copy):
    plant(package_copy, "alongside.mentorships.services", "import alongside.home.views")
    result = lint_imports(package_copy)
    assert result.returncode != 0
    assert "alongside.mentorships is not allowed to import alongside.home" in result.stdout


def test_the_people_search_counts_active_pairs_by_the_pair_cores_own_word():
    # people sits below mentorships, so it names the status instead of importing it.
    assert people_selectors.ACTIVE == Status.ACTIVE
