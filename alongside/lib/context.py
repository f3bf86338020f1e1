from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {"open_signup": settings.OPEN_SIGNUP}
