"""A fresh, migrated database for one benchmark script.

    parser.add_argument("--database-url", default=default_url("sweep"))
    fresh_database(args.database_url)   # then import Django models

On SQLite the file is deleted first; on PostgreSQL every table is emptied. Django is
set up on that database, so the script imports the project's modules after the call.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def default_url(name: str) -> str:
    return f"sqlite:///{ROOT / 'var' / 'bench' / f'{name}.sqlite3'}"


def fresh_database(url: str) -> None:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        call_command("flush", "--noinput", verbosity=0)
    call_command("migrate", "--noinput", verbosity=0)
