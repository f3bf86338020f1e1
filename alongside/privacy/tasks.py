"""Background work of data rights: building an export."""

from django_tasks import task

from alongside.privacy.models import Export, ExportStatus
from alongside.privacy.services import export_failed, export_write


@task()
def export_prepare(*, export_id: int) -> int:
    """Runs in the worker: build one export. Answers its size in bytes (0: gone)."""
    export = (
        Export.objects.select_related("person")
        .filter(pk=export_id, status=ExportStatus.PENDING)
        .first()
    )
    if export is None:
        return 0
    try:
        return export_write(export=export).size
    except Exception:
        export_failed(export=export)
        raise
