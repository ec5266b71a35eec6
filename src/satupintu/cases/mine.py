"""Cases (complaints, applications, any kind) in "Urusan saya" (`onedoor.registry`).

One source for every case kind: status and noun come from the kind, the next action from
the reporter's transitions, the deadline from the kind's progress. A kind adds its own links
(an application's documents) with `onedoor.registry.register_case_details`.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from satupintu.cases.holders import owned_cases
from satupintu.cases.models import Case
from satupintu.cases.workflow import REPORTER, get_kind
from satupintu.onedoor.registry import Item, Source, case_details, register

# Reporter actions that are only possible, never expected (the page would nag otherwise).
OPTIONAL = frozenset({"add_files", "withdraw", "reopen", "close", "rate"})
LIMIT = 200


def _next_action(kind, case: Case) -> str:
    if case.status in kind.paused_statuses:
        for transition in kind.actions_for(case.status, REPORTER):
            if transition.action not in OPTIONAL:
                return str(transition.label)
    if case.rating is None and kind.allowed("rate", case.status, REPORTER):
        return _("Beri nilai layanan")
    return ""


def _deadline(kind, case: Case):
    if kind.progress is None or case.status in kind.closed_statuses:
        return None, ""
    found = kind.progress.deadlines(case)
    if not found:
        return None, ""
    first = min(found, key=lambda d: d.due)
    return first.due, first.label


def _url(case: Case, held: bool) -> str:
    if held and case.secret_token:
        return reverse("cases:track_secret", args=[case.tracking_code, case.secret_token])
    return reverse("cases:track", args=[case.tracking_code])


def items(user):
    cases = list(
        owned_cases(user).select_related("org_unit", "category").order_by("-updated_at")[:LIMIT]
    )
    by_kind: dict[str, list[Case]] = {}
    for case in cases:
        by_kind.setdefault(case.kind, []).append(case)
    extra: dict[int, tuple] = {}
    for kind_key, group in by_kind.items():
        details = case_details(kind_key)
        if details:
            extra.update(details(group))
    for case in cases:
        try:
            kind = get_kind(case.kind)
        except LookupError:
            continue
        held = case.submitter_id != user.pk
        action = _next_action(kind, case)
        due, due_label = _deadline(kind, case)
        url = _url(case, held)
        if case.is_anonymous:
            note = _("Laporan anonim, ditautkan lewat tautan pribadinya.")
        elif held:
            note = _("Dikirim sebelum Anda punya akun, ditautkan lewat kontak yang sama.")
        else:
            note = ""
        yield Item(
            kind=kind.subtype_labels.get(case.subtype) or kind.noun_label(),
            title=case.title,
            code=case.tracking_code,
            status=kind.status_label(case.status),
            url=url,
            activity_at=case.updated_at,
            is_open=case.status not in kind.closed_statuses,
            next_action=action,
            next_action_url=url if action else "",
            deadline=due,
            deadline_label=due_label,
            links=extra.get(case.pk, ()),
            note=note,
        )


register(Source(key="cases", items=items, order=10))
