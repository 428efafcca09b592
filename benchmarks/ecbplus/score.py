"""Score graphbuild's entity resolution on ECB+ (topics 1-35) beside a "same last word" baseline.

Usage::

    python benchmarks/ecbplus/run.py                 # parse + extract once (minutes)
    python benchmarks/ecbplus/score.py [--extractions FILE] [--scope corpus|topic]

The gold is the named mentions of people, organisations and places in the annotated
sentences that take part in a gold coreference chain (see ``corpus.py`` for what counts as
named, and why unchained mentions are left out unless ``--all-mentions``). Two clusterings
of those same mentions are scored:

- **graphbuild**: the extraction records are resolved by :func:`graphbuild.resolve.resolve`
  (all 772 articles at once with ``--scope corpus``, the default: a user drops every
  article into one build; or each topic on its own with ``--scope topic``). A gold mention
  takes the entity of the system mention in the same article that overlaps it by the most
  characters (ties: the shorter system mention); a gold mention that no system mention
  overlaps is a singleton.
- **baseline**: two mentions of the same gold type are one entity when their names end with
  the same word ("Lohan" ~ "Lindsay Lohan", and also "Ford" ~ "Betty Ford" ~ "Gerald Ford").

Figures, per type (people, organisations, places) and for all mentions together:

- **B³** precision, recall and F1 over mentions (Bagga and Baldwin 1998), each clustering
  restricted to the mentions of that type;
- **alias pairs**: an alias pair is two *different* names (``corpus.normalise``: case, dots,
  leading determiner and possessive ignored) that one entity holds. Gold pairs come from the
  gold entities, system pairs from the system's entities (restricted to the mentions of the
  type); precision = shared / system pairs, recall = shared / gold pairs.

Topics 1-35 are all there is here: they are the development set, not a held-out test.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import DEFAULT_ROOT, GoldMention, read_corpus  # noqa: E402
from run import DEFAULT_OUTPUT  # noqa: E402

from graphbuild.resolve import resolve  # noqa: E402
from graphbuild.types import Extraction, Mention  # noqa: E402

TYPE_ORDER = ("people", "organisations", "places", "all")


def system_clusters(gold: Sequence[GoldMention], extractions: Sequence[Extraction],
                    *, scope: str = "corpus") -> tuple[list[str], float]:
    """The system entity of each gold mention, and the seconds resolution took."""
    groups: dict[str, list[int]] = defaultdict(list)
    for x, extraction in enumerate(extractions):
        topic = extraction.document.id.split("_")[0]
        groups["all" if scope == "corpus" else topic].append(x)
    entity_of: dict[tuple[int, int], str] = {}
    retagged: dict[int, tuple[Mention, ...]] = {}  # the mentions as resolution re-tagged them
    seconds = 0.0
    for group, members in groups.items():
        started = time.perf_counter()
        resolution = resolve([extractions[x] for x in members])
        seconds += time.perf_counter() - started
        for (local, m), key in resolution.assignment.items():
            entity_of[(members[local], m)] = f"{group}/{key}"
        retagged.update((members[local], found)
                        for local, found in resolution.retagged.items())
    index = {e.document.id: x for x, e in enumerate(extractions)}
    out = []
    for n, mention in enumerate(gold):
        x = index.get(mention.article)
        best: tuple[int, int, int] | None = None  # (overlap, -length, mention index)
        if x is not None:
            for m, sm in enumerate(retagged.get(x, extractions[x].mentions)):
                overlap = min(sm.end, mention.end) - max(sm.start, mention.start)
                if overlap > 0 and (x, m) in entity_of:
                    candidate = (overlap, -(sm.end - sm.start), -m)
                    best = candidate if best is None or candidate > best else best
        out.append(entity_of[(x, -best[2])] if best is not None and x is not None
                   else f"unmatched/{n}")
    return out, seconds


def baseline_clusters(gold: Sequence[GoldMention]) -> list[str]:
    """Same gold type and same last word of the name: one entity."""
    return [f"{m.type}/{(m.name.split() or [m.text])[-1]}" for m in gold]


def oracle_ner(gold: Sequence[GoldMention], system: Sequence[str]) -> list[str]:
    """``system`` with every unmatched gold mention (one the NER missed) put in the system
    entity that holds most of the matched mentions of its gold entity: what the clustering
    would be if the NER had found every mention and resolution had done the rest."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for mention, label in zip(gold, system, strict=True):
        if not label.startswith("unmatched/"):
            votes[mention.entity][label] += 1
    return [min(votes[m.entity], key=lambda k: (-votes[m.entity][k], k))
            if label.startswith("unmatched/") and votes[m.entity] else label
            for m, label in zip(gold, system, strict=True)]


