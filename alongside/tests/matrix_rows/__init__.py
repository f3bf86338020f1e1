"""The rows of the authorization matrix: "Who sees what" (docs/api.md) written out, one row
for each API operation and each page, with the answer each persona gets. The verdicts and the
row shapes are in rows.py; the API's rows in api.py, the pages' in pages.py, pairing inside a
program in program_rules.py."""

from .api import API
from .pages import ADMIN_PAGES, PAGES
from .program_rules import PROGRAM_RULES, ProgramRow
from .rows import (
    JSON,
    OK,
    PERSONAS,
    REFUSED,
    SIGNIN,
    UNAUTH,
    Row,
    _terms,
)

__all__ = [
    "ADMIN_PAGES",
    "API",
    "JSON",
    "OK",
    "PAGES",
    "PERSONAS",
    "PROGRAM_RULES",
    "REFUSED",
    "SIGNIN",
    "UNAUTH",
    "ProgramRow",
    "Row",
    "_terms",
]
