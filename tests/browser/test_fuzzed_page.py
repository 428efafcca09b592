"""Issue 8: the hostile-text browser check, on property-based fuzzed names and sentences."""

from __future__ import annotations

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphbuild.outputs.page import write_html

# Any text but lone surrogates (they cannot be written as UTF-8), with the characters that
# break pages most often mixed in.
_PIECES = st.sampled_from(["<script>alert(1)</script>", "</script>", "<img src=x onerror=alert(2)>",
                           '"', "'", "href=javascript:alert(3)", "<!--", "]]>", "\x00", "\x1b",
                           "\u202e", "&amp;", "\\", "`${alert(4)}`"])
_TEXT = st.lists(st.one_of(st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
                           _PIECES), min_size=1, max_size=5).map("".join)


def _network(names: list[str], sentence: str) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(documents=1)
    for k, name in enumerate(names):
        g.add_node(f"urn:{k}", label=name, type="PERSON", mentions=k + 1, documents=1,
                   aliases=[name[::-1]], titles=[name])
    for k in range(len(names) - 1):
        g.add_edge(f"urn:{k}", f"urn:{k + 1}", key=f"e{k}", predicate=names[k], weight=1,
                   confidence=0.5, evidence=[{"document": sentence, "title": sentence,
                                              "sentence": sentence, "confidence": 0.5}])
    return g


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(names=st.lists(_TEXT, min_size=2, max_size=12), sentence=_TEXT)
def test_fuzzed_text_neither_runs_nor_breaks_the_page(open_page, tmp_path, names, sentence):
    path = tmp_path / "fuzzed.html"
    write_html(_network(names, sentence), path, title=sentence)
    view = open_page(path)
    assert view.js("() => graphbuild.drawn()") == {"nodes": len(names),
                                                      "edges": len(names) - 1}
    view.js("() => graphbuild.showEdge('e0')")
    view.page.wait_for_timeout(100)
    assert view.markup_from_data() == {"injected": 0, "scripts": 3, "handlers": 0}
    assert view.dialogs == []
