"""Exit 0 when the PostgreSQL server named by the URL accepts a connection."""

import sys

import psycopg

try:
    psycopg.connect(sys.argv[1], connect_timeout=3).close()
except (psycopg.Error, IndexError) as exc:
    print(f"no database at {sys.argv[1:]}: {exc}", file=sys.stderr)
    sys.exit(1)
