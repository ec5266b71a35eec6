from allauth.account import stages
from allauth.core.exceptions import RateLimited
from allauth.core.ratelimit import respond_429
from django.contrib import messages
from django.utils.translation import gettext as _

from satupintu.notifications import sms


class EmailVerificationStage(stages.EmailVerificationStage):
    """Accounts made with a phone number only are verified by SMS code, not by e-mail."""

    def handle(self):
        user = self.login.user
        if user is not None and not user.email:
            return None, True
        return super().handle()


class PhoneVerificationStage(stages.PhoneVerificationStage):
    """allauth raises RateLimited when an SMS code was sent too recently (per number, per IP);
    without this, a double-clicked sign-up or a busy kelurahan office got a server error."""

    def handle(self):
        user = self.login.user
        # The SMS budget is used up: an account with an e-mail address goes on without the SMS
        # code (the number stays unverified); a phone-only one is refused by the adapter.
        unverified = user is not None and user.email and user.phone and not user.phone_verified
        if unverified and sms.budget_left() <= 0:
            messages.warning(
                self.request,
                _(
                    "Nomor HP Anda belum diverifikasi: batas SMS harian layanan ini sudah "
                    "tercapai. Kami menghubungi Anda lewat e-mail."
                ),
            )
            return None, True
        try:
            return super().handle()
        except RateLimited:
            return respond_429(self.request), False
