from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from satupintu.cases import selectors as case_selectors
from satupintu.cases.models import Case
from satupintu.cases.services import CaseError
from satupintu.complaints import services
from satupintu.complaints.forms import ComplaintForm
from satupintu.complaints.workflow import KIND
from satupintu.org.selectors import kelurahan_choices

SESSION_SECRET_KEY = "complaint_secret"  # noqa: S105 - a session key name, not a secret


def _form(request, data=None, files=None):
    return ComplaintForm(
        data,
        files,
        categories=case_selectors.categories(KIND),
        kelurahan=kelurahan_choices(),
        user=request.user,
    )


def landing(request):
    return render(request, "complaints/landing.html")


@require_http_methods(["GET", "POST"])
def new(request):
    if request.method != "POST":
        return render(request, "complaints/new.html", {"form": _form(request)})
    form = _form(request, request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            case, secret = services.file_complaint(
                channel=Case.Channel.WEB,
                subtype=data["subtype"],
                category=data["category"],
                title=data["title"],
                description=data["description"],
                user=request.user,
                identity=data["identity"],
                reporter_name=data.get("reporter_name", ""),
                reporter_email=data.get("reporter_email", ""),
                reporter_phone=data.get("reporter_phone", ""),
                kelurahan=data["kelurahan"],
                rt=data["rt"],
                street=data["street"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                files=data["files"],
                idempotency_key=data["idempotency_key"],
            )
        except CaseError as exc:
            form.add_error(None, exc.message)
        else:
            if secret:
                request.session[SESSION_SECRET_KEY] = {case.tracking_code: secret}
            return redirect("complaints:sent", code=case.tracking_code)
    if request.FILES:
        messages.info(request, _("Demi keamanan, pilih ulang berkas yang ingin dilampirkan."))
    return render(request, "complaints/new.html", {"form": form}, status=400)


def sent(request, code):
    case = case_selectors.public_case(code)
    secret = (request.session.get(SESSION_SECRET_KEY) or {}).get(case.tracking_code)
    secret_url = None
    if secret:
        secret_url = request.build_absolute_uri(
            reverse("cases:track", args=[case.tracking_code]) + f"?k={secret}"
        )
    return render(request, "complaints/sent.html", {"case": case, "secret_url": secret_url})


def statistics(request):
    from satupintu.complaints.selectors import statistics as compute

    return render(request, "complaints/statistics.html", {"stats": compute()})
