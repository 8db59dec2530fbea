"""One rule for which files are content: the lab's loaders and Pelican's IGNORE_FILES agree."""

from __future__ import annotations

import fnmatch
import runpy
from pathlib import Path

import pytest

from rebellab.kernel.files import NOT_CONTENT, content_tree, is_content
from rebellab.lab.load import load_lab
from tests.content.cases import TODAY
from tests.support.site import REPO, build_site, make_root

NOT_CONTENT_NAMES = (".versteckt.html", ".git", "_entwurf.yaml", "_vorlage.pdf", "README.md")
MATERIAL = ("file: plan.pdf\ntitle: Plan\ndescription: Ein Plan.\ntopics: [vernetzung]\n"
            "licence: CC-BY-4.0\nauthor: Redaktion\ndate: 2020-10-01\n")


def test_pelican_ignores_exactly_what_the_lab_does_not_read() -> None:
    settings = runpy.run_path(str(REPO / "pelicanconf.py"))
    assert tuple(settings["IGNORE_FILES"]) == NOT_CONTENT


@pytest.mark.parametrize("name", NOT_CONTENT_NAMES)
def test_names_that_are_not_content(name: str) -> None:
    assert not is_content(name)
    # Pelican matches IGNORE_FILES to the bare name with fnmatch (generators._include_path).
    assert any(fnmatch.fnmatch(name, pattern) for pattern in NOT_CONTENT)


@pytest.mark.parametrize("name", ("plan.pdf", "2020-09-meetup.yaml", "readme.txt", "a_b.md"))
def test_names_that_are_content(name: str) -> None:
    assert is_content(name)


def test_content_tree_skips_hidden_and_draft_folders(tmp_path: Path) -> None:
    for name in ("a.pdf", "sub/b.pdf", ".git/c", "_alt/d.pdf", "sub/.e.pdf", "README.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in content_tree(tmp_path)] == [
        "a.pdf", "sub/b.pdf"]


def test_check_and_build_agree_on_hidden_material_files(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    materials = root / "content/materialien"
    materials.mkdir(parents=True)
    (materials / "plan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    for name in (".versteckt.html", "_entwurf.html", "README.md"):
        (materials / name).write_text("<script>alert(1)</script>\n", encoding="utf-8")
    (root / "data/materials").mkdir()
    (root / "data/materials/plan.yaml").write_text(MATERIAL, encoding="utf-8")
    assert load_lab(root, today=TODAY).problems == ()
    result = build_site(root, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    published = sorted(p.name for p in (tmp_path / "output/materialien").iterdir() if p.is_file())
    assert published == ["index.html", "plan.pdf"]  # the listing page and the one file
