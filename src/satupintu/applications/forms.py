"""Application forms generated from a service's published form version (JSON Schema + UI hints).

One Django form per step (`ui.steps`); the whole answer set is checked again with `jsonschema`
at submission. Supported field types: string (with `enum`/`oneOf`+`const` choices, `format`
"date"/"email", `pattern`, `minLength`/`maxLength`), integer and number (`minimum`/`maximum`),
boolean. Dates take `formatMinimum`/`formatMaximum`, fixed or relative to today
(`catalog.formrules`): a date of birth after today or "anak ke-0" is refused with a message
that names the field. UI widgets: textarea, select, date, nik, kk, phone.

Personal numbers: widget "nik" is checked with python-stdnum (`accounts.nik`), "phone" is
normalised to +62… (`accounts.phone`), "kk" (Nomor Kartu Keluarga) is checked for its structure:
16 digits, the first four a known province+kabupaten/kota code (python-stdnum's region table,
the same one NIK uses), digits 7-12 a real DDMMYY date (the date the card was issued) and a
serial that is not 0000. Their values are stored encrypted (see `answers`).
"""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from satupintu.accounts.nik import normalize_nik
from satupintu.accounts.phone import normalize_phone
from satupintu.catalog import formrules
from satupintu.catalog.form_i18n import localized
from satupintu.core.validators import no_markup

# Widgets whose answers are personal data: stored sealed (answers.py), shown masked.
SENSITIVE_WIDGETS = frozenset({"nik", "kk", "phone"})

INVALID_KK = _(
    "Nomor KK tidak valid: harus 16 angka dengan kode wilayah dan tanggal terbit yang benar."
)


def normalize_kk(raw: str) -> str:
    """Nomor Kartu Keluarga: 16 digits PPRRSS DDMMYY XXXX (see the module docstring)."""
    from stdnum import numdb

    number = "".join(ch for ch in (raw or "") if ch not in " -.").strip()
    if len(number) != 16 or not number.isdigit():
        raise ValidationError(INVALID_KK, code="invalid_kk")
    if not numdb.get("id/loc").info(number[:4])[0][1]:
        raise ValidationError(INVALID_KK, code="invalid_kk")
    day, month, year = int(number[6:8]), int(number[8:10]), int(number[10:12])
    try:
        date(2000 + year, month, day)
    except ValueError as exc:
        raise ValidationError(INVALID_KK, code="invalid_kk") from exc
    if number[12:] == "0000":
        raise ValidationError(INVALID_KK, code="invalid_kk")
    return number


def _normalizer(widget: str):
    return {"nik": normalize_nik, "kk": normalize_kk, "phone": normalize_phone}.get(widget)


class Step:
    def __init__(self, index: int, title: str, fields: list[str]):
        self.index, self.title, self.fields = index, title, fields

    def __repr__(self):
        return f"Step({self.index}, {self.title!r})"


class FormSpec:
    """A form version read for rendering: steps, field properties and hints."""

    def __init__(self, form_version):
        self.form_version = form_version
        # Labels in the visitor's language where the form version has them (ui["i18n"]);
        # names, values and rules stay those of the schema.
        schema, ui = localized(form_version.schema or {}, form_version.ui or {})
        schema, ui = schema or {}, ui or {}
        self.schema = schema
        self.properties: dict = schema.get("properties") or {}
        self.required = set(schema.get("required") or [])
        self.hints: dict = ui.get("fields") or {}
        raw_steps = ui.get("steps") or [
            {"title": gettext("Isian"), "fields": list(self.properties)}
        ]
        self.steps = [
            Step(
                i,
                str(s.get("title") or ""),
                [f for f in s.get("fields", []) if f in self.properties],
            )
            for i, s in enumerate(raw_steps)
        ]
        # Properties no step lists still get asked, on the last step.
        listed = {f for s in self.steps for f in s.fields}
        leftover = [f for f in self.properties if f not in listed]
        if leftover and self.steps:
            self.steps[-1].fields.extend(leftover)

    def widget(self, name: str) -> str:
        return (self.hints.get(name) or {}).get("widget", "")

    def label(self, name: str) -> str:
        return str(self.properties.get(name, {}).get("title") or name)

    @property
    def sensitive_fields(self) -> set[str]:
        return {n for n in self.properties if self.widget(n) in SENSITIVE_WIDGETS}

    def choices(self, name: str) -> list[tuple[str, str]] | None:
        prop = self.properties.get(name, {})
        labels = (self.hints.get(name) or {}).get("option_labels") or {}
        if "oneOf" in prop and all("const" in o for o in prop["oneOf"]):
            return [
                (str(o["const"]), labels.get(str(o["const"])) or str(o.get("title") or o["const"]))
                for o in prop["oneOf"]
            ]
        if "enum" in prop:
            return [(str(v), labels.get(str(v)) or str(v)) for v in prop["enum"]]
        return None

    def display(self, name: str, value) -> str:
        """A stored (plain) value as people read it."""
        if value is None or value == "":
            return ""
        choices = self.choices(name)
        if choices:
            return dict(choices).get(str(value), str(value))
        if isinstance(value, bool):
            return gettext("Ya") if value else gettext("Tidak")
        if self.widget(name) == "date" or self.properties.get(name, {}).get("format") == "date":
            try:
                return date.fromisoformat(str(value)).strftime("%d-%m-%Y")
            except ValueError:
                return str(value)
        return str(value)


