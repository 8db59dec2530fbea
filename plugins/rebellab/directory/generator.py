"""Pelican side of the directory: builds the model in generate_context, writes pages after.

Pages: the listing (``DIRECTORY_URL``) and the facet pages by topic, organisation and
partner (``DIRECTORY_*_URL``), both paginated; one page per profile (``PROFILE_URL``), the
resized photos (``PROFILE_PHOTO_SAVE_AS``), and the open data (``PROFILES_DATA_SAVE_AS``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from rebellab.directory.bio import bio_html
from rebellab.directory.collation import initial, sort_text
from rebellab.directory.contact import spoken_email
from rebellab.directory.facets import (
    Facet,
    FacetNavigation,
    facet_navigation,
    organisation_facets,
    organisation_slug,
    partner_facets,
    sort_profiles,
    topic_facets,
)
from rebellab.directory.images import photo_name, resize_photo
from rebellab.directory.jsonld import mastodon_url, person
from rebellab.directory.model import Profile
from rebellab.directory.opendata import directory_document
from rebellab.directory.similar import kept_similar_profiles
from rebellab.kernel.files import cache_folder
from rebellab.sitebase.fingerprint import Lazy, lazy
from rebellab.sitebase.jsonld import safe_json, script_json_of
from rebellab.sitebase.output import write_bytes, write_derived
from rebellab.sitebase.pagination import paginate
from rebellab.sitebase.urls import absolute_url

PER_PAGE = 48


@dataclass(frozen=True)
class CrossLink:
    """Something to link from a profile: an event, a post, a project."""

    title: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class Directory:
    """What templates and other plugins need to know about the directory."""

    profiles: tuple[Profile, ...]
    by_slug: Mapping[str, Profile]
    topics: tuple[Facet, ...]
    organisations: tuple[Facet, ...]
    partners: tuple[Facet, ...]
    similar: Mapping[str, tuple[Profile, ...]]
    photos: Mapping[str, str]  # slug -> path of the resized photo, e.g. "rebellen/x/foto.jpg"
    organisation_titles: Mapping[str, str]  # organisation slug -> spelling on its page
    organisation_urls: Mapping[str, str]  # organisation slug -> its facet page
    organisation_slugs: Mapping[str, str]  # profile slug -> its organisation's slug
    navigation: FacetNavigation  # what listing pages show of the facets

    def organisation_name(self, profile: Profile) -> str:
        """Return the organisation as its facet page spells it (one spelling per slug)."""
        slug = self.organisation_slugs.get(profile.slug, "")
        return self.organisation_titles.get(slug, profile.organisation)

    def organisation_url(self, profile: Profile) -> str | None:
        """Path of the profile's organisation page; None if the name gives no slug."""
        return self.organisation_urls.get(self.organisation_slugs.get(profile.slug, ""))


