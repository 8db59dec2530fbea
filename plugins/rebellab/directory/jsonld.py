"""JSON-LD ``Person`` for profile pages: pure, serialised safely for a <script> element."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rebellab.directory.model import Profile


def person(profile: Profile, *, page_url: str, topic_titles: Mapping[str, str],
           image_url: str | None = None) -> dict[str, Any]:
    """schema.org ``Person`` with what the profile file states, minus the e-mail address.

    The address is left out on purpose: JSON-LD is made for machines, harvesters included.
    """
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "@id": page_url,
        "url": page_url,
        "name": profile.name,
        "worksFor": {"@type": "Organization", "name": profile.organisation},
        "knowsAbout": [topic_titles.get(key, key) for key in profile.topics],
    }
    if profile.role:
        data["jobTitle"] = profile.role
    if profile.region:
        data["workLocation"] = {"@type": "Place", "name": profile.region}
    if image_url:
        data["image"] = image_url
    same_as = [url for url in (profile.contact.website, profile.contact.linkedin,
                               mastodon_url(profile.contact.mastodon)) if url]
    if same_as:
        data["sameAs"] = same_as
    return data


def mastodon_url(handle: str | None) -> str | None:
    """``@name@server.tld`` -> ``https://server.tld/@name``."""
    if not handle:
        return None
    _, user, host = handle.split("@", 2)
    return f"https://{host}/@{user}"

