"""The signed E-Pokir recap of a dapil (PDF): SETWAN for every dapil, a member for their own;
anyone else gets 404, as for the SIPD exports."""

from django.http import FileResponse, Http404, HttpResponse
from django.views.decorators.http import require_safe

from satupintu.backoffice.views import staff_required
from satupintu.dprd import recap, selectors, services


@staff_required
@require_safe
def district(request, number, year):
    own = selectors.member_for_user(request.user)
    allowed = services.is_setwan(request.user) or (own and own.district.number == number)
    found = selectors.district_or_none(number)
    if not allowed or found is None or not 2000 <= year <= 2100:
        raise Http404
    document = recap.signed_recap(found, year, actor=request.user)
    if document is None:  # no SETWAN seal on this installation: the plain PDF
        response = HttpResponse(recap.render_recap_pdf(found, year), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{recap.filename(found, year)}"'
        return response
    from satupintu.documents.services import open_signed_pdf

    return FileResponse(
        open_signed_pdf(document),
        as_attachment=True,
        filename=recap.filename(found, year),
        content_type="application/pdf",
    )
