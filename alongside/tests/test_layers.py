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


@pytest.mark.parametrize(
    ("module", "line", "refusal"),
    [
        pytest.param(
            "alongside.lib.env",
            "import alongside.people.models",
            "alongside.lib is not allowed to import alongside.people",
            id="lib importing an app",
        ),
        pytest.param(
            "alongside.goals.selectors",
            "import alongside.meetings.models",
            "alongside.goals is not allowed to import alongside.meetings",
            id="goals importing meetings",
        ),
        pytest.param(
            "alongside.mentorships.services",
            "import alongside.home.views",
            "alongside.mentorships is not allowed to import alongside.home",
            id="the pair core importing the home page",
        ),
    ],
)
def test_an_import_up_a_layer_breaks_the_contract(package_copy, module, line, refusal):
    plant(package_copy, module, line)
    result = lint_imports(package_copy)
    assert result.returncode != 0
    assert refusal in result.stdout


def test_the_people_search_counts_active_pairs_by_the_pair_cores_own_word():
    # people sits below mentorships, so it names the status instead of importing it.
    assert people_selectors.ACTIVE == Status.ACTIVE
