"""``/daten/rebellen.json``: the directory as open data (documented in README/Daten page)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from rebellab.directory.jsonld import mastodon_url
from rebellab.directory.model import Profile
from rebellab.sitebase.markup import plain_text

FORMAT_VERSION = 1


def profile_record(profile: Profile, *, site_url: str, topic_titles: Mapping[str, str],
                   image_url: str | None) -> dict[str, Any]:
    """One person as published: everything from the file except the e-mail address."""
    contact = profile.contact
    return {
        "slug": profile.slug,
        "url": f"{site_url}/rebellen/{profile.slug}/",
        "name": profile.name,
        "organisation": profile.organisation,
        "role": profile.role,
        "partner": profile.partner,
        "region": profile.region,
        "topics": [{"key": key, "title": topic_titles.get(key, key)} for key in profile.topics],
        "offers": list(profile.offers),
        "seeks": list(profile.seeks),
        "bio": plain_text(profile.bio),
        "links": {
            "website": contact.website,
            "mastodon": mastodon_url(contact.mastodon),
            "linkedin": contact.linkedin,
        },
        "image": image_url,
        "image_alt": profile.image_alt if image_url else None,
        "consent": profile.consent.isoformat(),
        "example": profile.example,
    }


def directory_document(profiles: Sequence[Profile], *, site_url: str,
                       topic_titles: Mapping[str, str], image_urls: Mapping[str, str],
                       generated: date) -> dict[str, Any]:
    """Build the whole export, profiles in alphabetical order."""
    return {
        "version": FORMAT_VERSION,
        "description": "Verzeichnis der Rebell*innen des Verwaltungsrebellen-Labors. Jede "
                       "Person hat der Veröffentlichung zugestimmt (Feld 'consent'). "
                       "E-Mail-Adressen sind bewusst nicht enthalten. Bitte nutzen Sie die "
                       "Daten, um sich zu vernetzen – nicht für Werbung. Wer aus dem "
                       "Verzeichnis gelöscht wird, fehlt auch hier ab dem nächsten Build.",
        "source": f"{site_url}/rebellen/",
        "generated": generated.isoformat(),
        "count": len(profiles),
        "profiles": [profile_record(p, site_url=site_url, topic_titles=topic_titles,
                                    image_url=image_urls.get(p.slug)) for p in profiles],
    }
