"""CharSplit's n-gram model as an SQLite file: read whole, or looked up word by word.

split-words ships its model as 40 MB of JSON: 1.9 s to load, about 370 MB in memory. A build
loads it for words no earlier build has split; the splits themselves are kept (:mod:`.compounds`).
A warm build whose changed pages bring one or two new words ("Geändert" in an event's title)
loaded the whole model for them: 0.9 s, from a marshal copy, on the critical path of the index
(big lab of make bench). Looked up in this file, those words take milliseconds: CharSplit asks
only ``model[kind].get(ngram, default)`` (split_words/splitter.py), a few hundred times a word.

The file is made from the wheel's JSON by SQLite's own JSON reader (1.9 s; Python's
``executemany`` took 6.9 s) and read whole into the dicts CharSplit uses when a build has many
words to split (1.4 s). Both ways read the same numbers, so a split does not depend on which
way a build took.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from split_words import splitter

KINDS = ("prefix", "infix", "suffix")  # the model's tables: n-gram -> log probability


def write_copy(path: Path) -> None:
    """Write the wheel's model into the SQLite file ``path``: whole, or not at all.

    Raises ``OSError`` or ``sqlite3.Error`` when it cannot (for example an SQLite without JSON).
    """
    text = Path(splitter.NGRAM_PATH).read_text(encoding="utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        with contextlib.closing(sqlite3.connect(temporary)) as database:
            database.execute("PRAGMA journal_mode = OFF")  # a new file: all or nothing anyway
            database.execute("PRAGMA synchronous = OFF")
            for kind in KINDS:
                database.execute(f"CREATE TABLE {kind} (ngram TEXT PRIMARY KEY, p REAL NOT NULL)"
                                 " WITHOUT ROWID")
                database.execute(f"INSERT INTO {kind} SELECT key, value "
                                 f"FROM json_each(?, '$.{kind}') ORDER BY key", (text,))
            # What the reader checks the tables against (_open).
            database.execute("CREATE TABLE size (kind TEXT PRIMARY KEY, n INTEGER NOT NULL)")
            for kind in KINDS:
                database.execute(f"INSERT INTO size SELECT ?, count(*) FROM {kind}", (kind,))
            database.commit()
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _open(path: Path) -> sqlite3.Connection:
    """Open the copy read-only; raise ``sqlite3.Error`` unless its tables hold what it lists.

    ``immutable``: the file is never changed once in place (a new one replaces it), so SQLite
    takes no locks, and a process forked from this one may open it again.
    """
    database = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        sizes = dict(database.execute("SELECT kind, n FROM size"))
        if sorted(sizes) != sorted(KINDS) or any(
                database.execute(f"SELECT count(*) FROM {kind}").fetchone()[0] != sizes[kind]
                for kind in KINDS):
            raise sqlite3.DatabaseError(f"{path}: Tabellen unvollständig")
    except BaseException:
        database.close()
        raise
    return database


def read_copy(path: Path) -> dict[str, dict[str, float]]:
    """Return the whole model from the copy ``path``, as CharSplit holds it.

    Raises ``sqlite3.Error`` when the file is not a whole copy.
    """
    with contextlib.closing(_open(path)) as database:
        return {kind: dict(database.execute(f"SELECT ngram, p FROM {kind}")) for kind in KINDS}


class Table:
    """One table of the model in its copy, with the one method CharSplit calls on it."""

    def __init__(self, database: sqlite3.Connection, kind: str) -> None:
        self._database = database
        self._query = f"SELECT p FROM {kind} WHERE ngram = ?"

    def get(self, ngram: str, default: float) -> float:
        """Return the log probability of ``ngram``, or ``default``."""
        row = self._database.execute(self._query, (ngram,)).fetchone()
        return default if row is None else float(row[0])


def lookups(path: Path) -> dict[str, Table]:
    """Return the model looked up in the copy ``path`` (``sqlite3.Error`` if not whole).

    For the process that calls it: a connection is not to be used across a fork.
    """
    database = _open(path)
    return {kind: Table(database, kind) for kind in KINDS}
