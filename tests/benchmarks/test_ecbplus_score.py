"""Tests for the ECB+ scorer's figures in benchmarks/ecbplus/score.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ECBPLUS = Path(__file__).resolve().parents[2] / "benchmarks" / "ecbplus"
sys.path.insert(0, str(ECBPLUS))

from corpus import GoldMention  # noqa: E402
from score import b_cubed, format_breakdown, oracle_ner  # noqa: E402


def gold(entity: str, name: str, n: int) -> GoldMention:
    return GoldMention("a", "1", n, n + 1, name, name, "people", entity, True)


GOLD = [gold("E1", "john smith", 0), gold("E1", "smith", 1), gold("E1", "smith", 2),
        gold("E2", "ann lee", 3)]


def test_oracle_ner_puts_a_missed_mention_in_its_entitys_system_cluster():
    system = ["s1", "s1", "unmatched/2", "s2"]
    assert oracle_ner(GOLD, system) == ["s1", "s1", "s1", "s2"]


def test_breakdown_splits_the_recall_lost_between_ner_and_resolution():
    system = ["s1", "s3", "unmatched/2", "s2"]  # one NER miss, one mention left apart
    recall = b_cubed([m.entity for m in GOLD], system)[1]
    oracle = b_cubed([m.entity for m in GOLD], oracle_ner(GOLD, system))[1]
    assert recall < oracle < 1.0
    row = next(line for line in format_breakdown(GOLD, system).splitlines()
               if line.startswith("people"))
    missed, r, ro, ner, resolution = row.split()[1:]
    assert int(missed) == 1
    assert float(ner) == pytest.approx(oracle - recall, abs=1e-3)
    assert float(resolution) == pytest.approx(1 - oracle, abs=1e-3)
