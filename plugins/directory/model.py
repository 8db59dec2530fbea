"""The profile model: one YAML file in ``data/rebels/`` becomes one :class:`Profile`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from labdata.fields import Fields
from labdata.references import References

BIO_MAX_LENGTH = 1000
MASTODON = re.compile(r"^@[A-Za-z0-9_.]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
KEYS = ("name", "organisation", "role", "partner", "region", "topics", "offers", "seeks",
        "bio", "contact", "image", "image_alt", "consent", "example")


@dataclass(frozen=True)
class Contact:
    """Ways to reach a person; each optional."""

    email: str | None = None
    website: str | None = None
    mastodon: str | None = None
    linkedin: str | None = None


@dataclass(frozen=True)
class Profile:
    """A Rebell*in who agreed, on ``consent``, to be listed."""

    slug: str
    source: str
    name: str
    organisation: str
    topics: tuple[str, ...]
    bio: str
    consent: date
    role: str | None = None
    partner: str | None = None
    region: str | None = None
    offers: tuple[str, ...] = ()
    seeks: tuple[str, ...] = ()
    contact: Contact = Contact()
    image: str | None = None  # path below content/images/
    image_alt: str | None = None
    example: bool = False  # fictional sample profile, marked as such on the site

    @classmethod
    def from_mapping(cls, slug: str, source: str, fields: Fields, refs: References
                     ) -> Profile | None:
        """Build from one profile file; None if required parts are unusable."""
        name = fields.text("name", required=True)
        organisation = fields.text("organisation", required=True)
        topics = fields.refs("topics", refs.topics, "Unbekanntes Thema", min_items=1)
        bio = fields.text("bio", required=True, max_length=BIO_MAX_LENGTH)
        consent = fields.date("consent", required=True)
        image = fields.ref("image", refs.images, "Unbekanntes Bild (nicht unter "
                                                 "content/images/ gefunden)")
        profile = cls(
            slug=slug,
            source=source,
            name=name or "",
            organisation=organisation or "",
            topics=topics,
            bio=bio or "",
            consent=consent or date.min,
            role=fields.text("role"),
            partner=fields.ref("partner", refs.partners, "Unbekannter Partner"),
            region=fields.text("region"),
            offers=fields.texts("offers", max_length=120),
            seeks=fields.texts("seeks", max_length=120),
            contact=_contact(fields),
            image=image,
            image_alt=fields.text("image_alt"),
            example=fields.raw("example") is True,
        )
        fields.finish(KEYS)
        if None in (name, organisation, bio, consent) or not topics:
            return None
        return profile


def _contact(fields: Fields) -> Contact:
    sub = fields.mapping("contact")
    if sub is None:
        return Contact()
    email = sub.text("email")
    if email and not EMAIL.match(email):
        sub.error("email", f"'contact.email': '{email}' ist keine gültige E-Mail-Adresse.")
        email = None
    mastodon = sub.text("mastodon")
    if mastodon and not MASTODON.match(mastodon):
        sub.error("mastodon", f"'contact.mastodon': '{mastodon}' hat nicht die Form "
                              "@name@server.tld.")
        mastodon = None
    contact = Contact(email=email, website=sub.url("website"), mastodon=mastodon,
                      linkedin=sub.url("linkedin"))
    sub.finish()
    return contact
