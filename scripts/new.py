r"""Create a new content file from a few answers: ``make new-event`` (or -profile, -post, -project).

Asks in German on the terminal, or takes everything as options for scripts and tests:

    python scripts/new.py event --title "Meetup in Essen" --start "2026-12-03 16:30" \\
        --location-name "Rathaus Essen" --address "Porscheplatz 1, 45127 Essen" \\
        --description "Wir tauschen uns aus." --non-interactive

Never overwrites a file. Checks the new file with the rules of ``make check`` and prints
every problem as ``path:line: message``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

# The repository (for scripts.*) and the plugins (for rebellab.*) when run as a script.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rebellab.kernel.fields import check_url, parse_date, parse_date_or_datetime
from rebellab.lab.load import load_site_lab
from scripts.contentwriter import (
    FOLDERS,
    RENDERERS,
    REPO,
    FileExists,
    check_file,
    file_slug,
    render_post,
    site_settings,
    write_new,
)

PROJECT_STATUSES = ("idee", "laeuft", "abgeschlossen")
DEFAULT_AUTHOR = "Redaktion Verwaltungsrebellen-Labor"


class Abort(Exception):
    """A German message for the contributor; the script exits with status 1."""


class Asker:
    """Gets each answer from the options, the terminal, or the default (in that order)."""

    def __init__(self, options: argparse.Namespace) -> None:
        self.options = options
        self.interactive = not options.non_interactive

    def ask(self, name: str, prompt: str, *, default: str = "", required: bool = False,
            check: Callable[[str], str | None] | None = None) -> str:
        """Return the answer for option ``name``; ``check`` gives a German complaint or None."""
        given = getattr(self.options, name, None)
        if given is not None:
            return self._checked(given.strip(), prompt, required, check)
        if not self.interactive:
            return self._checked(default, prompt, required, check)
        while True:
            suffix = f" [{default}]" if default else ""
            answer = input(f"{prompt}{suffix}: ").strip() or default
            problem = _problem(answer, required, check)
            if problem is None:
                return answer
            print(f"  → {problem}")

    def _checked(self, value: str, prompt: str, required: bool,
                 check: Callable[[str], str | None] | None) -> str:
        problem = _problem(value, required, check)
        if problem:
            raise Abort(f"{prompt}: {problem}")
        return value


def _problem(value: str, required: bool, check: Callable[[str], str | None] | None
             ) -> str | None:
    if not value:
        return "Bitte ausfüllen." if required else None
    return check(value) if check else None


def split_list(text: str) -> list[str]:
    """Split ``"a, b,c"`` into ``["a", "b", "c"]``."""
    return [item.strip() for item in text.split(",") if item.strip()]


def one_of(known: dict[str, str] | tuple[str, ...], what: str) -> Callable[[str], str | None]:
    """Make a check that every comma-separated answer is one of ``known``."""
    def check(value: str) -> str | None:
        unknown = [item for item in split_list(value) if item not in known]
        if unknown:
            return f"{what} unbekannt: {', '.join(unknown)}. Möglich: {', '.join(known)}."
        return None
    return check


def date_check(value: str) -> str | None:
    """Complaint if ``value`` is not ``JJJJ-MM-TT`` (``heute`` is accepted)."""
    parsed = parse_date(_today_word(value))
    return parsed if isinstance(parsed, str) else None


def start_check(value: str) -> str | None:
    """Complaint if ``value`` is neither ``JJJJ-MM-TT HH:MM`` nor ``JJJJ-MM-TT``."""
    parsed = parse_date_or_datetime(value)
    return parsed if isinstance(parsed, str) else None


def url_check(value: str) -> str | None:
    """Complaint if ``value`` is not an http(s) address."""
    return check_url(value)


def _today_word(value: str) -> str:
    return date.today().isoformat() if value.strip().lower() == "heute" else value.strip()


def _choices(mapping: dict[str, Any], label: Callable[[Any], str]) -> dict[str, str]:
    return {key: label(value) for key, value in mapping.items()}


def _show(title: str, choices: dict[str, str], interactive: bool) -> None:
    if interactive and choices:
        print(f"{title}: " + "; ".join(f"{key} = {label}" for key, label in choices.items()))


# -- the four kinds ------------------------------------------------------------------------
def event_values(ask: Asker, vocab: dict[str, dict[str, str]]) -> tuple[str, dict[str, Any]]:
    """Questions for an event; returns the slug and the values."""
    title = ask.ask("title", "Titel der Veranstaltung", required=True)
    _show("Formate", vocab["formats"], ask.interactive)
    format_key = ask.ask("format", "Format", default="meetup", required=True,
                         check=one_of(vocab["formats"], "Format"))
    start = ask.ask("start", "Beginn (JJJJ-MM-TT HH:MM; nur JJJJ-MM-TT für ganztägig)",
                    required=True, check=start_check)
    parsed = parse_date_or_datetime(start)
    assert not isinstance(parsed, str)  # start_check accepted it
    default_end = (parsed + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M") \
        if isinstance(parsed, datetime) else ""
    end = ask.ask("end", "Ende (gleiches Format wie Beginn)", default=default_end,
                  required=isinstance(parsed, datetime), check=start_check)
    place = ask.ask("location_name", "Ort (Name; leer lassen, wenn nur online)")
    address = ask.ask("address", "Adresse des Ortes", required=True) if place else ""
    online = ask.ask("online_url", "Online-Link (leer lassen, wenn nur vor Ort"
                     + (")" if place else "; 'folgt' wenn er später kommt)"),
                     required=not place, check=lambda v: None if v == "folgt" else url_check(v))
    description = ask.ask("description", "Beschreibung (Markdown; in der Datei erweiterbar)",
                          required=True)
    _show("Themen", vocab["topics"], ask.interactive)
    topics = ask.ask("topics", "Themen (Schlüssel, durch Komma getrennt)",
                     check=one_of(vocab["topics"], "Thema"))
    values: dict[str, Any] = {
        "title": title, "format": format_key, "start": start, "end": end or None,
        "location": {"name": place, "address": address} if place else None,
        "online": _online(online), "description": description,
        "topics": split_list(topics),
    }
    month = (parsed.date() if isinstance(parsed, datetime) else parsed).strftime("%Y-%m")
    return f"{month}-{file_slug(title)}", values


def _online(answer: str) -> Any:
    if not answer:
        return None
    return True if answer == "folgt" else {"url": answer}


def profile_values(ask: Asker, vocab: dict[str, dict[str, str]]
                   ) -> tuple[str, dict[str, Any]]:
    """Questions for a profile ("Rebell*in")."""
    name = ask.ask("name", "Name", required=True)
    organisation = ask.ask("organisation", "Organisation (Verwaltung oder Einrichtung)",
                           required=True)
    role = ask.ask("role", "Rolle oder Funktion")
    _show("Partner", vocab["partners"], ask.interactive)
    partner = ask.ask("partner", "Partner (Schlüssel, falls zutreffend)",
                      check=one_of(vocab["partners"], "Partner"))
    _show("Themen", vocab["topics"], ask.interactive)
    topics = ask.ask("topics", "Themen (mindestens eines; Schlüssel, durch Komma getrennt)",
                     required=True, check=one_of(vocab["topics"], "Thema"))
    bio = ask.ask("bio", "Kurz über die Person (höchstens 1000 Zeichen)", required=True,
                  check=lambda v: None if len(v) <= 1000 else f"{len(v)} Zeichen; höchstens 1000.")
    email = ask.ask("email", "E-Mail-Adresse für Kontakt (optional, nur dienstlich)")
    consent = ask.ask("consent", "Datum der Einwilligung zur Veröffentlichung (JJJJ-MM-TT "
                      "oder 'heute')", required=True, check=date_check)
    values = {"name": name, "organisation": organisation, "role": role or None,
              "partner": partner or None, "topics": split_list(topics), "bio": bio,
              "contact": {"email": email} if email else None,
              "consent": _today_word(consent)}
    return file_slug(name), values


def project_values(ask: Asker, vocab: dict[str, dict[str, str]]
                   ) -> tuple[str, dict[str, Any]]:
    """Questions for a project ("Vorhaben")."""
    title = ask.ask("title", "Titel des Vorhabens", required=True)
    summary = ask.ask("summary", "Worum geht es, in einem Satz?", required=True)
    status = ask.ask("status", "Stand (idee, laeuft, abgeschlossen)", default="idee",
                     check=one_of(PROJECT_STATUSES, "Stand"))
    _show("Themen", vocab["topics"], ask.interactive)
    topics = ask.ask("topics", "Themen (Schlüssel, durch Komma getrennt)", required=True,
                     check=one_of(vocab["topics"], "Thema"))
    _show("Partner", vocab["partners"], ask.interactive)
    partners = ask.ask("partners", "Beteiligte Partner (Schlüssel, durch Komma getrennt)",
                       check=one_of(vocab["partners"], "Partner"))
    people = ask.ask("people", "Beteiligte Personen (Kurznamen der Profile, durch Komma "
                     "getrennt)", check=one_of(vocab["profiles"], "Profil"))
    seeking = ask.ask("seeking", "Welche Unterstützung wird gesucht? (optional)")
    started = ask.ask("started", "Begonnen am (JJJJ-MM-TT)", default=date.today().isoformat(),
                      required=True, check=date_check)
    description = ask.ask("description", "Beschreibung (Markdown; in der Datei erweiterbar)",
                          required=True)
    values = {"title": title, "summary": summary, "status": status,
              "topics": split_list(topics), "partners": split_list(partners),
              "people": split_list(people), "seeking": seeking or None,
              "started": _today_word(started), "description": description}
    return file_slug(title), values


def post_values(ask: Asker, categories: list[str]) -> tuple[str, dict[str, Any]]:
    """Questions for a blog post."""
    title = ask.ask("title", "Titel des Beitrags", required=True)
    now = datetime.now().strftime("%Y-%m-%d %H:%M")
    when = ask.ask("date", "Datum (JJJJ-MM-TT HH:MM)", default=now, required=True,
                   check=start_check)
    if categories and ask.interactive:
        print("Vorhandene Kategorien: " + ", ".join(categories))
    category = ask.ask("category", "Kategorie", default=categories[0] if categories else
                       "Labor", required=True)
    tags = ask.ask("tags", "Schlagwörter (durch Komma getrennt)")
    authors = ask.ask("authors", "Autor*innen (durch Komma getrennt)", default=DEFAULT_AUTHOR,
                      required=True)
    summary = ask.ask("summary", "Zusammenfassung in einem Satz", required=True)
    text = ask.ask("text", "Erster Absatz (danach in der Datei weiterschreiben)", required=True)
    values = {"title": title, "date": when, "category": category, "tags": split_list(tags),
              "authors": split_list(authors), "summary": summary, "text": text}
    return f"{when[:7]}-{file_slug(title)}", values


def vocabularies(root: Path) -> dict[str, dict[str, str]]:
    """Keys and titles of formats, topics, partners, and the profile slugs, for the questions."""
    lab = load_site_lab(root, site_settings())
    return {
        "formats": _choices(dict(lab.formats), lambda f: f.title),
        "topics": _choices(dict(lab.topics), lambda t: t.title),
        "partners": _choices(dict(lab.partners), lambda p: p.name),
        "profiles": {p.slug: p.name for p in lab.profiles},
    }


def blog_categories(root: Path) -> list[str]:
    """Categories used by existing posts, most used first."""
    counts: dict[str, int] = {}
    for path in sorted((root / "content" / "blog").glob("**/*.md")):
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            if line.lower().startswith("category:"):
                name = line.split(":", 1)[1].strip()
                counts[name] = counts.get(name, 0) + 1
            if not line.strip():
                break
    return sorted(counts, key=lambda name: (-counts[name], name))


# -- command line --------------------------------------------------------------------------
OPTIONS = {
    "event": ("title", "format", "start", "end", "location_name", "address", "online_url",
              "description", "topics"),
    "profile": ("name", "organisation", "role", "partner", "topics", "bio", "email",
                "consent"),
    "project": ("title", "summary", "status", "topics", "partners", "people", "seeking",
                "started", "description"),
    "post": ("title", "date", "category", "tags", "authors", "summary", "text"),
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Options: the kind, then one option per question."""
    parser = argparse.ArgumentParser(
        description="Neue Datei anlegen: Veranstaltung (event), Profil (profile), Blogbeitrag "
                    "(post) oder Vorhaben (project). Fehlende Angaben werden erfragt.")
    parser.add_argument("kind", choices=("event", "profile", "post", "project"))
    parser.add_argument("--root", default=os.environ.get("LAB_ROOT", str(REPO)),
                        help="Ordner mit content/ und data/ (Standard: das Repository)")
    parser.add_argument("--slug", help="Dateiname ohne Endung (Standard: aus dem Titel)")
    parser.add_argument("--non-interactive", action="store_true",
                        help="nichts fragen; fehlende Pflichtangaben sind ein Fehler")
    for name in sorted({name for names in OPTIONS.values() for name in names}):
        kinds = ", ".join(kind for kind, names in OPTIONS.items() if name in names)
        parser.add_argument("--" + name.replace("_", "-"), dest=name, metavar="TEXT",
                            help=f"{OPTION_HELP.get(name, name)} ({kinds})")
    return parser.parse_args(argv)


