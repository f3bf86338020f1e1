"""Review (pgauth, lib/pgbackend): a kept connection whose peer vanished without a word
(a database host rebooted, a virtual IP moved to a standby, a load balancer or NAT that
forgot the flow) is quiet on its socket, yet answers the next packet with a TCP reset.
Django's health check sends `SELECT 1`, meets the reset, closes the connection and
reconnects: the request goes on. The quiet-socket skip lets the request's own query meet
the reset instead: an OperationalError, a 500, once per kept connection. So the socket is
trusted only on a connection that served a request in the last QUIET_TRUST_SECONDS."""

import contextlib
import socket
import threading
from collections.abc import Iterator
from time import monotonic
from typing import Any

import pytest
from django.db import OperationalError, connection, connections
from django.db.backends.postgresql.base import DatabaseWrapper as DjangoWrapper

from alongside.lib.pgbackend import base as pgbackend
from alongside.lib.pgbackend.base import DatabaseWrapper as OurWrapper

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's backend"),
]


class Proxy:
    """A TCP relay to the database. `vanish()` ends the relay of the connections made so
    far without telling their clients; the next bytes a client sends on one are answered
    with a reset (as a rebooted host answers). New connections are relayed as before."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.pairs: list[dict[str, Any]] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            pair = {"client": client, "upstream": upstream, "gone": False}
            self.pairs.append(pair)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._relay, args=(pair, source, sink), daemon=True).start()

    def _relay(self, pair: dict[str, Any], source: socket.socket, sink: socket.socket) -> None:
        """Passes on what `source` sends to `sink` until either side closes."""
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                return
            if pair["gone"]:
                if source is pair["client"]:
                    # The host that held this connection knows nothing of it: a reset.
                    source.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
                    source.close()
                # Else nothing reaches the client: the host vanished without a word.
                return
            if not data:
                sink.close()
                return
            sink.sendall(data)

    def vanish(self) -> None:
        for pair in self.pairs:
            pair["gone"] = True
            with contextlib.suppress(OSError):  # shutdown wakes the relay reading it
                pair["upstream"].shutdown(socket.SHUT_RDWR)
            pair["upstream"].close()

    def close(self) -> None:
        self.server.close()


@pytest.fixture
def proxy() -> Iterator[Proxy]:
    settings = connection.settings_dict
    relay = Proxy(settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432))
    yield relay
    relay.close()


def kept_through(proxy: Proxy, wrapper_class: Any) -> Any:
    settings = {**connections["default"].settings_dict, "HOST": "127.0.0.1", "PORT": proxy.port}
    wrapper = wrapper_class(settings, "default")
    wrapper.ensure_connection()
    return wrapper


def a_request(wrapper: Any) -> Any:
    """What a request does with a kept connection: Django's check at its start, a query,
    Django's check at its end (request_started and request_finished)."""
    wrapper.close_if_unusable_or_obsolete()
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT 2")
        answer = cursor.fetchone()
    wrapper.close_if_unusable_or_obsolete()
    return answer


@pytest.mark.parametrize("wrapper_class", [DjangoWrapper, OurWrapper], ids=["django", "ours"])
def test_a_request_after_the_database_host_vanished_reconnects(proxy, wrapper_class, monkeypatch):
    wrapper = kept_through(proxy, wrapper_class)
    try:
        assert a_request(wrapper) == (2,)
        proxy.vanish()
        # Ours trusts a quiet socket only on a connection that served a request in the
        # last few seconds (a busy one, whose requests in flight a failover fails anyway).
        later = monotonic() + pgbackend.QUIET_TRUST_SECONDS + 1
        monkeypatch.setattr(pgbackend, "monotonic", lambda: later)
        try:
            answer = a_request(wrapper)
        except OperationalError as error:
            pytest.fail(f"the request failed on the kept connection: {error}")
        assert answer == (2,)
    finally:
        wrapper.close()
