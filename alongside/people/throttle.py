"""Rate limits counted in the database, so that every app process sees the same counts.

A try is counted before it is made: `take` adds one to every counter of the rules at
once (all or none) with a conditional UPDATE that refuses a counter at its limit. So no
read-then-write race lets concurrent tries past a limit: on PostgreSQL the second UPDATE
of a row waits for the first and checks the limit again; SQLite writes one at a time.
A sign-in that then succeeds gives its try back (`give_back`).
"""

import hashlib
import ipaddress
import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from alongside.lib.errors import Throttled
from alongside.people.models import RateCounter


@dataclass(frozen=True)
class Rule:
    """At most `limit` tries on `key` per window of `seconds`."""

    key: str
    limit: int
    seconds: int


def key(kind: str, *parts: str) -> str:
    """A digest, so that no email or address is stored, and any text (a NUL byte, a very
    long email) makes a valid key on every database."""
    raw = "\x1f".join([kind, *parts])
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def network(client: str) -> str:
    """The unit an address is counted by: an IPv4 address, or an IPv6 /64 (one host
    usually holds a whole /64, so counting single IPv6 addresses would count nothing)."""
    try:
        ip = ipaddress.ip_address(client)
    except ValueError:
        return client
    if ip.version == 6:
        mapped = ip.ipv4_mapped
        if mapped is not None:
            return str(mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _email(email: str) -> str:
    return email.strip().lower()


def signin_rules(*, email: str, client: str) -> list[Rule]:
    window = settings.SIGNIN_WINDOW_SECONDS
    address, who = network(client), _email(email)
    return [
        Rule(key("signin-pair", who, address), settings.SIGNIN_MAX_FAILURES, window),
        Rule(key("signin-email", who), settings.SIGNIN_MAX_FAILURES_PER_EMAIL, window),
        Rule(key("signin-address", address), settings.SIGNIN_MAX_FAILURES_PER_ADDRESS, window),
    ]


def twofactor_rules(*, person_pk: int, client: str) -> list[Rule]:
    """The second step of a sign-in: wrong codes per account (from anywhere: six digits
    are quicker to guess than a password) and per address."""
    window = settings.SIGNIN_WINDOW_SECONDS
    return [
        Rule(key("2fa-person", str(person_pk)), settings.SIGNIN_MAX_FAILURES, window),
        Rule(key("2fa-address", network(client)), settings.SIGNIN_MAX_FAILURES_PER_ADDRESS, window),
    ]


def signup_rules(*, client: str) -> list[Rule]:
    return [Rule(key("signup", network(client)), settings.SIGNUPS_PER_HOUR, 3600)]


def password_reset_rules(*, email: str, client: str) -> list[Rule]:
    return [
        Rule(key("reset-address", network(client)), settings.PASSWORD_RESETS_PER_HOUR, 3600),
        Rule(key("reset-email", _email(email)), settings.PASSWORD_RESETS_PER_EMAIL_PER_HOUR, 3600),
    ]


def token_rules(*, client: str) -> list[Rule]:
    return [Rule(key("token", network(client)), settings.TOKENS_PER_HOUR, 3600)]


class _Full(Exception):
    def __init__(self, rule: Rule) -> None:
        self.rule = rule


def take(rules: list[Rule], *, doing: str, advice: str = "") -> None:
    """Count one try against every rule, or raise Throttled (counting nothing) when any
    of them is at its limit. `doing` names the tries in the message ("failed sign-ins"),
    `advice` ends it."""
    now = timezone.now()
    ordered = sorted(rules, key=lambda r: r.key)  # one lock order everywhere: no deadlock
    # A new key starts with an ended window, so that the UPDATE below opens a fresh one.
    RateCounter.objects.bulk_create(
        [RateCounter(key=r.key, count=0, window_ends=now) for r in ordered],
        ignore_conflicts=True,
    )
    try:
        with transaction.atomic():
            for rule in ordered:
                # A counter at 0 has no window open yet (or gave every try back). Without
                # it, a try whose `now` came a moment before the row's creator's would count
                # on a window nobody opened, and the next try would reset it: 6 through 5.
                ended = Q(window_ends__lte=now) | Q(count=0)
                counted = (
                    RateCounter.objects.filter(key=rule.key)
                    .filter(ended | Q(count__lt=rule.limit))
                    .update(
                        count=Case(When(ended, then=Value(1)), default=F("count") + 1),
                        window_ends=Case(
                            When(ended, then=Value(now + timedelta(seconds=rule.seconds))),
                            default=F("window_ends"),
                        ),
                    )
                )
                if not counted:
                    raise _Full(rule)  # rolls back the counters already taken
    except _Full as full:
        raise _throttled(full.rule, doing=doing, advice=advice) from None
    # Keep the table small: forget counters whose window ended a day ago.
    RateCounter.objects.filter(window_ends__lt=now - timedelta(days=1)).delete()


def _throttled(rule: Rule, *, doing: str, advice: str) -> Throttled:
    ends = RateCounter.objects.filter(key=rule.key).values_list("window_ends", flat=True).first()
    wait = max(1, math.ceil((ends - timezone.now()).total_seconds())) if ends else rule.seconds
    minutes = max(1, math.ceil(wait / 60))
    return Throttled(
        f"Too many {doing}. Wait {minutes} minute{'s' if minutes > 1 else ''} and try again"
        + (f", {advice}." if advice else "."),
        retry_after=wait,
    )


def give_back(rules: list[Rule]) -> None:
    """Uncount one try of each rule (a sign-in that succeeded was no failure)."""
    RateCounter.objects.filter(key__in=[r.key for r in rules], count__gt=0).update(
        count=F("count") - 1
    )


def forget(rules: list[Rule]) -> None:
    RateCounter.objects.filter(key__in=[r.key for r in rules]).update(count=0)
