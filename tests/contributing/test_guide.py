"""CONTRIBUTING.md stays true: tables match the schemas and models, examples pass the check."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rebellab.lab.load import load_lab
from rebellab.library.model import MATERIAL_KEYS, METHOD_KEYS, PROJECT_KEYS
from tests.support.site import REPO, make_root

GUIDE = REPO / "CONTRIBUTING.md"
SCRIPT = REPO / "scripts" / "schema_docs.py"
TEXT = GUIDE.read_text(encoding="utf-8")


def schema_docs(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True,
                          text=True, check=False)


def test_field_tables_are_up_to_date_with_the_schemas() -> None:
    result = schema_docs("--check")
    assert result.returncode == 0, result.stderr


def test_every_schema_has_its_table() -> None:
    names = sorted(p.name.removesuffix(".schema.json")
                   for p in (REPO / "data" / "schemas").glob("*.schema.json"))
    assert names, "no schemas found"
    missing = [name for name in names if f"<!-- BEGIN schema:{name} -->" not in TEXT]
    assert missing == []


def test_check_reports_a_table_that_drifted(tmp_path: Path) -> None:
    guide = tmp_path / "CONTRIBUTING.md"
    guide.write_text(TEXT.replace("| `timezone` | nein |", "| `timezone` | ja |"),
                     encoding="utf-8")
    result = schema_docs("--check", "--guide", str(guide))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "CONTRIBUTING.md: Die Feldtabelle 'schema:event' passt nicht mehr zu "
        "data/schemas/event.schema.json. Bitte `python scripts/schema_docs.py` ausführen."]
    assert schema_docs("--guide", str(guide)).returncode == 0  # regenerating repairs it
    assert guide.read_text(encoding="utf-8") == TEXT


def table_after(heading: str) -> list[str]:
    """Top-level keys (first column, nested ones left out) of the tables in a section."""
    prose = re.sub(r"```.*?```", "", TEXT, flags=re.DOTALL)
    section = prose.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [row.split("`")[1] for row in rows if "." not in row.split("`")[1]]


@pytest.mark.parametrize(("heading", "keys"), [
    ("Methode", METHOD_KEYS),  # Markdown metadata: no JSON Schema, so checked against the model
    ("Blogbeitrag", ("Title", "Date", "Category", "Tags", "Authors", "Summary", "Comments")),
    ("Vorhaben", PROJECT_KEYS),  # generated from the schema; must still match the model
    ("Material", MATERIAL_KEYS),
])
def test_tables_list_exactly_the_known_keys(heading: str, keys: tuple) -> None:
    assert sorted(table_after(heading)) == sorted(keys)


def yaml_examples() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", TEXT, flags=re.DOTALL)


def test_yaml_examples_in_the_guide_pass_the_check(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    folders = {"event": "data/events", "profile": "data/rebels", "project": "data/projects",
               "material": "data/materials"}
    written = []
    for number, example in enumerate(yaml_examples()):
        kind = re.match(r"# yaml-language-server: \$schema=(?:\.\./)*schemas/(\w+)\.schema"
                        r"\.json", example)
        assert kind, example[:60]
        if kind[1] == "material":
            name = re.search(r"^file: (\S+)$", example, re.MULTILINE)[1]
            (root / "content" / "materialien").mkdir(parents=True, exist_ok=True)
            shutil.copy(REPO / "content" / "materialien" / name,
                        root / "content" / "materialien" / name)
        name = "jana-schaefer-oeztuerk" if kind[1] == "profile" else f"example-{number}"
        path = _example_path(root, kind[1], folders, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(example, encoding="utf-8")
        written.append(kind[1])
    (root / "content" / "images" / "rebels").mkdir(parents=True)
    shutil.copy(Path(__file__).parent / "fixtures" / "lab" / "content" / "images" / "rebels"
                / "anna-beispiel.png",
                root / "content" / "images" / "rebels" / "jana-schaefer-oeztuerk.jpg")
    assert sorted(written) == ["comment", "event", "feeds", "material", "profile", "project",
                               "redirects"]
    lab = load_lab(root)
    assert [str(p) for p in lab.problems] == []
    assert (len(lab.events), len(lab.profiles), len(lab.projects), len(lab.materials)) == \
        (1, 1, 1, 1)
    assert (lab.discussions.count(POST), len(lab.redirects)) == (1, 2)


# The comment example answers the guide's own example post, as its folder name says.
POST = "das-verwaltungsrebellen-labor-startet"


def _example_path(root: Path, kind: str, folders: dict[str, str], name: str) -> Path:
    if kind == "comment":
        shutil.copy(REPO / "content" / "blog" / "2020-08-labor-startet.md",
                    root / "content" / "blog" / "2020-08-labor-startet.md")
        return root / "data" / "comments" / POST / "2020-08-21-1.yaml"
    if kind == "redirects":
        return root / "data" / "redirects.yaml"
    if kind == "feeds":  # one list in data/, not one file per entry
        return root / "data" / "feeds.yaml"
    return root / folders[kind] / f"{name}.yaml"


def github_anchor(heading: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_table_of_contents_links_reach_headings() -> None:
    anchors = {github_anchor(h) for h in re.findall(r"^#{2,3} (.+)$", TEXT, re.MULTILINE)}
    links = re.findall(r"\]\(#([^)]+)\)", TEXT)
    assert links
    assert [link for link in links if link not in anchors] == []


def test_guide_covers_what_contributors_ask() -> None:
    for needle in ("Add file", "Propose changes", "Create pull request", "Profil löschen",
                   "Versionsgeschichte", "Einwilligung", "Bildrechte", "Rebell*innen",
                   "make new-event", "make new-profile", "make new-post", "make new-project"):
        assert needle in TEXT, needle


def test_error_examples_are_what_make_check_prints(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    shutil.copytree(Path(__file__).parent / "fixtures" / "guide-errors", root,
                    dirs_exist_ok=True)
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "check.py"), "--root",
                             str(root)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    shown = re.search(r"```text\n(.*?)```", TEXT, flags=re.DOTALL)[1]
    assert shown.splitlines() == result.stdout.splitlines()
