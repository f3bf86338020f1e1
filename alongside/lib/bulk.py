"""Many rows into one table fast: COPY on PostgreSQL, one executemany elsewhere.

For tens of thousands of rows (a matching run's pairs) where building a model object per
row and the ORM's INSERT batches cost more than the data: rows go in as plain tuples.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection
from django.db.models import Field, Model


def insert_rows(model: type[Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert `rows` (tuples in the order of `fields`, database values) into `model`'s
    table, in the caller's transaction. Fields are model field names (a foreign key by
    its attname, `run_id`)."""
    meta = model._meta
    qn = connection.ops.quote_name
    found = [meta.get_field(f) for f in fields]
    columns = ", ".join(qn(str(f.column)) for f in found if isinstance(f, Field))
    if len(found) != len(fields) or not all(isinstance(f, Field) for f in found):
        raise ValueError("insert_rows takes the model's own fields")
    table = qn(meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(fields))
        # Names come from the model, values go as parameters.
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
        cursor.executemany(sql, rows)  # type: ignore[arg-type]  # any iterable will do
