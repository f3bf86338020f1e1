"""Racing tests: many callers released at the same instant."""

import threading
from collections.abc import Callable

from django.db import connections


def at_once(*jobs: Callable[[], object]) -> None:
    """Run each job in its own thread, all released together by a barrier, and wait for
    them all. Each thread closes the database connections it opened, or the test
    database could not be dropped at the end."""
    barrier = threading.Barrier(len(jobs))

    def run(job: Callable[[], object]) -> None:
        try:
            barrier.wait()
            job()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
