"""The ready-made questions: ``.rq`` files in ``graphbuild/sparql/queries/``, and their parameters.

Each file's first lines are a comment header::

    # title: Everything about an entity
    # description: Finds entities by name or any alias ... (continued on lines
    #   indented by two spaces)
    # param name (string, required): a name or alias, e.g. Kerry
    # example: --param name=Kerry

A parameter is a variable of the query (``?name``); its value is bound by rdflib
(``initBindings``), never pasted into the query text, so no value can change the query.

>>> question("entity").parameters[0].name
'name'
>>> bind_parameters(question("entity"), {"name": "Kerry"})
{'name': rdflib.term.Literal('Kerry')}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources

from rdflib import XSD, Literal, URIRef
from rdflib.term import Identifier

from ..errors import QueryError
from ..types import Parameter, Question
from ..vocab import is_iri

PARAMETER_TYPES = ("string", "iri", "integer", "decimal", "date")


_HEADER = re.compile(r"#\s?(title|description|param|example)\b([^:]*):\s*(.*)$")
_PARAM = re.compile(r"\s*([A-Za-z_]\w*)\s*(?:\(([^)]*)\))?\s*$")


def parse_question(text: str, name: str = "query") -> Question:
    """Read a question's comment header (title, description, params, example) from ``text``.

    Text without a header gives a question without declared parameters.

    Raises:
        QueryError: a ``param`` line is malformed (bad name, unknown type).
    """
    fields: dict[str, list[str]] = {"title": [], "description": [], "example": []}
    params: list[Parameter] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _HEADER.match(line)
        if match:
            key, extra, value = match.groups()
            if key == "param":
                params.append(_parameter(extra, value, name))
                current = None
            else:
                current = fields[key]
                current.append(value.strip())
        elif current is not None and re.match(r"#\s{2,}\S", line):
            current.append(line[1:].strip())
        else:
            current = None
    return Question(name=name, title=" ".join(fields["title"]) or name,
                    description=" ".join(fields["description"]), parameters=tuple(params),
                    text=text, example=" ".join(fields["example"]))


def _parameter(spec: str, description: str, question_name: str) -> Parameter:
    match = _PARAM.fullmatch(spec)
    if not match:
        raise QueryError(f"bad 'param' line in {question_name!r}: {spec.strip()!r}; write "
                         f"'# param NAME (TYPE, required|optional): description'")
    name, options = match.group(1), [o.strip() for o in (match.group(2) or "").split(",")]
    kind = next((o for o in options if o in PARAMETER_TYPES), "string")
    unknown = [o for o in options if o and o not in PARAMETER_TYPES + ("required", "optional")]
    if unknown:
        raise QueryError(f"bad 'param' line in {question_name!r}: unknown option {unknown[0]!r};"
                         f" types are {', '.join(PARAMETER_TYPES)}, plus required or optional")
    return Parameter(name=name, description=description.strip(), type=kind,
                     required="optional" not in options)


@cache
def questions() -> tuple[Question, ...]:
    """The ready-made questions shipped with graphbuild, sorted by name.

    >>> [q.name for q in questions()][:3]
    ['conflict-network', 'cooperation-network', 'entity']
    """
    folder = resources.files("graphbuild.sparql") / "queries"
    found = [parse_question(f.read_text(encoding="utf-8"), f.name[:-3])
             for f in folder.iterdir() if f.name.endswith(".rq")]
    return tuple(sorted(found, key=lambda q: q.name))


def question(name: str) -> Question:
    """The ready-made question called ``name`` (``who-met-whom``; ``.rq`` may be added).

    Raises:
        QueryError: there is no such question; the message lists them.
    """
    key = name[:-3] if name.endswith(".rq") else name
    for candidate in questions():
        if candidate.name == key:
            return candidate
    raise QueryError(f"no ready-made question {name!r}; choose one of "
                     f"{', '.join(q.name for q in questions())} (graphbuild query --list)")


def bind_parameters(question: Question, values: Mapping[str, str]) -> dict[str, Identifier]:
    """Turn ``--param NAME=VALUE`` strings into RDF terms for :func:`query`'s ``bindings``.

    A question with declared parameters accepts only those, requires the required ones and
    converts each value to its declared type. Query text without declarations accepts any
    variable the text uses; ``<...>`` values become IRIs, others string literals.

    Raises:
        QueryError: an unknown or missing parameter, or a value of the wrong type.

    >>> q = parse_question("SELECT * { ?s rdfs:label ?label }")
    >>> bind_parameters(q, {"s": "<https://example.org/a>"})
    {'s': rdflib.term.URIRef('https://example.org/a')}
    """
    declared = {p.name: p for p in question.parameters}
    out: dict[str, Identifier] = {}
    for name, value in values.items():
        if declared:
            if name not in declared:
                raise QueryError(f"{question.name!r} has no parameter {name!r}; its parameters "
                                 f"are {', '.join(declared)}")
            out[name] = _term(value, declared[name].type, name)
        else:
            if not re.search(rf"[?$]{re.escape(name)}\b", question.text):
                raise QueryError(f"the query has no variable ?{name} to bind --param {name} to")
            kind = "iri" if value.startswith("<") and value.endswith(">") else "string"
            out[name] = _term(value, kind, name)
    missing = [p.name for p in question.parameters if p.required and p.name not in values]
    if missing:
        example = f" (e.g. {question.example})" if question.example else ""
        raise QueryError(f"{question.name!r} needs "
                         f"{' '.join(f'--param {m}=VALUE' for m in missing)}{example}")
    return out


def _term(value: str, kind: str, name: str) -> Identifier:
    try:
        if kind == "iri":
            iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
            if not is_iri(iri):
                raise ValueError
            return URIRef(iri)
        if kind == "integer":
            return Literal(int(value))
        if kind == "decimal":
            return Literal(Decimal(value), datatype=XSD.decimal)
        if kind == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            return Literal(value, datatype=XSD.date)
    except (ValueError, InvalidOperation):
        raise QueryError(f"--param {name}={value!r} is not a valid {kind}") from None
    return Literal(value)
