"""Canonical entities: which mentions, in which documents, name the same thing.

The rules, in order (each merge is recorded as a :class:`Merge` with its reason):

1. same name: mentions whose names match once case, dots, a leading "the" and spacing are
   ignored ("U.S." ~ "US", "De Mistura" ~ "de Mistura");
2. demonym: "Russian" is a mention of Russia;
3. acronym: "US" ~ "United States" when the initials of the long name spell the short one;
4. surname: a person's shorter name is merged into the one longer person name it ends with
   ("Kerry" ~ "John Kerry", "Assad" ~ "Bashar al-Assad"), if that choice is unique.

The type of an entity is the vote of its mentions' labels.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import ACRONYM_SKIP, DEMONYMS, NAME_PARTICLES
from .types import Entity, Extraction, Merge

# Ties between labels go to the more specific type.
_LABEL_ORDER = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "PRODUCT",
                "WORK_OF_ART", "LANGUAGE")
# Labels the small model confuses with PERSON ("Chamaa" tagged GPE): such a name may join a
# person's full name seen in the same article.
_PERSONISH = frozenset({"PERSON", "ORG", "GPE"})
# First words of place names that the NER may take for a person's name ("North Devon"): such a
# name never takes in a shorter one.
_PLACE_WORDS = frozenset({"north", "south", "east", "west", "new", "upper", "lower", "greater",
                          "central", "northern", "southern", "eastern", "western", "port", "fort",
                          "lake", "mount", "saint", "st"})
_COUNTRIES = frozenset(country.lower() for country in DEMONYMS.values())


@dataclass(frozen=True)
class Resolution:
    """The entities, which entity each mention belongs to, and the merge log."""

    entities: tuple[Entity, ...]
    assignment: dict[tuple[int, int], str]  # (extraction index, mention index) -> entity key
    merges: tuple[Merge, ...]


def name_key(name: str) -> str:
    """The matching key of a name: lower case, no dots, no leading "the", single spaces.

    >>> name_key("the U.S."), name_key("De  Mistura"), name_key("al-Nusra Front")
    ('us', 'de mistura', 'nusra front')
    """
    key = " ".join(name.lower().replace(".", "").replace("’", "'").split())
    key = key[4:] if key.startswith("the ") else key
    # A leading name particle is often dropped: "al-Nusra Front" ~ "Nusra Front".
    for particle in NAME_PARTICLES:
        if key.startswith(particle) and len(key) > len(particle) + 2:
            return key[len(particle):]
    return key


def acronym(name: str) -> str:
    """The initials of a multi-word name, skipping function words.

    >>> acronym("United States"), acronym("Union of Syrian Medical Relief Organisations")
    ('us', 'usmro')
    """
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in ACRONYM_SKIP]
    return "".join(w[0] for w in words).lower() if len(words) > 1 else ""


def _country_of(demonym: str) -> str | None:
    """"Russian" and "Russians" -> "Russia"."""
    word = demonym.lower()
    return DEMONYMS.get(word) or (DEMONYMS.get(word[:-1]) if word.endswith("s") else None)


def _surname_tokens(key: str) -> list[str]:
    for particle in NAME_PARTICLES:
        key = key.replace(particle, "")
    return key.split()


class _Cluster:
    def __init__(self, key: str) -> None:
        self.key = key
        self.labels: Counter[str] = Counter()
        self.surfaces: Counter[str] = Counter()  # names that may become the canonical name
        self.aliases: set[str] = set()  # every name as written
        self.documents: set[str] = set()
        self.members: list[tuple[int, int]] = []
        self.titled = False
        self.known = False  # from an earlier run: keeps its key
        self.prior_mentions = 0
        self.prior_titles: set[str] = set()

    @property
    def label(self) -> str:
        if self.titled:
            return "PERSON"
        return max(self.labels, key=lambda lab: (self.labels[lab], -_rank(lab)))

    def absorb(self, other: _Cluster) -> None:
        self.labels.update(other.labels)
        self.surfaces.update(other.surfaces)
        self.aliases |= other.aliases
        self.documents |= other.documents
        self.members.extend(other.members)
        self.titled |= other.titled
        self.prior_mentions += other.prior_mentions
        self.prior_titles |= other.prior_titles


def _rank(label: str) -> int:
    return _LABEL_ORDER.index(label) if label in _LABEL_ORDER else len(_LABEL_ORDER)


def resolve(extractions: Sequence[Extraction], *, known: Sequence[Entity] = ()) -> Resolution:
    """Group the mentions of all ``extractions`` into canonical entities.

    Args:
        known: entities from an earlier run (e.g. read from a store). They keep their keys
            (so their IRIs do not change), new mentions of their names or aliases join them,
            and they are never merged into a new entity or into each other.
    """
    clusters: dict[str, _Cluster] = {}
    merges: list[Merge] = []
    alias_of: dict[str, str] = {}
    for entity in known:
        cluster = clusters.setdefault(entity.key, _Cluster(entity.key))
        cluster.known = True
        cluster.labels[entity.label] += entity.mentions
        cluster.surfaces[entity.name] += entity.mentions
        cluster.aliases.update(entity.aliases)
        cluster.documents.update(entity.documents)
        cluster.prior_mentions += entity.mentions
        cluster.prior_titles.update(entity.titles)
        cluster.titled |= bool(entity.titles)
        for alias in (entity.name, *entity.aliases):
            alias_of.setdefault(name_key(alias), entity.key)
    for x, extraction in enumerate(extractions):
        for m, mention in enumerate(extraction.mentions):
            name, label = mention.name, mention.label
            country = _country_of(name) if label == "NORP" else None
            if country:
                merges.append(Merge(name, country, "demonym"))
                name, label = country, "GPE"
            key = name_key(name)
            key = alias_of.get(key, key)
            cluster = clusters.setdefault(key, _Cluster(key))
            cluster.labels[label] += 1
            cluster.surfaces[name] += 1
            cluster.aliases.add(mention.name)
            cluster.documents.add(extraction.document.id)
            cluster.members.append((x, m))

    # Titles are held by people: an entity with a title is a person whatever the NER said.
    owner = {member: key for key, c in clusters.items() for member in c.members}
    for x, extraction in enumerate(extractions):
        for role in extraction.roles:
            clusters[owner[(x, role.mention)]].titled = True

    # "Union of Syrian Medical Relief Organisations (UOSSM)": the text itself says so.
    for x, extraction in enumerate(extractions):
        text, ms = extraction.document.text, extraction.mentions
        for m in range(len(ms) - 1):
            long, short = ms[m], ms[m + 1]
            if (short.name.isupper() and short.name[0] == long.name[:1].upper()
                    and text[long.end:short.start].strip() == "("
                    and text[short.end:short.end + 1] == ")"):
                source, target = owner[(x, m + 1)], owner[(x, m)]
                if source != target and source in clusters and target in clusters:
                    _merge(clusters, source, target, "acronym in parentheses", merges)

    # Acronyms: "us" joins "united states" when exactly one long name has those initials.
    by_initials: dict[str, list[str]] = defaultdict(list)
    for key, cluster in clusters.items():
        if cluster.label not in ("PERSON", "CONCEPT") and acronym(key):
            by_initials[acronym(key)].append(key)
    for key in sorted(clusters):
        targets = by_initials.get(key, [])
        if " " not in key and len(targets) == 1 and targets[0] in clusters and key in clusters:
            _merge(clusters, key, targets[0], "acronym", merges)

    # Surnames: a shorter name that ends a longer person's name.
    by_last: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)  # last word -> people
    for key, cluster in clusters.items():
        tokens = _surname_tokens(key)
        if cluster.label == "PERSON" and len(tokens) > 1:
            by_last[tokens[-1]].append((key, tokens))
    for key in sorted(clusters, key=lambda k: (len(k.split()), k)):
        cluster = clusters.get(key)
        if cluster is None or cluster.label not in _PERSONISH:
            continue
        tail = _surname_tokens(key)
        if not tail:
            continue
        if cluster.label != "PERSON" and key in _COUNTRIES:
            continue
        candidates = [p for p, tokens in by_last.get(tail[-1], ()) if p != key and p in clusters
                      and len(tokens) > len(tail) and tokens[-len(tail):] == tail
                      and tokens[0] not in _PLACE_WORDS]
        if cluster.label != "PERSON":  # an ORG-tagged "Lavrov" only joins a person seen with it
            candidates = [p for p in candidates if clusters[p].documents & cluster.documents]
        if len(candidates) > 1:
            shared = [p for p in candidates if clusters[p].documents & cluster.documents]
            candidates = shared if len(shared) == 1 else candidates
        if len(candidates) == 1:
            _merge(clusters, key, candidates[0], "surname", merges)

    # A person's name after an affiliation that the NER took into one span
    # ("Syria Staffan de Mistura"): the longest person name the span ends with.
    for key in sorted(clusters):
        words = key.split()
        if key not in clusters or clusters[key].label == "PERSON" or len(words) < 3:
            continue
        for k in range(1, len(words) - 1):
            tail = " ".join(words[k:])
            if tail in clusters and clusters[tail].label == "PERSON":
                # Count the mentions, but keep the longer span out of the names.
                absorbed = clusters[key]
                for alias in sorted(absorbed.aliases):
                    merges.append(Merge(alias, tail, "affiliation before a name"))
                absorbed.surfaces = Counter({clusters[tail].surfaces.most_common(1)[0][0]:
                                             sum(absorbed.surfaces.values())})
                absorbed.aliases = set()
                _merge(clusters, key, tail, "affiliation before a name", merges)
                break

    return _finish(extractions, clusters, merges)


def _merge(clusters: dict[str, _Cluster], source: str, target: str, reason: str,
           merges: list[Merge]) -> None:
    if clusters[source].known:
        if clusters[target].known:
            return  # two entities of earlier runs stay apart: their IRIs are published
        source, target = target, source
    absorbed = clusters.pop(source)
    clusters[target].absorb(absorbed)
    for surface in sorted(absorbed.aliases):
        merges.append(Merge(surface, target, reason))


def _canonical_name(cluster: _Cluster) -> str:
    # The longest name seen, then the most frequent: "Bashar al-Assad" over "Assad".
    return max(cluster.surfaces, key=lambda s: (len(name_key(s).split()), cluster.surfaces[s],
                                                s[:1].isupper(), s))


def _finish(extractions: Sequence[Extraction], clusters: dict[str, _Cluster],
            merges: list[Merge]) -> Resolution:
    assignment: dict[tuple[int, int], str] = {}
    titles: dict[str, Counter[str]] = defaultdict(Counter)
    entities: list[Entity] = []
    names: dict[str, str] = {}
    for key, cluster in clusters.items():
        for member in cluster.members:
            assignment[member] = key
        names[key] = _canonical_name(cluster)
    for x, extraction in enumerate(extractions):
        for role in extraction.roles:
            titles[assignment[(x, role.mention)]][role.title] += 1
    for key in sorted(clusters):
        cluster = clusters[key]
        for title in cluster.prior_titles:
            titles[key][title] += 1
        entities.append(Entity(
            key=key,
            name=names[key],
            label=cluster.label,
            aliases=tuple(sorted((cluster.aliases | set(cluster.surfaces)) - {names[key]})),
            mentions=sum(cluster.surfaces.values()),
            documents=tuple(sorted(cluster.documents)),
            titles=tuple(t for t, _ in sorted(titles[key].items(), key=lambda kv: (-kv[1], kv[0]))),
        ))
    final = [Merge(m.alias, names.get(m.entity, m.entity), m.reason) for m in merges]
    return Resolution(tuple(entities), assignment, tuple(dict.fromkeys(final)))
