/* graphbuild's graph page: draws the JSON block "graph-data" with vis-network.
 *
 * Text from articles (names, sentences, titles) is data: it reaches the screen only through
 * textContent, vis-network's plain-text tooltips (innerText) and canvas text, never as markup.
 * Positions come precomputed from Python and physics stays off, so even 5,000 nodes draw at
 * once; window.graphbuild exposes the page's state for tests and benchmarks.
 */
(function () {
  "use strict";
  const started = performance.now();
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const $ = (id) => document.getElementById(id);
  const numbers = new Intl.NumberFormat("en");
  const fmt = (n) => numbers.format(n);
  const plural = (n, one, many) => fmt(n) + " " + (n === 1 ? one : many || one + "s");

  // Above this many nodes or edges the page trades decoration for speed: no edge labels, no
  // hover highlighting, edges hidden while zooming as well as while dragging, and arrowheads
  // only from ARROW_SCALE on (see syncArrows).
  const BIG = 1500;
  const ARROW_SCALE = 0.45;
  const RELATIONS_LISTED = 60;   // relations listed in an entity's panel before "show all"
  const SENTENCES_LISTED = 4;    // sentences per relation there (the relation's panel has all)
  const LABEL_CHARS = 30;        // longer names are cut on the canvas (tooltip and panel have all)
  const FONT = "#1f2328", EDGE = "#b3b9c0", VEIL = "rgba(255,255,255,0.78)";

  const nodeById = new Map(), edgeById = new Map(), edgesOf = new Map();
  data.nodes.forEach((n) => { nodeById.set(n.id, n); edgesOf.set(n.id, []); });
  data.edges.forEach((e) => {
    edgeById.set(e.id, e);
    edgesOf.get(e.from).push(e);
    if (e.to !== e.from) { edgesOf.get(e.to).push(e); }
  });
  const colourOf = new Map(data.types.map((t) => [t.type, t.colour]));
  const mentionSteps = Array.from(new Set(data.nodes.map((n) => n.mentions))).sort((a, b) => a - b);
  if (!mentionSteps.length) { mentionSteps.push(1); }
  const big = data.edges.length > BIG || data.nodes.length > BIG;

  const state = {
    limit: data.limit,
    pinned: new Set(),            // entities found by search: shown whatever the filters say
    types: new Set(data.types.map((t) => t.type)),
    predicates: new Set(data.predicates.map((p) => p.predicate)),
    minMentions: mentionSteps[0],
    connectedOnly: false,
    shownNodes: new Set(), shownEdges: new Set(), matching: 0,
    focus: null,                  // {node: id} or {edge: id}
  };

  /* ---- what is shown ---------------------------------------------------------------- */

  function computeShown() {
    const nodes = new Set();
    let matching = 0;
    for (const n of data.nodes) {   // data.nodes is in rank order: most connected first
      if (!state.types.has(n.type) || n.mentions < state.minMentions) { continue; }
      matching += 1;
      if (nodes.size < state.limit) { nodes.add(n.id); }
    }
    state.pinned.forEach((id) => nodes.add(id));
    const edges = new Set();
    for (const e of data.edges) {
      if (state.predicates.has(e.predicate) && nodes.has(e.from) && nodes.has(e.to)) { edges.add(e.id); }
    }
    if (state.connectedOnly) {
      const touched = new Set(state.pinned);
      edges.forEach((id) => { const e = edgeById.get(id); touched.add(e.from); touched.add(e.to); });
      nodes.forEach((id) => { if (!touched.has(id)) { nodes.delete(id); } });
    }
    state.shownNodes = nodes;
    state.shownEdges = edges;
    state.matching = matching;
  }

  function tooltipOf(n) {
    const lines = [n.name + " (" + n.type + ")"];
    if (n.aliases.length) { lines.push("Also: " + n.aliases.join("; ")); }
    if (n.titles.length) { lines.push("Roles: " + n.titles.join("; ")); }
    lines.push(plural(n.mentions, "mention") + " in " + plural(n.documents, "document") + ", " +
               plural(n.degree, "relation"));
    return lines.join("\n");
  }

  function visNode(n) {
    const label = n.name.length > LABEL_CHARS ? n.name.slice(0, LABEL_CHARS - 1) + "…" : n.name;
    return {id: n.id, label: label, x: n.x, y: n.y, value: Math.max(1, n.mentions),
            color: colourOf.get(n.type) || "#888888", title: tooltipOf(n)};
  }

  function visEdge(e) {
    const from = nodeById.get(e.from).name, to = nodeById.get(e.to).name;
    const edge = {id: e.id, from: e.from, to: e.to, value: Math.max(1, e.weight),
                  title: from + " " + e.predicate + " " + to + "\n" +
                         plural(e.evidence.length, "sentence") + ": click for the evidence"};
    if (!big) { edge.label = e.predicate; }
    if (e.curve) {
      edge.smooth = {enabled: true, type: e.curve > 0 ? "curvedCW" : "curvedCCW",
                     roundness: Math.abs(e.curve)};
    }
    return edge;
  }

  // Mentions and sentences are heavy-tailed: sizes follow their logarithm, in eight steps.
  // The steps matter for speed: vis-network measures every label, and the canvas caches text
  // metrics per font string, so a handful of font sizes is measured much faster than 5,000.
  function logScale(min, max, total, value) {
    min = Math.max(min, 1);
    if (max <= min) { return 0.375; }
    return Math.round(8 * Math.log(Math.max(value, min) / min) / Math.log(max / min)) / 8;
  }

  performance.mark("gb-parsed");
  computeShown();
  const nodeSet = new vis.DataSet(data.nodes.map(visNode));
  const edgeSet = new vis.DataSet(data.edges.map(visEdge));
  const nodeView = new vis.DataView(nodeSet, {filter: (n) => state.shownNodes.has(n.id)});
  const edgeView = new vis.DataView(edgeSet, {filter: (e) => state.shownEdges.has(e.id)});
  performance.mark("gb-datasets");
  const network = new vis.Network($("graph"), {nodes: nodeView, edges: edgeView}, {
    autoResize: true,
    layout: {improvedLayout: false},
    physics: {enabled: false},
    nodes: {
      shape: "dot", borderWidth: 1, borderWidthSelected: 3,
      font: {size: 13, color: FONT, strokeWidth: 3, strokeColor: "#ffffff",
             face: "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"},
      scaling: {min: 6, max: 24, customScalingFunction: logScale,
                label: {enabled: true, min: 14, max: 22, maxVisible: 22, drawThreshold: 7}},
    },
    edges: {
      smooth: false, selectionWidth: 1.5, hoverWidth: 0.5,
      arrows: {to: {enabled: !big, scaleFactor: 0.45}},
      color: {color: EDGE, highlight: "#24292f", hover: "#6e7781", inherit: false},
      font: {size: 11, color: "#57606a", strokeWidth: 3, strokeColor: "#ffffff", align: "middle"},
      scaling: {min: 1, max: 5, customScalingFunction: logScale, label: {enabled: false}},
    },
    interaction: {hover: !big, tooltipDelay: 250, hideEdgesOnDrag: true, hideEdgesOnZoom: big,
                  keyboard: false, multiselect: false, zoomSpeed: 0.7},
  });
  performance.mark("gb-network");
  // Open on the connected entities; those without relations wait in a grid below ("Fit").
  const linked = data.nodes.filter((n) => n.degree > 0 && state.shownNodes.has(n.id)).map((n) => n.id);
  network.fit(linked.length ? {nodes: linked, animation: false} : {animation: false});

  // One redraw on the next animation frame (network.redraw() draws at once, so two calls in
  // one event would draw twice).
  function redrawSoon() { network.body.emitter.emit("_requestRedraw"); }

  // Arrowheads are most of the cost of a frame (one filled path each) and are specks when
  // zoomed out, so big graphs draw them only from ARROW_SCALE on.
  let arrows = !big;
  function syncArrows() {
    const want = !big || network.getScale() >= ARROW_SCALE;
    if (want !== arrows) {
      arrows = want;
      network.setOptions({edges: {arrows: {to: {enabled: want, scaleFactor: 0.45}}}});
    }
  }
  network.on("zoom", syncArrows);
  network.on("animationFinished", syncArrows);

  // For tests and benchmarks. firstDrawMs counts from navigation start (performance.now()
  // when vis-network finished its first frame); the gb-* performance marks split the setup.
  const api = {
    network: network, nodes: nodeSet, edges: edgeSet, data: data, state: state,
    ready: false, firstDrawMs: null, setupMs: performance.now() - started, highlight: null,
    // What vis-network holds right now (the filtered views), i.e. what it draws.
    drawn: () => ({nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length}),
  };
  window.graphbuild = api;
  network.once("afterDrawing", () => {
    api.firstDrawMs = performance.now();
    api.ready = true;
    document.body.setAttribute("data-ready", "1");
  });

  /* ---- highlighting ----------------------------------------------------------------- */

  // A highlight draws a white veil over the finished frame and the highlighted nodes and
  // edges again on top. Restyling the other nodes through the DataSet would cost vis-network
  // a pass over every node (a quarter of a second at 5,000 nodes); this costs nothing until
  // something is highlighted, and then only the neighbourhood.
  let highlight = null;   // {nodes: Set, edges: Set}

  network.on("afterDrawing", (ctx) => {
    if (!highlight) { return; }
    const body = network.body;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = VEIL;
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    const edges = [], labels = [];
    highlight.edges.forEach((id) => { if (body.edges[id]) { edges.push(body.edges[id]); } });
    edges.forEach((e) => e.draw(ctx));
    highlight.nodes.forEach((id) => {
      const node = body.nodes[id];
      const drawn = node ? node.draw(ctx) : null;
      if (drawn && drawn.drawExternalLabel) { labels.push(drawn.drawExternalLabel); }
    });
    edges.forEach((e) => e.drawArrows(ctx));
    labels.forEach((draw) => draw());
  });

  function setHighlight(nodes, edges) {
    highlight = nodes ? {nodes: nodes, edges: edges || new Set()} : null;
    api.highlight = highlight ? {nodes: Array.from(highlight.nodes), edges: Array.from(highlight.edges)}
                              : null;
    redrawSoon();
  }

  function highlightNode(id) {
    const nodes = new Set([id]), edges = new Set();
    edgesOf.get(id).forEach((e) => {
      if (state.shownEdges.has(e.id)) { nodes.add(e.from); nodes.add(e.to); edges.add(e.id); }
    });
    setHighlight(nodes, edges);
  }

  function highlightEdge(id) {
    const e = edgeById.get(id);
    setHighlight(new Set([e.from, e.to]), new Set([id]));
  }

  function reveal(id) {
    if (!state.shownNodes.has(id)) { state.pinned.add(id); refresh(); }
  }

  function showNode(id, options) {
    if (!nodeById.has(id)) { return false; }
    reveal(id);
    state.focus = {node: id};
    network.selectNodes([id], true);
    highlightNode(id);
    if (options && options.centre) {
      network.focus(id, {scale: Math.max(network.getScale(), 1.0), locked: false,
                         animation: {duration: 300, easingFunction: "easeInOutQuad"}});
    }
    nodePanel(id);
    return true;
  }

  function showEdge(id, options) {
    const e = edgeById.get(id);
    if (!e) { return false; }
    reveal(e.from);
    reveal(e.to);
    if (!state.shownEdges.has(id)) { state.predicates.add(e.predicate); syncChecks(); refresh(); }
    state.focus = {edge: id};
    network.setSelection({nodes: [], edges: [id]}, {unselectAll: true, highlightEdges: false});
    highlightEdge(id);
    if (options && options.centre) {
      const a = network.getPosition(e.from), b = network.getPosition(e.to);
      network.moveTo({position: {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2},
                      animation: {duration: 300, easingFunction: "easeInOutQuad"}});
    }
    edgePanel(id);
    return true;
  }

  function clearFocus() {
    state.focus = null;
    network.unselectAll();
    setHighlight(null);
    overviewPanel();
  }

  network.on("click", (params) => {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
    else { clearFocus(); }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && state.focus) { clearFocus(); }
  });

  /* ---- the side panel --------------------------------------------------------------- */

  const panel = $("panel");

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function button(text, onClick, className) {
    const b = el("button", className || "link", text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function nodeLink(id) {
    return button(nodeById.get(id).name, () => showNode(id, {centre: true}));
  }

  function typeBadge(type) {
    const span = el("span", "type");
    const dot = el("i", "dot");
    dot.style.background = colourOf.get(type) || "#888888";
    span.append(dot, el("span", null, type));
    return span;
  }

  // The sentence as text, with the verb that carries the relation marked.
  function sentenceLine(ev) {
    const div = el("div", "sentence");
    const at = ev.verb ? ev.sentence.indexOf(ev.verb) : -1;
    if (at < 0) { div.textContent = ev.sentence; return div; }
    div.append(document.createTextNode(ev.sentence.slice(0, at)), el("mark", null, ev.verb),
               document.createTextNode(ev.sentence.slice(at + ev.verb.length)));
    return div;
  }

  function evidenceList(items) {
    const ul = el("ul");
    items.forEach((ev) => {
      const doc = data.documents[ev.doc] || {id: "", title: ""};
      const li = el("li");
      li.append(sentenceLine(ev),
                el("div", "src", (doc.title || doc.id) + (doc.title && doc.id ? " — " + doc.id : "") +
                                 " · confidence " + ev.confidence));
      ul.appendChild(li);
    });
    return ul;
  }

  function relationLine(e, here) {
    const div = el("div", "relation");
    div.append(e.from === here ? el("span", null, nodeById.get(e.from).name) : nodeLink(e.from),
               " ", el("span", "pred", e.predicate), " ",
               e.to === here && e.from !== here ? el("span", null, nodeById.get(e.to).name) : nodeLink(e.to));
    return div;
  }

  function nodePanel(id) {
    const n = nodeById.get(id);
    const rels = edgesOf.get(id).slice().sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : 1));
    panel.replaceChildren();
    panel.append(el("h2", null, n.name));
    const meta = el("div", "meta");
    meta.append(typeBadge(n.type), " · " + plural(n.mentions, "mention") + " in " +
                plural(n.documents, "document") + " · " + plural(rels.length, "relation"));
    panel.append(meta);
    if (n.aliases.length) { panel.append(el("h3", null, "Also known as"), el("div", "meta", n.aliases.join(" · "))); }
    if (n.titles.length) { panel.append(el("h3", null, "Roles"), el("div", "meta", n.titles.join(" · "))); }
    panel.append(el("h3", null, rels.length ? "Relations and evidence" : "No relations"));
    const list = el("div", "relations");
    panel.append(list);
    function listRelations(count) {
      list.replaceChildren();
      rels.slice(0, count).forEach((e) => {
        list.append(relationLine(e, id));
        list.append(evidenceList(e.evidence.slice(0, SENTENCES_LISTED)));
        if (e.evidence.length > SENTENCES_LISTED) {
          list.append(button("all " + plural(e.evidence.length, "sentence"), () => showEdge(e.id)));
        }
      });
      if (rels.length > count) {
        list.append(button("Show all " + plural(rels.length, "relation"), () => listRelations(rels.length), ""));
      }
    }
    listRelations(RELATIONS_LISTED);
    panel.scrollTop = 0;
  }

  function edgePanel(id) {
    const e = edgeById.get(id);
    panel.replaceChildren();
    const head = el("h2");
    head.append(nodeLink(e.from), " ", el("span", "pred", e.predicate), " ", nodeLink(e.to));
    panel.append(head,
                 el("div", "meta", plural(e.evidence.length, "supporting sentence") +
                                   " · best confidence " + e.confidence),
                 el("h3", null, "Evidence"), evidenceList(e.evidence));
    panel.scrollTop = 0;
  }

  function overviewPanel() {
    panel.replaceChildren();
    panel.append(el("h2", null, "Explore the graph"),
                 el("div", "meta", $("summary").textContent));
    const top = data.nodes.filter((n) => state.shownNodes.has(n.id) && n.degree > 0).slice(0, 12);
    if (top.length) {
      panel.append(el("h3", null, "Most connected"));
      const ol = el("ol", "top");
      top.forEach((n) => {
        const li = el("li");
        li.append(nodeLink(n.id), el("span", "src", " " + plural(n.degree, "relation")));
        ol.append(li);
      });
      panel.append(ol);
    }
    const alone = data.nodes.filter((n) => n.degree === 0 && state.shownNodes.has(n.id)).length;
    if (alone) {
      panel.append(el("p", "hint", plural(alone, "entity", "entities") + " without relations " +
                      (alone === 1 ? "waits" : "wait") + " in a grid below the graph (Fit shows all)."));
    }
    panel.append(el("p", "hint", "Click an entity to highlight its neighbours and read the " +
                    "sentences behind its relations; click a relation for every sentence that " +
                    "supports it. Find entities by name or alias above; narrow the graph with the " +
                    "filters on the left. Esc clears the selection."));
  }

  /* ---- filters, limit and counts ---------------------------------------------------- */

  let refreshQueued = false;
  function refresh() {
    computeShown();
    nodeView.refresh();
    edgeView.refresh();
    if (state.focus) {
      const f = state.focus;
      const still = f.node ? state.shownNodes.has(f.node) : state.shownEdges.has(f.edge);
      if (!still) { clearFocus(); }
      else if (f.node) { highlightNode(f.node); }
      else { highlightEdge(f.edge); }
    } else if (!panel.firstChild || panel.querySelector("ol.top, p.hint")) {
      overviewPanel();
    }
    updateCounts();
  }
  function refreshSoon() {
    if (refreshQueued) { return; }
    refreshQueued = true;
    requestAnimationFrame(() => { refreshQueued = false; refresh(); });
  }

  function updateCounts() {
    $("counts").textContent = "Showing " + fmt(state.shownNodes.size) + " of " +
      plural(data.nodes.length, "entity", "entities") + " and " +
      fmt(state.shownEdges.size) + " of " + plural(data.edges.length, "relation") + ".";
    const hidden = state.matching - Math.min(state.matching, state.limit);
    $("limit-bar").hidden = hidden <= 0;
    if (hidden > 0) {
      $("limit-note").textContent = "This graph is large: showing the " + fmt(state.limit) +
        " most connected of " + fmt(state.matching) + " entities.";
      $("show-more").textContent = "Show " + fmt(Math.min(hidden, data.limit)) + " more";
    }
  }

  function checkRow(text, count, colour, checked, onChange) {
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.addEventListener("change", () => onChange(box.checked));
    label.append(box);
    if (colour) { const dot = el("i", "dot"); dot.style.background = colour; label.append(dot); }
    label.append(el("span", "name", text), el("span", "count", fmt(count)));
    return label;
  }

  data.types.forEach((t) => {
    $("types").append(checkRow(t.type, t.count, t.colour, true, (on) => {
      if (on) { state.types.add(t.type); } else { state.types.delete(t.type); }
      refreshSoon();
    }));
  });
  const relationBoxes = new Map();
  data.predicates.forEach((p) => {
    const row = checkRow(p.predicate || "(unnamed)", p.count, null, true, (on) => {
      if (on) { state.predicates.add(p.predicate); } else { state.predicates.delete(p.predicate); }
      refreshSoon();
    });
    relationBoxes.set(p.predicate, row.querySelector("input"));
    $("relations").append(row);
  });
  function syncChecks() {
    relationBoxes.forEach((box, predicate) => { box.checked = state.predicates.has(predicate); });
  }
  function setAllRelations(on) {
    state.predicates = new Set(on ? data.predicates.map((p) => p.predicate) : []);
    syncChecks();
    refreshSoon();
  }
  $("relations-all").addEventListener("click", () => setAllRelations(true));
  $("relations-none").addEventListener("click", () => setAllRelations(false));
  $("connected-only").addEventListener("change", (event) => {
    state.connectedOnly = event.target.checked;
    refreshSoon();
  });

  const slider = $("min-mentions");
  slider.max = String(mentionSteps.length - 1);
  function sliderLabel() {
    const atLeast = data.nodes.filter((n) => n.mentions >= state.minMentions).length;
    $("min-mentions-value").textContent = "at least " + plural(state.minMentions, "mention") +
      " (" + plural(atLeast, "entity", "entities") + ")";
  }
  slider.addEventListener("input", () => {
    state.minMentions = mentionSteps[Number(slider.value)];
    sliderLabel();
    refreshSoon();
  });
  sliderLabel();

  function showMore(count) {
    state.limit = count === Infinity ? Infinity : state.limit + (count || data.limit);
    refresh();
  }
  $("show-more").addEventListener("click", () => showMore());
  $("show-all").addEventListener("click", () => showMore(Infinity));
  $("fit").addEventListener("click", () => network.fit({animation: {duration: 300, easingFunction: "easeInOutQuad"}}));

  /* ---- search ----------------------------------------------------------------------- */

  // Exact name or alias first, then a prefix, then a substring; ties go to the most connected.
  function findEntity(query) {
    const q = query.trim().toLowerCase();
    if (!q) { return null; }
    let best = null, bestScore = 3;
    for (const n of data.nodes) {
      for (const name of [n.name].concat(n.aliases)) {
        const s = name.toLowerCase();
        const score = s === q ? 0 : s.startsWith(q) ? 1 : s.includes(q) ? 2 : 3;
        if (score === 0) { return n; }
        if (score < bestScore) { best = n; bestScore = score; }
      }
    }
    return best;
  }

  const search = $("search"), status = $("search-status");
  function runSearch() {
    const query = search.value;
    if (!query.trim()) { status.textContent = ""; return null; }
    const hit = findEntity(query);
    if (!hit) {
      status.textContent = "No entity matches “" + query.trim() + "”";
      return null;
    }
    const hidden = !state.shownNodes.has(hit.id);
    showNode(hit.id, {centre: true});
    status.textContent = hidden ? "shown, although the filters hide it" : "";
    return hit.id;
  }
  $("find").addEventListener("submit", (event) => { event.preventDefault(); runSearch(); });
  let suggestions = null;
  // Picking a suggestion from the list searches at once; typing waits for Enter.
  search.addEventListener("input", () => {
    status.textContent = "";
    if (suggestions && suggestions.has(search.value)) { runSearch(); }
  });
  // The suggestion list is built on first use, not at load: big graphs open faster.
  search.addEventListener("focus", () => {
    if (suggestions) { return; }
    suggestions = new Set();
    const list = $("names");
    const fragment = document.createDocumentFragment();
    data.nodes.forEach((n) => {
      [n.name].concat(n.aliases).forEach((name) => {
        if (suggestions.has(name)) { return; }
        suggestions.add(name);
        const option = document.createElement("option");
        option.value = name;
        fragment.append(option);
      });
    });
    list.append(fragment);
  });

  Object.assign(api, {
    search: (query) => { search.value = query; return runSearch(); },
    showNode: showNode, showEdge: showEdge, clear: clearFocus, showMore: showMore, refresh: refresh,
  });
  overviewPanel();
  updateCounts();
})();
