"""A synthetic "big lab" for ``make bench``: ten years of posts, events, profiles, projects.

Everything is drawn from one seeded ``random.Random``, so the same seed and sizes give the
same bytes. The files follow the contributor formats (issues 3 and 6) and refer only to
keys of the repository's vocabularies (``data/formats.yaml``, ``topics.yaml``,
``partners.yaml``) and to profiles and methods that exist, so they pass validation.
"""

from __future__ import annotations

import random
import shutil
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import yaml
from pelican.settings import read_settings

from rebellab.kernel.slug import slugify

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from rebellab.kernel.files import MARKDOWN_SUFFIXES, file_slugs

FIRST_NAMES = (
    "Anna", "Bernd", "Claudia", "Deniz", "Elif", "Frank", "Gül", "Hannah", "Ingo", "Jana",
    "Kai", "Lea", "Malte", "Nadine", "Oliver", "Petra", "Quirin", "Rana", "Sven", "Tanja",
    "Ulrike", "Volker", "Wiebke", "Yusuf", "Zoe", "Jörg", "Sönke", "Björn", "Anja", "Murat",
    "Katharina", "Thomas", "Sabine", "Michael", "Julia", "Stefan", "Ayşe", "Lukas", "Miriam",
    "Dirk", "Ece", "Fabian", "Greta", "Henrik", "Iris", "Jonas", "Karin", "Leon", "Marta",
)
LAST_NAMES = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
    "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt",
    "Werner", "Krause", "Meier", "Lehmann", "Köhler", "Yılmaz", "Kaya", "Öztürk", "Jansen",
    "Peters", "Brinkmann", "Terhorst", "Hülsmann", "Kötter", "van den Berg", "Janßen",
)
ORGANISATIONS = (
    "Kreis Wesel", "Stadt Essen", "Stadt Lünen", "Stadt Dortmund", "Stadt Bochum",
    "Kreis Unna", "Stadt Moers", "Stadt Dinslaken", "Stadt Gelsenkirchen", "Kreis Recklinghausen",
    "Stadt Oberhausen", "Stadt Duisburg", "Regionalverband Ruhr", "Stadt Kamp-Lintfort",
)
PARTNER_OF_ORGANISATION = {"Kreis Wesel": "kreis-wesel", "Stadt Essen": "essen",
                           "Stadt Lünen": "luenen"}
ROLES = (
    "Sachbearbeitung Bürgerservice", "Digital-Lotsin", "Digital-Lotse", "Organisationsentwicklung",
    "Personalentwicklung", "Leitung Hauptamt", "Projektleitung Digitalisierung",
    "Referentin der Verwaltungsspitze", "Referent für Innovation", "IT-Koordination",
    "Gebäudemanagement", "Ausbildungsleitung", "Qualitätsmanagement", "Wissensmanagement",
)
REGIONS = ("Niederrhein", "Ruhrgebiet", "Östliches Ruhrgebiet", "Westliches Münsterland",
           "Rheinland")
OFFERS = (
    "Hospitation in unserem Bürgerbüro", "Lean Coffee moderieren", "Erfahrungen mit Desksharing",
    "Vorlagen für Dienstvereinbarungen", "Einführung in Design Thinking", "Kollegiale Beratung",
    "Begleitung bei Nutzertests", "Austausch zu E-Akte und Workflows", "Barcamp-Moderation",
    "Schulung zu Videokonferenzen", "Tipps für hybride Besprechungen",
)
SEEKS = (
    "Mitstreiter*innen für ein Pilotprojekt", "Erfahrungen mit Open-Space-Büros",
    "Austausch zu Onlinezugangsgesetz-Leistungen", "Sparringspartner*in für Führungsfragen",
    "Beispiele für gute Formularsprache", "Kontakte in andere Kommunen",
    "Ideen für digitale Teamrituale", "Hilfe bei der Evaluation eines Experiments",
)
CATEGORIES = ("Labor", "Praxisbericht", "Methoden", "Veranstaltungen", "Neue Arbeit",
              "Digitalisierung", "Interview", "Netzwerk")
