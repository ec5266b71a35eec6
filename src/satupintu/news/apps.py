from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "satupintu.news"
    label = "news"
    verbose_name = _("Informasi kota")

    def ready(self):
        from satupintu.backoffice import modules
        from satupintu.news import signals  # noqa: F401 - keeps the search index current
        from satupintu.org import permissions
        from satupintu.portal import entries
        from satupintu.projects import related

        modules.register(
            modules.Module(
                key="news",
                title=_("Berita, pengumuman, agenda"),
                description=_("Tulis, tinjau dan terbitkan informasi kota perangkat daerah."),
                url_name="news:staff_list",
                allowed=permissions.may_write_news,
            )
        )
        entries.register(
            entries.Entry(
                key="news",
                title=_("Berita dan agenda kota"),
                description=_("Berita, pengumuman dan agenda kegiatan perangkat daerah."),
                url_name="news:list",
                order=60,
            )
        )
        entries.register_panel(
            entries.Panel(key="news", template="news/_home.html", context=_latest, order=10)
        )
        related.register(
            related.Reader(
                key="berita", heading=_("Berita terkait"), read=_about, read_many=_about_many
            )
        )


def _latest(request) -> dict:
    from satupintu.news import selectors

    return {"news_latest": selectors.latest_for_home()}


def _entry(item):
    from django.urls import reverse

    from satupintu.projects import related

    return related.Entry(
        title=item.title,
        url=reverse("news:detail", args=[item.slug]),
        when=item.published_at,
        summary=item.summary,
    )


def _about(project) -> list:
    """News about a project, for its public page."""
    from satupintu.news import selectors

    return [_entry(item) for item in selectors.about_project(project)]


def _about_many(projects) -> dict:
    """News about each of a page of projects (public projects API), in one query."""
    from satupintu.news import selectors

    found = selectors.about_projects(projects)
    return {pk: [_entry(item) for item in items] for pk, items in found.items()}
