from alongside.programs.models import COMMUNITY_SLUG, Program


def community_program() -> Program:
    """The default open program, created by a migration."""
    program, _ = Program.objects.get_or_create(
        is_default=True,
        defaults={
            "slug": COMMUNITY_SLUG,
            "name": "Community",
            "description": "The open community: anyone can find a mentor here, no admin needed.",
        },
    )
    return program
