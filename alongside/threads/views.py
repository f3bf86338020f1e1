"""The thread page: works without JavaScript (forms that post and redirect); with it,
static/alongside/thread.js polls `updates` and shows new messages without a reload."""

import datetime as dt
from typing import Any

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone as tz
from django.views.decorators.http import require_GET, require_POST

from alongside.lib.pages import act, form_page, success
from alongside.lib.routes import Routes
from alongside.mentorships.access import get_mentorship_for
from alongside.mentorships.models import Mentorship, Status
from alongside.people.access import signed_in
from alongside.people.models import Person
from alongside.threads import refs, selectors, services
from alongside.threads.access import get_message_for
from alongside.threads.forms import EditForm, MessageForm
from alongside.threads.models import Message

routes = Routes()

PAGE = 30
POLL_SECONDS = 3


def _int(value: str | None, *, default: int = 0) -> int:
    try:
        return max(0, min(int(value or default), 10**9))
    except ValueError:
        return default


def _at(mentorship: Mentorship, seq: int) -> str:
    """The thread's page, at one message."""
    return reverse("thread", args=[mentorship.public_id]) + f"#m-{seq}"


def _context(request: HttpRequest, mentorship: Mentorship, me: Person) -> dict[str, Any]:
    reads = selectors.reads_for(mentorship)
    other = mentorship.other(me)
    return {
        "m": mentorship,
        "me": me,
        "other": other,
        "reads": reads,
        "other_read_seq": reads.seq_of(other),
        "other_read_at": getattr(reads.marks.get(other.pk), "read_at", None),
        "active": mentorship.status == Status.ACTIVE,
        "actions": refs.actions(),
        "poll_seconds": POLL_SECONDS,
        "now": tz.now(),
    }


def _thread_page(
    request: HttpRequest,
    mentorship: Mentorship,
    *,
    form: MessageForm | None = None,
    status: int = 200,
) -> HttpResponse:
    me = signed_in(request)
    context = _context(request, mentorship, me)
    q = " ".join(request.GET.get("q", "").split())[: selectors.SEARCH_MAX]
    last = selectors.last_seq(mentorship)
    if q:
        places = selectors.found_places(mentorship, q)
        paginator: Paginator[int] = Paginator(places, PAGE)  # type: ignore[arg-type]
        page = paginator.get_page(request.GET.get("page"))
        shown = selectors.at_places(mentorship, list(page.object_list))[::-1]
        context.update(page=page)
    else:
        upto = _int(request.GET.get("before"), default=last + 1) or last + 1
        shown = selectors.before(mentorship, min(upto, last + 1), limit=PAGE)
        context.update(older=shown[0].seq if shown and shown[0].seq > 1 else None)
        context.update(latest=not request.GET.get("before") or upto > last)
    selectors.annotate(mentorship, shown, context["reads"])
    context.update(
        q=q,
        shown=shown,
        last_seq=last,
        unread=selectors.unread_count(mentorship, me, context["reads"]),
        form=form or MessageForm(offered=refs.offered_for(mentorship)),
    )
    return render(request, "threads/thread.html", context, status=status)


@routes.page("mentorships/<str:mentorship_id>/messages/", name="thread")
def thread(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    """GET: the thread, its newest messages last; POST: send one (then back to it)."""
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    if request.method != "POST":
        return _thread_page(request, mentorship)
    form = MessageForm(request.POST, offered=refs.offered_for(mentorship))

    def post() -> Message:
        kind, ref_id = form.ref_parts()
        return services.message_post(
            mentorship=mentorship,
            author=me,
            body=form.cleaned_data["body"],
            ref_kind=kind,
            ref_id=ref_id,
        )

    return form_page(
        request,
        form,
        post,
        page=lambda status: _thread_page(request, mentorship, form=form, status=status),
        done=lambda sent: success(request, "", _at(mentorship, sent.seq)),
    )


@routes.page("mentorships/<str:mentorship_id>/messages/read/", name="thread_read")
@require_POST
def mark_read(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    up_to = None
    seq = request.POST.get("up_to")
    if seq:
        up_to = Message.objects.filter(mentorship=mentorship, seq=_int(seq)).first()
    mark = services.thread_mark_read(mentorship=mentorship, person=me, up_to=up_to)
    if request.headers.get("X-Requested-With") == "fetch":
        return JsonResponse({"last_read_seq": mark.last_read_seq})
    return redirect("thread", mentorship.public_id)


def _rendered(request: HttpRequest, context: dict[str, Any], rows: list[Message]) -> list[Any]:
    return [
        {
            "seq": m.seq,
            "html": render_to_string(
                "threads/thread_message.html", {**context, "msg": m}, request=request
            ),
        }
        for m in rows
    ]


@routes.page("mentorships/<str:mentorship_id>/messages/updates/", name="thread_updates")
@require_GET
def updates(request: HttpRequest, mentorship_id: str) -> JsonResponse:
    """What the page has not shown yet: messages after place `after`, those edited or
    deleted since `since`, and how far the other member has read. Small, for polling."""
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    context = _context(request, mentorship, me)
    after = _int(request.GET.get("after"))
    now = tz.now()
    try:
        since = dt.datetime.fromisoformat(request.GET.get("since", ""))
        if since.tzinfo is None:
            raise ValueError
    except ValueError:
        since = now
    new = selectors.after(mentorship, after, limit=100)
    context["last_seq"] = selectors.last_seq(mentorship)
    # A few seconds back: an edit that committed just after the last poll read is not lost.
    changed = selectors.changed_since(mentorship, since - dt.timedelta(seconds=10), upto=after)
    rows = selectors.annotate(mentorship, [*changed, *new], context["reads"])
    receipt = render_to_string("threads/thread_receipt.html", context, request=request)
    return JsonResponse(
        {
            "items": _rendered(request, context, rows),
            "last": new[-1].seq if new else after,
            "now": now.isoformat(),
            "receipt": receipt,
            "other_read_seq": context["other_read_seq"],
            "unread": selectors.unread_count(mentorship, me, context["reads"]),
        }
    )


@routes.page("messages/<str:message_id>/edit/", name="message_edit")
def edit(request: HttpRequest, message_id: str) -> HttpResponse:
    me = signed_in(request)
    message = get_message_for(me, message_id)
    back = _at(message.mentorship, message.seq)
    if message.author_id != me.pk:
        flash.error(request, "Only its author can edit a message.")
        return redirect(back)
    form = EditForm(request.POST or None, initial={"body": message.body})
    context = {"m": message.mentorship, "msg": message, "form": form, "back": back}
    return form_page(
        request,
        form,
        lambda: services.message_edit(message=message, actor=me, body=form.cleaned_data["body"]),
        page=lambda status: render(request, "threads/edit.html", context, status=status),
        done=lambda _: success(request, "Message edited.", back),
    )


@routes.page("messages/<str:message_id>/delete/", name="message_delete")
@require_POST
def delete(request: HttpRequest, message_id: str) -> HttpResponse:
    me = signed_in(request)
    message = get_message_for(me, message_id)
    return act(
        request,
        lambda: services.message_delete(message=message, actor=me),
        to=_at(message.mentorship, message.seq),
        said="Message deleted.",
    )
