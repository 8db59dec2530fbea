"""The profile model: one YAML file in ``data/rebels/`` becomes one :class:`Profile`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rebellab.directory.images import photo_problem
from rebellab.kernel.fields import Fields
from rebellab.kernel.references import References
from rebellab.sitebase.urls import Located

BIO_MAX_LENGTH = 1000
OFFER_MAX_LENGTH = 120
# Shared with data/schemas/profile.schema.json (a test keeps them equal).
MASTODON = re.compile(r"^@[A-Za-z0-9_.]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
KEYS = ("name", "organisation", "role", "partner", "region", "topics", "offers", "seeks",
        "bio", "contact", "image", "image_alt", "consent", "example")


@dataclass(frozen=True)
class ContactDetails:
    """Ways to reach a person; each optional."""

    email: str | None = None
    website: str | None = None
    mastodon: str | None = None
    linkedin: str | None = None


@dataclass(frozen=True)
class Profile(Located):
    """A Rebell*in who agreed, on ``consent``, to be listed."""

    URL_SETTING: ClassVar[str] = "PROFILE"

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
    contact: ContactDetails = ContactDetails()
    image: str | None = None  # path below content/images/
    image_alt: str | None = None
    example: bool = False  # fictional sample profile, marked as such on the site

    @classmethod
    def from_mapping(cls, slug: str, source: str, fields: Fields, refs: References
                     ) -> Profile | None:
        """Build from one profile file; None if required parts are unusable."""
        name = fields.text("name", required=True)
        organisation = fields.text("organisation", required=True)
        topics = fields.refs("topics", refs.topics, "Unbekanntes Thema", min_items=1,
                             list_known=True)
        bio = fields.markdown("bio", required=True, max_length=BIO_MAX_LENGTH)
        consent = fields.date("consent", required=True)
        if consent and refs.today and consent > refs.today:
            fields.error("consent", f"'consent' ({consent}) liegt in der Zukunft; eingetragen "
                                    "wird der Tag, an dem die Person zugestimmt hat.")
            consent = None
        image = _photo(fields, refs)
        profile = cls(
            slug=slug,
            source=source,
            name=name or "",
            organisation=organisation or "",
            topics=topics,
            bio=bio or "",
            consent=consent or date.min,
            role=fields.text("role"),
            partner=fields.ref("partner", refs.partners, "Unbekannter Partner", list_known=True),
            region=fields.text("region"),
            offers=fields.texts("offers", max_length=OFFER_MAX_LENGTH),
            seeks=fields.texts("seeks", max_length=OFFER_MAX_LENGTH),
            contact=_contact(fields),
            image=image,
            image_alt=fields.text("image_alt"),
            example=fields.flag("example"),
        )
        fields.finish(KEYS)
        if None in (name, organisation, bio, consent) or not topics:
            return None
        return profile


def _photo(fields: Fields, refs: References) -> str | None:
    """Read ``image``: a file below content/images/ that can be resized as a photo."""
    image = fields.ref("image", refs.images, "Unbekanntes Bild (nicht unter "
                                             "content/images/ gefunden)")
    if image is None or refs.images_folder is None:
        return image
    problem = photo_problem(refs.images_folder / image, image)
    if problem:
        fields.error("image", problem)
        return None
    return image


def _contact(fields: Fields) -> ContactDetails:
    sub = fields.mapping("contact")
    if sub is None:
        return ContactDetails()
    contact = ContactDetails(
        email=sub.pattern("email", EMAIL, "einer E-Mail-Adresse (name@beispiel.de)"),
        website=sub.url("website"),
        mastodon=sub.pattern("mastodon", MASTODON, "@name@server.tld"),
        linkedin=sub.url("linkedin"),
    )
    sub.finish()
    return contact