TAGS = (
    "Homeoffice", "Mobiles Arbeiten", "Desksharing", "Büro der Zukunft", "Digital-Lotsen",
    "OZG", "Nutzerorientierung", "Design Thinking", "Service Design", "Lean Coffee", "Barcamp",
    "Zirkel", "Werkstatt", "Kulturwandel", "Führung", "Fehlerkultur", "Agilität", "Scrum",
    "Kanban", "E-Akte", "Open Government", "Open Data", "Bürgerbeteiligung", "Kreis Wesel",
    "Stadt Essen", "Stadt Lünen", "Förderung", "Wissenstransfer", "Onboarding",
    "Ausbildung", "Barrierefreiheit", "Leichte Sprache", "Prozessmanagement", "Automatisierung",
    "Künstliche Intelligenz", "Datenschutz", "Vernetzung", "Interkommunal", "Experimente",
    "Prototyping", "Nutzertest", "Formulare", "Terminvergabe", "Chatbot", "Wissensmanagement",
    "New Work", "Coworking", "Teamkultur", "Innovationslabor", "Veränderung",
)
SUBJECTS = (
    "Das Team aus dem Bürgerbüro", "Eine kleine Gruppe aus dem Hauptamt",
    "Das Team der Digital-Lotsinnen und -Lotsen", "Das Kollegium aus Lünen",
    "Die Kreisverwaltung Wesel", "Das Innovationsteam der Stadt Essen", "Der Zirkel",
    "Eine Projektgruppe aus drei Ämtern", "Die Ausbildungsleitung", "Das Gebäudemanagement",
)
VERBS = (
    "hat ausprobiert, wie", "berichtet davon, wie", "zeigt an einem Beispiel, wie",
    "hat gemeinsam mit Nutzerinnen und Nutzern erarbeitet, wie", "untersucht seit Monaten, wie",
    "fragt sich, wie", "hat in einer Werkstatt skizziert, wie",
)
OBJECTS = (
    "mobiles Arbeiten im Alltag wirklich gelingt", "ein Antrag verständlicher wird",
    "Besprechungen kürzer und trotzdem verbindlicher werden",
    "neue Kolleginnen und Kollegen schneller ankommen", "Büroflächen besser genutzt werden",
    "digitale Werkzeuge ohne Frust eingeführt werden", "Wissen nicht in Schubladen verschwindet",
    "Fehler zum Lernen statt zum Verstecken führen", "Bürgerinnen und Bürger früh mitreden",
    "eine Idee vom Flur in die Umsetzung kommt",
)
SENTENCES = (
    "Am Anfang stand eine einfache Frage aus dem Alltag.",
    "Wir haben klein angefangen und nach vier Wochen die ersten Ergebnisse ausgewertet.",
    "Nicht alles hat funktioniert, aber wir wissen jetzt deutlich mehr als vorher.",
    "Wichtig war uns, die Beschäftigten von Beginn an einzubeziehen.",
    "Die Personalvertretung war früh dabei und hat wertvolle Hinweise gegeben.",
    "Der Austausch mit anderen Verwaltungen hat uns Umwege erspart.",
    "Ein Prototyp aus Papier reichte, um die wichtigsten Fragen zu klären.",
    "Die Rückmeldungen waren überwiegend positiv, einige auch kritisch.",
    "Besonders hilfreich war ein fester Termin alle zwei Wochen.",
    "Für das nächste Quartal planen wir eine zweite Runde mit mehr Teams.",
    "Die Dokumentation liegt im gemeinsamen Laufwerk und darf gern genutzt werden.",
    "Wer mitmachen möchte, meldet sich einfach beim nächsten Meetup.",
    "Dabei zeigte sich, dass gute Kommunikation wichtiger ist als jedes Werkzeug.",
    "Die Führungskräfte haben den Versuch ausdrücklich unterstützt.",
    "Manche Abläufe sind über Jahrzehnte gewachsen und lassen sich nicht über Nacht ändern.",
    "Trotzdem lohnt es sich, mit einem kleinen Experiment zu beginnen.",
)
HEADINGS = (
    "Worum es ging", "Was wir ausprobiert haben", "Was wir gelernt haben", "Wie es weitergeht",
    "Stimmen aus dem Team", "Die wichtigsten Schritte", "Was andere übernehmen können",
    "Stolpersteine", "Ausblick",
)
LINKS = (
    ("Onlinezugangsgesetz", "https://www.onlinezugangsgesetz.de/"),
    ("Kreis Wesel", "https://www.kreis-wesel.de/"),
    ("Stadt Essen", "https://www.essen.de/"),
    ("Stadt Lünen", "https://www.luenen.de/"),
    ("Leichte Sprache", "https://www.leichte-sprache.org/"),
)
VENUES = (
    ("Kreishaus Wesel", "Reeser Landstraße 31, 46483 Wesel"),
    ("Rathaus Essen", "Porscheplatz 1, 45127 Essen"),
    ("Rathaus Lünen", "Willy-Brandt-Platz 1, 44532 Lünen"),
    ("Impact Hub Ruhr", "Rottstraße 24, 45127 Essen"),
    ("Stadtbibliothek Lünen", "Willy-Brandt-Platz 3, 44532 Lünen"),
)
PLATFORMS = ("BigBlueButton", "Jitsi Meet", "Webex", "Microsoft Teams")
EVENT_THEMES = (
    "Lean Coffee zu mobilem Arbeiten", "Desksharing in der Praxis", "Digital-Lotsen im Austausch",
    "Formulare verständlich machen", "Fehlerkultur in der Verwaltung", "Onboarding neu denken",
    "Nutzertests ohne Budget", "Wissen teilen statt horten", "Hybride Besprechungen",
    "Agile Methoden im Amt", "Barrierefreie Dokumente", "Bürgerbeteiligung digital",
)
PROJECT_THEMES = (
    "Neue Räume für das Bürgerbüro", "Digital-Lotsen-Netzwerk", "Formularwerkstatt",
    "Onboarding-Paten", "Hybrides Arbeiten im Team", "Offene Daten für alle",
    "Terminvergabe ohne Warteschlange", "Wissenslandkarte", "Lernexpedition Führung",
    "Coworking für Verwaltungen", "Leichte Sprache im Bescheid", "Chatbot-Experiment",
)
FIRST_DAY = date(2016, 1, 1)
DAYS = 11 * 365  # ten years back and one ahead
CONSENT_BEFORE = date(2025, 1, 1)  # consent lies in the past of any build
AUTHORS = 150  # people who write blog posts over ten years


