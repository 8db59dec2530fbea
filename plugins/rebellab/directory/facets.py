"""Static browse pages of the directory: by topic, by administration, by partner; paginated."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rebellab.directory.collation import sort_key
from rebellab.directory.model import Profile
from rebellab.kernel.slug import slugify

BASE = "rebellen"


@dataclass(frozen=True)
class Facet:
    """One browse page group, e.g. everyone working on the topic 'neue-arbeit'."""

    kind: str  # "thema", "verwaltung" or "partner"
    key: str  # the URL segment
    title: str
    profiles: tuple[Profile, ...]

    @property
    def url(self) -> str:
        """Path without leading slash, e.g. ``rebellen/thema/neue-arbeit/``."""
        return f"{BASE}/{self.kind}/{self.key}/"


@dataclass(frozen=True)
class Page:
    """One page of a paginated listing."""

    number: int
    count: int
    items: tuple[Profile, ...]
    url: str
    previous_url: str | None
    next_url: str | None
    first_url: str
    last_url: str

    @property
    def save_as(self) -> str:
        """Output file below the output folder."""
        return f"{self.url}index.html"


def sort_profiles(profiles: Iterable[Profile]) -> tuple[Profile, ...]:
    """Profiles in German alphabetical order of their names (slug breaks ties)."""
    return tuple(sorted(profiles, key=lambda p: (sort_key(p.name), p.slug)))


def topic_facets(profiles: Sequence[Profile], titles: Mapping[str, str]) -> tuple[Facet, ...]:
    """One facet per topic that has at least one profile, in vocabulary order."""
    return tuple(
        Facet("thema", key, title, members)
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
    facets = [Facet("verwaltung", slug, _most_common_name(members), tuple(members))
              for slug, members in groups.items()]
    return tuple(sorted(facets, key=lambda f: (sort_key(f.title), f.key)))


def partner_facets(profiles: Sequence[Profile], names: Mapping[str, str]) -> tuple[Facet, ...]:
    """One facet per partner that has at least one profile, in vocabulary order."""
    return tuple(
        Facet("partner", key, name, members)
        for key, name in names.items()
        if (members := tuple(p for p in profiles if p.partner == key))
    )


def organisation_slug(profile: Profile, settings: Mapping[str, Any]) -> str:
    """Return the URL segment of the profile's organisation page."""
    return slugify(profile.organisation, settings)


def paginate(items: Sequence[Profile], url: str, per_page: int) -> tuple[Page, ...]:
    """Split ``items`` into pages; page 1 at ``url``, page n at ``url + 'seite/n/'``."""
    chunks = [tuple(items[i:i + per_page]) for i in range(0, len(items), per_page)] or [()]
    urls = [url] + [f"{url}seite/{n}/" for n in range(2, len(chunks) + 1)]
    return tuple(
        Page(number=n + 1, count=len(chunks), items=chunk, url=urls[n],
             previous_url=urls[n - 1] if n > 0 else None,
             next_url=urls[n + 1] if n + 1 < len(chunks) else None,
             first_url=urls[0], last_url=urls[-1])
        for n, chunk in enumerate(chunks)
    )


def _most_common_name(members: Sequence[Profile]) -> str:
    counts: dict[str, int] = {}
    for profile in members:
        counts[profile.organisation] = counts.get(profile.organisation, 0) + 1
    return min(counts, key=lambda name: (-counts[name], sort_key(name)))