def b_cubed(gold: Sequence[str], system: Sequence[str]) -> tuple[float, float, float]:
    """B³ precision, recall, F1 of ``system`` against ``gold`` (one label per mention)."""
    if not gold:
        return 0.0, 0.0, 0.0
    g_members: dict[str, set[int]] = defaultdict(set)
    s_members: dict[str, set[int]] = defaultdict(set)
    for i, (g, s) in enumerate(zip(gold, system, strict=True)):
        g_members[g].add(i)
        s_members[s].add(i)
    p = r = 0.0
    for g, s in zip(gold, system, strict=True):
        shared = len(g_members[g] & s_members[s])
        p += shared / len(s_members[s])
        r += shared / len(g_members[g])
    p, r = p / len(gold), r / len(gold)
    return p, r, _f1(p, r)


def alias_pairs(names: Sequence[str], clusters: Sequence[str]) -> set[frozenset[str]]:
    """Every pair of different names that one cluster holds."""
    by_cluster: dict[str, set[str]] = defaultdict(set)
    for name, cluster in zip(names, clusters, strict=True):
        by_cluster[cluster].add(name)
    return {frozenset(pair) for held in by_cluster.values()
            for pair in combinations(sorted(held), 2)}


def pair_scores(gold: set[frozenset[str]], system: set[frozenset[str]]
                ) -> tuple[float, float, float]:
    shared = len(gold & system)
    p = shared / len(system) if system else 0.0
    r = shared / len(gold) if gold else 0.0
    return p, r, _f1(p, r)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Sequence[GoldMention], clusterings: Mapping[str, Sequence[str]]
          ) -> dict[str, dict[str, dict[str, float]]]:
    """``{type: {system: {figure: value}}}`` for every type and clustering."""
    gold_entities = [m.entity for m in gold]
    out: dict[str, dict[str, dict[str, float]]] = {}
    for kind in TYPE_ORDER:
        keep = [i for i, m in enumerate(gold) if kind == "all" or m.type == kind]
        names = [gold[i].name for i in keep]
        g = [gold_entities[i] for i in keep]
        g_pairs = alias_pairs(names, g)
        out[kind] = {"gold": {"mentions": len(keep), "pairs": len(g_pairs)}}
        for system, labels in clusterings.items():
            s = [labels[i] for i in keep]
            bp, br, bf = b_cubed(g, s)
            s_pairs = alias_pairs(names, s)
            ap, ar, af = pair_scores(g_pairs, s_pairs)
            out[kind][system] = {"b3_p": bp, "b3_r": br, "b3_f1": bf, "pair_p": ap,
                                 "pair_r": ar, "pair_f1": af, "pairs": len(s_pairs)}
    return out


