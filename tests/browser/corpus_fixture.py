"""A synthetic network the size of 300 BBC articles, without spaCy.

Shaped on a real build of 300 BBC politics articles: about 2,000 entities of which three in
four have no relation, about 600 relation edges among the rest (hubs, a few opposite and
parallel pairs, relation and action classes), co-mention edges in a sentence and in an article
weighted by distinct documents, dated articles, and quotations. Names vary in length like real
ones, so label tests meet long and short labels.

>>> g = corpus_network(seed=1)
>>> g.graph["documents"], g.number_of_nodes()
(300, 2000)
>>> kinds = {d["kind"] for _, _, d in g.edges(data=True)}
>>> sorted(kinds)
['co-mention', 'co-mention-article', 'relation']
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import networkx as nx

_SYLLABLES = ("ka", "lo", "mi", "ra", "ne", "to", "sa", "vi", "den", "mar", "ko", "li", "tan",
              "bor", "el", "us", "ri", "an", "go", "shi", "bla", "ir", "hew", "pat", "son")
_TYPES = (("PERSON", 0.42), ("ORG", 0.28), ("GPE", 0.16), ("NORP", 0.07), ("EVENT", 0.03),
          ("LAW", 0.02), ("LOC", 0.02))
# predicate -> (relation class, action class), as issue 13 reads them
_PREDICATES = {
    "meet": ("", "verbal cooperation"), "talk": ("", "verbal cooperation"),
    "criticize": ("", "verbal conflict"), "accuse": ("", "verbal conflict"),
    "attack": ("", "material conflict"), "sanction": ("", "material conflict"),
    "back": ("", "verbal cooperation"), "fund": ("", "material cooperation"),
    "sign": ("", "material cooperation"), "lead": ("worksFor", ""),
    "work for": ("worksFor", ""), "join": ("memberOf", "material cooperation"),
    "say": ("", ""), "call on": ("", "verbal cooperation"), "warn": ("", "verbal conflict"),
    "be in": ("location", ""),
}
_VERBS = {"meet": "met", "talk": "talked to", "criticize": "criticised", "accuse": "accused",
          "attack": "attacked", "sanction": "sanctioned", "back": "backed", "fund": "funded",
          "sign": "signed", "lead": "leads", "work for": "works for", "join": "joined",
          "say": "said", "call on": "called on", "warn": "warned", "be in": "is in"}
_ORG_SUFFIX = ("Party", "Ministry", "Council", "Commission", "Union", "Office", "Group",
               "Committee", "Bank", "Federation of Trade Unions")


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _name(rng: random.Random, entity_type: str, k: int) -> str:
    if entity_type == "PERSON":
        name = f"{_word(rng, rng.randint(1, 3))} {_word(rng, rng.randint(2, 4))}"
    elif entity_type == "ORG":
        name = f"{_word(rng, rng.randint(2, 3))} {rng.choice(_ORG_SUFFIX)}"
        if rng.random() < 0.15:
            name = f"{rng.choice(('National', 'Royal', 'European'))} {name}"
    else:
        name = _word(rng, rng.randint(2, 4))
    return f"{name} {k}" if rng.random() < 0.02 else name


def corpus_network(*, documents: int = 300, entities: int = 2000, connected: float = 0.25,
                   relations: int = 600, seed: int = 14) -> nx.MultiDiGraph:
    """The synthetic corpus network, with the attributes :func:`graphbuild.to_networkx` gives.

    Entity ``n0`` (``"John Kerry"``) and ``n1`` (``"Sergei Lavrov"``) are the two biggest hubs
    and have a pair of opposite relations ("meet" one way, "talk" the other), each with its own
    evidence.
    """
    rng = random.Random(seed)
    start = date(2004, 1, 5)
    docs = [(f"bbc_politics_{k + 1:03d}.txt", f"Article {k + 1} headline",
             (start + timedelta(days=k * 2)).isoformat()) for k in range(documents)]
    g = nx.MultiDiGraph(documents=documents, dated=True)
    types = [t for t, _ in _TYPES]
    weights = [w for _, w in _TYPES]
    names: set[str] = set()
    node_ids = []
    for k in range(entities):
        entity_type = rng.choices(types, weights)[0]
        if k == 0:
            name, entity_type = "John Kerry", "PERSON"
        elif k == 1:
            name, entity_type = "Sergei Lavrov", "PERSON"
        else:
            name = _name(rng, entity_type, k)
            while name in names:
                name = _name(rng, entity_type, k)
        names.add(name)
        # mentions: heavy-tailed, hubs first
        mentions = max(1, int(rng.paretovariate(1.3))) + (40 if k < 20 else 0)
        in_docs = sorted(rng.sample(range(documents), min(documents, max(1, mentions // 2))))
        node = f"https://example.org/graphbuild/entity/e{k}"
        node_ids.append(node)
        days = [docs[d][2] for d in in_docs]
        g.add_node(node, label=name, type=entity_type, mentions=mentions,
                   documents=len(in_docs), aliases=[name.split()[-1]] if " " in name else [],
                   titles=["Secretary of State"] if k == 0 else [],
                   first_seen=min(days), last_seen=max(days), _docs=in_docs)

    core = node_ids[: int(entities * connected)]
    # preferential attachment among the connected entities, so there are hubs
    shape = nx.barabasi_albert_graph(len(core), 1, seed=seed)
    pairs = [(core[u], core[v]) for u, v in shape.edges()]
    while len(pairs) < relations - 80:
        u, v = rng.sample(range(len(core)), 2)
        u = min(u, int(rng.paretovariate(0.8)) % len(core))
        pairs.append((core[u], core[v]))
    edges: list[tuple[str, str, str]] = []
    predicates = list(_PREDICATES)
    for u, v in pairs:
        if rng.random() < 0.5:
            u, v = v, u
        edges.append((u, v, rng.choice(predicates)))
    for u, v in rng.sample(pairs, 40):       # opposite relations
        edges.append((v, u, rng.choice(predicates)))
    for u, v in rng.sample(pairs, 38):       # parallel relations, another predicate
        edges.append((u, v, rng.choice(predicates)))
    edges.append((node_ids[0], node_ids[1], "meet"))
    edges.append((node_ids[1], node_ids[0], "talk"))
    seen: set[tuple[str, str, str]] = set()
    for n, (u, v, predicate) in enumerate(edges):
        if u == v or (u, v, predicate) in seen:
            continue
        seen.add((u, v, predicate))
        relation_class, action_class = _PREDICATES[predicate]
        shared = sorted(set(g.nodes[u]["_docs"]) | set(g.nodes[v]["_docs"]))
        support = rng.sample(shared, min(len(shared), int(rng.paretovariate(2.0))))
        evidence = []
        for d in sorted(support):
            subject, obj = g.nodes[u]["label"], g.nodes[v]["label"]
            sentence = f"{subject} {_VERBS[predicate]} {obj} on {docs[d][2]}, the article says."
            evidence.append({"document": docs[d][0], "title": docs[d][1], "sentence": sentence,
                             "verb": _VERBS[predicate], "date": docs[d][2],
                             "start": 100 * n, "end": 100 * n + 60,
                             "confidence": round(rng.uniform(0.5, 0.95), 3)})
        days = [docs[d][2] for d in support]
        g.add_edge(u, v, key=f"r{n}", kind="relation", predicate=predicate,
                   relation_class=relation_class, action_class=action_class,
                   weight=len(evidence), documents=len(support),
                   confidence=max(e["confidence"] for e in evidence), evidence=evidence,
                   first_seen=min(days), last_seen=max(days))

    # co-mentions: every article names a handful of entities, hubs more often
    in_article: dict[int, list[str]] = {d: [] for d in range(documents)}
    for node in node_ids:
        for d in g.nodes[node]["_docs"]:
            in_article[d].append(node)
    sentence_pairs: dict[tuple[str, str], set[int]] = {}
    article_pairs: dict[tuple[str, str], set[int]] = {}
    for d, members in in_article.items():
        members = sorted(members)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                article_pairs.setdefault((a, b), set()).add(d)
        for _ in range(len(members) // 2):     # sentences naming two of them
            a, b = sorted(rng.sample(members, 2)) if len(members) > 1 else (None, None)
            if a:
                sentence_pairs.setdefault((a, b), set()).add(d)
    for kind, found, least in (("co-mention", sentence_pairs, 1),
                               ("co-mention-article", article_pairs, 2)):
        for n, ((a, b), ds) in enumerate(sorted(found.items())):
            if len(ds) < least:
                continue
            days = [docs[d][2] for d in ds]
            g.add_edge(a, b, key=f"{kind[0]}{kind[-1]}{n}", kind=kind, predicate=kind,
                       relation_class="", action_class="", weight=len(ds), documents=len(ds),
                       confidence=0.0, first_seen=min(days), last_seen=max(days),
                       evidence=[{"document": docs[d][0], "title": docs[d][1], "date": docs[d][2]}
                                 for d in sorted(ds)])
    for node in node_ids:
        del g.nodes[node]["_docs"]
    g.graph["quotes"] = [
        {"speaker": node_ids[0], "text": "We will keep talking to Moscow.",
         "document": docs[3][0], "title": docs[3][1], "date": docs[3][2],
         "mentions": [node_ids[1]]},
        {"speaker": node_ids[0], "text": "Nothing is agreed until everything is agreed.",
         "document": docs[9][0], "title": docs[9][1], "date": docs[9][2], "mentions": []},
    ]
    return g