class _Dumper(yaml.SafeDumper):
    """Writes multi-line texts as ``|`` blocks, the way people write Markdown in YAML."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


@dataclass(frozen=True)
class Sizes:
    """How many files of each kind the corpus gets."""

    posts: int = 2000
    events: int = 2000
    profiles: int = 10000
    projects: int = 200

    def scaled(self, divisor: int) -> Sizes:
        """Return the same corpus at ``1/divisor`` of the size (at least one of each)."""
        return Sizes(*(max(1, n // divisor) for n in
                       (self.posts, self.events, self.profiles, self.projects)))


@dataclass(frozen=True)
class Vocabulary:
    """The keys the synthetic files may refer to."""

    formats: tuple[str, ...]
    topics: tuple[str, ...]
    partners: tuple[str, ...]
    methods: tuple[str, ...]


class Writer:
    """Writes one corpus below a lab root, drawing everything from one seeded generator."""

    def __init__(self, root: Path, vocabulary: Vocabulary, seed: int,
                 settings: dict[str, object]) -> None:
        self.root = root
        self.vocabulary = vocabulary
        self.settings = settings  # Pelican's, for the site's slug table
        self.random = random.Random(seed)
        self.profile_slugs: list[str] = []
        self.profile_names: list[str] = []

    def slug(self, text: str) -> str:
        """File name or URL part as the site spells slugs (contributors use ``make new-*``)."""
        return slugify(text, self.settings)

    # -- text ---------------------------------------------------------------------------
    def sentence(self) -> str:
        """One German sentence, either composed or from the stock list."""
        pick = self.random.choice
        if self.random.random() < 0.5:
            return f"{pick(SUBJECTS)} {pick(VERBS)} {pick(OBJECTS)}."
        return pick(SENTENCES)

    def paragraph(self, sentences: int) -> str:
        """Sentences with some inline Markdown (emphasis, a link)."""
        parts = [self.sentence() for _ in range(sentences)]
        roll = self.random.random()
        if roll < 0.2:
            label, url = self.random.choice(LINKS)
            parts.append(f"Mehr dazu auf der Seite [{label}]({url}).")
        elif roll < 0.4:
            parts[0] = f"**{parts[0]}**"
        elif roll < 0.5:
            parts[-1] = f"*{parts[-1]}*"
        return " ".join(parts)

    def article_body(self, sections: int) -> str:
        """Write a blog text: lead, then sections with headings, lists and a quote."""
        blocks = [self.paragraph(4)]
        for heading in self.random.sample(HEADINGS, sections):
            blocks.append(f"## {heading}")
            blocks.append(self.paragraph(self.random.randint(3, 6)))
            kind = self.random.random()
            if kind < 0.35:
                blocks.append("\n".join(f"- {upper_first(self.random.choice(OBJECTS))}"
                                        for _ in range(self.random.randint(3, 5))))
            elif kind < 0.5:
                blocks.append("\n".join(f"{n}. {self.random.choice(SENTENCES)}"
                                        for n in range(1, self.random.randint(3, 5))))
            elif kind < 0.6:
                blocks.append(f"> {self.random.choice(SENTENCES)}")
            blocks.append(self.paragraph(self.random.randint(2, 5)))
        return "\n\n".join(blocks)

    def day(self, until: date | None = None) -> date:
        """Draw a day in the ten years the corpus spans (before ``until`` if given)."""
        days = (until - FIRST_DAY).days if until else DAYS
        return FIRST_DAY + timedelta(days=self.random.randrange(days))

    def person(self) -> str:
        """Draw a (not necessarily unique) full name."""
        return f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}"

    # -- files --------------------------------------------------------------------------
    def write_yaml(self, folder: str, slug: str, schema: str, data: dict[str, object]) -> Path:
        """One YAML file with the editor's schema comment on its first line."""
        path = self.root / "data" / folder / f"{slug}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
        path.write_text(f"# yaml-language-server: $schema=../schemas/{schema}.schema.json\n"
                        f"{body}", encoding="utf-8")
        return path

    def authors(self) -> list[str]:
        """Who writes posts: a circle of up to AUTHORS people from the directory."""
        names = self.profile_names[:AUTHORS] or [self.person() for _ in range(AUTHORS)]
        self.profile_names[:AUTHORS] = names
        return names

    def profiles(self, count: int) -> None:
        """``count`` profiles in ``data/rebels/`` with unique slugs."""
        seen: dict[str, int] = {}
        for _ in range(count):
            name = self.person()
            base = self.slug(name)
            seen[base] = seen.get(base, 0) + 1
            slug = base if seen[base] == 1 else f"{base}-{seen[base]}"
            self.profile_slugs.append(slug)
            self.profile_names.append(name)
            self.write_yaml("rebels", slug, "profile", self.profile(name))

    def profile(self, name: str) -> dict[str, object]:
        """Draw the fields of one profile."""
        organisation = self.random.choice(ORGANISATIONS)
        data: dict[str, object] = {
            "name": name,
            "organisation": organisation,
            "role": self.random.choice(ROLES),
        }
        if organisation in PARTNER_OF_ORGANISATION:
            data["partner"] = PARTNER_OF_ORGANISATION[organisation]
        data["region"] = self.random.choice(REGIONS)
        data["topics"] = self.random.sample(self.vocabulary.topics,
                                            self.random.randint(1, 3))
        data["offers"] = self.random.sample(OFFERS, self.random.randint(0, 3))
        data["seeks"] = self.random.sample(SEEKS, self.random.randint(0, 2))
        data["bio"] = self.paragraph(self.random.randint(2, 4))[:900]
        local = self.slug(name).replace("-", ".")
        contact: dict[str, str] = {"email": f"{local}@example.org"}
        if self.random.random() < 0.3:
            contact["mastodon"] = f"@{local.replace('.', '_')}@social.example.org"
        if self.random.random() < 0.3:
            contact["linkedin"] = f"https://www.linkedin.com/in/{self.slug(name)}"
        data["contact"] = contact
        data["consent"] = self.day(until=CONSENT_BEFORE)
        return data

    def events(self, count: int) -> list[str]:
        """``count`` events in ``data/events/``; returns their slugs."""
        slugs = []
        for number in range(count):
            fmt = self.random.choice(self.vocabulary.formats)
            start = self.day()
            slug = f"{start:%Y-%m}-{fmt}-{number:05d}"
            slugs.append(slug)
            self.write_yaml("events", slug, "event", self.event(fmt, start))
        return slugs

    def event(self, fmt: str, day: date) -> dict[str, object]:
        """Draw the fields of one event: timed or all-day, on site, online or hybrid."""
        pick = self.random.choice
        data: dict[str, object] = {"title": f"{pick(EVENT_THEMES)} ({upper_first(fmt)})",
                                   "format": fmt}
        if self.random.random() < 0.15:
            last = day + timedelta(days=self.random.randint(0, 2))
            data["start"], data["end"] = day, last
        else:
            begin = datetime.combine(day, datetime.min.time()).replace(
                hour=self.random.choice((9, 10, 14, 16, 17)),
                minute=self.random.choice((0, 30)))
            end = begin + timedelta(minutes=self.random.choice((60, 90, 120, 240)))
            data["start"], data["end"] = f"{begin:%Y-%m-%d %H:%M}", f"{end:%Y-%m-%d %H:%M}"
        attendance = self.random.random()
        if attendance < 0.6:
            venue, address = pick(VENUES)
            data["location"] = {"name": venue, "address": address,
                                "accessibility": "Stufenloser Zugang, barrierefreies WC."}
        if attendance > 0.45:
            data["online"] = {"url": f"https://meet.example.org/{self.slug(fmt)}-{day:%Y%m%d}",
                              "platform": pick(PLATFORMS)}
        data["description"] = self.event_description()
        if self.random.random() < 0.4:
            data["registration"] = {
                "url": f"https://www.eventbrite.de/e/{self.random.randrange(10**9, 10**10)}",
                "capacity": self.random.choice((12, 20, 30, 80, 150)),
                "status": pick(("open", "open", "waitlist", "full", "closed")),
            }
        data["partners"] = self.random.sample(self.vocabulary.partners,
                                              self.random.randint(0, 2))
        data["topics"] = self.random.sample(self.vocabulary.topics, self.random.randint(1, 2))
        if self.profile_slugs:
            data["hosts"] = self.random.sample(self.profile_slugs, self.random.randint(0, 2))
        if self.vocabulary.methods and self.random.random() < 0.3:
            data["method"] = pick(self.vocabulary.methods)
        if self.random.random() < 0.05:
            data["status"] = pick(("cancelled", "postponed"))
        if self.random.random() < 0.1:
            data["repeat"] = self.repeat(day)
        return {key: value for key, value in data.items() if value != []}

    def event_description(self) -> str:
        """Write a short Markdown description with an agenda list."""
        agenda = "\n".join(f"- {item}" for item in self.random.sample(
            ("Ankommen und Kennenlernen", "Kurzimpuls aus der Praxis", "Themen sammeln",
             "Arbeit in kleinen Gruppen", "Ergebnisse teilen", "Verabredungen treffen"), 3))
        return f"{self.paragraph(self.random.randint(2, 4))}\n\n**Ablauf**\n\n{agenda}\n"

    def repeat(self, day: date) -> dict[str, object]:
        """Draw a weekly or monthly series with ``count`` or ``until`` and an excluded date."""
        frequency = self.random.choice(("weekly", "monthly"))
        step = timedelta(days=7 if frequency == "weekly" else 31)
        series: dict[str, object] = {"frequency": frequency}
        if self.random.random() < 0.5:
            series["count"] = self.random.randint(3, 12)
        else:
            series["until"] = day + step * self.random.randint(3, 10)
        if frequency == "weekly":
            series["exclude"] = [day + step * 2]
        return series

    def posts(self, count: int) -> None:
        """``count`` blog posts in ``content/blog/`` with unique titles."""
        titles: set[str] = set()
        folder = self.root / "content" / "blog"
        folder.mkdir(parents=True, exist_ok=True)
        for number in range(count):
            title = self.unique_title(titles)
            when = datetime.combine(self.day(), datetime.min.time()).replace(
                hour=self.random.randint(7, 18), minute=self.random.choice((0, 15, 30, 45)))
            tags = ", ".join(self.random.sample(TAGS, self.random.randint(2, 5)))
            authors = ", ".join(self.random.sample(self.authors(), self.random.randint(1, 2)))
            header = (f"Title: {title}\nDate: {when:%Y-%m-%d %H:%M}\n"
                      f"Category: {self.random.choice(CATEGORIES)}\nTags: {tags}\n"
                      f"Authors: {authors}\nSummary: {self.sentence()}\n\n")
            path = folder / f"{when:%Y-%m}-beitrag-{number:05d}.md"
            path.write_text(header + self.article_body(self.random.randint(3, 5)) + "\n",
                            encoding="utf-8")

    def unique_title(self, taken: set[str]) -> str:
        """Draw a post title not used before (Pelican refuses two posts with one slug)."""
        base = f"{self.random.choice(EVENT_THEMES + PROJECT_THEMES)}: " \
               f"{upper_first(self.random.choice(OBJECTS))}"
        title, part = base, 1
        while self.slug(title) in taken:
            part += 1
            title = f"{base} (Teil {part})"
        taken.add(self.slug(title))
        return title

    def projects(self, count: int) -> None:
        """``count`` projects ("Vorhaben") in ``data/projects/``."""
        for number in range(count):
            theme = self.random.choice(PROJECT_THEMES)
            started = self.day()
            status = self.random.choice(("idee", "laeuft", "laeuft", "abgeschlossen"))
            data: dict[str, object] = {
                "title": f"{theme} {number + 1}",
                "summary": self.sentence(),
                "description": "\n\n".join(self.paragraph(4) for _ in range(3)),
                "status": status,
                "topics": self.random.sample(self.vocabulary.topics, self.random.randint(1, 2)),
                "partners": self.random.sample(self.vocabulary.partners,
                                               self.random.randint(1, 2)),
                "people": self.random.sample(self.profile_slugs,
                                             min(len(self.profile_slugs), 3)),
                "started": started,
            }
            if status == "abgeschlossen":
                data["ended"] = started + timedelta(days=self.random.randint(60, 500))
            elif self.random.random() < 0.4:
                data["seeking"] = self.random.choice(SEEKS)
            data["links"] = [{"title": label, "url": url}
                             for label, url in self.random.sample(LINKS, 1)]
            self.write_yaml("projects", f"vorhaben-{self.slug(theme)}-{number + 1:04d}",
                            "project", data)


