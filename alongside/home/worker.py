"""`alongside worker`: the task queue's worker, with the reminder sweep on a timer beside it.

Several workers may run at once: tasks are claimed with row locks, and every reminder
is made once by its key, so nothing is sent twice.
"""

import logging
import threading

from django.core.management import call_command
from django.db import close_old_connections

from alongside.home.sweep import sweep

logger = logging.getLogger(__name__)


def sweep_forever(interval: float, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            sweep()
        except Exception:  # a failed sweep must not stop the next one
            logger.exception("The reminder sweep failed; trying again in %s s", interval)
        finally:
            close_old_connections()
        stop.wait(interval)


def run(*, sweep_seconds: float, once: bool = False) -> None:
    if once:
        sweep()
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        return
    stop = threading.Event()
    timer = threading.Thread(target=sweep_forever, args=(sweep_seconds, stop), daemon=True)
    timer.start()
    logger.info("Worker started: sweeping every %s s, running queued tasks", sweep_seconds)
    try:
        call_command("db_worker", "--interval", "1", "--no-startup-delay", "--no-reload")
    finally:
        stop.set()
