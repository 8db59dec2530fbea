"""Static browse pages of the directory: by topic, by administration, by partner; paginated."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rebellab.directory.collation import sort_key
from rebellab.directory.model import Profile
from rebellab.kernel.slug import slugify
from rebellab.sitebase.urls import setting_save_as, setting_url

# The settings that place each kind of facet page (DIRECTORY_TOPIC_URL, ...).
URL_SETTINGS = {"thema": "DIRECTORY_TOPIC", "verwaltung": "DIRECTORY_ORGANISATION",
                "partner": "DIRECTORY_PARTNER"}


@dataclass(frozen=True)
class Facet:
    """One browse page group, e.g. everyone working on the topic 'neue-arbeit'."""

    kind: str  # "thema", "verwaltung" or "partner"
    key: str  # the URL segment
    title: str
    profiles: tuple[Profile, ...]
    url: str  # page 1, without leading slash
    save_as: str  # page 1's file

    @property
    def count(self) -> int:
        """The number of profiles.

        Facet pages show it from here, not as ``facet.profiles|length``: a page that reads
        the profiles depends on all of them (page fingerprints, rebellab.sitebase.fingerprint).
        After one changed name, a warm build of make bench's big lab rendered all 202 pages of
        the profile's facets again instead of the few that list it.
        """
        return len(self.profiles)


def facet(kind: str, key: str, title: str, profiles: tuple[Profile, ...],
          settings: Mapping[str, Any]) -> Facet:
    """Build a facet placed by the settings for its kind."""
    name = URL_SETTINGS[kind]
    return Facet(kind, key, title, profiles, url=setting_url(settings, name, slug=key),
                 save_as=setting_save_as(settings, name, slug=key))


@dataclass(frozen=True)
class FacetLink:
    """A link to a facet page with its number of profiles, as the browse lists show it."""

    title: str
    url: str
    count: int


@dataclass(frozen=True)
class FacetNavigation:
    """The browse lists of the directory: what listing pages show of all facets.

    Pages read this rather than the facets themselves, so that a changed profile changes
    only the pages that list it (page fingerprints, rebellab.sitebase.fingerprint).
    """

    profile_count: int
    topics: tuple[FacetLink, ...]
    organisations: tuple[FacetLink, ...]
    partners: tuple[FacetLink, ...]


def facet_navigation(profile_count: int, topics: Iterable[Facet],
                     organisations: Iterable[Facet], partners: Iterable[Facet]
                     ) -> FacetNavigation:
    """Make the browse lists for ``topics``, ``organisations`` and ``partners``."""
    def links(facets: Iterable[Facet]) -> tuple[FacetLink, ...]:
        return tuple(FacetLink(f.title, f.url, len(f.profiles)) for f in facets)

    return FacetNavigation(profile_count, links(topics), links(organisations), links(partners))


def sort_profiles(profiles: Iterable[Profile]) -> tuple[Profile, ...]:
    """Profiles in German alphabetical order of their names (slug breaks ties)."""
    return tuple(sorted(profiles, key=lambda p: (sort_key(p.name), p.slug)))


def topic_facets(profiles: Sequence[Profile], titles: Mapping[str, str],
                 settings: Mapping[str, Any]) -> tuple[Facet, ...]:
    """One facet per topic that has at least one profile, in vocabulary order."""
    return tuple(
        facet("thema", key, title, members, settings)
        for key, title in titles.items()
        if (members := tuple(p for p in profiles if key in p.topics))
    )


def organisation_facets(profiles: Sequence[Profile], settings: Mapping[str, Any]
                        ) -> tuple[Facet, ...]:
    """One facet per organisation name, sorted alphabetically.

    Names that give the same slug (``Stadt Lünen`` / ``Stadt Luenen``) share one page,
    titled by the most frequent spelling; ``settings`` are Pelican's, for the slug.
    """
    groups: dict[str, list[Profile]] = {}
    for profile in profiles:
        slug = organisation_slug(profile, settings)
        if slug:
            groups.setdefault(slug, []).append(profile)
    facets = [facet("verwaltung", slug, _most_common_name(members), tuple(members), settings)
              for slug, members in groups.items()]
    return tuple(sorted(facets, key=lambda f: (sort_key(f.title), f.key)))


def partner_facets(profiles: Sequence[Profile], names: Mapping[str, str],
                   settings: Mapping[str, Any]) -> tuple[Facet, ...]:
    """One facet per partner that has at least one profile, in vocabulary order."""
    return tuple(
        facet("partner", key, name, members, settings)
        for key, name in names.items()
        if (members := tuple(p for p in profiles if p.partner == key))
    )


def organisation_slug(profile: Profile, settings: Mapping[str, Any]) -> str:
    """Return the URL segment of the profile's organisation page."""
    return slugify(profile.organisation, settings)


def _most_common_name(members: Sequence[Profile]) -> str:
    counts: dict[str, int] = {}
    for profile in members:
        counts[profile.organisation] = counts.get(profile.organisation, 0) + 1
    return min(counts, key=lambda name: (-counts[name], sort_key(name)))
