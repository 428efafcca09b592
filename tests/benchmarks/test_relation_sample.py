"""benchmarks/relation_sample.py: the sample is drawn from the folder it is given."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from relation_sample import pick  # noqa: E402


def test_pick_draws_half_of_each_topic(tmp_path):
    for topic in ("politics", "business"):
        for k in range(5):
            (tmp_path / f"bbc_{topic}_{k:03}.txt").write_text("Title\n\nText.", encoding="utf-8")
    picked = pick(tmp_path, 4, seed=1)
    assert sorted(p.name.split("_")[1] for p in picked) == ["business"] * 2 + ["politics"] * 2
    assert picked == pick(tmp_path, 4, seed=1)


def test_a_folder_without_articles_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="bbc_politics"):
        pick(tmp_path / "missing", 300, seed=1)
