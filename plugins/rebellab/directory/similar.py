"""“Ähnliche Rebell*innen”: rank profiles by shared topics and matching offers/seeks.

Score of B for A: ``TOPIC_WEIGHT`` per shared topic plus ``MATCH_WEIGHT`` per phrase that
one offers and the other seeks (compared case- and punctuation-insensitively). Ties go to
the name that comes first alphabetically.

Nothing compares all pairs. Topics are few, so people are grouped by their set of topics:
everyone in a group shares the same number of topics with A, computed once per group.
Offers/seeks go through an inverted index (phrase -> group -> people), counted in C by
``Counter``; per group only its best ``limit`` candidates are offered to the top list, and
groups are visited by overlap, best first, until none can beat the current top.
"""

from __future__ import annotations

import hashlib
import heapq
import pickle
import re
from collections import Counter
from collections.abc import Sequence
from itertools import chain
from pathlib import Path

from rebellab.directory import collation
from rebellab.directory.collation import sort_key
from rebellab.directory.model import Profile
from rebellab.kernel.files import replace_file

TOPIC_WEIGHT = 2
MATCH_WEIGHT = 3
_NOT_WORD = re.compile(r"[\W_]+")


def normalise_phrase(text: str) -> str:
    """'Lean Coffee moderieren!' and 'lean-coffee  Moderieren' compare equal."""
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


class SimilarityIndex:
    """Inverted indexes over a fixed set of profiles; ask :meth:`similar` per profile.

    Internally profiles are numbered in alphabetical order, so "smaller number" is the tie
    break everywhere and sorted integer lists are in tie-break order.
    """

    def __init__(self, profiles: Sequence[Profile]) -> None:
        self.order = sorted(range(len(profiles)),
                            key=lambda i: (sort_key(profiles[i].name), profiles[i].slug))
        self.position = {original: rank for rank, original in enumerate(self.order)}
        ranked = [profiles[i] for i in self.order]
        self.topics = [frozenset(p.topics) for p in ranked]
        self.offers = [frozenset(map(normalise_phrase, p.offers)) - {""} for p in ranked]
        self.seeks = [frozenset(map(normalise_phrase, p.seeks)) - {""} for p in ranked]
        group_of: dict[frozenset[str], int] = {}
        self.group = [group_of.setdefault(t, len(group_of)) for t in self.topics]
        self.group_topics = list(group_of)
        self.members: list[list[int]] = [[] for _ in group_of]
        for rank, group in enumerate(self.group):
            self.members[group].append(rank)
        self.offered_by = _postings(self.offers, self.group)
        self.sought_by = _postings(self.seeks, self.group)

    def score(self, a: int, b: int) -> int:
        """Similarity of profile ``b`` to profile ``a`` (symmetric; original numbering)."""
        a, b = self.position[a], self.position[b]
        shared = len(self.topics[a] & self.topics[b])
        matches = len(self.offers[a] & self.seeks[b]) + len(self.seeks[a] & self.offers[b])
        return TOPIC_WEIGHT * shared + MATCH_WEIGHT * matches

    def similar(self, a: int, limit: int = 5) -> tuple[int, ...]:
        """Return the ``limit`` profiles most similar to profile ``a`` (indices, best first).

        Within one topic group everyone shares the same topics with ``a``, so only the
        group's ``limit`` best by matches (then alphabet) can make the overall top; groups
        are visited by overlap, best first, until none can beat the current top.
        """
        a = self.position[a]
        best: list[tuple[int, int]] = []  # min-heap of (score, -rank)
        for bound, base, group, lists in self._groups(a):
            if len(best) == limit and bound < best[0][0]:
                break  # groups come best bound first: nothing left can get in
            matched: Counter[int] = Counter(sorted(chain.from_iterable(lists))
                                            if len(lists) > 1 else lists[0] if lists else ())
            for rank, matches in matched.most_common(limit + 1):
                if rank != a:
                    _offer(best, limit, base + MATCH_WEIGHT * matches, rank)
            if base:
                self._offer_members(best, limit, base, group, matched, a)
        return tuple(self.order[-negative] for _, negative in sorted(best, reverse=True))

    def _groups(self, a: int) -> list[tuple[int, int, int, list[tuple[int, ...]]]]:
        """Topic groups that can hold candidates for ``a``, highest possible score first.

        Each entry: (upper bound of a member's score, score from shared topics, group,
        the postings of ``a``'s offers/seeks restricted to the group).
        """
        postings = ([self.sought_by.get(p, {}) for p in self.offers[a]]
                    + [self.offered_by.get(p, {}) for p in self.seeks[a]])
        mine = self.topics[a]
        groups = []
        for group, topics in enumerate(self.group_topics):
            base = TOPIC_WEIGHT * len(mine & topics)
            lists = [by_group[group] for by_group in postings if group in by_group]
            if base or lists:
                groups.append((base + MATCH_WEIGHT * len(lists), base, group, lists))
        groups.sort(key=lambda entry: (-entry[0], -entry[1]))
        return groups

    def _offer_members(self, best: list[tuple[int, int]], limit: int, score: int, group: int,
                       matched: Counter[int], a: int) -> None:
        """Offer the group's first ``limit`` members without matches (same score each)."""
        taken = 0
        for rank in self.members[group]:
            if rank == a or rank in matched:
                continue
            if taken == limit or not _offer(best, limit, score, rank):
                return  # later members tie and lose alphabetically
            taken += 1


