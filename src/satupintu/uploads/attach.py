"""How a form takes files: finished resumable uploads named by id, or plain multipart files.

With JavaScript the page sends each file to `/unggah/` (tus) as soon as it is chosen and puts
the finished upload's id in the form as `<input name>_upload`; without JavaScript the file
comes with the form as usual. Either way the form's own checks run on the file, and after a
refused form the files that were fine are kept and shown again (`keep_received`), so nobody
sends them twice.

- Django forms: `ResumableFilesField` (a multiple-file field), and `bind(form, request)` in
  the view so the field knows whose uploads it may use.
- Views that read `request.FILES` themselves (application documents): `opened(request, name)`.
- Templates that write their own `<input type="file">`: `{% upload_input %}`
  (templatetags/uploads.py). All render `uploads/file_input.html`.
- After the form's service stored the files: `discard_used(files, user=...)`.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from satupintu.core.filechecks import MAX_FILES, check_upload
from satupintu.uploads import selectors, services

SUFFIX = "_upload"
ACCEPTED_TYPES = ("image/jpeg", "image/png", "image/webp", "application/pdf")
ACCEPT = ".jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/pdf"
_KEPT = "_sp_kept_uploads"


def missing_message() -> str:
    return _(
        "Berkas yang sudah diunggah tidak ditemukan lagi (mungkin kedaluwarsa). "
        "Pilih ulang berkasnya."
    )


def posted_ids(request, name: str) -> list[str]:
    if request is None or request.method != "POST":
        return []
    return request.POST.getlist(name + SUFFIX)


def opened(request, name: str):
    """The finished uploads the form names for input `name`, opened as files, and whether
    some id named nothing usable."""
    uploads, missing = selectors.finished(request, posted_ids(request, name))
    return [services.open_file(u) for u in uploads], bool(missing)


def kept(request, name: str) -> list:
    """Finished uploads to show again beside input `name`: those the form named, and files
    kept from this request's multipart post (`keep_received`)."""
    if request is None:
        return []
    ids = posted_ids(request, name) + getattr(request, _KEPT, {}).get(name, [])
    return selectors.finished(request, ids)[0]


def keep_received(request, name: str, *, check=check_upload) -> int:
    """The form was refused: keep the multipart files of input `name` that pass `check` as
    finished uploads, so the page shows them again instead of asking for them."""
    count = 0
    for received in request.FILES.getlist(name):
        try:
            checked = check(received)
        except ValidationError:
            continue
        upload = services.keep(
            user=request.user,
            session_owner=selectors.session_owner(request, create=True),
            checked=checked,
        )
        store = getattr(request, _KEPT, None)
        if store is None:
            store = {}
            setattr(request, _KEPT, store)
        store.setdefault(name, []).append(str(upload.public_id))
        count += 1
    return count


def used(files) -> list:
    """The upload records behind files (or CheckedFiles) a form cleaned."""
    records = []
    for item in files or []:
        handle = getattr(item, "upload", item)  # a CheckedFile holds the file as .upload
        record = getattr(handle, "upload_record", None)
        if record is not None:
            records.append(record)
    return records


def discard_used(files, *, user=None) -> None:
    services.discard_used(used(files), user=user)


def drop_refused(files, *, user=None) -> None:
    """Uploads whose file the form refused (wrong kind for a requirement): deleted now, so
    the page does not offer them again."""
    for record in used(files):
        services.terminate(record, user=user)


def input_context(
    request,
    name: str,
    *,
    input_id: str,
    multiple: bool = False,
    max_bytes: int | None = None,
    types=ACCEPTED_TYPES,
    accept: str = ACCEPT,
    describedby: str = "",
    max_files: int = MAX_FILES,
) -> dict:
    from django.urls import reverse

    return {
        "name": name,
        "upload_name": name + SUFFIX,
        "input_id": input_id,
        "multiple": multiple,
        "accept": accept,
        "types": ",".join(types),
        "max_bytes": min(max_bytes or settings.UPLOAD_MAX_BYTES, settings.UPLOAD_MAX_BYTES),
        "max_files": max_files if multiple else 1,
        "chunk_bytes": settings.UPLOAD_CHUNK_BYTES,
        "endpoint": reverse("uploads:collection"),
        "describedby": describedby,
        "kept": kept(request, name),
    }


class ResumableFilesWidget(forms.FileInput):
    allow_multiple_selected = True
    template_name = "uploads/file_input.html"
    request = None

    def value_from_datadict(self, data, files, name):
        return {"files": files.getlist(name), "ids": data.getlist(name + SUFFIX)}

    def value_omitted_from_data(self, data, files, name):
        return name not in files and (name + SUFFIX) not in data

    def get_context(self, name, value, attrs):
        attrs = attrs or {}
        context = input_context(
            self.request,
            name,
            input_id=attrs.get("id", f"id_{name}"),
            multiple=True,
            describedby=attrs.get("aria-describedby", ""),
        )
        return {"widget": {"name": name, "attrs": attrs}, **context}


class ResumableFilesField(forms.FileField):
    """Several files, each checked by content (`core.filechecks.check_upload`): sent with the
    form, or uploaded before through /unggah/. Cleans to a list of CheckedFile."""

    widget = ResumableFilesWidget
    default_error_messages = {
        "too_many": gettext_lazy("Paling banyak %(n)d berkas."),
    }

    def __init__(self, *, max_files: int = MAX_FILES, **kwargs):
        self.max_files = max_files
        self.request = None
        super().__init__(**kwargs)

    def bind(self, request) -> None:
        self.request = request
        self.widget.request = request

    def to_python(self, data):
        return data

    def clean(self, data, initial=None):
        if not isinstance(data, dict):  # a plain list of files (tests, other callers)
            data = {"files": data if isinstance(data, list | tuple) else [data], "ids": []}
        files = [f for f in data.get("files") or [] if f]
        uploads, missing = selectors.finished(self.request, data.get("ids") or [])
        if missing:
            raise ValidationError(missing_message(), code="missing_upload")
        if len(files) + len(uploads) > self.max_files:
            raise ValidationError(
                self.error_messages["too_many"] % {"n": self.max_files}, code="too_many"
            )
        checked = [check_upload(f) for f in files]
        checked += [check_upload(services.open_file(u)) for u in uploads]
        if self.required and not checked:
            raise ValidationError(self.error_messages["required"], code="required")
        return checked

    def has_changed(self, initial, data):
        return bool(data)


def bind(form, request):
    """Tell the form's resumable file fields whose uploads they may use; returns the form."""
    for field in form.fields.values():
        if isinstance(field, ResumableFilesField):
            field.bind(request)
    return form


def keep_form_files(form, request) -> int:
    """After a refused form: keep the multipart files of its resumable fields (see
    `keep_received`)."""
    return sum(
        keep_received(request, form.add_prefix(name))
        for name, field in form.fields.items()
        if isinstance(field, ResumableFilesField)
    )
