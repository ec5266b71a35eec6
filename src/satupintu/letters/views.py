"""Back-office pages of the e-office. Thin: forms → services, reads → selectors."""

from datetime import timedelta

from django.contrib import messages
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satupintu.backoffice.views import staff_required
from satupintu.core.exports import csv_writer
from satupintu.core.listing import page_of
from satupintu.letters import circles, hierarchy, pagehelpers, retention, selectors, services
from satupintu.letters.forms import (
    DisposeForm,
    RegisterForm,
    ReportForm,
    ReviewForm,
)
from satupintu.letters.models import Letter

TABS = [
    ("", _("Semua")),
    ("belum-dibaca", _("Belum dibaca")),
    ("tindak-lanjut", _("Perlu tindak lanjut")),
    ("tanda-tangan", _("Perlu tanda tangan")),
    ("verifikasi", _("Perlu verifikasi")),
    ("kirim", _("Siap dikirim")),
    ("terlambat", _("Disposisi terlambat")),
    ("tembusan", _("Tembusan")),
]


class SearchPage:
    """A page of search results without a total count: one query of size + 1 rows. Counting
    100 000 letters for "page 1 of n" would scan them a second time."""

    def __init__(self, queryset, number: str | None, size: int = 50):
        try:
            self.number = max(1, min(int(number or 1), 10_000))
        except ValueError:
            self.number = 1
        start = (self.number - 1) * size
        rows = list(queryset[start : start + size + 1])
        self.object_list = rows[:size]
        self._more = len(rows) > size

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self._more

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


@staff_required
def inbox(request):
    tab = request.GET.get("tab", "")
    if tab not in dict(TABS):
        tab = ""
    if tab:
        letters = selectors.inbox_tab(request.user, tab).select_related(
            "org_unit", "classification"
        )
    else:  # unread first, counted on the person's inbox rows (see selectors.UnreadFirst)
        letters = selectors.UnreadFirst(request.user)
    return render(
        request,
        "letters/inbox.html",
        {
            "counters": selectors.counters(request.user),
            "tabs": TABS,
            "tab": tab,
            "page": page_of(request, letters, 25),
            "can_register": services.registrar_units(request.user).exists(),
            "is_leader": hierarchy.is_leader(request.user),
        },
    )


def classification_options():
    return selectors.classifications("", limit=2000)


@staff_required
def register(request):
    if not services.registrar_units(request.user).exists():
        raise Http404
    form = RegisterForm(request.POST or None, request.FILES or None, user=request.user)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.register_incoming(
                actor=request.user, unit=form.cleaned_data["unit"], **form.letter_fields()
            )
        except services.DuplicateLetter as exc:
            form.add_error(None, exc.message)
            duplicates = [d for d in exc.duplicates if d in selectors.visible_letters(request.user)]
        except services.LetterError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("Surat diagendakan dengan nomor agenda %(n)s.") % {"n": letter.reference},
            )
            return redirect("letters:detail", letter.pk)
    return render(
        request,
        "letters/register.html",
        {"form": form, "duplicates": duplicates, "codes": classification_options()},
    )


def _detail_context(request, letter, dispose_form=None) -> dict:
    can_dispose = services.can_dispose(request.user, letter)
    received = selectors.received_dispositions(request.user, letter)
    current_review = letter.reviews.filter(decision="menunggu").order_by("order").first()
    if can_dispose and dispose_form is None:
        dispose_form = DisposeForm(user=request.user)
    return {
        "letter": letter,
        "files": letter.files.filter(disposition__isnull=True),
        "tree": selectors.disposition_tree(letter),
        "dispose_form": dispose_form if can_dispose else None,
        "received": [d for d in received if d.done_at is None],
        "report_form": ReportForm(),
        "reviews": letter.reviews.select_related("reviewer"),
        "recipients": letter.recipients.select_related("org_unit", "delivered_letter"),
        "deliveries": letter.deliveries.select_related("org_unit")
        if letter.direction == Letter.Direction.OUTGOING
        else [],
        "review_form": ReviewForm()
        if current_review
        and current_review.reviewer_id == request.user.pk
        and letter.status == Letter.Status.REVIEW
        else None,
        "can_edit": letter.direction == Letter.Direction.OUTGOING
        and letter.status == Letter.Status.DRAFT
        and letter.drafted_by_id == request.user.pk,
        "retention": retention.for_letter(letter),
        "today": timezone.localdate(),
    }


@staff_required
def detail(request, pk):
    letter = selectors.letter_for(request.user, pk)
    if selectors._is_circle_reader(request.user):  # a DPRD member: the council's own page
        target = circles.detail_url(letter)
        if target:
            return redirect(target)
    if letter.direction == Letter.Direction.INCOMING and request.method == "GET":
        services.mark_read(actor=request.user, letter=letter)
    return render(request, "letters/detail.html", _detail_context(request, letter))


