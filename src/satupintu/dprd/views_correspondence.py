"""Council correspondence pages (`/kantor/dprd/surat/`): the council's inbox with the
e-office's counters and response-time figures, SETWAN's registration, a letter with its
disposition tree, the two-tap disposition and the member's report. Thin: forms →
`dprd.correspondence` / `letters.services`, reads → `letters.selectors` through the council's
gate. Phone-first: the Pimpinan DPRD disposes from a phone as the Sekda does."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from satupintu.backoffice.views import staff_required
from satupintu.dprd import correspondence
from satupintu.dprd.forms_correspondence import CouncilDisposeForm, CouncilRegisterForm
from satupintu.letters import pagehelpers
from satupintu.letters import selectors as letter_selectors
from satupintu.letters import services as letter_services
from satupintu.letters.forms import ReportForm
from satupintu.letters.models import Letter

TABS = [
    ("", _("Semua")),
    ("belum-dibaca", _("Belum dibaca")),
    ("tindak-lanjut", _("Perlu tindak lanjut")),
]


def _oversees_all(user) -> bool:
    """SETWAN's staff and the Pimpinan DPRD see the figures of every council disposition."""
    return correspondence.is_leadership(user) or (
        correspondence.may_open(user) and not correspondence.is_council_member(user)
    )


@staff_required
@require_safe
def inbox(request):
    user = request.user
    if not correspondence.may_open(user):
        raise Http404
    tab = request.GET.get("tab", "")
    if tab not in dict(TABS):
        tab = ""
    letters = correspondence.inbox_letters(user, tab)
    since, until, days = letter_selectors.performance_period(request.GET.get("hari"))
    scope = correspondence.council_letters_q_dispositions() if _oversees_all(user) else None
    people, bodies = letter_selectors.performance(user, since, until, scope=scope)
    return render(
        request,
        "dprd/correspondence_inbox.html",
        {
            "page": Paginator(letters, 30).get_page(request.GET.get("halaman")),
            "tab": tab,
            "tabs": TABS,
            "counters": letter_selectors.counters(user),
            "can_register": correspondence.is_agenda_officer(user),
            "can_draft": correspondence.drafting_unit(user) is not None,
            "people": people,
            "bodies": bodies,
            "days": days,
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def register(request):
    if not correspondence.is_agenda_officer(request.user):
        raise Http404
    form = CouncilRegisterForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            letter = correspondence.register_council_letter(
                actor=request.user, **form.letter_fields()
            )
        except letter_services.LetterError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("Surat untuk DPRD diagendakan dengan nomor agenda %(n)s.")
                % {"n": letter.reference},
            )
            return redirect("dprd:correspondence_detail", letter.pk)
    return render(
        request,
        "dprd/correspondence_register.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _detail_context(request, letter, dispose_form=None) -> dict:
    user = request.user
    if dispose_form is None and letter_services.can_dispose(user, letter):
        dispose_form = CouncilDisposeForm(user=user, letter=letter)
    return {
        "letter": letter,
        "files": list(letter.files.filter(disposition__isnull=True)),
        "received": [
            d for d in letter_selectors.received_dispositions(user, letter) if not d.done_at
        ],
        "report_form": ReportForm(),
        "dispose_form": dispose_form,
        "tree": letter_selectors.disposition_tree(letter),
        "today": timezone.localdate(),
    }


@staff_required
@require_safe
def detail(request, pk):
    letter = correspondence.council_letter_for(request.user, pk)
    if letter.direction == Letter.Direction.INCOMING:
        letter_services.mark_read(actor=request.user, letter=letter)
    return render(request, "dprd/correspondence_detail.html", _detail_context(request, letter))


@staff_required
@require_POST
def dispose(request, pk):
    """Two taps, as the Sekda's: recipients ticked, "Disposisikan"; a refusal keeps them."""
    letter = correspondence.council_letter_for(request.user, pk)
    if not letter_services.can_dispose(request.user, letter):
        raise Http404
    return pagehelpers.submit_dispose(
        request,
        letter,
        CouncilDisposeForm(request.POST, user=request.user, letter=letter),
        lambda data: correspondence.dispose(
            actor=request.user,
            letter=letter,
            groups=data["bodies"],
            users=list(data["people"]),
            instructions=data["instructions"],
            urgency=data["urgency"],
            due_date=data["due_date"],
            note=data["note"],
        ),
        detail="dprd:correspondence_detail",
        template="dprd/correspondence_detail.html",
        context=_detail_context,
    )


@staff_required
@require_POST
def report(request, pk):
    disposition = correspondence.council_disposition_for(request.user, pk)
    return pagehelpers.submit_report(request, disposition, detail="dprd:correspondence_detail")
