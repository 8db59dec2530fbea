"""The lab's vocabularies: event formats, topics (Handlungsfelder) and partners."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rebellab.kernel.fields import Fields, check_slug
from rebellab.kernel.problems import Problem
from rebellab.kernel.yamlfile import LineDict


@dataclass(frozen=True)
class Format:
    """An event format such as the meetup or the camp."""

    key: str
    title: str
    description: str
    method: str | None

    @classmethod
    def from_mapping(cls, key: str, fields: Fields, methods: frozenset[str]) -> Format:
        """Build from one entry of ``data/formats.yaml``."""
        result = cls(
            key=key,
            title=fields.text("title", required=True) or key,
            description=fields.text("description", required=True) or "",
            method=fields.ref("method", methods, "Unbekannte Methode"),
        )
        fields.finish()
        return result


@dataclass(frozen=True)
class Topic:
    """A field of action (Handlungsfeld) with the words people search for."""

    key: str
    title: str
    description: str
    synonyms: tuple[str, ...]

    @classmethod
    def from_mapping(cls, key: str, fields: Fields) -> Topic:
        """Build from one entry of ``data/topics.yaml``."""
        result = cls(
            key=key,
            title=fields.text("title", required=True) or key,
            description=fields.text("description", required=True) or "",
            synonyms=fields.texts("synonyms"),
        )
        fields.finish()
        return result


@dataclass(frozen=True)
class PartnerContact:
    """A partner's contact person, by name and role only (no private data)."""

    name: str
    role: str | None


@dataclass(frozen=True)
class Partner:
    """A partner administration or organisation."""

    key: str
    name: str
    url: str | None
    kind: str | None
    description: str | None
    contacts: tuple[PartnerContact, ...]

    @classmethod
    def from_mapping(cls, key: str, fields: Fields) -> Partner:
        """Build from one entry of ``data/partners.yaml``."""
        result = cls(
            key=key,
            name=fields.text("name", required=True) or key,
            url=fields.url("url", required=True),
            kind=fields.text("kind"),
            description=fields.text("description"),
            contacts=_contacts(fields),
        )
        fields.finish()
        return result


def _contacts(fields: Fields) -> tuple[PartnerContact, ...]:
    contacts = []
    for item, line in fields.items("contacts"):
        if not isinstance(item, dict):
            fields.error("contacts", f"Jeder Eintrag in '{fields.name('contacts')}' braucht "
                                     "'name' und 'role'.", line=line)
            continue
        entry = Fields(item, fields.rel, fields.problems,
                       context=f"{fields.name('contacts')}.", line=line)
        contacts.append(PartnerContact(name=entry.text("name", required=True) or "",
                                role=entry.text("role", required=True)))
        entry.finish()
    return tuple(contacts)


def read_vocabulary(data: object, rel: str, problems: list[Problem], required: tuple[str, ...]
                    ) -> Mapping[str, Fields]:
    """Split a vocabulary file into one :class:`Fields` per valid key."""
    if data is None:
        return {}
    if not isinstance(data, LineDict):
        problems.append(Problem(rel, getattr(data, "line", 1),
                                "Die Datei muss eine Zuordnung von Schlüsseln zu Einträgen sein "
                                "(z. B. 'meetup:' und darunter eingerückt 'title: …')."))
        return {}
    entries: dict[str, Fields] = {}
    for key, value in data.items():
        line = data.key_lines[key]
        slug_problem = check_slug(key)
        if slug_problem:
            problems.append(Problem(rel, line, slug_problem))
            continue
        if not isinstance(value, dict):
            problems.append(Problem(rel, line, f"Der Eintrag '{key}' braucht eingerückte "
                                               "Unterschlüssel wie 'title' und 'description'."))
            continue
        entries[key] = Fields(value, rel, problems, context=f"{key}.", line=line)
    for key in required:
        if key not in data:
            problems.append(Problem(rel, 1, f"Der Eintrag '{key}' fehlt; er wird von der "
                                            "Website vorausgesetzt."))
    return entries