class DirectoryGenerator(Generator):
    """Reads ``context['lab'].profiles``; writes the directory's pages and data export."""

    def generate_context(self) -> None:
        """Sort, facet and rank the profiles; prepare photos. Nothing is written yet."""
        lab = self.context["lab"]
        profiles = sort_profiles(lab.profiles)
        topic_titles = {key: topic.title for key, topic in lab.topics.items()}
        partner_names = {key: partner.name for key, partner in lab.partners.items()}
        self._photo_bytes = self._prepare_photos(profiles)
        organisations = organisation_facets(profiles, self.settings)
        topics = topic_facets(profiles, topic_titles, self.settings)
        partners = partner_facets(profiles, partner_names, self.settings)
        self.directory = Directory(
            profiles=profiles,
            by_slug={p.slug: p for p in profiles},
            topics=topics,
            organisations=organisations,
            partners=partners,
            similar=kept_similar_profiles(profiles, cache_folder(self.settings)),
            photos={slug: path for slug, (path, _) in self._photo_bytes.items()},
            organisation_titles={facet.key: facet.title for facet in organisations},
            organisation_urls={facet.key: facet.url for facet in organisations},
            organisation_slugs={p.slug: organisation_slug(p, self.settings) for p in profiles},
            navigation=facet_navigation(len(profiles), topics, organisations, partners),
        )
        self.context["directory"] = self.directory

    def generate_output(self, writer: Any) -> None:
        """Write the JSON export, listing, facet and profile pages, and photos.

        The export first: in a warm build, its fingerprint digests every profile in this
        process (rebellab.sitebase.incremental), before the writers that fingerprint the
        pages fork and find those digests. Each profile is on several pages (its own, the
        listing, its facets, the similar profiles of others) in different writers, which
        digested it again each time: a warm build of make bench's big lab took 2 CPU s more
        (4 pairs of warm builds side by side).
        """
        per_page = int(self.settings.get("DIRECTORY_PER_PAGE", PER_PAGE))
        self._write_open_data(writer)
        self._write_listing(writer, per_page)
        for facet in (*self.directory.topics, *self.directory.organisations,
                      *self.directory.partners):
            self._write_facet(writer, facet, per_page)
        self._write_profiles(writer)
        self._write_photos(writer)

    # -- pages -------------------------------------------------------------------------

    def _common(self) -> dict[str, Any]:
        lab = self.context["lab"]
        return {"directory": self.directory, "topics": lab.topics, "partners": lab.partners,
                "sort_text": sort_text, "initial": initial}

    def _write_listing(self, writer: Any, per_page: int) -> None:
        template = self.get_template("rebellen/index")
        for page in paginate(self.directory.profiles, url=self.settings["DIRECTORY_URL"],
                             save_as=self.settings["DIRECTORY_SAVE_AS"], per_page=per_page,
                             settings=self.settings):
            writer.write_file(page.save_as, template, self.context, url=page.url,
                              page=page, page_url=page.url, **self._common())

    def _write_facet(self, writer: Any, facet: Facet, per_page: int) -> None:
        template = self.get_template("rebellen/facet")
        for page in paginate(facet.profiles, url=facet.url, save_as=facet.save_as,
                             per_page=per_page, settings=self.settings):
            writer.write_file(page.save_as, template, self.context, url=page.url,
                              facet=facet, page=page, page_url=page.url, **self._common())

    def _write_profiles(self, writer: Any) -> None:
        shared = self._profile_pages()
        for profile in self.directory.profiles:
            self.write_profile(writer, profile, shared)

    def _profile_pages(self) -> dict[str, Any]:
        """Return what every profile page is written with: cross-links by profile, common values."""
        return {"template": self.get_template("rebellen/profile"),
                "posts": _posts_by_author(self.context.get("articles", ())),
                "events": _events_by_host(self.context["lab"].events),
                "projects": self.context.get("projects_by_person") or {},
                "common": self._common(),
                "titles": self._topic_titles()}  # one object for all pages: digested once

    def write_profile(self, writer: Any, profile: Profile,
                      shared: dict[str, Any] | None = None) -> None:
        """Write one profile's page (``shared``: :meth:`_profile_pages`, made once per build)."""
        shared = shared or self._profile_pages()
        url = profile.url(self.settings)
        writer.write_file(
            profile.save_as(self.settings), shared["template"], self.context, url=url,
            page_url=url, profile=profile,
            organisation_url=self.directory.organisation_url(profile),
            organisation_name=self.directory.organisation_name(profile),
            bio=lazy(bio_html, profile.bio),  # computed only if the page is rendered
            email=spoken_email(profile.contact.email) if profile.contact.email else None,
            mastodon_url=mastodon_url(profile.contact.mastodon),
            photo=self.directory.photos.get(profile.slug),
            hosted_events=shared["events"].get(profile.slug, ()),
            posts=shared["posts"].get(_name_key(profile.name), ()),
            projects=tuple(_project_link(p, self.settings)
                           for p in shared["projects"].get(profile.slug, ())),
            similar=self.directory.similar.get(profile.slug, ()),
            jsonld=self._person(profile, shared["titles"]),
            **shared["common"],
        )

    def _person(self, profile: Profile, topic_titles: dict[str, str]) -> Lazy:
        photo = self.directory.photos.get(profile.slug)
        return lazy(script_json_of, person, profile,
                    page_url=absolute_url(self.settings, profile.url(self.settings)),
                    topic_titles=topic_titles,
                    image_url=absolute_url(self.settings, photo) if photo else None)

    def _topic_titles(self) -> dict[str, str]:
        return {key: topic.title for key, topic in self.context["lab"].topics.items()}

    # -- files -------------------------------------------------------------------------

    def _prepare_photos(self, profiles: Sequence[Profile]) -> dict[str, tuple[str, bytes]]:
        """Resize every photo; the lab has checked that each can be (see photo_problem)."""
        images = Path(self.settings["PATH"]) / "images"
        photos: dict[str, tuple[str, bytes]] = {}
        for profile in profiles:
            if not profile.image:
                continue
            data = resize_photo(images / profile.image)
            path = self.settings["PROFILE_PHOTO_SAVE_AS"].format(
                slug=profile.slug, name=photo_name(profile.slug, data))
            photos[profile.slug] = (path, data)
        return photos

    def _write_photos(self, writer: Any) -> None:
        for path, data in self._photo_bytes.values():
            write_bytes(writer, path, data)

    def _write_open_data(self, writer: Any) -> None:
        # Made only when a profile or another input changed (a warm build links the file).
        write_derived(writer, self.settings["PROFILES_DATA_SAVE_AS"], lazy(
            _json_file, directory_document, self.directory.profiles, settings=self.settings,
            topic_titles=self._topic_titles(),
            image_urls={slug: absolute_url(self.settings, path)
                        for slug, path in self.directory.photos.items()},
            generated=self.context["today"]))


def _json_file(describe: Any, *args: Any, **kwargs: Any) -> bytes:
    """Return ``describe(*args, **kwargs)`` as a JSON file's bytes."""
    return (safe_json(describe(*args, **kwargs)) + "\n").encode("utf-8")


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _posts_by_author(articles: Sequence[Any]) -> dict[str, tuple[CrossLink, ...]]:
    """Blog posts per author name; a post's author matches a profile by its exact name."""
    posts: dict[str, list[Any]] = {}
    for article in articles:
        for author in getattr(article, "authors", ()):
            posts.setdefault(_name_key(str(author)), []).append(article)
    return {
        name: tuple(CrossLink(a.title, a.url, a.date.date().isoformat())
                    for a in sorted(items, key=lambda a: a.date, reverse=True))
        for name, items in posts.items()
    }


def _event_day(event: Any) -> date:
    return event.start.date() if isinstance(event.start, datetime) else event.start


def _events_by_host(events: Sequence[Any]) -> dict[str, tuple[Any, ...]]:
    hosted: dict[str, list[Any]] = {}
    for event in sorted(events, key=lambda e: (_event_day(e), e.slug), reverse=True):
        for host in event.hosts:
            hosted.setdefault(host, []).append(event)
    return {slug: tuple(items) for slug, items in hosted.items()}


def _project_link(project: Any, settings: Mapping[str, Any]) -> CrossLink:
    """Return a project of the library as a link from a profile page."""
    return CrossLink(str(project.title), project.url(settings))
