import random
from dataclasses import replace
from datetime import date

from rebellab.directory.collation import sort_key
from rebellab.directory.model import Profile
from rebellab.directory.similar import (
    MATCH_WEIGHT,
    TOPIC_WEIGHT,
    SimilarityIndex,
    normalise_phrase,
    similar_profiles,
)


def person(slug, topics, offers=(), seeks=(), name=None):
    return Profile(slug=slug, source=f"data/rebels/{slug}.yaml", name=name or slug.title(),
                   organisation="Stadt Essen", topics=tuple(topics), bio="",
                   consent=date(2026, 1, 1), offers=tuple(offers), seeks=tuple(seeks))


def slugs(result):
    return [p.slug for p in result]


def test_more_shared_topics_rank_higher():
    people = [person("me", ["a", "b", "c"]), person("one", ["a"]), person("two", ["a", "b"]),
              person("three", ["a", "b", "c"]), person("none", ["x"])]
    assert slugs(similar_profiles(people)["me"]) == ["three", "two", "one"]


def test_offer_meeting_a_need_counts_in_both_directions_and_ignores_case_and_punctuation():
    people = [person("me", ["a"], offers=["Lean Coffee moderieren"], seeks=["Hospitation"]),
              person("topic", ["a"]),
              person("needs-me", ["x"], seeks=["lean-coffee  Moderieren!"]),
              person("helps-me", ["x"], offers=["HOSPITATION"])]
    ranked = similar_profiles(people)["me"]
    assert slugs(ranked) == ["helps-me", "needs-me", "topic"]  # 3, 3 (alphabetical), 2
    index = SimilarityIndex(people)
    assert index.score(0, 2) == MATCH_WEIGHT and index.score(0, 1) == TOPIC_WEIGHT
    assert index.score(2, 0) == index.score(0, 2)


def test_ties_are_alphabetical_german_and_limit_is_five():
    names = ["Zora", "Özlem", "Otto", "Äneas", "Anna", "Bea", "Ute"]
    people = [person("me", ["a"], name="Ich")] + [
        person(f"p{i}", ["a"], name=n) for i, n in enumerate(names)]
    ranked = similar_profiles(people)["me"]
    assert [p.name for p in ranked] == ["Äneas", "Anna", "Bea", "Otto", "Özlem"]


def test_nobody_is_similar_to_themselves_and_unrelated_people_are_left_out():
    people = [person("me", ["a"], offers=["Hospitation"], seeks=["Hospitation"]),
              person("other", ["b"], offers=["Nobody needs this"], seeks=["Nobody has it"])]
    result = similar_profiles(people)
    assert result == {"me": (), "other": ()}


def test_normalise_phrase():
    assert normalise_phrase("  Lean-Coffee, moderieren! ") == "lean coffee moderieren"
    assert normalise_phrase("Hospitation_anbieten") == "hospitation anbieten"


def brute_force(people, limit=5):
    """The definition, comparing every pair: the reference for the indexed version."""
    result = {}
    for me in people:
        scored = []
        for other in people:
            if other is me:
                continue
            mine_o = {normalise_phrase(x) for x in me.offers}
            mine_s = {normalise_phrase(x) for x in me.seeks}
            their_o = {normalise_phrase(x) for x in other.offers}
            their_s = {normalise_phrase(x) for x in other.seeks}
            score = (TOPIC_WEIGHT * len(set(me.topics) & set(other.topics))
                     + MATCH_WEIGHT * (len(mine_o & their_s) + len(mine_s & their_o)))
            if score > 0:
                scored.append((-score, sort_key(other.name), other.slug))
        result[me.slug] = [slug for *_, slug in sorted(scored)[:limit]]
    return result


def random_people(count, seed):
    rng = random.Random(seed)
    topics = ["neue-arbeit", "digital-lotsen", "nutzerorientierte-digitalisierung",
              "arbeitskultur", "vernetzung", "beteiligung", "open-data"]
    phrases = [f"Angebot {n}" for n in range(40)]
    first = ["Anna", "Äneas", "Bea", "Özlem", "Otto", "Ute", "Ümit", "Zora", "Jonas", "Maren"]
    return [person(f"p{i}", rng.sample(topics, rng.randint(1, 4)),
                   rng.sample(phrases, rng.randint(0, 3)), rng.sample(phrases, rng.randint(0, 3)),
                   name=f"{rng.choice(first)} {rng.choice(first)}son {i}")
            for i in range(count)]


def test_indexed_ranking_equals_the_all_pairs_definition():
    for seed in range(3):
        people = random_people(400, seed)
        assert {k: slugs(v) for k, v in similar_profiles(people).items()} == \
            brute_force(people)


def test_ranking_does_not_compare_all_pairs(monkeypatch):
    import rebellab.directory.similar as similar

    people = random_people(3000, 7)
    candidates = 0
    original = similar._offer

    def counting(*args):
        nonlocal candidates
        candidates += 1
        return original(*args)

    monkeypatch.setattr(similar, "_offer", counting)
    result = similar_profiles(people)
    assert all(len(v) == 5 for v in result.values())
    pairs = len(people) * (len(people) - 1)
    # Each profile looks at a few candidates per topic group, not at everyone.
    assert candidates < pairs / 10, (candidates, pairs)


def test_the_ranking_is_kept_until_one_of_its_inputs_changes(tmp_path, monkeypatch):
    import rebellab.directory.similar as similar

    people = random_people(300, 3)
    ranked = similar.similar_profiles
    first = similar.kept_similar_profiles(people, tmp_path)
    assert first == ranked(people)
    computed = 0

    def counting(*args):
        nonlocal computed
        computed += 1
        return ranked(*args)

    monkeypatch.setattr(similar, "similar_profiles", counting)
    kept = similar.kept_similar_profiles(people, tmp_path)
    assert computed == 0
    assert kept == first
    by_slug = {p.slug: p for p in people}
    assert all(other is by_slug[other.slug] for others in kept.values() for other in others)
    # A new phrase sought by one profile: ranked anew, as without the file.
    changed = [*people[:-1], replace(people[-1], seeks=(*people[-1].seeks, "Angebot 39"))]
    assert similar.kept_similar_profiles(changed, tmp_path) == ranked(changed)
    assert computed == 1
    # A file that is not a kept ranking: ranked anew.
    (tmp_path / "similar-profiles.pickle").write_bytes(b"kaputt")
    assert similar.kept_similar_profiles(changed, tmp_path) == ranked(changed)
    assert computed == 2
