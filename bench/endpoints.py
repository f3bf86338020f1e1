"""What bench/run.py measures (the endpoints) and what it keeps of each measurement."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TARGET_MS = 100.0  # p95 target for the three pages people open most


@dataclass
class Endpoint:
    key: str
    label: str
    path: str  # with {m} for the showcase mentorship's id
    auth: str  # "cookie" (a signed-in page) or "token" (the API)
    targeted: bool = False
    floor: str = ""  # the bare Django view over the same rows (bench/floor.py)


ENDPOINTS = [
    Endpoint("home", "Home page (busy mentor)", "/", "cookie", targeted=True),
    Endpoint("mentorship", "Mentorship page", "/mentorships/{m}/", "cookie", targeted=True),
    Endpoint("timeline", "Timeline page", "/mentorships/{m}/timeline/", "cookie", targeted=True),
    Endpoint("timeline_api", "GET /api/v1/mentorships/{id}/timeline", "/api/v1/mentorships/{m}/timeline", "token", floor="/floor/mentorships/{m}/timeline"),  # noqa: E501
    Endpoint("people_api", "GET /api/v1/people?open_to_mentor=true", "/api/v1/people?open_to_mentor=true", "token", floor="/floor/people"),  # noqa: E501
    Endpoint("mentorships_api", "GET /api/v1/mentorships", "/api/v1/mentorships", "token", floor="/floor/mentorships"),  # noqa: E501
    Endpoint("me_api", "GET /api/v1/me", "/api/v1/me", "token", floor="/floor/me"),
]  # fmt: skip


@dataclass
class Load:
    p50_ms: float
    p95_ms: float
    rps: float
    requests: int
    errors: int
    busy: float = 0.0  # the machine's 1-minute load average just before measuring
    app_cpu_ms: float = 0.0  # CPU of the gunicorn workers, per request
    db_cpu_ms: float = 0.0  # CPU of the PostgreSQL backends serving them, per request


@dataclass
class DbResult:
    label: str
    url: str
    version: str
    facts: dict[str, Any]
    queries: dict[str, int] = field(default_factory=dict)
    loads: dict[str, list[Load]] = field(default_factory=dict)  # endpoint -> one per run
    floors: dict[str, list[Load]] = field(default_factory=dict)
