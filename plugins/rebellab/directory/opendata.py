"""The directory as open data (``PROFILES_DATA_SAVE_AS``, documented on the Daten page)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from rebellab.directory.jsonld import mastodon_url
from rebellab.directory.model import Profile
from rebellab.sitebase.markup import plain_text
from rebellab.sitebase.urls import absolute_url

FORMAT_VERSION = 1


def profile_record(profile: Profile, *, page_url: str, topic_titles: Mapping[str, str],
                   image_url: str | None) -> dict[str, Any]:
    """One person as published: everything from the file except the e-mail address."""
    contact = profile.contact
    return {
        "slug": profile.slug,
        "url": page_url,
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


def directory_document(profiles: Sequence[Profile], *, settings: Mapping[str, Any],
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
        "source": absolute_url(settings, settings["DIRECTORY_URL"]),
        "generated": generated.isoformat(),
        "count": len(profiles),
        "profiles": [profile_record(p, page_url=absolute_url(settings, p.url(settings)),
                                    topic_titles=topic_titles,
                                    image_url=image_urls.get(p.slug)) for p in profiles],
    }