OPTION_HELP = {
    "title": "Titel", "format": "Format-Schlüssel, z. B. meetup",
    "start": "Beginn JJJJ-MM-TT HH:MM oder JJJJ-MM-TT", "end": "Ende, wie Beginn",
    "location_name": "Name des Ortes", "address": "Adresse des Ortes",
    "online_url": "Online-Link oder 'folgt'", "description": "Beschreibung (Markdown)",
    "topics": "Themen-Schlüssel, durch Komma getrennt", "name": "Name der Person",
    "organisation": "Organisation", "role": "Rolle", "partner": "Partner-Schlüssel",
    "bio": "Kurzvorstellung", "email": "E-Mail-Adresse", "consent": "Datum der Einwilligung",
    "summary": "Zusammenfassung in einem Satz", "status": "idee, laeuft oder abgeschlossen",
    "partners": "Partner-Schlüssel, durch Komma getrennt",
    "people": "Profil-Kurznamen, durch Komma getrennt", "seeking": "gesuchte Unterstützung",
    "started": "Beginn JJJJ-MM-TT", "date": "Datum JJJJ-MM-TT HH:MM", "category": "Kategorie",
    "tags": "Schlagwörter, durch Komma getrennt", "authors": "Autor*innen, durch Komma getrennt",
    "text": "erster Absatz",
}