def format_table(results: Mapping[str, Mapping[str, Mapping[str, float]]],
                 systems: Iterable[str]) -> str:
    lines = [f"{'type':<14}{'system':<12}{'mentions':>9}{'B3 P':>7}{'B3 R':>7}{'B3 F1':>7}"
             f"{'pairs':>7}{'pair P':>8}{'pair R':>8}{'pair F1':>8}"]
    for kind in TYPE_ORDER:
        gold = results[kind]["gold"]
        lines.append(f"{kind:<14}{'gold':<12}{gold['mentions']:>9}{'':>21}"
                     f"{gold['pairs']:>7}")
        for system in systems:
            f = results[kind][system]
            lines.append(f"{'':<14}{system:<12}{'':>9}{f['b3_p']:>7.3f}{f['b3_r']:>7.3f}"
                         f"{f['b3_f1']:>7.3f}{int(f['pairs']):>7}{f['pair_p']:>8.3f}"
                         f"{f['pair_r']:>8.3f}{f['pair_f1']:>8.3f}")
    return "\n".join(lines)


def format_breakdown(gold: Sequence[GoldMention], system: Sequence[str]) -> str:
    """Where graphbuild's B³ recall goes: to gold mentions that no system mention overlaps
    (NER misses, singletons) or to system entities left apart (resolution).

    The NER share is the recall gained when each missed mention joins the system entity
    of its gold entity (:func:`oracle_ner`); the rest of the gap to 1 is resolution's."""
    oracle = oracle_ner(gold, system)
    lines = [f"{'recall lost':<14}{'missed':>8}{'B3 R':>7}{'R, NER oracle':>15}"
             f"{'NER share':>11}{'resolution':>12}"]
    for kind in TYPE_ORDER:
        keep = [i for i, m in enumerate(gold) if kind == "all" or m.type == kind]
        g = [gold[i].entity for i in keep]
        missed = sum(system[i].startswith("unmatched/") for i in keep)
        r = b_cubed(g, [system[i] for i in keep])[1]
        ro = b_cubed(g, [oracle[i] for i in keep])[1]
        lines.append(f"{kind:<14}{missed:>8}{r:>7.3f}{ro:>15.3f}{ro - r:>11.3f}{1 - ro:>12.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--extractions", type=Path, default=DEFAULT_OUTPUT,
                        help="the records written by run.py")
    parser.add_argument("--scope", choices=("corpus", "topic"), default="corpus",
                        help="resolve all articles at once (default) or each topic apart")
    parser.add_argument("--all-mentions", action="store_true",
                        help="also score the mentions outside every gold chain, as entities "
                             "of their own (see corpus.py: many were not judged)")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="also print N missed and N wrong alias pairs of graphbuild")
    args = parser.parse_args(argv)
    if not (args.corpus / "ECB+").is_dir():
        print(f"ECB+ is not at {args.corpus}: skipped", file=sys.stderr)
        return 2
    if not args.extractions.is_file():
        print(f"no extractions at {args.extractions}: run benchmarks/ecbplus/run.py first",
              file=sys.stderr)
        return 2
    _, gold = read_corpus(args.corpus)
    if not args.all_mentions:
        gold = [m for m in gold if m.chained]
    with open(args.extractions, "rb") as f:
        saved = pickle.load(f)
    ours, seconds = system_clusters(gold, saved["extractions"], scope=args.scope)
    clusterings = {"graphbuild": ours, "baseline": baseline_clusters(gold)}
    results = score(gold, clusterings)
    print(format_table(results, clusterings))
    print(format_breakdown(gold, ours))
    print(f"resolution: {seconds:.2f} s for {len(saved['extractions'])} articles "
          f"(parse took {saved.get('parse_seconds', 0.0):.1f} s)")
    if args.errors:
        names = [m.name for m in gold]
        g_pairs = alias_pairs(names, [m.entity for m in gold])
        s_pairs = alias_pairs(names, ours)
        for title, pairs in (("missed", g_pairs - s_pairs), ("wrong", s_pairs - g_pairs)):
            print(f"\n{title} ({len(pairs)}):")
            for pair in sorted(sorted(p) for p in pairs)[:args.errors]:
                print("  " + " | ".join(pair))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
