"""The models and the migrations say the same thing: a model change comes with its
migration, and a change to how models are declared (a shared abstract base, a field
factory) changes no schema."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_models_need_no_new_migration():
    said = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=said, stderr=said)
    except SystemExit:  # --check exits 1 when a migration is missing
        pytest.fail(f"The models differ from their migrations:\n{said.getvalue()}")