def _field_for(spec: FormSpec, name: str) -> forms.Field:
    prop = spec.properties[name]
    hint = spec.hints.get(name) or {}
    widget = hint.get("widget", "")
    required = name in spec.required
    common = {
        "label": spec.label(name),
        "required": required,
        "help_text": hint.get("help") or prop.get("description") or "",
    }
    kind = prop.get("type", "string")
    choices = spec.choices(name)
    if choices is not None:
        empty = [("", gettext("— pilih —"))]
        return forms.ChoiceField(choices=empty + choices, **common)
    if kind == "boolean":
        return forms.BooleanField(**{**common, "required": False})
    if kind in ("integer", "number"):
        return _number_field(spec, name, prop, common)
    if formrules.is_date_field(prop, widget):
        return _date_field(spec, name, prop, common)
    if prop.get("format") == "email":
        return forms.EmailField(max_length=prop.get("maxLength") or 254, **common)
    if widget in SENSITIVE_WIDGETS:
        attrs = {"inputmode": "numeric" if widget != "phone" else "tel", "autocomplete": "off"}
        if widget == "phone":
            attrs["autocomplete"] = "tel"
        field = forms.CharField(max_length=25, widget=forms.TextInput(attrs=attrs), **common)
        field.validators.append(no_markup)
        return field
    validators = [no_markup]
    if prop.get("pattern"):
        validators.append(
            RegexValidator(prop["pattern"], message=gettext("Format isian tidak sesuai."))
        )
    return forms.CharField(
        min_length=prop.get("minLength"),
        max_length=prop.get("maxLength") or (5000 if widget == "textarea" else 300),
        widget=forms.Textarea(attrs={"rows": 4}) if widget == "textarea" else forms.TextInput,
        validators=validators,
        **common,
    )


def _number_field(spec: FormSpec, name: str, prop: dict, common: dict) -> forms.Field:
    label = spec.label(name)
    low, high = prop.get("minimum"), prop.get("maximum")
    messages = {}
    if low is not None:
        messages["min_value"] = formrules.number_too_small(label, low)
    if high is not None:
        messages["max_value"] = formrules.number_too_large(label, high)
    field_class = forms.IntegerField if prop.get("type") == "integer" else forms.FloatField
    return field_class(min_value=low, max_value=high, error_messages=messages, **common)