def target(root: Path, kind: str, slug: str) -> Path:
    """Where the new file goes."""
    if kind == "post":
        return root / "content" / "blog" / f"{slug}.md"
    return root / FOLDERS[kind] / f"{slug}.yaml"


def create(options: argparse.Namespace) -> Path:
    """Ask, write, and return the path of the new file."""
    root = Path(options.root).resolve()
    ask = Asker(options)
    if options.kind == "post":
        slug, values = post_values(ask, blog_categories(root))
        text = render_post(values)
    else:
        questions = {"event": event_values, "profile": profile_values,
                     "project": project_values}[options.kind]
        slug, values = questions(ask, vocabularies(root))
        text = RENDERERS[options.kind](values)
    path = target(root, options.kind, options.slug or slug)
    try:
        write_new(path, text)
    except FileExists:
        raise Abort(f"{path.relative_to(root).as_posix()} gibt es schon; nichts überschrieben. "
                    "Bitte einen anderen Titel oder --slug wählen.") from None
    return path


def main(argv: list[str] | None = None) -> int:
    """Entry point for ``make new-<kind>``."""
    options = parse_args(argv)
    root = Path(options.root).resolve()
    try:
        path = create(options)
    except Abort as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, EOFError):
        print("\nAbgebrochen; es wurde keine Datei angelegt.", file=sys.stderr)
        return 1
    rel = path.relative_to(root).as_posix()
    problems = check_file(root, path) if options.kind != "post" else check_post(path, rel)
    if problems:
        print(f"Angelegt: {rel}, aber mit Problemen:", file=sys.stderr)
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    print(f"Angelegt: {rel}")
    print("Nächste Schritte: Datei ergänzen, `make check` und `make html` (oder `make serve`).")
    return 0


def check_post(path: Path, rel: str) -> list[Any]:
    """Check the metadata Pelican needs (posts have no YAML rules)."""
    from rebellab.kernel.problems import Problem

    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines()
    keys = {line.split(":", 1)[0].strip().lower(): number
            for number, line in enumerate(header, 1) if ":" in line}
    problems = [Problem(rel, 1, f"Die Angabe '{key.title()}:' fehlt.")
                for key in ("title", "date", "category", "authors", "summary") if key not in keys]
    date_line = next((line for line in header if line.lower().startswith("date:")), "")
    parsed = parse_date_or_datetime(date_line.split(":", 1)[-1].strip())
    if date_line and isinstance(parsed, str):
        problems.append(Problem(rel, keys["date"], f"'Date': {parsed}"))
    return problems


if __name__ == "__main__":
    sys.exit(main())
