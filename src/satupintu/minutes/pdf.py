"""The minutes as a PDF document (classification code printed in the header).

Rendered from `minutes/pdf.html` by `documents.services.render_pdf` when that app is
installed, else by WeasyPrint directly, else (neither available) by a small built-in writer
that sets the same text in Helvetica, so the download works on any installation.
"""

import importlib
import textwrap

from django.apps import apps
from django.template.loader import render_to_string
from django.utils import timezone

from satupintu.minutes.models import Meeting
from satupintu.minutes.selectors import quorum

TEMPLATE = "minutes/pdf.html"


def context_for(meeting: Meeting) -> dict:
    return {
        "meeting": meeting,
        "agenda": list(meeting.agenda_items.all()),
        "attendances": list(meeting.attendances.select_related("unit")),
        "follow_ups": list(meeting.follow_ups.select_related("owner_user", "owner_unit")),
        "generated_at": timezone.now(),
        "quorum": quorum(meeting),
    }


def render_minutes_pdf(meeting: Meeting) -> bytes:
    context = context_for(meeting)
    if apps.is_installed("satupintu.documents"):
        services = importlib.import_module("satupintu.documents.services")
        render_pdf = getattr(services, "render_pdf", None)
        if render_pdf is not None:
            return render_pdf(TEMPLATE, context)
    try:
        weasyprint = importlib.import_module("weasyprint")
    except ImportError:
        return plain_pdf(text_lines(context))
    html = render_to_string(TEMPLATE, context)
    return weasyprint.HTML(string=html).write_pdf()


def filename(meeting: Meeting) -> str:
    return f"risalah-{meeting.pk}-{timezone.localtime(meeting.starts_at):%Y%m%d}.pdf"


# --- Built-in fallback writer -------------------------------------------------------------------


def text_lines(context: dict) -> list[tuple[str, str]]:
    """(style, text) lines: style "h" heading, "b" bold, "" body."""
    meeting = context["meeting"]
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    lines = [
        ("", f"Klasifikasi: {meeting.classification_code}"),
        ("", meeting.org_unit.name),
        ("h", "RISALAH RAPAT"),
        ("b", meeting.title),
        ("", f"Jenis: {meeting.get_kind_display()}"),
        ("", f"Waktu: {start:%d-%m-%Y %H.%M}-{end:%H.%M}"),
        ("", f"Tempat: {meeting.place}"),
        ("", f"Pimpinan rapat: {meeting.chair}"),
        ("", f"Notulis: {meeting.secretary}"),
        ("", ""),
        ("b", "Daftar hadir"),
    ]
    if context.get("quorum"):
        q = context["quorum"]
        met = "terpenuhi" if q.met else "tidak terpenuhi"
        lines.insert(-2, ("", f"Kuorum: {q.present} dari {q.total} anggota hadir ({met})"))
    for row in context["attendances"]:
        unit = f", {row.unit}" if row.unit else ""
        lines.append(("", f"- {row.name}{unit}: {row.get_status_display()}"))
    for item in context["agenda"]:
        lines += [("", ""), ("b", f"{item.order}. {item.title}")]
        if item.presenter:
            lines.append(("", f"Penyaji: {item.presenter}"))
        if item.discussion:
            lines += [("b", "Pembahasan"), *[("", t) for t in item.discussion.splitlines()]]
        if item.decisions:
            lines += [("b", "Keputusan"), *[("", t) for t in item.decisions.splitlines()]]
        codes = [link.code for link in item.decision_links.all()]
        if codes:
            lines.append(("", f"Menjawab: {', '.join(codes)}"))
    if meeting.summary:
        lines += [("", ""), ("b", "Kesimpulan"), *[("", t) for t in meeting.summary.splitlines()]]
    if context["follow_ups"]:
        lines += [("", ""), ("b", "Tindak lanjut")]
        for action in context["follow_ups"]:
            owner = action.owner_user or action.owner_unit
            lines.append(("", f"- {action.description} ({owner}, {action.due_date:%d-%m-%Y})"))
    if meeting.approved_at:
        approved = timezone.localtime(meeting.approved_at)
        lines += [("", ""), ("", f"Disetujui {meeting.chair} pada {approved:%d-%m-%Y %H.%M}")]
    return lines


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def plain_pdf(lines: list[tuple[str, str]]) -> bytes:
    """A text-only A4 PDF, uncompressed, with Helvetica and Helvetica-Bold."""
    width, height, margin, leading = 595, 842, 56, 15
    sizes = {"h": 15, "b": 11, "": 10}
    wrapped: list[tuple[str, str]] = []
    for style, text in lines:
        chunks = textwrap.wrap(text, 88 if style == "" else 80) or [""]
        wrapped += [(style, chunk) for chunk in chunks]
    per_page = (height - 2 * margin) // leading
    pages = [wrapped[i : i + per_page] for i in range(0, len(wrapped), per_page)] or [[]]

    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # pages tree, filled in below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    page_ids = []
    for number, page in enumerate(pages, start=1):
        stream = [b"BT"]
        y = height - margin
        for style, text in page:
            font = b"/F2" if style else b"/F1"
            stream.append(
                b"%s %d Tf 1 0 0 1 %d %d Tm (%s) Tj"
                % (font, sizes[style], margin, y, _escape(text))
            )
            y -= leading
        stream.append(
            b"/F1 8 Tf 1 0 0 1 %d %d Tm (%d/%d) Tj"
            % (width - margin - 20, margin - 24, number, len(pages))
        )
        stream.append(b"ET")
        content = b"\n".join(stream)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>" % (width, height, content_id)
        )
        page_ids.append(len(objects))
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for index, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (index, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
