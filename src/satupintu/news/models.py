"""City information (informasi kota): news, announcements and city events written by OPD
editors, with a lead image, an editorial flow and scheduled publication.

An item is public when its status is `published` and its `published_at` has come: a future
`published_at` keeps it hidden until then, checked at query time (`selectors.public_items`), so
no task has to flip it. Status changes are new `StatusChange` rows checked against
`workflow.TRANSITIONS`. Every write goes through `services`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from satupintu.core.validators import no_markup


class Item(models.Model):
    class Kind(models.TextChoices):
        NEWS = "berita", _("Berita")
        ANNOUNCEMENT = "pengumuman", _("Pengumuman")
        EVENT = "agenda", _("Agenda kota")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        REVIEW = "review", _("Menunggu tinjauan")
        PUBLISHED = "published", pgettext_lazy("news status", "Terbit")

    org_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("perangkat daerah"),
        on_delete=models.PROTECT,
        related_name="news_items",
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices, db_index=True)
    title = models.CharField(_("judul"), max_length=200, validators=[no_markup])
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.CharField(_("ringkasan"), max_length=400, validators=[no_markup])
    # Sanitised HTML (services.clean_body, an allow-list): the template shows it as it is.
    body = models.TextField(_("isi"), blank=True)
    body_text = models.TextField(_("isi (teks)"), blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("waktu terbit"), null=True, blank=True, db_index=True)
    # Agenda kota only: when and where.
    starts_at = models.DateTimeField(_("mulai"), null=True, blank=True, db_index=True)
    ends_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    place = models.CharField(_("tempat"), max_length=250, blank=True, validators=[no_markup])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penulis"),
        on_delete=models.PROTECT,
        related_name="news_items",
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    # The staff API's Idempotency-Key, scoped to the user: a retried create makes no twin.
    idempotency_key = models.CharField(
        max_length=120, null=True, blank=True, unique=True, editable=False
    )
    # The development projects the item is about, of the item's OPD (services.set_projects
    # checks it): the project page lists the item under "Berita terkait" once it is public.
    projects = models.ManyToManyField(
        "projects.Project",
        verbose_name=_("proyek terkait"),
        blank=True,
        related_name="news_items",
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("informasi kota")
        verbose_name_plural = _("informasi kota")
        indexes = [models.Index(fields=["status", "published_at"], name="news_public_idx")]

    def __str__(self):
        return self.title

    @property
    def is_event(self) -> bool:
        return self.kind == self.Kind.EVENT


class StatusChange(models.Model):
    """One step of an item's editorial flow, never changed afterwards."""

    item = models.ForeignKey(
        Item, verbose_name=_("informasi"), on_delete=models.CASCADE, related_name="changes"
    )
    from_status = models.CharField(_("dari"), max_length=20, choices=Item.Status.choices)
    to_status = models.CharField(_("menjadi"), max_length=20, choices=Item.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("catatan"), max_length=500, blank=True)
    at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("perubahan status informasi")
        verbose_name_plural = _("perubahan status informasi")

    def __str__(self):
        return f"{self.item_id}: {self.from_status} → {self.to_status}"


class Image(models.Model):
    """An item's lead image: the checked original and its renditions (a few widths, WebP and
    a JPEG fallback), all in the default storage and served by `views_public.image`."""

    item = models.OneToOneField(
        Item, verbose_name=_("informasi"), on_delete=models.CASCADE, related_name="image"
    )
    alt_text = models.CharField(_("teks alternatif"), max_length=250, validators=[no_markup])
    original = models.FileField(_("berkas asli"), upload_to="news/original/")
    width = models.PositiveIntegerField(_("lebar"))
    height = models.PositiveIntegerField(_("tinggi"))
    # {"480": {"webp": "news/…/480.webp", "jpeg": "news/…/480.jpg"}, …}
    renditions = models.JSONField(_("ukuran"), default=dict)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("gambar informasi")
        verbose_name_plural = _("gambar informasi")

    def __str__(self):
        return self.alt_text

    def widths(self) -> list[int]:
        return sorted(int(width) for width in self.renditions)


class GalleryImage(models.Model):
    """One picture of an item's gallery, in the editor's order: checked and resized exactly
    as the lead image (`images.prepare`), alt text required, a caption optional."""

    item = models.ForeignKey(
        Item, verbose_name=_("informasi"), on_delete=models.CASCADE, related_name="gallery"
    )
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    alt_text = models.CharField(_("teks alternatif"), max_length=250, validators=[no_markup])
    caption = models.CharField(_("keterangan"), max_length=300, blank=True, validators=[no_markup])
    original = models.FileField(_("berkas asli"), upload_to="news/gallery/")
    width = models.PositiveIntegerField(_("lebar"))
    height = models.PositiveIntegerField(_("tinggi"))
    renditions = models.JSONField(_("ukuran"), default=dict)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("gambar galeri")
        verbose_name_plural = _("gambar galeri")

    def __str__(self):
        return self.alt_text

    def widths(self) -> list[int]:
        return sorted(int(width) for width in self.renditions)
