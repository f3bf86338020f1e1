"""Django's PostgreSQL backend, less two costs per request that buy nothing here.

The health check. With CONN_HEALTH_CHECKS on, Django checks a kept connection before the
first query of each request by sending `SELECT 1`: on a one-query API request (GET
/api/v1/me) half of the round trips to PostgreSQL were that check. But a server that
ends a connection (a restart, `pg_terminate_backend`, `idle_session_timeout`, a pooler
closing it) says so: it sends a FATAL error and closes the socket, and the socket turns
readable. So a kept connection that is idle (no transaction open) and whose socket has
nothing to read cannot have been ended by the server, and needs no `SELECT 1`; any other
connection gets Django's full check, which closes it if the server is gone (the next
query reconnects). But a host that vanished without a word (rebooted, a virtual IP moved to a
standby, a NAT that forgot the flow) leaves the socket quiet and answers the next packet
with a reset: `SELECT 1` meets it and Django reconnects, where the request's own query
would fail. So the socket is trusted only for a connection that served a request in the
last QUIET_TRUST_SECONDS: a busy one, where such a failover fails the requests in flight
anyway (one more per kept connection at the most); a connection quiet for longer gets
`SELECT 1` as before (lib/tests/test_review_pgbackend_reset.py).

Reading timestamps. Django reads every `timestamptz` through a loader of its own, a
subclass of psycopg's pure-Python one (a regular expression per value), only to label
the value with the connection's zone. When that zone is UTC (USE_TZ on, no TIME_ZONE for
the database: ours), psycopg's compiled loader answers the same datetimes, already in
UTC (`datetime.timezone.utc`), at a third of the cost: GET /api/v1/me's one query read
in 55 µs of CPU rather than 72, and a page of timeline rows saves it per row.
"""

import datetime as dt
import math
import select
from time import monotonic
from typing import Any

import psycopg
from django.db.backends.postgresql import base
from psycopg import pq

__all__ = ["DatabaseWrapper"]

QUIET_TRUST_SECONDS = 5.0

_TIMESTAMPTZ = psycopg.adapters.types["timestamptz"].oid
# psycopg's own loader: the compiled one (psycopg-binary), else its Python one.
_PSYCOPG_TIMESTAMPTZ: Any = psycopg.adapters.get_loader(_TIMESTAMPTZ, pq.Format.TEXT)


class _UtcTimestamptzLoader:
    """Makes psycopg's loader, which cannot be subclassed; `timezone` tells Django's
    create_cursor that the connection's loader already answers in its zone."""

    format = pq.Format.TEXT
    timezone = dt.UTC

    def __new__(cls, oid: int, context: Any = None) -> Any:
        return _PSYCOPG_TIMESTAMPTZ(oid, context)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        connection = super().get_new_connection(conn_params)
        # The connection's zone is set to UTC before its first cursor (Django's
        # init_connection_state), and psycopg's loader reads the zone per cursor.
        if self.timezone is dt.UTC:
            connection.adapters.register_loader(_TIMESTAMPTZ, _UtcTimestamptzLoader)
        return connection

    # Django's own attributes, which django-stubs does not declare.
    health_check_done: bool
    errors_occurred: bool
    # When a request that used this connection last ended without a database error.
    answered_at = -math.inf

    def close_if_unusable_or_obsolete(self) -> None:
        # Called as each request starts and ends; health_check_done says the connection
        # was used (checked or connected) since the call before.
        if self.connection is not None and self.health_check_done and not self.errors_occurred:
            self.answered_at = monotonic()
        super().close_if_unusable_or_obsolete()

    def close_if_health_check_failed(self) -> None:
        if (
            self.settings_dict["CONN_HEALTH_CHECKS"]
            and not self.health_check_done
            and monotonic() - self.answered_at < QUIET_TRUST_SECONDS
            and self.connection_is_quiet()
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def connection_is_quiet(self) -> bool:
        """Whether the kept connection is open, idle, and has heard nothing since its
        last answer (no data, end of stream or error waiting on the socket)."""
        connection = self.connection
        if connection is None or connection.closed:
            return False
        pgconn = connection.pgconn
        if pgconn.transaction_status != pq.TransactionStatus.IDLE:
            return False
        poll = select.poll()
        poll.register(pgconn.socket, select.POLLIN | select.POLLPRI)
        return not poll.poll(0)
