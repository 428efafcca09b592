"""Sports results lines, read by their own small grammar.

Wire news is full of lines that are tables, not sentences, and the parser and the NER read
them poorly ("Derbyshire" a verb, "J. Adams 123" a person, "SAN DIEGO AT MONTREAL" one
name). A line that matches one of these shapes is read as a table:

- a score line, "Minnesota 6 MILWAUKEE 1": the side with more points beat the other;
- a fixture, "SAN DIEGO AT MONTREAL" (also "v", "vs"): the two sides play each other;
- a scorecard, "Hove : Sussex 363 ( W. Athey 111 ) , Lancashire 197-8": the sides play each
  other at the venue before the colon, and the players in brackets after a side play for it;
- a side's scorers, "Romania - Cosmin Contra ( 31st ) , Mihai Tararache ( 75th )": they play
  for the side;
- a head-to-head result, "Li Wei ( China ) beat Anders Berg ( Sweden ) 6-3 6-2": the first
  beat the second, and the bracket after a name says where the player is from (or which club
  the player is with).

Inside a matched line the table's own names replace the NER's spans (a side is an
organisation, a player a person, a venue a place); the rest of the text is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.attrs import IS_SPACE
from spacy.tokens import Doc, Token

from ..lexicon import COUNTRIES, DEMONYMS, FIXTURE_SEPARATORS, RESULT_VERBS, SCORE_QUALIFIERS
from .clauses import span_text
from .entities import EntitySpan
from .relations import _PLACE_LABELS, RelationSpan

_SCORE = re.compile(r"\d+(?:-\d+)?\*?$")
_MINUTE = re.compile(r"\d+(?:st|nd|rd|th)$")
# Words that may join the capitalised words of one name ("Duke of Norfolk 's XI",
# "Chester - le - Street").
_SIDE_LABELS = frozenset({"PERSON", "ORG"})
_JOINERS = frozenset({"of", "'s", "de", "la", "le", "van", "von", "der", "du", "&"})
_MAX_NAME_TOKENS = 6
_CONFIDENCE = 0.85
_MAX_TABLE_TOKENS = 16

# One character per item of a line: a name, a score, punctuation, a result verb, a fixture
# separator, "at" before a venue, "and", a score qualifier ("not out"), a minute ("31st");
# anything else is "x".
_SCORE_LINE = re.compile(r"NSNS(?:\(.*\))?")
_FIXTURE = re.compile(r"NAN")
_PLAYER = r"NS+q*"
_SIDE = rf"NS(?:&S)?(?:\({_PLAYER}(?:[,;]{_PLAYER})*\))?(?:&S)?"
_SCORECARD = re.compile(rf"(?:N(?:\(N\))?:)?{_SIDE}(?:,{_SIDE})+")
_HEAD_TO_HEAD = re.compile(r"N\(N\)B(?:S-)?N\(N\)")
_DATELINE_RESULT = re.compile(r"N:NBN[^,;:(]*")
# "Romania - Cosmin Contra ( 31st ) , Mihai Tararache ( 75th , 80th )": a side's scorers
_MINUTES = r"\([mS](?:,[mS])*\)"
_SCORERS = re.compile(rf"N-N{_MINUTES}(?:,N{_MINUTES})*")
_VENUE = re.compile(r"\([@A]N,N\)")
_WHOLE_LINE = re.compile("|".join(p.pattern for p in (
    _SCORE_LINE, _FIXTURE, _SCORECARD, _DATELINE_RESULT, _SCORERS)))


class _Item:
    __slots__ = ("kind", "start", "end")

    def __init__(self, kind: str, start: int, end: int):
        self.kind, self.start, self.end = kind, start, end


def results(doc: Doc, spans: Sequence[EntitySpan]
            ) -> tuple[list[EntitySpan], list[tuple[int, str, int, int]]]:
    """The entity spans of ``doc`` with those of its results lines re-read, and the
    relations of those lines.

    Returns:
        the new span list (in text order) and ``(subject, predicate, object, token)`` for
        each relation, subject and object indexing the new list.
    """
    if not any(t.like_num or t.lower_ in FIXTURE_SEPARATORS or _SCORE.match(t.text)
               for t in doc):
        return list(spans), []
    kept = list(spans)
    found: list[tuple[EntitySpan, str, EntitySpan, int]] = []
    for indices in _lines(doc):
        # a long line is prose; in prose only a bracketed result is read ("Li Wei ( China )
        # beat ..."); skipping the rest keeps this stage cheap
        if len(indices) > _MAX_TABLE_TOKENS and \
                "(" not in span_text(doc, indices[0], indices[-1] + 1):
            continue
        line = [doc[i] for i in indices]
        items = _items(line)
        if len(items) < 3:
            continue
        shape = "".join(i.kind for i in items).rstrip(".")
        relations = _read(doc, items, shape, spans)
        if not relations:
            continue
        new = {s for r in relations for s in (r[0], r[2])}
        if _WHOLE_LINE.fullmatch(shape):  # the line is a table: its names are the table's
            taken = set(range(line[0].i, line[-1].i + 1))
        else:  # a result inside a sentence: only its own names
            taken = {i for s in new for i in range(s.start, s.end)}
        kept = [s for s in kept if not taken.intersection(range(s.span_start, s.span_end))]
        kept += new
        found += relations
    if not found:
        return list(spans), []
    kept = sorted(set(kept))
    index = {s: k for k, s in enumerate(kept)}
    return kept, [(index[a], predicate, index[b], token) for a, predicate, b, token in found]


def relation_spans(doc: Doc, found: Sequence[tuple[int, str, int, int]]) -> list[RelationSpan]:
    """The relations of :func:`results` as relation records."""
    return [RelationSpan(a, predicate, b, doc[token].text, token, _CONFIDENCE, "results",
                         False, None) for a, predicate, b, token in found]


def _lines(doc: Doc) -> list[list[int]]:
    """The token indices of each line of ``doc``, spaces left out (the parser's sentences do
    not follow the lines of a table: "West | Ham v Sheff Utd"). Read off an array: only the
    spaces become Tokens."""
    out: list[list[int]] = []
    line: list[int] = []
    start = 0
    for space in [*doc.to_array(IS_SPACE).nonzero()[0].tolist(), len(doc)]:
        line.extend(range(start, space))  # the words before this space
        start = space + 1
        if space < len(doc) and "\n" in doc[space].text and line:
            out.append(line)
            line = []
    if line:
        out.append(line)
    return out


def _kind(token: Token) -> str:
    lower = token.lower_
    if lower == "at" and not token.text.isupper():
        return "@"  # a venue ("( at Edgbaston , Birmingham )"), not a fixture
    if lower in FIXTURE_SEPARATORS and (token.text.isupper() or lower != "at") and \
            token.text != "V.":
        # "v", and "AT" in a line of capitals ("Blair at Westminster" is no fixture);
        # "V." is an initial
        return "A"
    if lower in RESULT_VERBS:
        return "B"
    if lower == "and":
        return "&"
    if lower in SCORE_QUALIFIERS:
        return "q"
    if _SCORE.match(token.text):
        return "S"
    if _MINUTE.match(token.text):
        return "m"
    if token.text in "(),;:-.":
        return token.text
    if token.text[:1].isupper() and any(c.isalpha() for c in token.text):
        return "N"
    return "x"


def _items(line: Sequence[Token]) -> list[_Item]:
    """The line as items; consecutive name words (and the joiners between them) are one
    name."""
    items: list[_Item] = []
    k = 0
    while k < len(line):
        kind = _kind(line[k])
        if kind == "N":
            end = k + 1
            while end < len(line) and end - k < _MAX_NAME_TOKENS:
                if _kind(line[end]) == "N":
                    end += 1
                elif end + 1 < len(line) and _kind(line[end + 1]) == "N" and (
                        line[end].lower_ in _JOINERS or (line[end].text == "-" and not (
                            line[end - 1].whitespace_ or line[end].whitespace_))):
                    end += 2
                else:
                    break
            items.append(_Item("N", line[k].i, line[end - 1].i + 1))
            k = end
            continue
        end = k + 1
        while kind == "S" and end + 1 < len(line) and line[end].text == "-" and \
                not (line[end - 1].whitespace_ or line[end].whitespace_) and \
                _SCORE.match(line[end + 1].text):
            end += 2  # spaCy splits "150-4" and "6-3"
        items.append(_Item(kind, line[k].i, line[end - 1].i + 1))
        k = end
    return items


def _span(doc: Doc, item: _Item, label: str, spans: Sequence[EntitySpan],
          keep_labels: frozenset[str] = frozenset()) -> EntitySpan:
    """The name ``item`` as an entity span; the NER's label is kept when it is one of
    ``keep_labels`` and its span covers the name."""
    for s in spans:
        if s.label in keep_labels and s.start <= item.start and item.end <= s.end:
            label = s.label
    text = doc[item.start:item.end].text
    return EntitySpan(item.start, item.end, item.start, item.end, label, text, text)


def _read(doc: Doc, items: list[_Item], shape: str, spans: Sequence[EntitySpan]
          ) -> list[tuple[EntitySpan, str, EntitySpan, int]]:
    out: list[tuple[EntitySpan, str, EntitySpan, int]] = []
    if _SCORE_LINE.fullmatch(shape):
        a, b = _span(doc, items[0], "ORG", spans), _span(doc, items[2], "ORG", spans)
        points = [int(doc[items[k].start].text.split("-")[0].rstrip("*")) for k in (1, 3)]
        if max(points) >= 1000:
            return []  # "Windows 7 Office 2010": a year or a version, not a score
        if points[0] == points[1]:
            out.append((a, "draw with", b, items[1].start))
        else:
            winner, loser = (a, b) if points[0] > points[1] else (b, a)
            out.append((winner, "beat", loser, items[1].start))
        return out
    if _FIXTURE.fullmatch(shape):
        a, b = _span(doc, items[0], "ORG", spans), _span(doc, items[2], "ORG", spans)
        return [(a, "play", b, items[1].start)]
    # a list of names and numbers is a scorecard only with an innings in it: a side's
    # players in brackets or its second innings ("Goals: Bowyer 35, Dyer 69" is not one)
    if _SCORECARD.fullmatch(shape) and ("(" in shape.partition(":")[2] or "&" in shape):
        return _scorecard(doc, items, shape, spans)
    if _DATELINE_RESULT.fullmatch(shape):  # "Leicester : Leicestershire beat Somerset by ..."
        venue = _span(doc, items[0], "GPE", spans, _PLACE_LABELS)
        a, b = _span(doc, items[2], "ORG", spans), _span(doc, items[4], "ORG", spans)
        return [(a, "beat", b, items[3].start), (a, "play at", venue, items[1].start),
                (b, "play at", venue, items[1].start)]
    if _SCORERS.fullmatch(shape):
        side = _span(doc, items[0], "ORG", spans)
        return [(_span(doc, item, "PERSON", spans), "play for", side, item.start)
                for item in items[2:] if item.kind == "N"]
    for match in _VENUE.finditer(shape):  # "( at Edgbaston , Birmingham )"
        k = match.start()
        out.append((_span(doc, items[k + 2], "FAC", spans, _PLACE_LABELS), "be in",
                    _span(doc, items[k + 4], "GPE", spans, _PLACE_LABELS), items[k + 3].start))
    for match in _HEAD_TO_HEAD.finditer(shape):
        k = match.start()
        # players, unless the NER knows a club ("Red Star ( Yugoslavia ) beat Dinamo ...")
        first = _span(doc, items[k], "PERSON", spans, _SIDE_LABELS)
        second_at = match.end() - 4
        second = _span(doc, items[second_at], "PERSON", spans, _SIDE_LABELS)
        pairs = ((first, items[k + 2]), (second, items[second_at + 2]))
        # the two brackets of one result are of one kind: one country makes both countries
        countries = any(_is_country(doc, item, spans) for _, item in pairs)
        brackets = [_affiliation(doc, player, item, spans, countries) for player, item in pairs]
        scored = match.end() < len(shape) and shape[match.end()] == "S"
        if not scored and not countries:
            continue  # "Acme ( ACM ) beat Beta ( BET )": a result only with scores or countries
        out.append((first, "beat", second, items[k + 4].start))
        out += brackets
    return out


def _is_country(doc: Doc, item: _Item, spans: Sequence[EntitySpan]) -> bool:
    name = doc[item.start:item.end].text
    return name in COUNTRIES or name.lower() in DEMONYMS or any(
        s.label in ("GPE", "NORP") and s.start <= item.start and item.end <= s.end
        for s in spans)


def _affiliation(doc: Doc, player: EntitySpan, item: _Item, spans: Sequence[EntitySpan],
                 country: bool) -> tuple[EntitySpan, str, EntitySpan, int]:
    """A player and the bracket after the name: a country the player is from, else a club
    the player plays for."""
    if country:
        predicate = "be from" if player.label == "PERSON" else "be based in"
        return player, predicate, _span(doc, item, "GPE", spans, frozenset({"NORP"})), item.start
    return player, "play for", _span(doc, item, "ORG", spans), item.start


def _scorecard(doc: Doc, items: list[_Item], shape: str, spans: Sequence[EntitySpan]
               ) -> list[tuple[EntitySpan, str, EntitySpan, int]]:
    out: list[tuple[EntitySpan, str, EntitySpan, int]] = []
    venue = None
    k = 0
    if ":" in shape:
        colon = shape.index(":")
        venue = _span(doc, items[colon - 1 if colon == 1 else colon - 2], "GPE", spans,
                      _PLACE_LABELS)
        if colon == 4:  # "London ( The Oval ) :"
            outer = _span(doc, items[0], "GPE", spans, _PLACE_LABELS)
            out.append((venue, "be in", outer, items[1].start))
        k = colon + 1
    sides: list[EntitySpan] = []
    depth, bowling = 0, False
    for n in range(k, len(items)):
        kind = items[n].kind
        if kind == "(":
            depth, bowling = depth + 1, False
        elif kind == ")":
            depth -= 1
        elif kind == ";" and depth:
            bowling = True  # "( K. Curran 52 ; A. Smith 5-68 )": then the bowlers
        elif kind == "N" and depth == 0:
            sides.append(_span(doc, items[n], "ORG", spans))
        elif kind == "N" and sides:
            # a batsman plays for the side; a bowler's figures ("A. Smith 5-68": wickets
            # and runs) are against it
            player = _span(doc, items[n], "PERSON", spans)
            figures = n + 1 < len(items) and "-" in doc[items[n + 1].start:items[n + 1].end].text
            out.append((player, "play against" if bowling or figures else "play for",
                        sides[-1], items[n].start))
    for side in sides:
        if venue is not None:
            out.append((side, "play at", venue, side.start))
    for a, b in zip(sides, sides[1:], strict=False):
        out.append((a, "play", b, b.start))
    return out