def upper_first(text: str) -> str:
    """``text`` with its first letter capitalised and the rest unchanged."""
    return text[:1].upper() + text[1:]


def read_vocabulary(repo_root: Path) -> Vocabulary:
    """Keys of the repository's vocabularies and the slugs of its method pages."""
    def keys(name: str) -> tuple[str, ...]:
        with (repo_root / "data" / name).open(encoding="utf-8") as handle:
            return tuple(yaml.safe_load(handle))

    methods_folder = repo_root / "content" / "methoden"
    methods = tuple(sorted(file_slugs(methods_folder, MARKDOWN_SUFFIXES)))
    return Vocabulary(keys("formats.yaml"), keys("topics.yaml"), keys("partners.yaml"),
                      methods)


def generate(repo_root: Path, root: Path, sizes: Sizes, seed: int) -> Path:
    """Copy the repository's own ``content/`` and ``data/`` to ``root``, then add the corpus.

    Profiles come first: events and projects refer to them.
    """
    for folder in ("content", "data"):
        shutil.copytree(repo_root / folder, root / folder, dirs_exist_ok=True)
    settings = read_settings(str(repo_root / "pelicanconf.py"))
    writer = Writer(root, read_vocabulary(repo_root), seed, settings)
    writer.profiles(sizes.profiles)
    writer.events(sizes.events)
    writer.posts(sizes.posts)
    writer.projects(sizes.projects)
    return root
