"""Deleting a profile file removes the person from every page, index and export."""

from __future__ import annotations

from tests.directory.sites import build, lab_root, pagefind_bytes

TRACES = ("Ötzi", "Ober", "oetzi-ober", "tzi Ober")


def occurrences(output):
    found = []
    for path in output.rglob("*"):
        if path.is_file() and "pagefind" not in path.parts:
            text = path.read_bytes().decode("utf-8", errors="replace")
            found += [(path, t) for t in TRACES if t in text]
    for path, data in pagefind_bytes(output):
        text = data.decode("utf-8", errors="replace")
        found += [(path, t) for t in TRACES if t in text]
    found += [(p, "file name") for p in output.rglob("*oetzi*")]
    return found


def test_deleting_the_file_removes_the_person_everywhere(tmp_path):
    root = lab_root(tmp_path, "basic")
    output = build(root, tmp_path / "output", search=True)
    before = occurrences(output)
    # The person was on her page, the listing, facet pages, a neighbour's "similar"
    # list, the open data and the search index.
    places = {p.relative_to(output).as_posix() for p, _ in before}
    assert {"rebellen/oetzi-ober/index.html", "rebellen/index.html",
            "rebellen/thema/neue-arbeit/index.html", "rebellen/anna-aal/index.html",
            "daten/rebellen.json", "sitemap.xml"} <= places
    assert any("pagefind" in p.parts for p, _ in before)

    (root / "data/rebels/oetzi-ober.yaml").unlink()
    build(root, output, search=True)
    assert occurrences(output) == []
