"""graphbuild: news articles in; a knowledge graph out (RDF, HTML, Gephi).

The pipeline, one room per stage: :mod:`~graphbuild.ingest` -> :mod:`~graphbuild.nlp` ->
:mod:`~graphbuild.extract` -> :mod:`~graphbuild.resolve` -> :mod:`~graphbuild.rdf` (or
:mod:`~graphbuild.store`) -> :mod:`~graphbuild.network` -> :mod:`~graphbuild.outputs` and
:mod:`~graphbuild.sparql`; :mod:`~graphbuild.pipeline` composes them.

>>> import graphbuild
>>> kg = graphbuild.build_graph(["examples/syria"])  # doctest: +SKIP
>>> kg.write("output/")  # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import (
    GraphbuildError,
    GraphFormatError,
    InputError,
    ModelNotFoundError,
    NoDocumentsError,
    QueryError,
)

# The rest is imported on first use (PEP 562): ``import graphbuild`` (and a process that only
# needs the errors, the vocabulary or the SPARQL endpoint) does not pay for spaCy and rdflib.
_LAZY = {
    "read_documents": "ingest", "to_networkx": "network", "write_outputs": "outputs",
    "write_gexf": "outputs.gephi", "write_graphml": "outputs.gephi",
    "render_html": "outputs.page", "write_html": "outputs.page",
    "write_turtle": "outputs.rdf_files", "write_triples_csv": "outputs.tables",
    "KnowledgeGraph": "pipeline", "build_graph": "pipeline", "read_graph": "rdf",
    "to_rdf": "rdf", "query": "sparql.query", "format_result": "sparql.results",
}

if TYPE_CHECKING:
    from .ingest import read_documents
    from .network import to_networkx
    from .outputs import write_outputs
    from .outputs.gephi import write_gexf, write_graphml
    from .outputs.page import render_html, write_html
    from .outputs.rdf_files import write_turtle
    from .outputs.tables import write_triples_csv
    from .pipeline import KnowledgeGraph, build_graph
    from .rdf import read_graph, to_rdf
    from .sparql.query import query
    from .sparql.results import format_result


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # once: later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "GraphFormatError", "GraphbuildError", "InputError", "KnowledgeGraph", "ModelNotFoundError",
    "NoDocumentsError", "QueryError", "build_graph", "format_result", "query", "read_documents",
    "read_graph", "render_html", "to_networkx", "to_rdf", "write_gexf", "write_graphml",
    "write_html", "write_outputs", "write_triples_csv", "write_turtle",
]
