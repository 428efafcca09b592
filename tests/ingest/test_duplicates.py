"""Exact and near-duplicate articles."""

from __future__ import annotations

import random

from graphbuild.ingest.duplicates import (
    DuplicateFinder,
    signature,
    signature_bytes,
    signature_from_bytes,
)

WORDS = ("minister talks government said would Geneva Russia support ceasefire officials "
         "week meeting foreign rebels Damascus envoy the of and to in a on for").split()


def story(seed: int, words: int = 300) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + (". " if k % 12 == 11 else "") for k in range(words))


def edited(text: str, changes: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    words = text.split()
    for _ in range(changes):
        words[rng.randrange(len(words))] = "CHANGED"
    return " ".join(words)


def test_exact_and_near_copies_name_their_original():
    finder = DuplicateFinder()
    a, b = story(1), story(2)
    assert finder.copy_of("a", a) is None and finder.copy_of("b", b) is None
    exact = finder.copy_of("a-again", "  " + a.upper().replace(". ", " ; ") + "\n")
    assert exact.original == "a" and exact.similarity == 1.0
    near = finder.copy_of("b-edited", edited(b, 5) + " Reuters contributed to this report.")
    assert near.original == "b" and 0.7 < near.similarity < 1.0


def test_different_stories_and_heavy_rewrites_are_not_copies():
    finder = DuplicateFinder()
    for k in range(50):
        assert finder.copy_of(str(k), story(k)) is None
    assert finder.copy_of("rewrite", edited(story(3), 120, seed=1)) is None


def test_short_texts_are_copies_only_when_the_same():
    finder = DuplicateFinder()
    assert finder.copy_of("a", "Kerry met Lavrov.") is None
    assert finder.copy_of("b", "Kerry met Lavrov in Geneva.") is None
    assert finder.copy_of("c", "kerry met LAVROV") .original == "a"


def test_the_most_similar_original_is_chosen_and_ties_go_to_the_first():
    finder = DuplicateFinder()
    base = story(7)
    finder.copy_of("far", edited(base, 25, seed=2))
    finder.copy_of("close", edited(base, 3, seed=3))
    assert finder.copy_of("copy", base).original == "close"
    finder2 = DuplicateFinder()
    finder2.copy_of("first", base)
    assert finder2.copy_of("second", base).original == "first"
    assert finder2.copy_of("third", base).original == "first"


def test_signatures_survive_bytes_so_a_store_remembers_them():
    original = signature(story(9))
    again = signature_from_bytes(signature_bytes(original))
    assert again.jaccard(original) == 1.0
    finder = DuplicateFinder()
    finder.remember("stored", again)
    assert finder.copy_of("new", edited(story(9), 2)).original == "stored"