@staff_required
@require_POST
def dispose(request, pk):
    """Two taps: recipients ticked, "Disposisikan". A refusal re-shows the page with the
    choices kept."""
    letter = selectors.letter_for(request.user, pk)
    return pagehelpers.submit_dispose(
        request,
        letter,
        DisposeForm(request.POST, user=request.user),
        lambda data: services.dispose(
            actor=request.user,
            letter=letter,
            to_units=list(data["units"]),
            to_users=list(data["people"]),
            instructions=data["instructions"],
            urgency=data["urgency"],
            due_date=data["due_date"],
            note=data["note"],
        ),
        detail="letters:detail",
        template="letters/detail.html",
        context=_detail_context,
    )


@staff_required
@require_POST
def withdraw(request, pk):
    disposition = selectors.disposition_for(request.user, pk)
    try:
        services.withdraw(actor=request.user, disposition=disposition)
    except services.LetterError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Disposisi ditarik."))
    return redirect("letters:detail", disposition.letter_id)


@staff_required
@require_POST
def report(request, pk):
    disposition = selectors.disposition_for(request.user, pk)
    return pagehelpers.submit_report(request, disposition, detail="letters:detail")


@staff_required
def file(request, pk, file_id):
    letter = selectors.letter_for(request.user, pk)
    stored = selectors.file_for(letter, file_id)
    response = FileResponse(
        stored.file.open("rb"),
        content_type=stored.content_type,
        as_attachment=True,
        filename=stored.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def archive(request):
    filters = selectors.filters_from(request.GET)
    letters = selectors.search(request.user, filters)
    return render(
        request,
        "letters/archive.html",
        {
            "filters": filters,
            "page": SearchPage(letters, request.GET.get("halaman"), 50),
            "sifat_choices": Letter.Sifat.choices,
            "direction_choices": Letter.Direction.choices,
            "codes": classification_options(),
        },
    )


@staff_required
def export_csv(request):
    letters = selectors.search(request.user, selectors.filters_from(request.GET))
    writer = csv_writer()
    header = [
        "id",
        "arah",
        "unit",
        "nomor_agenda",
        "nomor_surat",
        "nomor_pengirim",
        "tanggal_surat",
        "pengirim",
        "perihal",
        "sifat",
        "klasifikasi",
        "status",
        "dibuat",
        "retensi_aktif_sampai",
        "retensi_inaktif_sampai",
        "keterangan_akhir",
    ]
    schedule = retention.table()

    def rows():
        yield writer.writerow(header)
        for letter in letters.iterator(chunk_size=2000):
            kept = retention.for_letter(letter, schedule)
            yield writer.writerow(
                [
                    letter.pk,
                    letter.direction,
                    letter.org_unit.code,
                    f"{letter.agenda_number}/{letter.agenda_year}" if letter.agenda_number else "",
                    letter.letter_number,
                    letter.external_number,
                    letter.external_date.isoformat() if letter.external_date else "",
                    letter.sender_name,
                    letter.subject,
                    letter.sifat,
                    letter.classification.code,
                    letter.status,
                    timezone.localtime(letter.created_at).isoformat(timespec="minutes"),
                    kept.active_until.isoformat() if kept.active_until else "",
                    kept.inactive_until.isoformat() if kept.inactive_until else "",
                    kept.final_disposition,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="surat.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def classification_lookup(request):
    query = request.GET.get("q", "")
    return render(
        request,
        "letters/classification.html",
        {"query": query, "rows": selectors.classifications_with_retention(query, limit=200)},
    )


@staff_required
def performance(request):
    if not hierarchy.is_leader(request.user):
        raise Http404
    since, until, days = selectors.performance_period(request.GET.get("hari"))
    people, units = selectors.performance(request.user, since, until)
    return render(
        request,
        "letters/performance.html",
        {"people": people, "units": units, "days": days, "since": since, "until": until},
    )


def _hours(value: timedelta | None) -> str:
    return f"{value.total_seconds() / 3600:.1f}" if value is not None else ""


@staff_required
def performance_csv(request):
    """The same figures as a spreadsheet, e.g. as evidence for the SPBE evaluation."""
    if not hierarchy.is_leader(request.user):
        raise Http404
    since, until, _days = selectors.performance_period(request.GET.get("hari"))
    people, units = selectors.performance(request.user, since, until)
    writer = csv_writer()
    header = [
        "jenis",
        "penerima",
        "disposisi",
        "dibaca",
        "ditindak",
        "jatuh_tempo_atau_selesai",
        "selesai_tepat_waktu",
        "persen_tepat_waktu",
        "rata_rata_jam_baca",
        "rata_rata_jam_tindak",
        "dari",
        "sampai",
    ]

    def rows():
        yield writer.writerow(header)
        for kind, figures in (("pegawai", people), ("unit", units)):
            for f in figures:
                share = f.on_time_share
                yield writer.writerow(
                    [
                        kind,
                        f.label,
                        f.received,
                        f.read,
                        f.acted,
                        f.due,
                        f.on_time,
                        "" if share is None else share,
                        _hours(f.avg_read),
                        _hours(f.avg_act),
                        since.isoformat(),
                        until.isoformat(),
                    ]
                )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    name = f"kinerja-disposisi-{since.isoformat()}-{until.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
