"""Entry points on the citizens' home page. Each app adds its own once it is built,
so the page never shows a link to something that does not exist yet.

A domain may also add a panel (`register_panel`): a small template of its own (the latest
news, say) with the context its callable gives. The home page includes each panel in order
and names none; a panel must stay light (no JavaScript, lazy images)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Entry:
    key: str
    title: str | Promise
    description: str | Promise
    url_name: str
    order: int = 100

    def url(self) -> str:
        return reverse(self.url_name)


_entries: dict[str, Entry] = {}


def register(entry: Entry) -> None:
    _entries[entry.key] = entry


def entries_for(request) -> list[Entry]:
    return sorted(_entries.values(), key=lambda e: (e.order, str(e.title)))


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    context: Callable[[object], dict]
    order: int = 100


@dataclass(frozen=True)
class ShownPanel:
    template: str
    data: dict


_panels: dict[str, Panel] = {}


def register_panel(panel: Panel) -> None:
    _panels[panel.key] = panel


def panels_for(request) -> list[ShownPanel]:
    """The panels to show, each with its data; a panel with nothing to show is left out."""
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.key)):
        data = panel.context(request)
        if any(data.values()):
            shown.append(ShownPanel(panel.template, data))
    return shown


register(
    Entry(
        key="complaints",
        title=_("Pengaduan dan aspirasi"),
        description=_("Laporkan masalah atau sampaikan usulan; pantau siapa yang menangani."),
        url_name="complaints:landing",
        order=10,
    )
)
register(
    Entry(
        key="track",
        title=_("Lacak laporan"),
        description=_("Lihat status laporan atau permohonan dengan kode lacak."),
        url_name="cases:track_form",
        order=20,
    )
)
register(
    Entry(
        key="catalog",
        title=_("Katalog layanan"),
        description=_("Semua layanan perangkat daerah: syarat, prosedur, waktu, biaya."),
        url_name="catalog:list",
        order=5,
    )
)
register(
    Entry(
        key="guides",
        title=_("Panduan"),
        description=_("Cara mengajukan, mengadu, melacak dan memeriksa dokumen, dengan gambar."),
        url_name="guides:list",
        order=70,
    )
)
register(
    Entry(
        key="opd",
        title=_("Perangkat daerah"),
        description=_("Dinas, badan, kecamatan dan kelurahan: tugas, alamat dan kontak."),
        url_name="portal:opd_list",
        order=80,
    )
)
register(
    Entry(
        key="wilayah",
        title=_("Kecamatan dan kelurahan"),
        description=_("Wilayah kota dan daerah pemilihan DPRD."),
        url_name="portal:regions",
        order=90,
    )
)
register(
    Entry(
        key="account",
        title=_("Akun saya"),
        description=_("Profil, data pribadi Anda dan hak Anda atas data itu."),
        url_name="accounts:profile",
        order=95,
    )
)
