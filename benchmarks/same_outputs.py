"""Build the same inputs with two checkouts and compare their files byte for byte.

Used to check that a refactor changes no output:

    python benchmarks/same_outputs.py build --out /tmp/before          # on the old commit
    python benchmarks/same_outputs.py build --out /tmp/after           # on the new commit
    python benchmarks/same_outputs.py compare /tmp/before /tmp/after

``build`` writes two corpora: ``examples/syria`` and the first 300 BBC politics articles
(``../shared/benchmarks/bbc``, skipped with a message when it is not there), each with the
``graphbuild`` found on ``PATH`` (or ``--graphbuild``).
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "benchmarks" / "bbc"
FILES = ("graph.ttl", "graph.gexf", "graph.graphml", "triples.csv", "merges.csv",
         "graph.jsonld", "nodes.csv", "edges.csv", "graph.html")


def _corpora(tmp: Path) -> dict[str, Path]:
    corpora = {"syria": ROOT / "examples" / "syria"}
    if BBC.is_dir():
        # A fixed folder: the input path is written into the graph (gb:source), so a random
        # temporary folder would make every build differ.
        folder = tmp / "bbc-politics-300"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for path in sorted(BBC.glob("bbc_politics_*.txt"))[:300]:
            shutil.copy(path, folder / path.name)
        corpora["bbc-politics-300"] = folder
    else:
        print(f"no {BBC}: BBC corpus skipped", file=sys.stderr)
    return corpora


def build(out: Path, graphbuild: str, processes: int) -> None:
    for name, folder in _corpora(Path(tempfile.gettempdir()) / "graphbuild-same-outputs").items():
        target = out / name
        cmd = [graphbuild, "build", str(folder), "-o", str(target), "-q",
               "--processes", str(processes)]
        subprocess.run(cmd, check=True)
        print(f"built {name} -> {target}")


def compare(before: Path, after: Path) -> int:
    changed = 0
    for corpus in sorted(p.name for p in before.iterdir() if p.is_dir()):
        for name in FILES:
            a, b = before / corpus / name, after / corpus / name
            if not a.exists() or not b.exists():
                print(f"{corpus}/{name}: missing on one side")
                changed += 1
            elif filecmp.cmp(a, b, shallow=False):
                print(f"{corpus}/{name}: identical")
            else:
                print(f"{corpus}/{name}: DIFFERENT")
                changed += 1
    print(f"{changed} file(s) differ")
    return 1 if changed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("--out", type=Path, required=True)
    b.add_argument("--graphbuild", default="graphbuild")
    b.add_argument("--processes", type=int, default=2)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "build":
        build(args.out, args.graphbuild, args.processes)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
