"""Query parameters as typed by anyone: small ASCII integers only, else None."""


def small_int(raw) -> int | None:
    text = str(raw or "")
    if not text or len(text) > 9 or not (text.isascii() and text.isdigit()):
        return None
    return int(text)