def _offer(best: list[tuple[int, int]], limit: int, score: int, rank: int) -> bool:
    """Put a candidate into the top-``limit`` heap; False if it did not get in."""
    if score <= 0:
        return False
    item = (score, -rank)
    if len(best) < limit:
        heapq.heappush(best, item)
        return True
    if item > best[0]:
        heapq.heapreplace(best, item)
        return True
    return False


def similar_profiles(profiles: Sequence[Profile], limit: int = 5
                     ) -> dict[str, tuple[Profile, ...]]:
    """For every profile (by slug) the up to ``limit`` most similar other profiles."""
    index = SimilarityIndex(profiles)
    return {
        profile.slug: tuple(profiles[i] for i in index.similar(n, limit))
        for n, profile in enumerate(profiles)
    }


def kept_similar_profiles(profiles: Sequence[Profile], cache: Path | None, limit: int = 5
                          ) -> dict[str, tuple[Profile, ...]]:
    """:func:`similar_profiles`, kept in the folder ``cache`` (None: none) from build to build.

    The ranking reads each profile's slug, name, topics, offers and seeks, and the code of
    this module and of the collation. When none of them changed (a build after a changed
    event, post or template), it is taken from the file instead of ranked anew.
    """
    if cache is None:
        return similar_profiles(profiles, limit)
    path = cache / "similar-profiles.pickle"
    key = _ranking_inputs(profiles, limit)
    try:
        kept_key, kept = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        kept_key, kept = None, {}  # none yet, or not ours: ranked anew
    if kept_key == key:
        by_slug = {profile.slug: profile for profile in profiles}
        return {slug: tuple(by_slug[other] for other in others)
                for slug, others in kept.items()}
    ranking = similar_profiles(profiles, limit)
    replace_file(path, pickle.dumps((key, {
        slug: tuple(other.slug for other in others) for slug, others in ranking.items()})))
    return ranking


def _ranking_inputs(profiles: Sequence[Profile], limit: int) -> bytes:
    """Digest of what :func:`similar_profiles` reads: the profiles' fields and its code."""
    digest = hashlib.blake2b(digest_size=16)
    for module in (__file__, collation.__file__):
        digest.update(Path(module).read_bytes())
    digest.update(pickle.dumps((limit, [(p.slug, p.name, tuple(p.topics), tuple(p.offers),
                                          tuple(p.seeks)) for p in profiles])))
    return digest.digest()


def _postings(phrases: Sequence[frozenset[str]], groups: Sequence[int]
              ) -> dict[str, dict[int, tuple[int, ...]]]:
    """Phrase -> topic group -> profiles (ascending) that have the phrase."""
    postings: dict[str, dict[int, list[int]]] = {}
    for rank, own in enumerate(phrases):
        for phrase in own:
            postings.setdefault(phrase, {}).setdefault(groups[rank], []).append(rank)
    return {phrase: {group: tuple(ranks) for group, ranks in by_group.items()}
            for phrase, by_group in postings.items()}
