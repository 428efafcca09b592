"""Helpers of the robustness tests: generated articles, subprocess runs, strict readers."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import DATA, ROOT
from lxml import etree

PYTHON = sys.executable

# Plain news sentences with named entities, recombined into as much text as a test needs.
SENTENCES = (
    "Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov in Geneva.",
    "Russia backs President Bashar al-Assad, officials in Moscow said.",
    "The United Nations called on both sides to respect the ceasefire in Aleppo.",
    "Angela Merkel spoke with Vladimir Putin by telephone on Tuesday.",
    "Turkey accused the Kurdish militia of attacks near the border.",
    "Staffan de Mistura said the talks in Geneva would resume next week.",
    "Iran and Hezbollah support the government in Damascus.",
    "The European Union imposed new sanctions on Syrian officials.",
    "Barack Obama discussed the crisis with Francois Hollande in Paris.",
    "Aid agencies warned that food was running out in Idlib.",
)


def article(rng: random.Random, sentences: int = 12) -> str:
    """A headline and paragraphs of generic news sentences, in a seeded order."""
    picked = [rng.choice(SENTENCES) for _ in range(sentences)]
    paragraphs = [" ".join(picked[k:k + 3]) for k in range(0, len(picked), 3)]
    return "Talks on Syria\n\n" + "\n\n".join(paragraphs) + "\n"


def write_text_of_size(path: Path, size: int, *, seed: int = 0) -> int:
    """Write about ``size`` bytes of generic articles to ``path``; returns the bytes written."""
    rng = random.Random(seed)
    block = "".join(article(rng, 30) + "\n" for _ in range(50)).encode("utf-8")
    with open(path, "wb") as handle:
        written = 0
        while written < size:
            handle.write(block)
            written += len(block)
    return written


def run_python(code: str, *args: str, timeout: float = 300, env: dict | None = None,
               cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter (the repository as working folder)."""
    return subprocess.run([PYTHON, "-c", textwrap.dedent(code), *args], capture_output=True,
                          text=True, timeout=timeout, cwd=cwd,
                          env={**os.environ, **(env or {})})


def measured(code: str, *args: str, timeout: float = 300) -> dict:
    """Run ``code`` in a fresh interpreter and return the JSON it prints last, plus
    ``rss_growth_mb``: its peak resident memory less the peak before ``code`` ran."""
    wrapper = (
        "import json, resource, sys, time\n"
        "import graphbuild.ingest, graphbuild.nlp\n"
        "_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "_started = time.perf_counter()\n"
        "result = {}\n"
        + textwrap.dedent(code) +
        "\nresult['seconds'] = time.perf_counter() - _started\n"
        "result['rss_growth_mb'] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss"
        " - _before) / 1024\n"
        "print(json.dumps(result))\n")
    done = run_python(wrapper, *args, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def turtle_triples(data: bytes) -> int:
    """Parse Turtle with pyoxigraph (strict, independent of rdflib); returns the triple count."""
    import pyoxigraph

    return sum(1 for _ in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE))


_RELAXNG: list[etree.RelaxNG] = []


def assert_valid_gexf(path_or_bytes: Path | bytes) -> None:
    """Validate a GEXF file against the published GEXF 1.3 RelaxNG schema."""
    if not _RELAXNG:
        _RELAXNG.append(etree.RelaxNG(etree.parse(str(DATA / "gexf" / "gexf.rng"))))
    doc = (etree.fromstring(path_or_bytes) if isinstance(path_or_bytes, bytes)
           else etree.parse(str(path_or_bytes)))
    _RELAXNG[0].assertValid(doc)


# A graphbuild command line with test hooks, set by environment variables:
# GB_TEST_FSYNC=K        before each fsync (the file is written, not yet renamed into place),
#                        print "FSYNC <n> <temporary file>" to stderr; at the K-th (K > 0),
#                        wait a minute there (to be killed);
# GB_TEST_AUDIT=FILE     record every file opened for writing and every rename (Python audit
#                        hooks) and dump them as JSON to FILE at exit;
# GB_TEST_STORE_MARK=1   print "STORE" to stderr when the build starts writing its store.
HOOKED_CLI = r"""
import atexit, json, os, sys, time

if os.environ.get("GB_TEST_FSYNC"):
    _stop, _fsync, _count = int(os.environ["GB_TEST_FSYNC"]), os.fsync, [0]

    def _paused_fsync(fd):
        _count[0] += 1
        print(f"FSYNC {_count[0]} {os.readlink(f'/proc/self/fd/{fd}')}", file=sys.stderr,
              flush=True)
        if _count[0] == _stop:
            time.sleep(60)
        return _fsync(fd)

    os.fsync = _paused_fsync

if os.environ.get("GB_TEST_AUDIT"):
    _events = []
    _writing = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC

    def _audit(event, args):
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)) \
                and args[2] & _writing:
            _events.append(["open", os.path.abspath(os.fsdecode(args[0]))])
        elif event == "os.rename":
            _events.append(["rename", os.path.abspath(os.fsdecode(args[0])),
                            os.path.abspath(os.fsdecode(args[1]))])

    sys.addaudithook(_audit)
    atexit.register(lambda: open(os.environ["GB_TEST_AUDIT"], "w").write(json.dumps(_events)))

if os.environ.get("GB_TEST_STORE_MARK"):
    import graphbuild.store as _store
    _add = _store.replace_graph

    def _marked(*args, **kwargs):
        print("STORE", file=sys.stderr, flush=True)
        return _add(*args, **kwargs)

    _store.replace_graph = _marked

from graphbuild.cli import main

sys.exit(main(sys.argv[1:]))
"""


def hooked_cli(*args: str, **env: str) -> subprocess.Popen:
    """Start ``graphbuild ARGS`` with :data:`HOOKED_CLI`'s hooks; stderr is a text pipe."""
    return subprocess.Popen([PYTHON, "-c", HOOKED_CLI, *args], cwd=ROOT, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **env})
