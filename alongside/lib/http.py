from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The caller's address. Behind a proxy, REMOTE_ADDR must be set by the proxy layer."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")
