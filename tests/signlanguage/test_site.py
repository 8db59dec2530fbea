"""/gebaerdensprache/ with generated clips: player, captions, download with size and time."""

from __future__ import annotations

from pathlib import Path

import pytest

from rebellab.library.links import file_size
from tests.foundation.helpers import soup
from tests.quality.browser_checks import axe_violations, describe_violations, open_page
from tests.quality.test_html_validity import describe, run_vnu
from tests.signlanguage.conftest import MEDIA


def test_video_with_captions_is_shown_with_its_facts(video_site: Path, clip_root: Path) -> None:
    page = soup(video_site, "gebaerdensprache/")
    section = page.select_one("section#dgs-leichte-sprache")
    assert section.h2.get_text() == "Willkommen im Labor"
    assert section.select_one(".vr-dgs-mark").get_text(strip=True) == \
        "Deutsche Gebärdensprache (DGS)"
    video = section.select_one("video")
    assert video.has_attr("controls") and not video.has_attr("autoplay")
    assert video["poster"] == "/gebaerdensprache/willkommen.jpg"
    assert [(s["src"], s["type"]) for s in video.select("source")] == \
        [("/gebaerdensprache/willkommen.mp4", "video/mp4")]
    track = video.select_one("track")
    assert (track["kind"], track["srclang"], track["src"]) == \
        ("captions", "de", "/gebaerdensprache/willkommen.vtt")
    assert section.select_one('a[href="/leichte-sprache/"]').get_text() == \
        "Leichte Sprache: Willkommen"
    size = (clip_root / MEDIA / "willkommen.mp4").stat().st_size
    download = section.select_one(".vr-dgs__download")
    assert download.a["href"] == "/gebaerdensprache/willkommen.mp4"
    assert download.a.has_attr("download")
    assert download.get_text(" ", strip=True) == \
        f"Video herunterladen (MP4, {file_size(size)}, Laufzeit 1:05 Minuten )"
    assert download.time["datetime"] == "PT1M5S"


def test_video_without_captions_translating_a_page(video_site: Path) -> None:
    section = soup(video_site, "gebaerdensprache/").select_one("section#dgs-hilfe")
    assert section.select_one("video track") is None
    assert section.select_one('a[href="/hilfe/"]').get_text() == "Hilfe"
    assert section.select_one(".vr-dgs__download time").get_text() == "0:02 Minuten"
    translated = soup(video_site, "hilfe/").select_one(".vr-dgs-link a")
    assert translated["href"] == "/gebaerdensprache/#dgs-hilfe"


def test_entries_without_video_are_in_preparation(video_site: Path) -> None:
    page = soup(video_site, "gebaerdensprache/")
    planned = page.select("#in-vorbereitung ~ ul li")
    assert [li.a["href"] for li in planned] == ["/leichte-sprache/wegweiser/"]
    assert page.select_one(".vr-banner") is None  # there are videos already


def test_files_are_published_and_the_text_links_its_video(video_site: Path,
                                                          clip_root: Path) -> None:
    for name in ("willkommen.mp4", "willkommen.jpg", "willkommen.vtt", "hilfe.mp4"):
        published = video_site / "gebaerdensprache" / name
        assert published.read_bytes() == (clip_root / MEDIA / name).read_bytes(), name
    start = soup(video_site, "leichte-sprache/")
    assert start.select_one('a[href="/gebaerdensprache/#dgs-leichte-sprache"]')
    assert not soup(video_site, "leichte-sprache/wegweiser/").select_one(".vr-dgs-link")


def test_repository_site_says_the_videos_are_in_preparation(repo_site) -> None:
    assert repo_site.returncode == 0, repo_site.stderr
    page = soup(repo_site.output, "gebaerdensprache/")
    assert "Die Videos sind in Vorbereitung" in page.select_one(".vr-banner").get_text()
    assert page.select_one('.vr-banner a[href="/leichte-sprache/"]')
    planned = [li.a["href"] for li in page.select("#in-vorbereitung ~ ul li")]
    # BITV 2.0 § 4: main contents, navigation, the statement, the other offers.
    assert planned == ["/leichte-sprache/", "/leichte-sprache/wegweiser/",
                       "/leichte-sprache/barrierefreiheit/",
                       "/leichte-sprache/weitere-angebote/"]
    contact = page.select_one("#kontakt").parent
    assert contact.select_one('a[href^="mailto:"]') and \
        contact.select_one('a[href="/barriere-melden/"]')


def test_page_with_videos_passes_the_nu_html_checker(video_site: Path) -> None:
    errors = run_vnu(video_site / "gebaerdensprache")
    assert not errors, "\n".join(describe(message, video_site) for message in errors)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_page_with_videos_has_no_axe_violations(video_site: Path, served_site,
                                                new_browser_page, scheme: str) -> None:
    page = open_page(new_browser_page(color_scheme=scheme, locale="de-DE"),
                     served_site(video_site), "/gebaerdensprache/")
    violations = axe_violations(page)
    assert not violations, describe_violations(f"/gebaerdensprache/ ({scheme})", violations)
