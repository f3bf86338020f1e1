"""Settings come from the environment; a production configuration passes check --deploy."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from alongside.lib.env import env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[2]


def run_alongside(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m alongside ...` in a clean environment with only these variables set."""
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "SYSTEMROOT")}
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "alongside", *args],
        cwd=ROOT,
        env={**keep, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_passes_check_deploy_with_a_production_configuration(tmp_path):
    key = secrets.token_urlsafe(45)
    assert len(key) == 60
    result = run_alongside(
        "manage",
        "check",
        "--deploy",
        DEBUG="false",
        SECRET_KEY=key,
        ALLOWED_HOSTS="example.org",
        DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr
    # A production configuration never writes a generated key into the data folder.
    assert not (tmp_path / "secret_key").exists()


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off(tmp_path):
    result = run_alongside(
        "manage", "check", DEBUG="false", ALLOWED_HOSTS="example.org", DATA_DIR=str(tmp_path)
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_it_refuses_a_bad_boolean_in_the_environment_by_name(tmp_path):
    result = run_alongside("manage", "check", DEBUG="maybe", DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_it_generates_and_keeps_a_key_for_development(tmp_path):
    for _ in range(2):
        result = run_alongside("manage", "check", DEBUG="true", DATA_DIR=str(tmp_path))
        assert result.returncode == 0, result.stderr
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


# --- The typed readers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        (" Yes ", True),
        ("ON", True),
        ("0", False),
        ("no", False),
        ("off", False),
        ("FALSE", False),
        ("", False),
    ],
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("ALONGSIDE_TEST_FLAG", raw)
    assert env_bool("ALONGSIDE_TEST_FLAG", not expected) is expected


@pytest.mark.parametrize("raw", ["maybe", "2", "truee", "y e s"])
def test_env_bool_fails_loudly_on_anything_else(monkeypatch, raw):
    monkeypatch.setenv("ALONGSIDE_TEST_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="ALONGSIDE_TEST_FLAG must be true or false"):
        env_bool("ALONGSIDE_TEST_FLAG", True)


def test_env_readers_use_the_default_when_the_variable_is_unset(monkeypatch):
    monkeypatch.delenv("ALONGSIDE_TEST_VALUE", raising=False)
    assert env_bool("ALONGSIDE_TEST_VALUE", True) is True
    assert env_int("ALONGSIDE_TEST_VALUE", 7) == 7
    assert env_str("ALONGSIDE_TEST_VALUE", "x") == "x"
    assert env_list("ALONGSIDE_TEST_VALUE", ["a"]) == ["a"]


def test_env_int_reads_a_whole_number_and_treats_blank_as_unset(monkeypatch):
    monkeypatch.setenv("ALONGSIDE_TEST_NUMBER", " 42 ")
    assert env_int("ALONGSIDE_TEST_NUMBER", 1) == 42
    monkeypatch.setenv("ALONGSIDE_TEST_NUMBER", "  ")
    assert env_int("ALONGSIDE_TEST_NUMBER", 5) == 5


@pytest.mark.parametrize("raw", ["ten", "4.5", "1e3", "0x10"])
def test_env_int_fails_loudly_on_something_that_is_not_a_whole_number(monkeypatch, raw):
    monkeypatch.setenv("ALONGSIDE_TEST_NUMBER", raw)
    with pytest.raises(ImproperlyConfigured, match="ALONGSIDE_TEST_NUMBER must be a whole number"):
        env_int("ALONGSIDE_TEST_NUMBER", 1)


def test_env_int_fails_loudly_below_the_minimum(monkeypatch):
    monkeypatch.setenv("ALONGSIDE_TEST_NUMBER", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1, not 0"):
        env_int("ALONGSIDE_TEST_NUMBER", 5, minimum=1)
    monkeypatch.setenv("ALONGSIDE_TEST_NUMBER", "1")
    assert env_int("ALONGSIDE_TEST_NUMBER", 5, minimum=1) == 1


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("ALONGSIDE_TEST_LIST", " example.org, ,www.example.org ,")
    assert env_list("ALONGSIDE_TEST_LIST", []) == ["example.org", "www.example.org"]
    monkeypatch.setenv("ALONGSIDE_TEST_LIST", "")
    assert env_list("ALONGSIDE_TEST_LIST", ["default"]) == []
