(function () {
  "use strict";
  // Everything below builds DOM from data with textContent: no string from the
  // graph is ever parsed as HTML (entity names are untrusted document text).
  var MARKS = {start: performance.now()};   // phase times, for bench/view_bench.py
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  MARKS.parsed = performance.now();
  var V = DATA.vocab;
  var FIXED = DATA.layout === "fixed";
  var LIST_MAX = 12;
  var SEARCH_MAX = 50;          // results listed; the count says how many matched
  var CLUSTER_MIN = 4;          // communities smaller than this are never folded
  var LABEL_PX = 13;            // on-screen size of a hub's label at any zoom
  var DRAW_THRESHOLD = 6;       // vis's scaling.label.drawThreshold: smaller labels are not drawn
  var FONT_FACE = "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif";
  var BIG = DATA.edges.length > 2000;   // a page whose frames must be kept cheap
  var ARROW_SCALE = 0.45;
  var OTHER = "#c7c7c7";
  var UNKNOWN = "—";            // the year or narrator of a document that names none

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function addList(box, key, values, more, max) {
    if (!values || !values.length) return;
    var limit = max || LIST_MAX;
    box.appendChild(el("div", key, "kg-tip-key"));
    var ul = el("ul");
    values.slice(0, limit).forEach(function (v) { ul.appendChild(el("li", v)); });
    var extra = Math.max(0, values.length - limit) + (more || 0);
    if (extra > 0) ul.appendChild(el("li", "… 另有 " + extra + " 项 / " + extra + " more"));
    box.appendChild(ul);
  }
  function typeInfo(name) { return V.types[name] || {zh: name, en: name}; }
  function predInfo(name) { return V.predicates[name] || {zh: name, en: name, color: "#999"}; }

  // --- documents and their facets -------------------------------------------------
  var DOCS = DATA.documents;
  function docYear(d) { return DOCS[d].year || UNKNOWN; }
  function docNarrators(d) { return DOCS[d].narrators.length ? DOCS[d].narrators : [UNKNOWN]; }
  function docName(d) { return DOCS[d] ? DOCS[d].name : "?"; }
  function uniqueSorted(values) {
    var seen = {}, out = [];
    values.forEach(function (v) { if (!seen[v]) { seen[v] = true; out.push(v); } });
    return out.sort();
  }
  var YEARS = uniqueSorted(DOCS.map(function (_, d) { return docYear(d); }));
  var NARRATORS = uniqueSorted([].concat.apply([], DOCS.map(function (_, d) { return docNarrators(d); })));

  // A hover tooltip lists LIST_MAX items per field; the side panel (full) lists all.
  function nodeTip(n, full) {
    var max = full ? Infinity : LIST_MAX;
    var box = el("div", null, "kg-tip");
    var t = typeInfo(n.type);
    box.appendChild(el("div", n.label, "kg-tip-title"));
    if (n.group) {
      box.appendChild(el("div", "汇总节点 · group of " + n.count + " " + t.en + " entities", "kg-tip-type"));
      addList(box, "包括 / includes", n.members, n.count - n.members.length, max);
      box.appendChild(el("div", "单独查看：kg view --focus 名称 或 kg view --types " + n.type, "kg-tip-key"));
      return box;
    }
    box.appendChild(el("div", t.zh + " · " + t.en + " · " + n.degree + " 条关系 / relations", "kg-tip-type"));
    addList(box, "别名 / aliases", n.aliases, 0, max);
    addList(box, "文档 / documents", n.docs.map(docName), 0, max);
    addList(box, "荣誉 / honours", n.honours, 0, max);
    if (full && n.figureSources && n.figureSources.length) figureList(box, n);
    else addList(box, "数据 / figures", n.figures, 0, max);
    if (n.iri) box.appendChild(el("div", n.iri, "kg-doc"));
    return box;
  }
  // The side panel's figures: each with the sentences and documents it was read from.
  function figureList(box, n) {
    box.appendChild(el("div", "数据 / figures (" + n.figures.length + ")", "kg-tip-key"));
    var ul = el("ul", null, "kg-figures");
    n.figures.forEach(function (line) {
      var li = el("li");
      li.appendChild(el("div", line));
      n.figureSources.forEach(function (src) {
        if (src.figure !== line) return;
        var q = el("blockquote");
        q.appendChild(el("div", src.quote));
        if (src.document) q.appendChild(el("div", "— " + src.document, "kg-doc"));
        li.appendChild(q);
      });
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  var byId = {};
  DATA.nodes.forEach(function (n) { byId[n.id] = n; });
  var edgesOf = {};            // node id -> its edges, for the neighbourhood and the panel
  DATA.edges.forEach(function (e) {
    (edgesOf[e.from] = edgesOf[e.from] || []).push(e);
    (edgesOf[e.to] = edgesOf[e.to] || []).push(e);
  });

  function quotes(box, e) {
    var ev = e.evidence || [];
    var more = Math.max(0, (e.evidenceTotal || ev.length) - ev.length);
    ev.forEach(function (x) {
      var q = el("blockquote");
      q.appendChild(el("div", x.quote));
      if (x.document) q.appendChild(el("div", "— " + x.document, "kg-doc"));
      box.appendChild(q);
    });
    if (more > 0) box.appendChild(el("div", "… 另有 " + more + " 处 / " + more + " more", "kg-doc"));
  }

  function edgeTip(e) {
    var box = el("div", null, "kg-tip");
    var p = predInfo(e.predicate);
    box.appendChild(el("div", p.zh + " · " + p.en, "kg-tip-title"));
    var a = byId[e.from], b = byId[e.to];
    box.appendChild(el("div", (a ? a.label : "?") + " → " + (b ? b.label : "?"), "kg-tip-type"));
    if (e.count) box.appendChild(el("div", e.count + " 条关系 / relations", "kg-tip-key"));
    if ((e.evidence || []).length) box.appendChild(el("div", "原文 / evidence", "kg-tip-key"));
    quotes(box, e);
    return box;
  }

  // --- styles -------------------------------------------------------------------------
  function typeColor(n) {
    if (n.group) return {background: V.group.color, border: V.group.border};
    var t = typeInfo(n.type);
    return {background: t.color, border: t.border};
  }
  function communityColor(n) {
    var c = DATA.communities[n.community];
    var fill = c ? c.color : OTHER;
    return {background: fill, border: "#333"};
  }
  function baseFont(n) {
    if (n.group) return {size: 13, color: "#333"};
    return n.type === "Bureau" ? {size: 16, bold: true, color: "#5c0000"} : {size: 13, color: "#222"};
  }
  function nodeStyle(n) {
    if (n.group) {
      return {shape: V.group.shape, color: typeColor(n), borderWidth: 1,
              shapeProperties: {borderDashes: [5, 4]}, font: baseFont(n)};
    }
    var t = typeInfo(n.type);
    return {shape: t.shape, size: n.size, borderWidth: t.borderWidth, borderWidthSelected: t.borderWidth + 2,
            color: typeColor(n), font: baseFont(n)};
  }

  var visNodes = DATA.nodes.map(function (n) {
    var item = nodeStyle(n);
    item.id = n.id; item.label = n.label; item.title = nodeTip(n);
    // vis draws a hub's label only once it is LABEL_PX on screen; below that drawHubLabels does
    if (n.hub) item.scaling = {label: {drawThreshold: LABEL_PX}};
    item.kgType = n.type; item.kgGroup = !!n.group; item.kgCommunity = n.community === undefined ? -1 : n.community;
    if (FIXED && typeof n.x === "number") { item.x = n.x; item.y = n.y; }
    return item;
  });
  function edgeColor(e) { var p = predInfo(e.predicate); return {color: p.color, highlight: p.color, hover: p.color, opacity: 0.75}; }
  var visEdges = DATA.edges.map(function (e) {
    var p = predInfo(e.predicate);
    return {id: e.id, from: e.from, to: e.to, kgPredicate: e.predicate,
            label: BIG ? undefined : (e.count ? p.zh + " ×" + e.count : p.zh), title: edgeTip(e),
            color: edgeColor(e), dashes: !!e.count};
  });

  // --- what is drawn: every filter is a hidden set; one pass decides and counts ----------
  var hidden = {type: {}, predicate: {}, doc: {}, year: {}, narrator: {}};
  var showIsolated = !DATA.initial.hideIsolated;
  var nodeOn = {}, edgeOn = {};
  var counts = {type: {}, predicate: {}, doc: {}, year: {}, narrator: {}};

  function docFiltered() {
    return ["doc", "year", "narrator"].some(function (f) { return Object.keys(hidden[f]).length > 0; });
  }
  // A document passes the document facets, except the one named (for that facet's counts).
  function docPasses(d, except) {
    if (except !== "doc" && hidden.doc[d]) return false;
    if (except !== "year" && hidden.year[docYear(d)]) return false;
    if (except !== "narrator" && docNarrators(d).every(function (k) { return hidden.narrator[k]; })) return false;
    return true;
  }
  function baseOn(n, except) {
    if (except !== "type" && hidden.type[n.type]) return false;
    return showIsolated || !n.isolated;
  }
  function docsOn(n, filtered) {
    if (!filtered || n.group) return true;
    return n.docs.some(function (d) { return docPasses(d); });
  }
  function edgeDocsOn(e, filtered) {
    return !filtered || !e.docs || !e.docs.length || e.docs.some(function (d) { return docPasses(d); });
  }

  function recompute() {
    var filtered = docFiltered();
    var c = {type: {}, predicate: {}, doc: {}, year: {}, narrator: {}};
    function bump(facet, key) { c[facet][key] = (c[facet][key] || 0) + 1; }
    DATA.nodes.forEach(function (n) {
      var docs = docsOn(n, filtered);
      nodeOn[n.id] = baseOn(n) && docs;
      if (n.group) return;
      if (baseOn(n, "type") && docs) bump("type", n.type);
      if (!baseOn(n)) return;
      var years = {}, narrators = {};
      n.docs.forEach(function (d) {
        if (docPasses(d, "doc")) bump("doc", d);
        if (docPasses(d, "year")) years[docYear(d)] = true;
        if (docPasses(d, "narrator")) docNarrators(d).forEach(function (k) { narrators[k] = true; });
      });
      Object.keys(years).forEach(function (y) { bump("year", y); });
      Object.keys(narrators).forEach(function (k) { bump("narrator", k); });
    });
    DATA.edges.forEach(function (e) {
      var ends = nodeOn[e.from] && nodeOn[e.to] && edgeDocsOn(e, filtered);
      edgeOn[e.id] = ends && !hidden.predicate[e.predicate];
      if (ends) bump("predicate", e.predicate);
    });
    counts = c;
  }

  MARKS.items = performance.now();
  recompute();
  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  var nodeView = new vis.DataView(nodes, {filter: function (n) { return nodeOn[n.id]; }});
  var edgeView = new vis.DataView(edges, {filter: function (e) { return edgeOn[e.id]; }});

  var options = {
    autoResize: true,
    layout: {randomSeed: 7, improvedLayout: !FIXED && DATA.nodes.length <= 150},
    nodes: {font: {face: "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif",
                   strokeWidth: 3, strokeColor: "#ffffff"},
            scaling: {label: {drawThreshold: DRAW_THRESHOLD, maxVisible: 40}}},
    edges: {arrows: {to: {enabled: !BIG, scaleFactor: 0.5}}, width: 1.2, selectionWidth: 1.5, hoverWidth: 1,
            font: {size: 11, align: "horizontal", color: "#333", strokeWidth: 3, strokeColor: "#ffffff",
                   face: "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"},
            smooth: FIXED ? false : {enabled: true, type: "continuous", roundness: 0.3}},
    interaction: {hover: true, tooltipDelay: 120, hideEdgesOnDrag: FIXED, hideEdgesOnZoom: FIXED,
                  keyboard: false, navigationButtons: false},
    physics: FIXED ? {enabled: false} : {
      enabled: true, solver: "forceAtlas2Based",
      forceAtlas2Based: {gravitationalConstant: -70, centralGravity: 0.012, springLength: 120,
                         springConstant: 0.06, damping: 0.5, avoidOverlap: 0.5},
      stabilization: {enabled: true, iterations: 500, updateInterval: 25, fit: true},
      minVelocity: 1, maxVelocity: 60}
  };

  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, options);
  MARKS.network = performance.now();
  var loading = document.getElementById("kg-loading");
  var api = {marks: MARKS, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, network: network,
             data: DATA, ready: false,
             search: search, select: selectEntity, setTypeVisible: setTypeVisible,
             setPredicateVisible: setPredicateVisible, setDocumentVisible: setDocumentVisible,
             setYearVisible: setYearVisible, setNarratorVisible: setNarratorVisible,
             setIsolatedVisible: setIsolatedVisible, setColouring: setColouring,
             collapseCommunities: collapseCommunities, expandCommunities: expandCommunities,
             sparqlFor: sparqlFor, isFolded: isFolded,
             hubLabels: function () { return hubDrawn.slice(); },
             neighbourhood: function () { return selectedHood ? Object.keys(selectedHood).map(Number) : []; }};
  Object.defineProperty(api, "counts", {get: function () { return counts; }});   // live, for tests
  window.kgView = api;

  // --- labels: hubs readable at any zoom, every label once zoomed in ------------------
  // vis draws a label once font size × scale reaches drawThreshold, so other labels come
  // with zooming in. A hub's label is drawn by vis from LABEL_PX on screen up, and below
  // that here, on vis's canvas after each frame, at LABEL_PX however far out the view is:
  // no DataSet update (which costs a pass over every node and edge) on zoom.
  var HUBS = DATA.nodes.filter(function (n) { return n.hub; });
  var hubDrawn = [];               // what the last frame drew, for tests: [{id, px}]
  var clustered = {};              // node ids folded into a community cluster
  function drawHubLabels(ctx) {
    var scale = network.getScale();
    var drawn = [];
    ctx.save();
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    HUBS.forEach(function (n) {
      var body = network.body.nodes[n.id];
      if (!nodeOn[n.id] || clustered[n.id] || !body) return;
      var font = baseFont(n);
      var size = Math.max(font.size, LABEL_PX / scale);
      if (font.size * scale >= LABEL_PX - 1) return;   // vis draws this one itself (its test)
      ctx.font = (font.bold ? "bold " : "") + size + "px " + FONT_FACE;
      ctx.lineWidth = 4 / scale;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.fillStyle = selectedHood && !selectedHood[n.id] ? "#999" : (font.color || "#222");
      var y = body.y + (body.shape.height || 2 * n.size) / 2 + 3 / scale;
      ctx.strokeText(n.label, body.x, y);
      ctx.fillText(n.label, body.x, y);
      drawn.push({id: n.id, px: size * scale});
    });
    ctx.restore();
    hubDrawn = drawn;
  }

  // The selected node's neighbourhood: a ring around each neighbour (vis itself marks the
  // selected node and its edges), drawn before the nodes so they stay on top.
  var selectedHood = null;
  function drawHood(ctx) {
    if (!selectedHood) return;
    var scale = network.getScale();
    ctx.save();
    ctx.lineWidth = 3 / Math.max(scale, 0.05);
    ctx.strokeStyle = "#ffb300";
    ctx.fillStyle = "rgba(255, 214, 80, 0.35)";
    Object.keys(selectedHood).forEach(function (id) {
      var body = network.body.nodes[id];
      if (!body || !nodeOn[id] || clustered[id]) return;
      var r = (byId[id].size || 12) + 8 / Math.max(scale, 0.05);
      ctx.beginPath();
      ctx.arc(body.x, body.y, r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    });
    ctx.restore();
  }
  network.on("beforeDrawing", drawHood);
  network.on("afterDrawing", drawHubLabels);

  // Arrowheads cost half of a frame on a large page and cannot be seen zoomed out: they
  // come with zooming in (one setOptions when the scale crosses ARROW_SCALE).
  var arrowsOn = !BIG;
  function arrowsForScale() {
    var want = !BIG || network.getScale() >= ARROW_SCALE;
    if (want === arrowsOn) return;
    arrowsOn = want;
    network.setOptions({edges: {arrows: {to: {enabled: want, scaleFactor: 0.5}}}});
  }
  var zoomTimer = 0;
  network.on("zoom", function () {
    clearTimeout(zoomTimer);
    zoomTimer = setTimeout(arrowsForScale, 150);
  });

  function markReady() {
    if (api.ready) return;
    api.ready = true;
    api.readyAt = MARKS.ready = performance.now();   // ms since navigation start: what bench/view_bench.py reports
    loading.hidden = true;
    if (DATA.focus.length) network.selectNodes(DATA.focus);
    document.body.setAttribute("data-state", "ready");
  }
  if (!DATA.nodes.length) {
    document.getElementById("kg-empty").hidden = false;
    markReady();
  } else if (FIXED) {
    network.fit();                      // the drawn part (the core when isolated ones are hidden)
    arrowsForScale();
    network.once("afterDrawing", markReady);
  } else {
    network.on("stabilizationProgress", function (p) {
      loading.textContent = "正在布局… laying out " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      // Stop physics once stable: a still picture is readable and costs no CPU.
      network.setOptions({physics: {enabled: false}});
      network.fit();
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  }

  // --- header ---------------------------------------------------------------------
  var s = DATA.summary;
  var stats = document.getElementById("kg-stats");
  function showStats() {
    var drawnNodes = nodeView.length, drawnEdges = edgeView.length;
    stats.textContent = drawnNodes + " / " + s.shown + " 个实体 · " + drawnEdges + " / " + s.edges + " 条关系" +
      (s.shown < s.entities ? "（图中共 " + s.entities + " 个实体）" : "");
  }
  var notices = document.getElementById("kg-notices");
  DATA.notices.forEach(function (text) { notices.appendChild(el("p", text, "kg-notice")); });

  // --- the side panel: toggles, facets with live counts -------------------------------
  function checkbox(host, checked, onChange, parts, attr, key) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox"; box.checked = checked;
    box.addEventListener("change", function () { onChange(box.checked); });
    if (attr) box.setAttribute(attr, key);
    label.appendChild(box);
    parts.forEach(function (p) { label.appendChild(p); });
    host.appendChild(label);
    return box;
  }
  var facetRows = {type: {}, predicate: {}, doc: {}, year: {}, narrator: {}};
  function facetRow(facet, key, host, parts) {
    var count = el("span", "", "kg-count");
    var box = checkbox(host, !hidden[facet][key], function (on) { setVisible(facet, key, on); },
                       parts.concat([count]), "data-" + facet, String(key));
    facetRows[facet][key] = {box: box, count: count};
  }
  function facetButtons(facet, host, keys) {
    var bar = el("div", null, "kg-facet-bar");
    var all = el("button", "全部 all"), none = el("button", "清空 none");
    all.type = none.type = "button";
    all.setAttribute("data-all", facet); none.setAttribute("data-none", facet);
    all.addEventListener("click", function () { setMany(facet, keys, true); });
    none.addEventListener("click", function () { setMany(facet, keys, false); });
    bar.appendChild(all); bar.appendChild(none);
    host.appendChild(bar);
  }
  function showCounts() {
    Object.keys(facetRows).forEach(function (facet) {
      Object.keys(facetRows[facet]).forEach(function (key) {
        var row = facetRows[facet][key];
        row.count.textContent = String(counts[facet][key] || 0);
        row.box.checked = !hidden[facet][key];
      });
    });
    isoBox.checked = showIsolated;
    showStats();
  }

  var isoHost = document.getElementById("kg-isolated");
  var isoBox = checkbox(isoHost, showIsolated, function (on) { setIsolatedVisible(on); },
    [el("span", "显示无关系的实体 (" + s.isolated + ")"), el("span", "show " + s.isolated + " without relations", "kg-en")],
    "data-isolated", "1");
  if (!s.isolated) isoHost.hidden = true;

  var typeHost = document.getElementById("kg-types");
  Object.keys(V.types).forEach(function (name) {
    if (!DATA.counts.types[name]) return;
    var t = V.types[name];
    var glyph = el("span", t.glyph, "kg-glyph");
    glyph.style.color = t.color;
    facetRow("type", name, typeHost, [glyph, el("span", t.zh), el("span", t.en, "kg-en")]);
  });
  if (DATA.nodes.some(function (n) { return n.group; })) {
    var g = el("span", "▭", "kg-glyph");
    var gl = el("label"); gl.appendChild(g); gl.appendChild(el("span", "其余（汇总）")); gl.appendChild(el("span", "grouped", "kg-en"));
    typeHost.appendChild(gl);
  }
  var predHost = document.getElementById("kg-predicates");
  Object.keys(V.predicates).forEach(function (name) {
    if (!DATA.counts.predicates[name]) return;
    var p = V.predicates[name];
    var line = el("span", null, "kg-line");
    line.style.background = p.color;
    facetRow("predicate", name, predHost, [line, el("span", p.zh), el("span", p.en, "kg-en")]);
  });

  var docHost = document.getElementById("kg-docs");
  if (DOCS.length > 1) {
    facetButtons("doc", docHost, DOCS.map(function (_, d) { return d; }));
    var docList = el("div", null, "kg-facet-list");
    docHost.appendChild(docList);
    DOCS.forEach(function (doc, d) {
      var text = el("span", null, "kg-doc-name");
      // a title of blanks (a zero-width space read from the file) names nothing: the file does
      var titled = (doc.title || "").replace(/[\s\u200b-\u200d\ufeff]/g, "") ? doc.title : "";
      text.appendChild(el("span", titled || doc.source || doc.name));
      var meta = [doc.year || UNKNOWN, doc.source].concat(doc.narrators).filter(Boolean).join(" · ");
      text.appendChild(el("span", meta, "kg-en kg-block"));
      text.title = doc.name;
      facetRow("doc", d, docList, [text]);
    });
    var yearHost = document.getElementById("kg-years");
    facetButtons("year", yearHost, YEARS);
    var yearList = el("div", null, "kg-facet-list kg-facet-short");
    yearHost.appendChild(yearList);
    YEARS.forEach(function (y) { facetRow("year", y, yearList, [el("span", y)]); });
    var narrHost = document.getElementById("kg-narrators");
    facetButtons("narrator", narrHost, NARRATORS);
    var narrList = el("div", null, "kg-facet-list kg-facet-short");
    narrHost.appendChild(narrList);
    NARRATORS.forEach(function (k) { facetRow("narrator", k, narrList, [el("span", k)]); });
  } else {
    document.getElementById("kg-corpus").hidden = true;
  }

  function refresh() {
    expandCommunities();             // folded clusters are rebuilt from what is drawn
    recompute();
    nodeView.refresh();
    edgeView.refresh();
    showCounts();
  }
  function setVisible(facet, key, on) {
    if (on) delete hidden[facet][key]; else hidden[facet][key] = true;
    refresh();
  }
  function setMany(facet, keys, on) {
    keys.forEach(function (k) { if (on) delete hidden[facet][k]; else hidden[facet][k] = true; });
    refresh();
  }
  function setTypeVisible(name, on) { setVisible("type", name, on); }
  function setPredicateVisible(name, on) { setVisible("predicate", name, on); }
  function setDocumentVisible(index, on) { setVisible("doc", index, on); }
  function setYearVisible(year, on) { setVisible("year", year, on); }
  function setNarratorVisible(name, on) { setVisible("narrator", name, on); }
  function setIsolatedVisible(on) {
    showIsolated = !!on;
    refresh();
    network.fit();
  }

  // --- communities: a colouring, or clusters opened with a click ---------------------
  var colouring = "type";
  function paintNodes() {
    nodes.update(DATA.nodes.map(function (n) {
      var color = colouring === "community" && !n.group ? communityColor(n) : typeColor(n);
      color.highlight = {background: color.background, border: "#000"};
      color.hover = {background: color.background, border: "#000"};
      return {id: n.id, color: color};
    }));
  }
  function setColouring(mode) {
    colouring = mode === "community" ? "community" : "type";
    document.querySelectorAll("input[name=kg-colour]").forEach(function (r) { r.checked = r.value === colouring; });
    document.getElementById("kg-communities").hidden = colouring !== "community";
    paintNodes();
  }
  document.querySelectorAll("input[name=kg-colour]").forEach(function (r) {
    r.addEventListener("change", function () { if (r.checked) setColouring(r.value); });
  });

  var commHost = document.getElementById("kg-communities");
  DATA.communities.slice(0, 12).forEach(function (c) {
    var b = el("button", null, "kg-link");
    b.type = "button";
    b.setAttribute("data-community", String(c.id));
    var sw = el("span", "●", "kg-glyph"); sw.style.color = c.color;
    b.appendChild(sw); b.appendChild(el("span", c.label + " 等 " + c.size));
    b.addEventListener("click", function () {
      var ids = DATA.nodes.filter(function (n) { return n.community === c.id && nodeOn[n.id]; })
                          .map(function (n) { return n.id; });
      network.selectNodes(ids);
      if (ids.length) network.fit({nodes: ids, animation: {duration: 300}});
    });
    commHost.appendChild(b);
  });
  if (DATA.communities.length > 12) {
    var rest = DATA.communities.slice(12).reduce(function (a, c) { return a + c.size; }, 0);
    commHost.appendChild(el("div", "其余 " + (DATA.communities.length - 12) + " 个社区（" + rest + " 个实体）· others", "kg-en"));
  }
  if (!DATA.communities.length) document.getElementById("kg-structure").hidden = true;

  var folded = [];
  function collapseCommunities() {
    expandCommunities();
    DATA.communities.forEach(function (c) {
      if (c.size < CLUSTER_MIN) return;
      var members = DATA.nodes.filter(function (n) { return n.community === c.id && nodeOn[n.id]; });
      if (members.length < CLUSTER_MIN) return;
      var id = "community-" + c.id;
      network.cluster({
        joinCondition: function (o) { return o.kgCommunity === c.id; },
        clusterNodeProperties: {id: id, label: c.label + " 等 " + members.length, shape: "dot",
          size: 18 + 2 * Math.sqrt(members.length), borderWidth: 2,
          color: {background: c.color, border: "#333"}, font: {size: Math.max(14, LABEL_PX / network.getScale())},
          title: el("div", c.label + " 等 " + members.length + " 个实体 · 点击展开 / click to expand", "kg-tip")},
        clusterEdgeProperties: {label: "", dashes: true}
      });
      folded.push(id);
      members.forEach(function (n) { clustered[n.id] = c.id; });
    });
    foldButton.textContent = folded.length ? "展开社区 · expand communities" : "折叠社区 · fold communities";
    return folded.slice();
  }
  // vis's isCluster logs an error for an id it no longer has (a cluster already opened)
  function isFolded(id) { return network.body.nodes[id] !== undefined && network.isCluster(id); }
  function expandCommunities() {
    folded.forEach(function (id) { if (isFolded(id)) network.openCluster(id); });
    folded = [];
    clustered = {};
    if (foldButton) foldButton.textContent = "折叠社区 · fold communities";
  }
  var foldButton = document.getElementById("kg-fold");
  foldButton.addEventListener("click", function () {
    if (folded.length) expandCommunities(); else collapseCommunities();
  });
  network.on("click", function (p) {
    if (p.nodes.length === 1 && isFolded(p.nodes[0])) {
      var c = Number(String(p.nodes[0]).slice("community-".length));
      Object.keys(clustered).forEach(function (id) { if (clustered[id] === c) delete clustered[id]; });
      network.unselectAll();           // vis would still refer to the cluster as selected and hovered
      network.openCluster(p.nodes[0]);
      folded = folded.filter(function (id) { return id !== p.nodes[0]; });
    }
  });

  // --- search: every match listed -------------------------------------------------------
  function norm(text) { return String(text).normalize("NFKC").replace(/\s+/g, "").toLowerCase(); }
  var index = DATA.nodes.filter(function (n) { return !n.group; }).map(function (n) {
    return {node: n, label: norm(n.label), aliases: n.aliases.map(norm)};
  });
  var names = document.getElementById("kg-names");
  var seen = {};
  index.slice(0, 5000).forEach(function (entry) {
    [entry.node.label].concat(entry.node.aliases).forEach(function (name) {
      if (seen[name]) return;
      seen[name] = true;
      var opt = document.createElement("option");
      opt.value = name;
      names.appendChild(opt);
    });
  });

  // Matches best first: the exact name, an exact alias, then names and aliases containing it.
  function search(query) {
    var q = norm(query || "");
    if (!q) return [];
    var hits = [];
    index.forEach(function (entry) {
      var rank = 9;
      if (entry.label === q) rank = 0;
      else if (entry.aliases.indexOf(q) >= 0) rank = 1;
      else if (entry.label.indexOf(q) >= 0) rank = 2;
      else if (entry.aliases.some(function (a) { return a.indexOf(q) >= 0; })) rank = 3;
      if (rank < 9) hits.push({node: entry.node, rank: rank});
    });
    hits.sort(function (a, b) {
      return a.rank - b.rank || b.node.degree - a.node.degree ||
             (a.node.label < b.node.label ? -1 : a.node.label > b.node.label ? 1 : a.node.id - b.node.id);
    });
    return hits.map(function (h) { return h.node; });
  }

  var results = document.getElementById("kg-results");
  function showResults(query, hits) {
    results.textContent = "";
    if (!query) return;
    results.appendChild(el("div", hits.length + " 个结果 · " + hits.length + " found", "kg-tip-key"));
    var ol = el("ol", null, "kg-result-list");
    hits.slice(0, SEARCH_MAX).forEach(function (n) {
      var li = el("li");
      var b = el("button", null, "kg-link");
      b.type = "button";
      b.setAttribute("data-node", String(n.id));
      var t = typeInfo(n.type);
      var glyph = el("span", t.glyph, "kg-glyph"); glyph.style.color = t.color;
      b.appendChild(glyph); b.appendChild(el("span", n.label));
      if (!nodeOn[n.id]) b.appendChild(el("span", " (已隐藏 hidden)", "kg-en"));
      b.addEventListener("click", function () { selectEntity(n); });
      li.appendChild(b);
      ol.appendChild(li);
    });
    results.appendChild(ol);
    if (hits.length > SEARCH_MAX) results.appendChild(el("div", "… 另有 " + (hits.length - SEARCH_MAX) + " 个 / more", "kg-en"));
  }

  // --- the selected entity: its neighbourhood, its facts, the query for them -----------
  function sparqlFor(n) {
    // kgr:university/… is no prefixed name in SPARQL until its "/" is escaped
    var name = /^kgr:/.test(n.iri) ? "kgr:" + n.iri.slice(4).replace(/[\/#?&=%~!$'()*+,;@.-]/g, "\\$&")
                                   : "<" + n.iri.replace(/[<>"{}|^`\\\s]/g, "") + ">";
    var label = String(n.label).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ");
    return DATA.sparql.replace("LABEL", function () { return label; }).replace("ENTITY", function () { return name; });
  }

  var details = document.getElementById("kg-details");
  var status = document.getElementById("kg-status");
  function relationItem(n, e) {
    var li = el("li");
    var p = predInfo(e.predicate);
    var outward = e.from === n.id;
    var other = byId[outward ? e.to : e.from];
    var head = el("div");
    head.appendChild(el("span", (outward ? "→ " : "← ") + p.zh + " · " + p.en + " "));
    var b = el("button", other ? other.label : "?", "kg-link");
    b.type = "button";
    b.addEventListener("click", function () { if (other) selectEntity(other); });
    head.appendChild(b);
    if (e.count) head.appendChild(el("span", " ×" + e.count, "kg-en"));
    li.appendChild(head);
    quotes(li, e);
    return li;
  }
  function showDetails(n) {
    details.textContent = "";
    if (!n) return;
    var box = nodeTip(n, true);
    var mine = edgesOf[n.id] || [];
    if (mine.length) {
      box.appendChild(el("div", "关系 / relations (" + mine.length + ")", "kg-tip-key"));
      var ul = el("ul", null, "kg-relations");
      mine.forEach(function (e) { ul.appendChild(relationItem(n, e)); });
      box.appendChild(ul);
    }
    if (!n.group && n.iri) {
      box.appendChild(el("div", "SPARQL（同样的事实 / the same facts, for kg query）", "kg-tip-key"));
      var text = el("textarea", null, "kg-sparql");
      text.readOnly = true; text.rows = 6; text.value = sparqlFor(n);
      var copy = el("button", "复制查询 · copy query");
      copy.type = "button"; copy.id = "kg-copy";
      copy.addEventListener("click", function () {
        var done = function () { status.textContent = "已复制 / copied"; };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text.value).then(done, function () {
            text.select(); document.execCommand("copy"); done();
          });
        } else { text.select(); document.execCommand("copy"); done(); }
      });
      box.appendChild(text);
      box.appendChild(copy);
    }
    details.appendChild(box);
  }

  function highlight(n) {
    if (!n) { selectedHood = null; network.redraw(); return; }
    selectedHood = {};
    selectedHood[n.id] = true;
    (edgesOf[n.id] || []).forEach(function (e) { selectedHood[e.from] = true; selectedHood[e.to] = true; });
    network.redraw();
  }

  // Reveal whatever hides an entity (its type, a document facet, the isolated toggle).
  function reveal(n) {
    if (nodeOn[n.id]) return;
    delete hidden.type[n.type];
    if (n.isolated) showIsolated = true;
    if (!docsOn(n, docFiltered())) { hidden.doc = {}; hidden.year = {}; hidden.narrator = {}; }
    refresh();
  }

  function selectEntity(n) {
    if (!n) return false;
    reveal(n);
    if (clustered[n.id] !== undefined) expandCommunities();
    highlight(n);
    var hood = Object.keys(selectedHood).map(Number).filter(function (id) { return nodeOn[id]; });
    network.selectNodes([n.id]);
    network.fit({nodes: hood, animation: {duration: 400, easingFunction: "easeInOutQuad"}});
    if (hood.length < 3) network.moveTo({position: network.getPosition(n.id), scale: Math.max(network.getScale(), 1.0)});
    showDetails(n);
    return true;
  }

  document.getElementById("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var query = document.getElementById("kg-search").value;
    var hits = search(query);
    showResults(query, hits);
    if (hits.length) { selectEntity(hits[0]); status.textContent = "找到 / found: " + hits[0].label; }
    else { status.textContent = "未找到 / not found: " + query; }
  });
  document.getElementById("kg-reset").addEventListener("click", function () {
    Object.keys(hidden).forEach(function (f) { hidden[f] = {}; });
    showIsolated = !DATA.initial.hideIsolated;
    refresh();
    network.unselectAll(); highlight(null); showDetails(null); showResults("", []);
    status.textContent = "";
    network.fit({animation: {duration: 300}});
  });
  network.on("selectNode", function (p) {
    var n = byId[p.nodes[0]];
    if (!n) return;                      // a folded community
    highlight(n);
    showDetails(n);
  });
  network.on("deselectNode", function () { highlight(null); showDetails(null); });
  showCounts();
  MARKS.panel = performance.now();
})();
