import pytest
from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe

from satupintu.core import placeholders


def test_fill_replaces_known_names_and_leaves_everything_else_as_written():
    text = "{a} {b:03d} {{a}} {{ a }} {% debug %} {x} {a.b} {A} { a }"
    assert placeholders.fill(text, {"a": "1", "b": 7}) == (
        "1 007 {{a}} {{ a }} {% debug %} {x} {a.b} {A} { a }"
    )


def test_fill_escapes_for_html_except_safe_values_and_does_not_refill_values():
    values = {"name": "<b>{other}</b>", "other": "X", "qr": mark_safe("<svg/>")}
    assert (
        placeholders.fill("{name}|{qr}", values, html=True) == "&lt;b&gt;{other}&lt;/b&gt;|<svg/>"
    )


def test_fill_strict_and_bad_formats():
    with pytest.raises(placeholders.PlaceholderError) as raised:
        placeholders.fill("{seq}/{nope}", {"seq": 1}, strict=True)
    assert raised.value.names == ["{nope}"]
    # Only zero-padding of digits is a format; `{seq:>9999999}` is not str.format.
    assert placeholders.fill("{seq:>9999999}", {"seq": 1}) == "{seq:>9999999}"
    assert placeholders.fill("{code:04d}", {"code": "ABC"}) == "{code:04d}"


def test_check_lists_unknown_engine_syntax_bad_formats_missing_and_the_allowed():
    with pytest.raises(ValidationError) as raised:
        placeholders.check(
            "{{ user.password }} {x.y.z} {nomor:9} {unit:03d}",
            ["nomor", "unit"],
            numeric=["nomor"],
            required=["tanggal"],
        )
    message = raised.value.messages[0]
    assert "tidak dijalankan" in message
    assert "Placeholder tidak dikenal: {x.y.z}" in message
    assert "Format placeholder tidak didukung: {nomor:9}, {unit:03d}" in message
    assert "Templat harus memuat {tanggal}" in message
    assert message.endswith("Placeholder yang tersedia: {nomor}, {unit}.")
    placeholders.check("No. {nomor:04d} — {unit}", ["nomor", "unit"], numeric=["nomor"])
    assert placeholders.used("{b} {a} {b}") == ["b", "a"]
