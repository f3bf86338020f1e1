"""Background work of matching: runs too large for a request, and their publishing."""

from django_tasks import task

from alongside.matching.services import run_execute, run_publish_execute


@task()
def matching_run_task(*, run_id: int) -> str:
    """Runs in the worker; a run another worker claimed first is left to it."""
    run = run_execute(run_id=run_id)
    return run.status if run is not None else "claimed elsewhere"


@task()
def matching_publish_task(*, run_id: int) -> int:
    return run_publish_execute(run_id=run_id)
