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

from .errors import (  # noqa: E402
    GraphbuildError,
    GraphFormatError,
    InputError,
    ModelNotFoundError,
    NoDocumentsError,
    QueryError,
)
from .ingest import read_documents  # noqa: E402
from .network import to_networkx  # noqa: E402
from .outputs import write_outputs  # noqa: E402
from .outputs.gephi import write_gexf, write_graphml  # noqa: E402
from .outputs.page import render_html, write_html  # noqa: E402
from .outputs.rdf_files import write_turtle  # noqa: E402
from .outputs.tables import write_triples_csv  # noqa: E402
from .pipeline import KnowledgeGraph, build_graph  # noqa: E402
from .rdf import read_graph, to_rdf  # noqa: E402
from .sparql.query import query  # noqa: E402
from .sparql.results import format_result  # noqa: E402

__all__ = [
    "GraphFormatError", "GraphbuildError", "InputError", "KnowledgeGraph", "ModelNotFoundError",
    "NoDocumentsError", "QueryError", "build_graph", "format_result", "query", "read_documents",
    "read_graph", "render_html", "to_networkx", "to_rdf", "write_gexf", "write_graphml",
    "write_html", "write_outputs", "write_triples_csv", "write_turtle",
]
