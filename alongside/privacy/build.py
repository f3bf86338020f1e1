"""Building a person's export: a zip with one JSON file per kind, the JSON Schema of each,
a manifest and a readable HTML report.

What goes in is what each app registered (alongside.people.export): this module knows
no feature, so a new app adds itself without a change here.
"""

import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone as tz

from alongside.people.export import parts
from alongside.people.models import Person

FORMAT = "alongside-export"
VERSION = 1


@dataclass(frozen=True)
class Built:
    content: bytes
    rows: int


def export_row_count(person: Person) -> int:
    """How many rows the export would hold (top-level rows of every kind), cheaply."""
    return sum(part.count(person) if part.count else len(part.collect(person)) for part in parts())


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False).encode()


def _node(value: Any) -> dict[str, Any]:
    """A value of a row, shaped for the report's template (which cannot ask a type)."""
    if isinstance(value, dict):
        if set(value) == {"name", "is_me"}:  # an Author
            return {"text": f"{value['name']} (you)" if value["is_me"] else value["name"]}
        return {
            "map": [
                (key.replace("_", " ").capitalize(), _node(item))
                for key, item in value.items()
                if item not in (None, "", [], {})
            ]
        }
    if isinstance(value, list):
        return {"list": [_node(item) for item in value]}
    if isinstance(value, bool):
        return {"text": "yes" if value else "no"}
    return {"text": str(value)}


def export_build(person: Person) -> Built:
    """The zip of everything `person` may read, as bytes."""
    now = tz.now()
    sections = []
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "person": str(person.public_id),
        "created_at": now.isoformat(),
        "files": {},
    }
    schema: dict[str, Any] = {}
    buffer = io.BytesIO()
    total = 0
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for part in parts():
            rows = part.rows(person)
            total += len(rows)
            zf.writestr(f"{part.kind}.json", _json(rows))
            manifest["files"][f"{part.kind}.json"] = {
                "kind": part.kind,
                "title": part.title,
                "about": part.about,
                "rows": len(rows),
            }
            schema[part.kind] = part.schema()
            sections.append({"part": part, "rows": [_node(row) for row in rows]})
        zf.writestr("schema.json", _json(schema))
        zf.writestr("manifest.json", _json(manifest))
        # Autoescaped like every page: text a person typed is shown, never run.
        report = render_to_string(
            "privacy/report.html", {"person": person, "created_at": now, "sections": sections}
        )
        zf.writestr("report.html", report.encode())
    return Built(content=buffer.getvalue(), rows=total)


def export_filename(moment: Any = None) -> str:
    return f"alongside-export-{tz.localdate(moment or tz.now()).isoformat()}.zip"
