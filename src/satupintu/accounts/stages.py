from allauth.account import stages
from allauth.core.exceptions import RateLimited
from allauth.core.ratelimit import respond_429


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
        try:
            return super().handle()
        except RateLimited:
            return respond_429(self.request), False
