"""Tests for the CaRB scorer in benchmarks/carb/score.py."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SCORER_PATH = REPO_ROOT / "benchmarks" / "carb" / "score.py"
CARB_DATA = REPO_ROOT.parent / "shared" / "benchmarks" / "carb"


def _load_scorer() -> ModuleType:
    """Import score.py by path (it is a standalone script, not an installed package)."""
    spec = importlib.util.spec_from_file_location("carb_score", SCORER_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


carb = _load_scorer()
Extraction = carb.Extraction


def _write(path: Path, rows: list[tuple[object, ...]]) -> Path:
    path.write_text("".join("\t".join(map(str, row)) + "\n" for row in rows), encoding="utf-8")
    return path


def _score(tmp_path: Path, gold: list[tuple[object, ...]], system: list[tuple[object, ...]],
           single_match: bool = False) -> dict[str, float]:
    return carb.score(_write(tmp_path / "gold.tsv", gold), _write(tmp_path / "system.tsv", system),
                      single_match=single_match)


# --------------------------------------------------------------------------- reference figures

REFERENCE = [
    # system file, single_match, expected (auc, precision, recall, f1); None = not specified
    ("openie5_dev.tsv", False, (0.240, 0.526, 0.406, 0.458)),
    ("openie5_dev.tsv", True, (0.186, 0.526, 0.317, 0.396)),
    ("textacy_svo_dev.tsv", False, (None, 0.718, 0.110, 0.191)),
    ("textacy_svo_dev.tsv", True, (None, None, None, 0.133)),
]


@pytest.mark.parametrize(("system", "single_match", "expected"), REFERENCE)
def test_reference_scores(system: str, single_match: bool,
                          expected: tuple[float | None, ...]) -> None:
    if not CARB_DATA.is_dir():
        pytest.skip(f"CaRB data not found at {CARB_DATA}; reference figures not checked")
    result = carb.score(CARB_DATA / "gold" / "dev.tsv", CARB_DATA / "reference" / system,
                        single_match=single_match)
    for key, value in zip(("auc", "precision", "recall", "f1"), expected):
        if value is not None:
            assert round(result[key], 3) == value, key


# --------------------------------------------------------------------------- tuple matching


def test_token_precision_and_recall_per_part() -> None:
    gold = Extraction("born in", ("Obama", "Hawaii in 1961"))
    predicted = Extraction("was born in", ("Obama", "Hawaii"))
    # matched: relation 2, arg1 1, arg2 1; predicted tokens 3+1+1, gold tokens 2+1+3
    assert carb.match(gold, predicted) == pytest.approx((4 / 5, 4 / 6))


def test_extra_args_are_joined_into_the_second_part() -> None:
    gold = Extraction("gave", ("Ann", "a book", "to Bob"))
    predicted = Extraction("gave", ("Ann", "a book to Bob"))
    assert carb.match(gold, predicted) == (1.0, 1.0)


def test_tokens_are_compared_exactly_and_case_sensitively() -> None:
    gold = Extraction("born in", ("Obama", "Hawaii"))
    predicted = Extraction("born in", ("obama", "Hawaii ."))
    # arg1 does not match ("obama" != "Obama"); arg2 has one extra predicted token
    assert carb.match(gold, predicted) == pytest.approx((3 / 5, 3 / 4))


def test_relation_gate_gives_no_credit_without_a_shared_relation_token() -> None:
    gold = Extraction("born in", ("Obama", "Hawaii"))
    assert carb.match(gold, Extraction("lives", ("Obama", "Hawaii"))) == (0.0, 0.0)
    shared_in = Extraction("lives in", ("Obama", "Hawaii"))
    assert carb.match(gold, shared_in) == pytest.approx((0.75, 0.75))


def test_missing_second_argument_gives_no_credit() -> None:
    gold = Extraction("born in", ("Obama", "Hawaii"))
    assert carb.match(gold, Extraction("born in", ("Obama",))) == (0.0, 0.0)


def test_predicted_be_matches_gold_be_form_but_not_the_reverse() -> None:
    predicted_be = Extraction("be", ("Obama", "president"))
    assert carb.match(Extraction("was", ("Obama", "president")), predicted_be) == (1.0, 1.0)
    is_a = Extraction("is a", ("Obama", "president"))
    assert carb.match(is_a, predicted_be) == pytest.approx((1.0, 3 / 4))
    gold_be = Extraction("be", ("Obama", "president"))
    assert carb.match(gold_be, Extraction("was", ("Obama", "president"))) == (0.0, 0.0)
    assert carb.match(Extraction("has", ("Obama", "president")), predicted_be) == (0.0, 0.0)


def test_said_relation_allows_swapped_arguments() -> None:
    predicted = Extraction("said", ("the economy grew", "the minister"))
    gold = Extraction("said", ("the minister", "the economy grew"))
    assert carb.match(gold, predicted) == (1.0, 1.0)
    # without a said-type verb the swap is not tried
    gold = Extraction("stated", ("the minister", "the economy grew"))
    swapped = Extraction("stated", ("the economy grew", "the minister"))
    assert carb.match(gold, swapped) == pytest.approx((1 / 2, 1 / 2))


def test_sentence_normalisation_drops_spaces_punctuation_and_ptb_escapes() -> None:
    assert carb.normalize_sentence("He said -LRB- loudly -RRB- : `` hi '' .") == "Hesaidloudlyhi"
    assert carb.normalize_sentence("Café , naïve .") == "Cafénaïve"


# --------------------------------------------------------------------------- aggregation


SENTENCE = "Barack Obama was born in Hawaii ."


def test_multi_match_recall_versus_one_to_one(tmp_path: Path) -> None:
    gold = [
        (SENTENCE, "born in", "Barack Obama", "Hawaii"),
        (SENTENCE, "born in", "Obama", "Hawaii in 1961"),
    ]
    system = [(SENTENCE, 0.8, "born in", "Barack Obama", "Hawaii")]
    # recall of the single prediction against each gold tuple: 5/5 and 4/6
    multi = _score(tmp_path, gold, system)
    assert multi["recall"] == pytest.approx((1 + 4 / 6) / 2)
    assert multi["precision"] == pytest.approx(1.0)  # greedy 1-1 on precision: best gold taken
    single = _score(tmp_path, gold, system, single_match=True)
    assert single["recall"] == pytest.approx(1 / 2)
    assert single["precision"] == pytest.approx(1.0)


def test_greedy_precision_matching_is_one_to_one(tmp_path: Path) -> None:
    gold = [(SENTENCE, "born in", "Barack Obama", "Hawaii")]
    system = [
        (SENTENCE, 0.5, "born in", "Barack Obama", "Hawaii"),
        (SENTENCE, 0.5, "born in", "Barack Obama", "Hawaii"),
    ]
    result = _score(tmp_path, gold, system)
    assert result["precision"] == pytest.approx(0.5)  # the duplicate finds no free gold tuple
    assert result["recall"] == pytest.approx(1.0)


def test_thresholds_f1_and_auc(tmp_path: Path) -> None:
    gold = [
        (SENTENCE, "born in", "Barack Obama", "Hawaii"),
        (SENTENCE, "is", "Obama", "a politician"),
    ]
    system = [
        (SENTENCE, 0.9, "born in", "Barack Obama", "Hawaii"),
        (SENTENCE, 0.4, "visited", "Obama", "Hawaii"),
    ]
    # threshold 0.4: P = (1 + 0) / 2, R = 1/2; threshold 0.9: P = 1, R = 1/2
    result = _score(tmp_path, gold, system)
    assert result["threshold"] == 0.9
    assert result["precision"] == pytest.approx(1.0)
    assert result["recall"] == pytest.approx(0.5)
    assert result["f1"] == pytest.approx(2 / 3)
    # points (0.5, 0.5), (0.5, 1), then (0, 1): area 0.5
    assert result["auc"] == pytest.approx(0.5)


def test_sentences_join_on_normalised_text_and_unmatched_system_sentences_only_add_thresholds(
        tmp_path: Path) -> None:
    gold = [(SENTENCE, "born in", "Barack Obama", "Hawaii")]
    system = [
        ("Barack Obama was born in Hawaii", 0.6, "born in", "Barack Obama", "Hawaii"),
        ("Some other sentence .", 0.95, "is", "it", "other"),
    ]
    result = _score(tmp_path, gold, system)
    # threshold 0.95 keeps nothing from the gold sentence: P = 1 (no predictions), R = 0
    assert result["threshold"] == 0.6
    assert result["f1"] == pytest.approx(1.0)
    # points (1, 1), (0, 1), (0, 1)
    assert result["auc"] == pytest.approx(1.0)


def test_gold_sentence_without_predictions_counts_towards_recall(tmp_path: Path) -> None:
    gold = [
        (SENTENCE, "born in", "Barack Obama", "Hawaii"),
        ("Obama is a politician .", "is", "Obama", "a politician"),
    ]
    system = [(SENTENCE, 0.7, "born in", "Barack Obama", "Hawaii")]
    result = _score(tmp_path, gold, system)
    assert result["precision"] == pytest.approx(1.0)
    assert result["recall"] == pytest.approx(0.5)


def test_empty_system_scores_zero(tmp_path: Path) -> None:
    result = _score(tmp_path, [(SENTENCE, "born in", "Barack Obama", "Hawaii")], [])
    assert result == {"auc": 0.0, "precision": 0.0, "recall": 0.0, "f1": 0.0, "threshold": 0.0}


def test_cli_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = _write(tmp_path / "gold.tsv", [(SENTENCE, "born in", "Barack Obama", "Hawaii")])
    system = _write(tmp_path / "system.tsv", [(SENTENCE, 0.7, "born in", "Obama", "Hawaii")])
    assert carb.main(["--gold", str(gold), "--system", str(system), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"auc", "precision", "recall", "f1", "threshold"}
    assert result["precision"] == pytest.approx(1.0)
    assert result["recall"] == pytest.approx(4 / 5)
    assert carb.main(["--gold", str(gold), "--system", str(system), "--single-match"]) == 0
    assert "CaRB(1-1)" in capsys.readouterr().out
