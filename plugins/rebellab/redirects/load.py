"""Read and check ``data/redirects.yaml``; called by :func:`rebellab.lab.load.load_lab`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rebellab.kernel.fields import Fields
from rebellab.kernel.posts import Post
from rebellab.kernel.problems import Problem
from rebellab.kernel.yamlfile import LineDict, LineList, load_data_file
from rebellab.redirects.model import Redirect, save_as

PATH = "data/redirects.yaml"


def load_redirects(root: Path, documents: Iterable[Post], problems: list[Problem]
                   ) -> tuple[Redirect, ...]:
    """Every valid redirect; a path that is also a post's or page's address is a problem."""
    data = load_data_file(root / PATH, PATH, LineList, "Die Datei muss eine Liste sein: je "
                          "Weiterleitung ein Eintrag '- from: /alt/' mit '  to: /neu/' darunter.",
                          problems)
    if data is None:
        return ()
    taken = {save_as(f"/{post.url}"): post.rel for post in documents if post.url}
    seen: dict[str, int] = {}
    redirects = []
    for item, line in zip(data, data.item_lines, strict=True):
        redirect = _entry(item, line, problems)
        if redirect is not None and _free(redirect, taken, seen, problems):
            redirects.append(redirect)
    return tuple(redirects)


def _entry(item: object, line: int, problems: list[Problem]) -> Redirect | None:
    if not isinstance(item, LineDict):
        problems.append(Problem(PATH, line, "Jeder Eintrag braucht 'from' und 'to', z. B. "
                                            "'- from: /alt/' und darunter '  to: /neu/'."))
        return None
    before = len(problems)
    redirect = Redirect.from_mapping(PATH, Fields(item, PATH, problems, line=line))
    return redirect if len(problems) == before else None


def _free(redirect: Redirect, taken: dict[str, str], seen: dict[str, int],
          problems: list[Problem]) -> bool:
    target = redirect.save_as
    if target in taken:
        problems.append(Problem(PATH, redirect.line, f"'from' {redirect.source} ist die Adresse "
                                f"von {taken[target]}; eine Weiterleitung würde die Seite "
                                "verdecken."))
        return False
    if target in seen:
        problems.append(Problem(PATH, redirect.line, f"'from' {redirect.source} steht schon in "
                                f"Zeile {seen[target]}; jeder alte Pfad nur einmal."))
        return False
    seen[target] = redirect.line
    return True