def _date_field(spec: FormSpec, name: str, prop: dict, common: dict) -> forms.Field:
    """A date with its limits resolved for today: enforced here, and given to the browser's
    date picker as min/max so impossible days cannot even be picked."""
    earliest, latest = formrules.date_limits(prop)
    attrs = {"type": "date"}
    if earliest:
        attrs["min"] = earliest.isoformat()
    if latest:
        attrs["max"] = latest.isoformat()
    field = forms.DateField(
        widget=forms.DateInput(attrs=attrs, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        **common,
    )
    label = spec.label(name)

    def within_limits(value: date) -> None:
        if earliest and value < earliest:
            raise ValidationError(
                formrules.date_too_early(label, prop, earliest), code="date_too_early"
            )
        if latest and value > latest:
            raise ValidationError(
                formrules.date_too_late(label, prop, latest), code="date_too_late"
            )

    field.validators.append(within_limits)
    return field


class StepForm(forms.Form):
    """The fields of one step. `answers()` gives JSON-ready values (plain, not yet sealed)."""

    def __init__(self, spec: FormSpec, step: Step, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec, self.step = spec, step
        for name in step.fields:
            self.fields[name] = _field_for(spec, name)

    def clean(self):
        cleaned = super().clean()
        for name in self.step.fields:
            normalize = _normalizer(self.spec.widget(name))
            value = cleaned.get(name)
            if normalize and value:
                try:
                    cleaned[name] = normalize(value)
                except ValidationError as exc:
                    self.add_error(name, exc)
        return cleaned

    def answers(self) -> dict:
        """Cleaned values for JSON: dates as ISO strings; empty optional values left out
        (None) so the schema's minLength etc. do not apply to what was not given."""
        result = {}
        for name in self.step.fields:
            value = self.cleaned_data.get(name)
            if isinstance(value, date):
                value = value.isoformat()
            if value in ("", None) and not isinstance(value, bool):
                value = None
            kind = self.spec.properties[name].get("type")
            if kind == "boolean":
                value = bool(value)
            result[name] = value
        return result


def step_form(form_version, index: int, data=None, initial=None) -> StepForm:
    spec = FormSpec(form_version)
    return StepForm(spec, spec.steps[index], data, initial=initial)


def validate_answers(form_version, answers: dict) -> dict[str, str]:
    """Check the whole answer set against the version's JSON Schema and the per-field rules.

    Returns {field name: Indonesian message}; empty when everything is valid. A message for the
    whole form (not one field) is under the key "".
    """
    from jsonschema import FormatChecker

    spec = FormSpec(form_version)
    errors: dict[str, str] = {}
    validator = formrules.validator_class()(spec.schema, format_checker=FormatChecker())
    for error in validator.iter_errors(answers):
        if error.validator == "required":
            for name in error.validator_value:
                if isinstance(error.instance, dict) and name not in error.instance:
                    errors.setdefault(
                        name, gettext("%(field)s wajib diisi.") % {"field": spec.label(name)}
                    )
            continue
        name = str(error.absolute_path[0]) if error.absolute_path else ""
        label = spec.label(name) if name else ""
        errors.setdefault(
            name,
            _limit_message(error, label)
            or gettext("Isian %(field)s tidak sesuai dengan formulir.") % {"field": label},
        )
    for name in spec.sensitive_fields:
        normalize = _normalizer(spec.widget(name))
        value = answers.get(name)
        if value and normalize:
            try:
                normalize(value)
            except ValidationError as exc:
                errors.setdefault(name, " ".join(str(m) for m in exc.messages))
    return errors


def _limit_message(error, label: str) -> str:
    """The same message the step form gives, for a limit broken in the stored answers."""
    prop = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "minimum":
        return formrules.number_too_small(label, error.validator_value)
    if error.validator == "maximum":
        return formrules.number_too_large(label, error.validator_value)
    if error.validator in (formrules.DATE_MIN, formrules.DATE_MAX):
        earliest, latest = formrules.date_limits(prop)
        if error.validator == formrules.DATE_MIN and earliest:
            return formrules.date_too_early(label, prop, earliest)
        if latest:
            return formrules.date_too_late(label, prop, latest)
    return ""


class DeclarationForm(forms.Form):
    declaration = forms.BooleanField(
        label=_(
            "Saya menyatakan bahwa data dan dokumen yang saya berikan benar dan dapat "
            "dipertanggungjawabkan."
        ),
        error_messages={"required": _("Centang pernyataan kebenaran data untuk mengirim.")},
    )


class CorrectionForm(forms.Form):
    note = forms.CharField(
        label=_("Pesan untuk petugas (opsional)"),
        required=False,
        max_length=2000,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Alasan pembatalan (opsional)"),
        required=False,
        max_length=1000,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("Ya, batalkan permohonan ini."),
        error_messages={"required": _("Centang untuk memastikan pembatalan.")},
    )
