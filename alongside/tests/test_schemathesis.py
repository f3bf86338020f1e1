"""Every operation of the OpenAPI document, fed generated requests by schemathesis.

Each operation is its own test. It runs in a fresh world (the mentee of an active pair
with an agreement, a goal with milestones and a suggestion, meetings with agenda, notes,
action items and feedback, a check-in, a resource, a journal entry, a notification), as
the mentee with a real bearer token. Path parameters are mostly the ids of that world,
sometimes whatever schemathesis makes up. Requests go through the WSGI application in
the test's own transaction, so nothing they change outlives the test.

Checks: no answer is a 5xx, every status is declared in the document (the error answers
are declared for every operation by alongside.lib.api_docs), every body matches its
declared schema and content type. The seed is fixed; SCHEMATHESIS_EXAMPLES raises the
number of generated requests per operation (6 by default).
"""

import copy
import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from alongside.tests.apispec import SCHEMA
from alongside.tests.test_authorization_matrix import build_world
from alongside.wsgi import application

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES") or 6)
SEED = 20_240_611

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": SEED,
        "suppress-health-check": ["all"],
        "generation": {
            "mode": "all",  # valid requests and ones that break the schema on purpose
            "max-examples": EXAMPLES,
            "database": "none",  # the same requests every run, nothing written to disk
        },
        # Explicit examples, the coverage phase (boundary values, missing and unexpected
        # fields, other methods) and random generation; not the stateful phase, which
        # chains operations by links the document does not have.
        "phases": {"stateful": {"enabled": False}},
    }
)
schema = schemathesis.openapi.from_dict(copy.deepcopy(SCHEMA), config=CONFIG)
schema.app = application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# The world's ids the test of the moment may pick from, per path parameter.
CURRENT_IDS: dict[str, list[str]] = {}
ALIASES = {
    "person_id": ["person_id", "mentee_id", "candidate_id"],
    "meeting_id": ["meeting_id", "held_meeting_id"],
    "milestone_id": ["milestone_id", "done_milestone_id"],
}


@schema.hook
def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any]) -> Any:
    """Two times in three, each path parameter is an id of the world, not a made-up one."""

    def choose(name: str, made_up: Any) -> Any:
        real = CURRENT_IDS.get(name)
        if not real:
            return st.just(made_up)
        return st.one_of(st.sampled_from(real), st.sampled_from(real), st.just(made_up))

    if not path_parameters:
        return st.just(path_parameters)
    return st.fixed_dictionaries(
        {name: choose(name, value) for name, value in path_parameters.items()}
    )


@pytest.fixture
def world_ids(mentee, mentor, program_admin, outsider) -> Iterator[str]:
    """Build the world, share its ids with the hook; the mentee's token."""
    from alongside.people.services import token_create

    world = build_world("active", mentee, mentor, program_admin, outsider)
    CURRENT_IDS.clear()
    for name, keys in ALIASES.items():
        CURRENT_IDS[name] = [world.ids[k] for k in keys]
    for name, value in world.ids.items():
        CURRENT_IDS.setdefault(name, [value])
    _, raw = token_create(person=mentee, name="schemathesis")
    # Django closes the database connection at the end of a request when it is in a
    # transaction it did not open; the test client unhooks that, and so must we.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield raw
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        CURRENT_IDS.clear()


@pytest.mark.sweep
@schema.parametrize()
def test_the_api_answers_as_its_document_says(case, world_ids):
    case.call_and_validate(headers={"Authorization": f"Bearer {world_ids}"}, checks=CHECKS)


def test_it_sweeps_every_operation():
    assert len(list(schema.get_all_operations())) == sum(len(m) for m in SCHEMA["paths"].values())
    assert EXAMPLES >= 1


def test_it_declares_the_error_answers_of_every_operation():
    for path, methods in SCHEMA["paths"].items():
        for method, op in methods.items():
            declared = {int(status) for status in op["responses"]}
            assert {403, 404, 409, 422} <= declared, f"{method} {path}"
            assert 401 in declared or not op.get("security"), f"{method} {path}"
    error = SCHEMA["paths"]["/api/v1/me"]["get"]["responses"][404]
    assert error["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ApiError"
    }
    assert SCHEMA["components"]["schemas"]["ApiError"]["required"] == ["detail", "code", "errors"]


def test_no_two_schemas_of_the_document_share_a_name():
    """Components are keyed by name: two enums called Kind would leave only one of them."""
    from ninja.constants import NOT_SET

    from alongside.api import api

    seen: dict[str, str] = {}
    clashes = set()
    for router in api._get_bound_routers():
        for view in router.path_operations.values():
            for op in view.operations:
                # Query and path models are flattened into parameters, not components.
                bodies = [m for m in op.models if m.__ninja_param_source__ in ("body", "form")]
                answers = [m for m in op.response_models.values() if m not in (None, NOT_SET)]
                models = [(m, "validation") for m in bodies] + [
                    (m, "serialization") for m in answers
                ]
                for model, mode in models:
                    for name, definition in (
                        model.model_json_schema(mode=mode).get("$defs", {}).items()
                    ):
                        text = json.dumps(definition, sort_keys=True)
                        if seen.setdefault(name, text) != text:
                            clashes.add(name)
    assert len(seen) > 20
    assert not clashes, f"Give these schemas distinct names: {sorted(clashes)}"
