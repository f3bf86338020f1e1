"""`alongside serve` as `make run` starts it: on another port, the links it hands out name
that port; its access log never shows a calendar-feed, unsubscribe or reset token."""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from typing import Any

import pytest

from alongside.lib.logmask import MASK
from alongside.tests.servers import ROOT, free_port


def _call(base: str, method: str, path: str, body: Any = None, token: str = "") -> Any:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


@pytest.fixture
def served(tmp_path):
    port = free_port()
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    log = (tmp_path / "serve.log").open("w+")
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "alongside", "serve", "--port", str(port), "--workers", "1"],
        cwd=ROOT,
        env={**keep, "DATA_DIR": str(tmp_path), "DEBUG": "true"},  # no PORT, no SITE_URL
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/v1/openapi.json", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.terminate()
                log.seek(0)
                raise AssertionError("alongside serve did not start:\n" + log.read()) from None
            time.sleep(0.3)
    try:
        yield base, port, log
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def test_served_on_another_port_the_feed_and_links_name_that_port_and_the_log_masks_tokens(
    served,
):
    base, port, log = served
    person = {"email": "port@example.org", "password": "a-long-passphrase-77", "name": "Pat"}
    assert _call(base, "POST", "/api/v1/auth/signup", person)[0] in (200, 201)
    status, raw = _call(
        base, "POST", "/api/v1/auth/token", {k: person[k] for k in ("email", "password")}
    )
    token = json.loads(raw)["token"]
    status, raw = _call(base, "GET", "/api/v1/me/calendar", token=token)
    assert status == 200
    feed = json.loads(raw)["url"]
    assert feed.startswith(f"http://127.0.0.1:{port}/calendar/")

    secret = feed.rsplit("/", 1)[-1].removesuffix(".ics")
    path = feed.removeprefix(f"http://127.0.0.1:{port}")
    assert _call(base, "GET", path)[0] == 200
    _call(base, "GET", "/unsubscribe/unsubscribeSecret123:abc/")
    _call(base, "GET", "/password/reset/MQ/resetSecret-0123456789/")
    time.sleep(0.5)  # gunicorn writes the access log line after the answer
    log.seek(0)
    written = log.read()
    assert f"/calendar/{path.split('/')[2]}/{MASK}.ics" in written
    for leaked in (secret, "unsubscribeSecret123", "resetSecret-0123456789"):
        assert leaked not in written, written
