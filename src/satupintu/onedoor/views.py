""" "Urusan saya" (/akun/urusan/) and the notification centre (/akun/notifikasi/).

Thin: the items come from every domain's source through the registry; linking reports is
`cases.holders`' business; the read marks are `onedoor.services`'."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from satupintu.cases import holders
from satupintu.onedoor import registry, selectors, services
from satupintu.onedoor.forms import PrivateLinkForm


def _page(request, link_form):
    overview = registry.overview(request.user)
    notice_list = selectors.notices(request.user, [i.code for i in overview.items if i.code])
    return render(
        request,
        "onedoor/mine.html",
        {
            "overview": overview,
            "claimable": holders.claimable(request.user).count(),
            "link_form": link_form,
            "unread": selectors.unread_count(notice_list),
        },
        status=400 if link_form.is_bound else 200,
    )


@never_cache
@login_required
@require_GET
def mine(request):
    return _page(request, PrivateLinkForm())


@never_cache
@login_required
@require_POST
def link_contact(request):
    count = holders.link_by_contact(request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d laporan ditautkan ke akun Anda.",
                "%(count)d laporan ditautkan ke akun Anda.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("Tidak ada laporan lain dengan e-mail atau nomor HP Anda."))
    return redirect("onedoor:mine")


@never_cache
@login_required
@require_http_methods(["POST"])
def link_secret(request):
    form = PrivateLinkForm(request.POST)
    if form.is_valid():
        try:
            case = holders.link_by_secret(request.user, form.cleaned_data["link"])
        except holders.LinkError as exc:
            form.add_error("link", exc.message)
        else:
            messages.success(
                request,
                _("Laporan %(code)s ditautkan ke akun Anda.") % {"code": case.tracking_code},
            )
            return redirect("onedoor:mine")
    return _page(request, form)


@never_cache
@login_required
@require_GET
def notifications(request):
    notice_list = selectors.notices(request.user)
    return render(
        request,
        "onedoor/notifications.html",
        {"notices": notice_list, "unread": selectors.unread_count(notice_list)},
    )


@never_cache
@login_required
@require_GET
def notification(request, message_id: int):
    notice = selectors.notice_or_404(request.user, message_id)
    services.mark_read(request.user, notice.message)
    return render(request, "onedoor/notification.html", {"notice": notice})


@never_cache
@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(request.user)
    if count:
        messages.success(request, _("Semua pesan ditandai sudah dibaca."))
    return redirect("onedoor:notifications")
