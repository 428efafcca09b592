"""SPARQL over a graphbuild graph: the last stage, reading the graph the others made.

- :mod:`~graphbuild.sparql.query`: running queries (prefixes predeclared, time limits);
- :mod:`~graphbuild.sparql.questions`: the ready-made questions (``queries/*.rq``);
- :mod:`~graphbuild.sparql.results`: the one format registry and the result writers;
- :mod:`~graphbuild.sparql.serve`: a local read-only endpoint (and its store worker,
  :mod:`~graphbuild.sparql.worker`);
- :mod:`~graphbuild.sparql.push`: loading a graph into a SPARQL triple store.
"""

from __future__ import annotations

from .query import query, run_with_timeout
from .questions import Question, bind_parameters, question, questions
from .results import FORMATS, format_result, serialize_result

__all__ = ["FORMATS", "Question", "bind_parameters", "format_result", "query", "question",
           "questions", "run_with_timeout", "serialize_result"]
