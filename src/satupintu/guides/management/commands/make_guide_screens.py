"""Photograph every guide step's screen on a phone-sized headless Chromium (Debian's, never a
downloaded one) against a running site with the demo data, and save the pictures as small
WebP files under static/guides/. Run through `make guides` (scripts/make_guides.py), which
starts a throwaway demo site for it; the pictures are committed."""

import io
import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from satupintu.guides import registry

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    # Indonesian browser widgets ("Pilih file", dd/mm/yyyy) when Debian's chromium-l10n is
    # installed; without it Chromium has English only and says so below.
    "--lang=id",
]
LOCALE_PAK = Path("/usr/lib/chromium/locales/id.pak")
# A common phone (the one the issue tests on), at one device pixel per CSS pixel: sharp
# enough to read, small enough to load on a weak 3G link.
VIEWPORT = {"width": 390, "height": 844}


class Command(BaseCommand):
    help = "Ambil gambar layar untuk panduan (/panduan/). Dipakai oleh `make guides`."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", required=True, help="alamat situs demo yang berjalan")
        parser.add_argument(
            "--out",
            default=str(Path(settings.STATICFILES_DIRS[0]) / "guides"),
            help="folder gambar (bawaan: static/guides/)",
        )
        parser.add_argument("--only", default="", help="hanya panduan dengan slug ini")
        parser.add_argument("--chromium", default=CHROMIUM)
        parser.add_argument("--quality", type=int, default=55, help="mutu WebP (0-100)")

    def handle(self, base_url, out, only, chromium, quality, **options):
        # Playwright's sync API runs an event loop in this thread; the screens' functions still
        # make plain synchronous ORM calls, which is safe here (as in tests/e2e/conftest.py).
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        from playwright.sync_api import sync_playwright

        if not Path(chromium).exists():
            raise CommandError(f"{chromium} tidak ada: pasang paket Debian `chromium`.")
        if not LOCALE_PAK.exists():
            self.stderr.write(
                "Chromium tanpa bahasa Indonesia (paket Debian chromium-l10n): tombol berkas dan "
                "kolom tanggal di gambar akan berbahasa Inggris."
            )
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        shots = [
            step
            for guide in registry.all_guides()
            if not only or guide.slug == only
            for step in guide.steps
            if step.screen is not None and step.image
        ]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, headless=True, args=LAUNCH_ARGS
            )
            pages = {}
            try:
                for step in shots:
                    login = step.screen.login
                    if login not in pages:
                        pages[login] = self._page(browser, base_url, login)
                    size = self._photograph(pages[login], step, folder / step.image, quality)
                    self.stdout.write(f"{step.image}: {size // 1024} KB")
            finally:
                browser.close()

    def _page(self, browser, base_url, login):
        context = browser.new_context(
            base_url=base_url,
            viewport=VIEWPORT,
            device_scale_factor=1,
            locale="id-ID",
            reduced_motion="reduce",
        )
        context.set_default_timeout(30_000)
        page = context.new_page()
        if login == "citizen":
            from satupintu.demo import data

            page.goto("/akun/login/")
            form = page.locator("form[action='/akun/login/']")
            form.locator("[name='login']").fill(f"{data.CITIZEN[0]}@{data.DEMO_DOMAIN}")
            form.locator("[name='password']").fill(data.DEMO_PASSWORD)
            with page.expect_navigation():
                form.locator("button[type='submit']").click()
        elif login:
            raise CommandError(f"unknown login {login!r}")
        return page

    def _photograph(self, page, step, target: Path, quality: int) -> int:
        from PIL import Image

        screen = step.screen
        path = screen.path() if callable(screen.path) else screen.path
        page.goto(path, wait_until="load")
        if screen.prepare is not None:
            screen.prepare(page)
        if screen.focus:
            page.locator(screen.focus).first.evaluate(
                "el => { el.scrollIntoView({block: 'start'}); window.scrollBy(0, -12); }"
            )
        else:
            page.evaluate("window.scrollTo(0, 0)")
        # No caret or focus ring in the picture.
        page.evaluate("document.activeElement && document.activeElement.blur()")
        png = page.screenshot(type="png", animations="disabled", caret="hide")
        image = Image.open(io.BytesIO(png)).convert("RGB")
        image.save(target, "WEBP", quality=quality, method=6)
        return target.stat().st_size
