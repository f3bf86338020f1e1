import ipaddress

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from alongside.lib.errors import Throttled
from alongside.lib.text import fold_one_line


def client_address(request: HttpRequest) -> str:
    """The caller's address, as rate limits count it.

    With TRUSTED_PROXY_COUNT = 0 (the default), the address that connected. Behind N
    proxies that each append the address they saw to X-Forwarded-For, the Nth entry from
    the right: the one the outermost proxy saw. Entries further left come from the
    client and could be anything, so they are never read. A missing or malformed entry
    falls back to the connecting address (the proxy's, which throttles everyone behind
    it together: safe, not silent).
    """
    remote = str(request.META.get("REMOTE_ADDR") or "unknown")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(chain) < hops:
        return remote
    try:
        return str(ipaddress.ip_address(chain[-hops]))
    except ValueError:
        return remote


def throttled_answer(response: HttpResponse, exc: Throttled) -> HttpResponse:
    """A page refused by a rate limit: 429, and when to come back (Retry-After)."""
    response.status_code = 429
    response["Retry-After"] = str(exc.retry_after)
    return response


def download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """A file to save. The header is built by Django's own helper, which quotes and escapes
    the name (a name typed by a person cannot add a parameter such as `filename*=`), and the
    name is folded to one line first (a line break would make the header unsendable)."""
    response = HttpResponse(content, content_type=content_type)
    disposition = content_disposition_header(as_attachment=True, filename=fold_one_line(filename))
    if disposition:
        response["Content-Disposition"] = disposition
    return response
