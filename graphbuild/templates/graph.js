/* graphbuild's graph page: draws the JSON block "graph-data" with vis-network.
 *
 * Text from articles (names, sentences, titles) is data: it reaches the screen only through
 * textContent, vis-network's plain-text tooltips (innerText) and canvas text, never as markup.
 *
 * The page opens on the most important entities (most connected, then most mentioned) and
 * lays out what it shows itself (a seeded Fruchterman-Reingold in the canvas's own shape,
 * started from the positions Python computed), again after every filter, so what is shown
 * fills the view. Labels are drawn by the page, not by vis-network: in order of importance,
 * each only where it overlaps no label already drawn, at a fixed screen size, so zooming in
 * makes room for more of them. Entities without a shown relation are listed beside the
 * canvas, not drawn on it. window.graphbuild exposes the page's state for tests and
 * benchmarks.
 */
(function () {
  "use strict";
  const started = performance.now();
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const $ = (id) => document.getElementById(id);
  const numbers = new Intl.NumberFormat("en");
  const fmt = (n) => numbers.format(n);
  const plural = (n, one, many) => fmt(n) + " " + (n === 1 ? one : many || one + "s");

  // Above this many drawn nodes or edges the page trades decoration for speed: no hover
  // highlighting, edges hidden while zooming as well as while dragging, and arrowheads only
  // from ARROW_SCALE on (see syncArrows).
  const BIG = 1500;
  const ARROW_SCALE = 0.45;
  const LAYOUT_MAX = 900;
  const GRAVITY = 0.5;        // the page lays out at most this many nodes (else Python's layout)
  const RELATIONS_LISTED = 60;   // relations listed in an entity's panel before "show all"
  const SENTENCES_LISTED = 4;    // sentences per relation there (the relation's panel has all)
  const ALONE_LISTED = 200;      // entities without relations listed before the filter is used
  const LABEL_CHARS = 30;        // longer names are cut on the canvas (tooltip and panel have all)
  const LABELS_MAX = 400;        // labels drawn per frame at most
  const EDGE_LABELS_UP_TO = 40;  // edge labels are drawn when at most this many edges are on screen
  const FONT_PX = 12, FONT_FACE = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
  const LABEL_FONT = FONT_PX + "px " + FONT_FACE, EDGE_FONT = "11px " + FONT_FACE;
  const LABEL_PAD = 2;           // pixels around a label's text that no other label may use
  const FONT = "#1f2328", VEIL = "rgba(255,255,255,0.8)";
  const EDGE = "#b3b9c0", CO_MENTION = "rgba(84,160,196,0.45)";
  // Edge colours by action class (PLOVER/CAMEO quad classes): cooperation green, conflict red.
  const ACTION_COLOURS = {
    "verbal cooperation": "#4dac26", "material cooperation": "#1a7837",
    "verbal conflict": "#f1a340", "material conflict": "#d7301f", "": EDGE,
  };
  const COMMUNITY_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                             "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#ad494a"];
  const KIND_NAMES = {"relation": "Relations", "co-mention": "Same sentence",
                      "co-mention-article": "Same article"};

  const nodeById = new Map(), edgeById = new Map(), edgesOf = new Map();
  data.nodes.forEach((n) => { nodeById.set(n.id, n); edgesOf.set(n.id, []); });
  data.edges.forEach((e) => {
    edgeById.set(e.id, e);
    edgesOf.get(e.from).push(e);
    if (e.to !== e.from) { edgesOf.get(e.to).push(e); }
    // the dates of the articles behind the edge, sorted, for the timeline
    e.dates = Array.from(new Set(e.evidence.map((ev) => (data.documents[ev.doc] || {}).date)
                                   .filter(Boolean))).sort();
  });
  const quotesOf = new Map();
  (data.quotes || []).forEach((q) => {
    if (!quotesOf.has(q.speaker)) { quotesOf.set(q.speaker, []); }
    quotesOf.get(q.speaker).push(q);
  });
  const colourOf = new Map(data.types.map((t) => [t.type, t.colour]));
  const mentionSteps = Array.from(new Set(data.nodes.map((n) => n.mentions))).sort((a, b) => a - b);
  if (!mentionSteps.length) { mentionSteps.push(1); }
  const days = Array.from(new Set(data.documents.map((d) => d.date).filter(Boolean))).sort();

  const state = {
    limit: data.limit,
    pinned: new Set(),            // entities found by search: shown whatever the filters say
    kinds: new Set(["relation"]),
    types: new Set(data.types.map((t) => t.type)),
    predicates: new Set(data.predicates.map((p) => p.predicate)),
    actions: new Set(data.actions.map((a) => a.action)),
    minMentions: mentionSteps[0],
    from: days[0] || "", to: days[days.length - 1] || "",
    colourBy: "type",
    shownNodes: new Set(), shownEdges: new Set(), alone: [], matching: 0,
    focus: null,                  // {node: id} or {edge: id}
  };

  /* ---- what is shown ---------------------------------------------------------------- */

  function inWindow(dates) {
    if (!days.length || !dates.length) { return true; }
    // any date in [from, to]; dates are sorted ISO strings
    let lo = 0, hi = dates.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (dates[mid] < state.from) { lo = mid + 1; } else { hi = mid; } }
    return lo < dates.length && dates[lo] <= state.to;
  }

  function edgePasses(e) {
    if (!state.kinds.has(e.kind)) { return false; }
    if (e.kind === "relation" && (!state.predicates.has(e.predicate) || !state.actions.has(e.action))) {
      return false;
    }
    return inWindow(e.dates);
  }

  function nodePasses(n) {
    return state.types.has(n.type) && n.mentions >= state.minMentions;
  }

  function computeShown() {
    const passes = new Set();
    data.nodes.forEach((n) => { if (nodePasses(n)) { passes.add(n.id); } });
    const candidates = [], degree = new Map();
    for (const e of data.edges) {
      if (e.from === e.to || !passes.has(e.from) || !passes.has(e.to) || !edgePasses(e)) { continue; }
      candidates.push(e);
      degree.set(e.from, (degree.get(e.from) || 0) + 1);
      degree.set(e.to, (degree.get(e.to) || 0) + 1);
    }
    // the most connected (in what is shown), then the most mentioned, then by rank
    const connected = Array.from(degree.keys()).map((id) => nodeById.get(id));
    connected.sort((a, b) => degree.get(b.id) - degree.get(a.id) || b.mentions - a.mentions ||
                             a.rank - b.rank);
    const nodes = new Set(connected.slice(0, state.limit).map((n) => n.id));
    state.pinned.forEach((id) => nodes.add(id));
    const edges = new Set();
    candidates.forEach((e) => { if (nodes.has(e.from) && nodes.has(e.to)) { edges.add(e.id); } });
    state.shownNodes = nodes;
    state.shownEdges = edges;
    state.matching = connected.length;
    state.degree = degree;          // edges of each entity among what passes the filters
    state.order = connected.map((n) => n.id).filter((id) => nodes.has(id))
      .concat(Array.from(state.pinned).filter((id) => !degree.has(id)));
    state.alone = data.nodes.filter((n) => passes.has(n.id) && !degree.has(n.id) && !nodes.has(n.id) &&
                                           (!days.length || !n.first || (n.last >= state.from && n.first <= state.to)))
      .sort((a, b) => b.mentions - a.mentions || a.rank - b.rank);
  }

  function tooltipOf(n) {
    const lines = [n.name + " (" + n.type + ")"];
    if (n.aliases.length) { lines.push("Also: " + n.aliases.join("; ")); }
    if (n.titles.length) { lines.push("Roles: " + n.titles.join("; ")); }
    lines.push(plural(n.mentions, "mention") + " in " + plural(n.documents, "document") + ", " +
               plural(n.degree, "relation"));
    return lines.join("\n");
  }

  function nodeColour(n) {
    if (state.colourBy === "community") {
      return n.community >= 0 && n.community < COMMUNITY_COLOURS.length
        ? COMMUNITY_COLOURS[n.community] : "#c8ccd1";
    }
    return colourOf.get(n.type) || "#888888";
  }

  function visNode(n) {
    return {id: n.id, x: n.x, y: n.y, value: Math.max(1, n.mentions), color: nodeColour(n),
            title: tooltipOf(n)};
  }

  function edgeText(e) {
    const from = nodeById.get(e.from).name, to = nodeById.get(e.to).name;
    if (e.kind === "relation") { return from + " " + e.predicate + " " + to; }
    return from + " and " + to + " named together in " + plural(e.documents, "article") +
           (e.kind === "co-mention" ? " (same sentence)" : "");
  }

  function visEdge(e) {
    const relation = e.kind === "relation";
    const edge = {id: e.id, from: e.from, to: e.to, value: Math.max(1, e.weight),
                  color: {color: relation ? ACTION_COLOURS[e.action] || EDGE : CO_MENTION},
                  title: edgeText(e) + "\n" + (relation ? plural(e.evidence.length, "sentence")
                         : plural(e.evidence.length, "article")) + ": click for the evidence"};
    if (!relation) { edge.arrows = {to: {enabled: false}}; }
    if (e.curve) {
      edge.smooth = {enabled: true, type: e.curve > 0 ? "curvedCW" : "curvedCCW",
                     roundness: Math.abs(e.curve)};
    }
    return edge;
  }

  // Mentions and sentences are heavy-tailed: sizes follow their logarithm, in eight steps.
  function logScale(min, max, total, value) {
    min = Math.max(min, 1);
    if (max <= min) { return 0.375; }
    return Math.round(8 * Math.log(Math.max(value, min) / min) / Math.log(max / min)) / 8;
  }

  /* ---- layout ------------------------------------------------------------------------ */

  // A tiny seeded generator (mulberry32), so the same page always gets the same layout.
  function random(seed) {
    return () => {
      seed |= 0; seed = seed + 0x6D2B79F5 | 0;
      let t = Math.imul(seed ^ seed >>> 15, 1 | seed);
      t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
      return ((t ^ t >>> 14) >>> 0) / 4294967296;
    };
  }

  const measure = document.createElement("canvas").getContext("2d");
  const labelWidth = new Map();
  function labelOf(n) {
    return n.name.length > LABEL_CHARS ? n.name.slice(0, LABEL_CHARS - 1) + "…" : n.name;
  }
  function widthOf(id) {
    let w = labelWidth.get(id);
    if (w === undefined) {
      measure.font = LABEL_FONT;
      w = measure.measureText(labelOf(nodeById.get(id))).width;
      labelWidth.set(id, w);
    }
    return w;
  }

  // Fruchterman-Reingold in a frame of the canvas's shape, started from Python's positions
  // (so a filter moves things, it does not shuffle them), then the labels of the most
  // important nodes pushed apart. Distances count half across: labels are wide and short.
  function layout(ids, order) {
    const n = ids.length;
    if (!n || n > LAYOUT_MAX) { return null; }
    const box = $("graph").getBoundingClientRect();
    const W = Math.max(300, box.width - 60), H = Math.max(200, box.height - 60);
    const index = new Map(ids.map((id, k) => [id, k]));
    const xs = new Float64Array(n), ys = new Float64Array(n);
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    ids.forEach((id) => { const p = nodeById.get(id); x0 = Math.min(x0, p.x); x1 = Math.max(x1, p.x);
                          y0 = Math.min(y0, p.y); y1 = Math.max(y1, p.y); });
    const rnd = random(n);
    ids.forEach((id, k) => {
      const p = nodeById.get(id);
      xs[k] = (x1 > x0 ? (p.x - x0) / (x1 - x0) - 0.5 : rnd() - 0.5) * W * 0.8;
      ys[k] = (y1 > y0 ? (p.y - y0) / (y1 - y0) - 0.5 : rnd() - 0.5) * H * 0.8;
    });
    const links = [];
    const seen = new Set();
    state.shownEdges.forEach((eid) => {
      const e = edgeById.get(eid), a = index.get(e.from), b = index.get(e.to);
      if (a === undefined || b === undefined || a === b) { return; }
      const key = a < b ? a * n + b : b * n + a;
      if (!seen.has(key)) { seen.add(key); links.push(a, b); }
    });
    const k = 0.75 * Math.sqrt(W * H / n), k2 = k * k;
    // pulls to the centre as hard as the others push out at the frame, so few end up on it
    const gravity = GRAVITY * Math.sqrt(W * H);
    const dx = new Float64Array(n), dy = new Float64Array(n);
    const rounds = n > 400 ? 120 : 250;
    for (let round = 0; round < rounds; round += 1) {
      const t = (W / 8) * (1 - round / rounds) + 1;
      dx.fill(0); dy.fill(0);
      for (let i = 0; i < n; i += 1) {
        for (let j = i + 1; j < n; j += 1) {
          let ddx = (xs[i] - xs[j]) * 0.5, ddy = ys[i] - ys[j];
          let d2 = ddx * ddx + ddy * ddy;
          if (d2 < 0.01) { ddx = rnd() - 0.5; ddy = rnd() - 0.5; d2 = 0.5; }
          const f = k2 / d2;
          dx[i] += ddx * f; dy[i] += ddy * f; dx[j] -= ddx * f; dy[j] -= ddy * f;
        }
      }
      for (let l = 0; l < links.length; l += 2) {
        const i = links[l], j = links[l + 1];
        const ddx = xs[i] - xs[j], ddy = ys[i] - ys[j];
        const d = Math.sqrt(ddx * ddx + ddy * ddy) || 0.01;
        const f = d / k;
        dx[i] -= ddx * f; dy[i] -= ddy * f; dx[j] += ddx * f; dy[j] += ddy * f;
      }
      for (let i = 0; i < n; i += 1) {
        // a little gravity keeps components that have no link between them together
        dx[i] -= xs[i] / (W / 2) * gravity; dy[i] -= ys[i] / (H / 2) * gravity;
        const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
        const step = Math.min(d, t);
        xs[i] += dx[i] / d * step;
        ys[i] += dy[i] / d * step;
      }
    }
    // stretched to the frame: what is shown fills the canvas whatever its shape
    stretch(xs, W);
    stretch(ys, H);
    spreadLabels(ids, order, index, xs, ys, W, H);
    const out = new Map();
    ids.forEach((id, i) => out.set(id, {x: Math.round(xs[i]), y: Math.round(ys[i])}));
    return out;
  }

  function stretch(values, size) {
    let lo = Infinity, hi = -Infinity;
    values.forEach((v) => { lo = Math.min(lo, v); hi = Math.max(hi, v); });
    const scale = hi > lo ? size / (hi - lo) : 0;
    for (let i = 0; i < values.length; i += 1) { values[i] = (values[i] - lo) * scale - size / 2; }
  }

  // Push apart the label boxes of the most important nodes (a node's label sits under it).
  function spreadLabels(ids, order, index, xs, ys, W, H) {
    const top = order.filter((id) => index.has(id)).slice(0, 160).map((id) => index.get(id));
    const h = FONT_PX + 2 * LABEL_PAD + 6;
    const w = top.map((i) => widthOf(ids[i]) + 2 * LABEL_PAD + 6);
    for (let round = 0; round < 40; round += 1) {
      let moved = false;
      for (let a = 0; a < top.length; a += 1) {
        for (let b = a + 1; b < top.length; b += 1) {
          const i = top[a], j = top[b];
          const ox = (w[a] + w[b]) / 2 - Math.abs(xs[i] - xs[j]);
          const oy = h - Math.abs(ys[i] - ys[j]);
          if (ox <= 0 || oy <= 0) { continue; }
          moved = true;
          // part along the axis that needs less, mostly up and down
          if (oy <= ox) {
            const s = (ys[i] < ys[j] || (ys[i] === ys[j] && a < b) ? -1 : 1) * oy / 2;
            ys[i] += s; ys[j] -= s;
          } else {
            const s = (xs[i] < xs[j] ? -1 : 1) * ox / 2;
            xs[i] += s; xs[j] -= s;
          }
        }
      }
      for (const i of top) {
        xs[i] = Math.max(-W / 2, Math.min(W / 2, xs[i]));
        ys[i] = Math.max(-H / 2, Math.min(H / 2, ys[i]));
      }
      if (!moved) { break; }
    }
  }

  /* ---- the network ------------------------------------------------------------------ */

  performance.mark("gb-parsed");
  computeShown();
  const nodeSet = new vis.DataSet(data.nodes.map(visNode));
  const edgeSet = new vis.DataSet(data.edges.map(visEdge));
  let laidOut = layout(state.order, state.order);
  if (laidOut) { nodeSet.update(Array.from(laidOut, ([id, p]) => ({id: id, x: p.x, y: p.y}))); }
  const nodeView = new vis.DataView(nodeSet, {filter: (n) => state.shownNodes.has(n.id)});
  const edgeView = new vis.DataView(edgeSet, {filter: (e) => state.shownEdges.has(e.id)});
  performance.mark("gb-datasets");
  let big = state.shownNodes.size > BIG || state.shownEdges.size > BIG;
  const network = new vis.Network($("graph"), {nodes: nodeView, edges: edgeView}, {
    autoResize: true,
    layout: {improvedLayout: false},
    physics: {enabled: false},
    nodes: {
      shape: "dot", borderWidth: 1, borderWidthSelected: 3,
      scaling: {min: 5, max: 22, customScalingFunction: logScale, label: {enabled: false}},
    },
    edges: {
      smooth: false, selectionWidth: 1.5, hoverWidth: 0.5,
      arrows: {to: {enabled: !big, scaleFactor: 0.45}},
      color: {color: EDGE, highlight: "#24292f", hover: "#6e7781", inherit: false},
      scaling: {min: 1, max: 5, customScalingFunction: logScale, label: {enabled: false}},
    },
    interaction: {hover: !big, tooltipDelay: 250, hideEdgesOnDrag: true, hideEdgesOnZoom: big,
                  keyboard: false, multiselect: false, zoomSpeed: 0.7},
  });
  performance.mark("gb-network");
  network.fit({animation: false});

  // One redraw on the next animation frame.
  function redrawSoon() { network.body.emitter.emit("_requestRedraw"); }

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

  const api = {
    network: network, nodes: nodeSet, edges: edgeSet, data: data, state: state,
    ready: false, firstDrawMs: null, setupMs: performance.now() - started, highlight: null,
    labels: [],            // the labels of the last frame: {id, text, x, y, w, h} in canvas pixels
    layouts: laidOut ? 1 : 0,
    drawn: () => ({nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length}),
    settled: () => !refreshQueued,   // no redraw waiting for the next frame (the filters are drawn)
    labelFont: LABEL_FONT, labelPad: LABEL_PAD,
  };
  window.graphbuild = api;
  network.once("afterDrawing", () => {
    api.firstDrawMs = performance.now();
    api.ready = true;
    document.body.setAttribute("data-ready", "1");
  });

  /* ---- labels and highlighting (drawn over vis-network's frame) --------------------- */

  // A highlight draws a white veil over the finished frame and the highlighted nodes and
  // edges again on top: restyling the other nodes through the DataSet would cost a pass over
  // every node.
  let highlight = null;   // {nodes: Set, edges: Set}

  function pixelRatio() { return (network.canvas && network.canvas.pixelRatio) || window.devicePixelRatio || 1; }

  // Greedy: a label is drawn when its box overlaps no box drawn before it; boxes are
  // looked up in a grid of 64-pixel cells.
  function placeLabels(ctx, candidates) {
    const placed = [], grid = new Map(), cell = 64;
    const width = ctx.canvas.clientWidth || ctx.canvas.width, height = ctx.canvas.clientHeight || ctx.canvas.height;
    const free = (b) => {
      for (let gx = Math.floor(b.x / cell); gx <= Math.floor((b.x + b.w) / cell); gx += 1) {
        for (let gy = Math.floor(b.y / cell); gy <= Math.floor((b.y + b.h) / cell); gy += 1) {
          for (const o of grid.get(gx + "," + gy) || []) {
            if (b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h) { return false; }
          }
        }
      }
      return true;
    };
    const take = (b) => {
      placed.push(b);
      for (let gx = Math.floor(b.x / cell); gx <= Math.floor((b.x + b.w) / cell); gx += 1) {
        for (let gy = Math.floor(b.y / cell); gy <= Math.floor((b.y + b.h) / cell); gy += 1) {
          const key = gx + "," + gy;
          if (!grid.has(key)) { grid.set(key, []); }
          grid.get(key).push(b);
        }
      }
    };
    for (const c of candidates) {
      if (placed.length >= LABELS_MAX) { break; }
      const b = c.box();
      if (b.x + b.w < 0 || b.y + b.h < 0 || b.x > width || b.y > height) { continue; }
      // a label half over the canvas's edge moves in
      b.x = Math.max(0, Math.min(width - b.w, b.x));
      b.y = Math.max(0, Math.min(height - b.h, b.y));
      if (free(b)) { b.id = c.id; b.text = c.text; b.font = c.font; take(b); }
    }
    return placed;
  }

  function nodeLabelCandidate(id) {
    const node = network.body.nodes[id];
    return {id: id, text: labelOf(nodeById.get(id)), font: LABEL_FONT, box: () => {
      const p = network.canvasToDOM({x: node.x, y: node.y});
      const r = (node.options.size || 8) * network.getScale();
      const w = widthOf(id) + 2 * LABEL_PAD, h = FONT_PX + 2 * LABEL_PAD;
      return {x: p.x - w / 2, y: p.y + r + 1, w: w, h: h};
    }};
  }

  function edgeLabelCandidate(eid) {
    const e = edgeById.get(eid), edge = network.body.edges[eid];
    const text = e.kind === "relation" ? e.predicate : plural(e.documents, "article");
    return {id: eid, text: text, font: EDGE_FONT, box: () => {
      const mid = edge.edgeType.getPoint(0.5);
      const p = network.canvasToDOM(mid);
      measure.font = EDGE_FONT;
      const w = measure.measureText(text).width + 2 * LABEL_PAD, h = 11 + 2 * LABEL_PAD;
      return {x: p.x - w / 2, y: p.y - h / 2, w: w, h: h};
    }};
  }

  function drawLabels(ctx) {
    const body = network.body;
    const order = highlight ? Array.from(highlight.nodes) : state.order.filter((id) => body.nodes[id]);
    const candidates = order.filter((id) => body.nodes[id]).map(nodeLabelCandidate);
    const edgeIds = highlight ? Array.from(highlight.edges)
                              : body.edgeIndices.length <= EDGE_LABELS_UP_TO * 4 ? edgesOnScreen() : [];
    if (edgeIds.length <= EDGE_LABELS_UP_TO) {
      edgeIds.filter((id) => body.edges[id]).forEach((id) => candidates.push(edgeLabelCandidate(id)));
    }
    const placed = placeLabels(ctx, candidates);
    const r = pixelRatio();
    ctx.save();
    ctx.setTransform(r, 0, 0, r, 0, 0);
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    for (const b of placed) {
      ctx.font = b.font;
      ctx.lineWidth = 3;
      ctx.strokeStyle = "#ffffff";
      ctx.fillStyle = b.font === EDGE_FONT ? "#57606a" : FONT;
      ctx.strokeText(b.text, b.x + b.w / 2, b.y + b.h / 2);
      ctx.fillText(b.text, b.x + b.w / 2, b.y + b.h / 2);
    }
    ctx.restore();
    api.labels = placed.map((b) => ({id: b.id, text: b.text, x: b.x, y: b.y, w: b.w, h: b.h}));
  }

  function edgesOnScreen() {
    const box = $("graph").getBoundingClientRect();
    return network.body.edgeIndices.filter((id) => {
      const e = network.body.edges[id];
      const p = network.canvasToDOM(e.edgeType.getPoint(0.5));
      return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height;
    });
  }

  network.on("afterDrawing", (ctx) => {
    const body = network.body;
    if (highlight) {
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = VEIL;
      ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
      ctx.restore();
      const edges = [];
      highlight.edges.forEach((id) => { if (body.edges[id]) { edges.push(body.edges[id]); } });
      edges.forEach((e) => e.draw(ctx));
      highlight.nodes.forEach((id) => { if (body.nodes[id]) { body.nodes[id].draw(ctx); } });
      edges.forEach((e) => e.drawArrows(ctx));
    }
    drawLabels(ctx);
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
    let changed = false;
    [e.from, e.to].forEach((n) => { if (!state.shownNodes.has(n)) { state.pinned.add(n); changed = true; } });
    if (!state.kinds.has(e.kind)) { state.kinds.add(e.kind); changed = true; }
    if (e.kind === "relation" && !state.predicates.has(e.predicate)) { state.predicates.add(e.predicate); changed = true; }
    if (e.kind === "relation" && !state.actions.has(e.action)) { state.actions.add(e.action); changed = true; }
    if (changed) { syncChecks(); refresh(); }
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

  function source(docIndex) {
    const doc = data.documents[docIndex] || {id: "", title: "", date: ""};
    return (doc.title || doc.id) + (doc.title && doc.id ? " — " + doc.id : "") +
           (doc.date ? " · " + doc.date : "");
  }

  function evidenceList(items) {
    const ul = el("ul");
    items.forEach((ev) => {
      const li = el("li");
      if (ev.sentence !== undefined) {
        li.append(sentenceLine(ev), el("div", "src", source(ev.doc) + " · confidence " + ev.confidence));
      } else {
        li.append(el("div", "src", source(ev.doc)));
      }
      ul.appendChild(li);
    });
    return ul;
  }

  function classLine(e) {
    const parts = [];
    if (e.action) { parts.push(e.action); }
    if (e.relationClass) { parts.push("schema:" + e.relationClass); }
    return parts.length ? el("div", "classes", parts.join(" · ")) : null;
  }

  function relationLine(e, here) {
    const div = el("div", "relation");
    const name = (id) => (id === here ? el("span", null, nodeById.get(id).name) : nodeLink(id));
    if (e.kind === "relation") {
      div.append(name(e.from), " ", el("span", "pred", e.predicate), " ",
                 e.to === here && e.from !== here ? el("span", null, nodeById.get(e.to).name) : nodeLink(e.to));
    } else {
      div.append(name(e.from), " ", el("span", "pred", e.kind === "co-mention" ? "named in a sentence with"
                 : "named in an article with"), " ", name(e.to));
    }
    return div;
  }

  function nodePanel(id) {
    const n = nodeById.get(id);
    const rank = (e) => (e.kind === "relation" ? 0 : 1);
    const rels = edgesOf.get(id).filter((e) => e.kind === "relation" || state.kinds.has(e.kind))
      .sort((a, b) => rank(a) - rank(b) || b.weight - a.weight || (a.id < b.id ? -1 : 1));
    panel.replaceChildren();
    panel.append(el("h2", null, n.name));
    const meta = el("div", "meta");
    meta.append(typeBadge(n.type), " · " + plural(n.mentions, "mention") + " in " +
                plural(n.documents, "document") + " · " + plural(n.degree, "relation"));
    panel.append(meta);
    if (n.aliases.length) { panel.append(el("h3", null, "Also known as"), el("div", "meta", n.aliases.join(" · "))); }
    if (n.titles.length) { panel.append(el("h3", null, "Roles"), el("div", "meta", n.titles.join(" · "))); }
    const quotes = quotesOf.get(id) || [];
    if (quotes.length) {
      panel.append(el("h3", null, "Quotes (" + fmt(quotes.length) + ")"));
      const ul = el("ul", "quotes");
      quotes.forEach((q) => {
        const li = el("li");
        li.append(el("blockquote", null, q.text), el("div", "src", source(q.doc)));
        if (q.mentions && q.mentions.length) {
          const about = el("div", "src", "Names: ");
          q.mentions.forEach((m, k) => { if (k) { about.append(", "); } about.append(nodeLink(m)); });
          li.append(about);
        }
        ul.append(li);
      });
      panel.append(ul);
    }
    panel.append(el("h3", null, rels.length ? "Relations and evidence" : "No relations"));
    const list = el("div", "relations");
    panel.append(list);
    function listRelations(count) {
      list.replaceChildren();
      rels.slice(0, count).forEach((e) => {
        list.append(relationLine(e, id));
        const classes = classLine(e);
        if (classes) { list.append(classes); }
        list.append(evidenceList(e.evidence.slice(0, SENTENCES_LISTED)));
        if (e.evidence.length > SENTENCES_LISTED) {
          list.append(button("all " + plural(e.evidence.length, e.kind === "relation" ? "sentence" : "article"),
                             () => showEdge(e.id)));
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
    if (e.kind === "relation") {
      head.append(nodeLink(e.from), " ", el("span", "pred", e.predicate), " ", nodeLink(e.to));
      panel.append(head);
      const classes = classLine(e);
      if (classes) { panel.append(classes); }
      panel.append(el("div", "meta", plural(e.evidence.length, "supporting sentence") +
                                     " · best confidence " + e.confidence),
                   el("h3", null, "Evidence"), evidenceList(e.evidence));
    } else {
      head.append(nodeLink(e.from), " and ", nodeLink(e.to));
      panel.append(head, el("div", "meta", "named together " + (e.kind === "co-mention"
        ? "in one sentence" : "in one article") + " in " + plural(e.documents, "article")),
                   el("h3", null, "Articles"), evidenceList(e.evidence));
    }
    panel.scrollTop = 0;
  }

  function overviewPanel() {
    panel.replaceChildren();
    panel.append(el("h2", null, "Explore the graph"),
                 el("div", "meta", $("summary").textContent));
    const top = state.order.slice(0, 12).map((id) => nodeById.get(id));
    if (top.length) {
      panel.append(el("h3", null, "Most connected"));
      const ol = el("ol", "top");
      top.forEach((n) => {
        const li = el("li");
        const links = state.degree.get(n.id) || 0;
        li.append(nodeLink(n.id), el("span", "src", " " + (state.kinds.size === 1 && state.kinds.has("relation")
          ? plural(links, "relation") : plural(links, "link"))));
        ol.append(li);
      });
      panel.append(ol);
    }
    panel.append(el("p", "hint", "Click an entity to highlight its neighbours and read the " +
                    "sentences behind its relations; click a relation for every sentence that " +
                    "supports it. Find entities by name or alias above; narrow the graph with the " +
                    "filters on the left. Labels of less connected entities appear as you zoom in. " +
                    "Esc clears the selection."));
  }

  /* ---- entities without relations: a list, not dots ---------------------------------- */

  const aloneFilter = $("alone-filter");
  function listAlone() {
    const q = aloneFilter.value.trim().toLowerCase();
    const hits = q ? state.alone.filter((n) => [n.name].concat(n.aliases).some((s) => s.toLowerCase().includes(q)))
                   : state.alone;
    $("alone-count").textContent = fmt(state.alone.length);
    const ul = $("alone-list");
    ul.replaceChildren();
    hits.slice(0, ALONE_LISTED).forEach((n) => {
      const li = el("li");
      const dot = el("i", "dot");
      dot.style.background = colourOf.get(n.type) || "#888888";
      li.append(dot, button(n.name, () => showNode(n.id, {centre: true})),
                el("span", "count", fmt(n.mentions)));
      ul.append(li);
    });
    if (hits.length > ALONE_LISTED) {
      ul.append(el("li", "hint", "… and " + fmt(hits.length - ALONE_LISTED) + " more: type to narrow"));
    }
  }
  aloneFilter.addEventListener("input", listAlone);

  /* ---- filters, limit and counts ---------------------------------------------------- */

  let refreshQueued = false;
  function refresh(options) {
    const before = state.shownNodes;
    computeShown();
    const same = before.size === state.shownNodes.size && Array.from(before).every((id) => state.shownNodes.has(id));
    const added = Array.from(state.shownNodes).filter((id) => !before.has(id));
    // An entity found by search joins the view beside its neighbours: the rest stays put.
    const joining = !(options && options.layout) && added.length <= 3 && before.size > 0 &&
      added.every((id) => state.pinned.has(id)) && Array.from(before).every((id) => state.shownNodes.has(id));
    if (joining && added.length) {
      nodeSet.update(added.map((id, k) => {
        const near = edgesOf.get(id).map((e) => (e.from === id ? e.to : e.from)).filter((n) => before.has(n));
        const at = near.length ? near.map((n) => network.getPosition(n))
                               : [network.getViewPosition()];
        const x = at.reduce((sum, p) => sum + p.x, 0) / at.length;
        const y = at.reduce((sum, p) => sum + p.y, 0) / at.length;
        return {id: id, x: Math.round(x + 40 + 20 * k), y: Math.round(y + 30)};
      }));
    } else if (!same || (options && options.layout)) {
      const placed = layout(state.order, state.order);
      if (placed) {
        nodeSet.update(Array.from(placed, ([id, p]) => ({id: id, x: p.x, y: p.y})));
        api.layouts += 1;
      }
    }
    nodeView.refresh();
    edgeView.refresh();
    const nowBig = state.shownNodes.size > BIG || state.shownEdges.size > BIG;
    if (nowBig !== big) {
      big = nowBig;
      network.setOptions({interaction: {hover: !big, hideEdgesOnZoom: big}});
      syncArrows();
    }
    if (!same && !joining) { network.fit({animation: false}); }
    if (state.focus) {
      const f = state.focus;
      const still = f.node ? state.shownNodes.has(f.node) : state.shownEdges.has(f.edge);
      if (!still) { clearFocus(); }
      else if (f.node) { highlightNode(f.node); }
      else { highlightEdge(f.edge); }
    } else if (!panel.firstChild || panel.querySelector("ol.top, p.hint")) {
      overviewPanel();
    }
    listAlone();
    updateCounts();
    redrawSoon();
  }
  function refreshSoon() {
    if (refreshQueued) { return; }
    refreshQueued = true;
    requestAnimationFrame(() => { refreshQueued = false; refresh(); });
  }

  function updateCounts() {
    const relations = data.edges.filter((e) => e.kind === "relation").length;
    $("counts").textContent = "Showing " + fmt(state.shownNodes.size) + " of " +
      plural(data.nodes.length, "entity", "entities") + " and " +
      fmt(state.shownEdges.size) + " edges (" + plural(relations, "relation") + " in all).";
    const hidden = state.matching - Math.min(state.matching, state.limit);
    $("limit-bar").hidden = hidden <= 0;
    if (hidden > 0) {
      $("limit-note").textContent = "Showing the " + fmt(state.limit) + " most connected of " +
        fmt(state.matching) + " connected entities.";
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

  const kindBoxes = new Map();
  data.kinds.forEach((k) => {
    const row = checkRow(KIND_NAMES[k.kind] || k.kind, k.count, k.kind === "relation" ? EDGE : CO_MENTION,
                         state.kinds.has(k.kind), (on) => {
      if (on) { state.kinds.add(k.kind); } else { state.kinds.delete(k.kind); }
      refreshSoon();
    });
    kindBoxes.set(k.kind, row.querySelector("input"));
    $("kinds").append(row);
  });
  data.types.forEach((t) => {
    $("types").append(checkRow(t.type, t.count, t.colour, true, (on) => {
      if (on) { state.types.add(t.type); } else { state.types.delete(t.type); }
      refreshSoon();
    }));
  });
  const actionBoxes = new Map();
  data.actions.forEach((a) => {
    const row = checkRow(a.action || "no class", a.count, ACTION_COLOURS[a.action] || EDGE, true, (on) => {
      if (on) { state.actions.add(a.action); } else { state.actions.delete(a.action); }
      refreshSoon();
    });
    actionBoxes.set(a.action, row.querySelector("input"));
    $("actions").append(row);
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
    actionBoxes.forEach((box, action) => { box.checked = state.actions.has(action); });
    kindBoxes.forEach((box, kind) => { box.checked = state.kinds.has(kind); });
  }
  function setAllRelations(on) {
    state.predicates = new Set(on ? data.predicates.map((p) => p.predicate) : []);
    syncChecks();
    refreshSoon();
  }
  $("relations-all").addEventListener("click", () => setAllRelations(true));
  $("relations-none").addEventListener("click", () => setAllRelations(false));

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

  // The timeline: two ends over the articles' dates; an edge is shown when one of its
  // articles falls between them.
  if (days.length > 1) {
    $("timeline").hidden = false;
    const from = $("time-from"), to = $("time-to");
    from.max = to.max = String(days.length - 1);
    to.value = String(days.length - 1);
    const timeLabel = () => { $("time-value").textContent = state.from + " to " + state.to; };
    const onTime = () => {
      let a = Number(from.value), b = Number(to.value);
      if (a > b) { [a, b] = [b, a]; }
      state.from = days[a];
      state.to = days[b];
      timeLabel();
      refreshSoon();
    };
    from.addEventListener("input", onTime);
    to.addEventListener("input", onTime);
    timeLabel();
  }

  $("colour-by").addEventListener("change", (event) => {
    state.colourBy = event.target.value;
    nodeSet.update(data.nodes.filter((n) => state.shownNodes.has(n.id) || state.colourBy === "type")
                   .map((n) => ({id: n.id, color: nodeColour(n)})));
    $("community-note").hidden = state.colourBy !== "community";
  });
  if (!data.communities) { $("colour-by").disabled = true; }

  function showMore(count) {
    state.limit = count === Infinity ? Infinity : state.limit + (count || data.limit);
    refresh();
  }
  $("show-more").addEventListener("click", () => showMore());
  $("show-all").addEventListener("click", () => showMore(Infinity));
  function fit() {
    network.fit({animation: {duration: 300, easingFunction: "easeInOutQuad"}});
  }
  $("fit").addEventListener("click", fit);
  $("relayout").addEventListener("click", () => { refresh({layout: true}); network.fit({animation: false}); });

  // The view as a PNG: the canvas (labels included, they are drawn on it) on white.
  function savePng() {
    const canvas = document.querySelector("#graph canvas");
    const out = document.createElement("canvas");
    out.width = canvas.width;
    out.height = canvas.height;
    const ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    const url = out.toDataURL("image/png");
    const link = document.createElement("a");   // never attached to the page
    link.download = (document.title || "graph").replace(/[^\w.-]+/g, "_").slice(0, 80) + ".png";
    link.href = url;
    link.click();
    return url;
  }
  $("save-png").addEventListener("click", savePng);

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
    fit: () => network.fit({animation: false}), savePng: savePng,
  });
  overviewPanel();
  listAlone();
  updateCounts();
})();
