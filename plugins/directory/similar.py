"""“Ähnliche Rebell*innen”: rank profiles by shared topics and matching offers/seeks.

Score of B for A: ``TOPIC_WEIGHT`` per shared topic plus ``MATCH_WEIGHT`` per phrase that
one offers and the other seeks (compared case- and punctuation-insensitively). Ties go to
the name that comes first alphabetically.

Nothing compares all pairs. Offers/seeks go through an inverted index (phrase -> people),
counted in C by ``Counter.update``. Topics are few, so people are grouped by their set of
topics; a group's overlap with A is computed once, and groups are visited best first until
no remaining group can reach the current top ``limit``. At 10,000 profiles this takes
seconds, not the hours that 50 million pair comparisons would.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from directory.collation import sort_key
from directory.model import Profile

TOPIC_WEIGHT = 2
MATCH_WEIGHT = 3
_NOT_WORD = re.compile(r"[\W_]+")


def normalise_phrase(text: str) -> str:
    """'Lean Coffee moderieren!' and 'lean-coffee  Moderieren' compare equal."""
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


@dataclass(frozen=True)
class _Group:
    topics: frozenset[str]
    members: tuple[int, ...]  # indices in alphabetical order


class SimilarityIndex:
    """Inverted indexes over a fixed set of profiles; ask :meth:`similar` per profile."""

    def __init__(self, profiles: Sequence[Profile]) -> None:
        order = sorted(range(len(profiles)),
                       key=lambda i: (sort_key(profiles[i].name), profiles[i].slug))
        self.profiles = profiles
        self.rank = {index: position for position, index in enumerate(order)}
        self.topics = [frozenset(p.topics) for p in profiles]
        self.offers = [frozenset(map(normalise_phrase, p.offers)) - {""} for p in profiles]
        self.seeks = [frozenset(map(normalise_phrase, p.seeks)) - {""} for p in profiles]
        self.offered_by = _postings(self.offers)
        self.sought_by = _postings(self.seeks)
        groups: dict[frozenset[str], list[int]] = {}
        for index in order:
            groups.setdefault(self.topics[index], []).append(index)
        self.groups = [_Group(topics, tuple(members)) for topics, members in groups.items()]

    def score(self, a: int, b: int) -> int:
        """Similarity of profile ``b`` to profile ``a`` (symmetric)."""
        shared = len(self.topics[a] & self.topics[b])
        matches = len(self.offers[a] & self.seeks[b]) + len(self.seeks[a] & self.offers[b])
        return TOPIC_WEIGHT * shared + MATCH_WEIGHT * matches

    def similar(self, a: int, limit: int = 5) -> tuple[int, ...]:
        """Return the ``limit`` profiles most similar to profile ``a`` (indices, best first)."""
        best: list[tuple[int, int, int]] = []  # min-heap of (score, -rank, index)
        seen = {a}
        max_topic_score = TOPIC_WEIGHT * len(self.topics[a])
        for index, matches in self._matches(a).most_common():
            if index == a:
                continue  # offers what they seek themselves
            if len(best) == limit and MATCH_WEIGHT * matches + max_topic_score < best[0][0]:
                break
            seen.add(index)
            self._offer(best, limit, self.score(a, index), index)
        for overlap, group in self._groups_by_overlap(a):
            if len(best) == limit and TOPIC_WEIGHT * overlap < best[0][0]:
                break
            taken = 0
            for index in group.members:
                if index in seen:
                    continue
                if taken == limit:
                    break  # later members tie with earlier ones and lose alphabetically
                taken += 1
                self._offer(best, limit, TOPIC_WEIGHT * overlap, index)
        return tuple(index for _, _, index in sorted(best, reverse=True))

    def _matches(self, a: int) -> Counter[int]:
        counts: Counter[int] = Counter()
        for phrase in self.offers[a]:
            counts.update(self.sought_by.get(phrase, ()))
        for phrase in self.seeks[a]:
            counts.update(self.offered_by.get(phrase, ()))
        return counts

    def _groups_by_overlap(self, a: int) -> list[tuple[int, _Group]]:
        mine = self.topics[a]
        scored = [(len(mine & g.topics), g) for g in self.groups]
        scored = [(overlap, g) for overlap, g in scored if overlap]
        scored.sort(key=lambda item: (-item[0], self.rank[item[1].members[0]]))
        return scored

    def _offer(self, best: list[tuple[int, int, int]], limit: int, score: int, index: int
               ) -> None:
        if score <= 0:
            return
        item = (score, -self.rank[index], index)
        if len(best) < limit:
            heapq.heappush(best, item)
        elif item > best[0]:
            heapq.heapreplace(best, item)


def similar_profiles(profiles: Sequence[Profile], limit: int = 5
                     ) -> dict[str, tuple[Profile, ...]]:
    """For every profile (by slug) the up to ``limit`` most similar other profiles."""
    index = SimilarityIndex(profiles)
    return {
        profile.slug: tuple(profiles[i] for i in index.similar(n, limit))
        for n, profile in enumerate(profiles)
    }


def _postings(phrases: Sequence[frozenset[str]]) -> dict[str, tuple[int, ...]]:
    postings: dict[str, list[int]] = {}
    for index, own in enumerate(phrases):
        for phrase in own:
            postings.setdefault(phrase, []).append(index)
    return {phrase: tuple(indices) for phrase, indices in postings.items()}
