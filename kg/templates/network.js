(function () {
  "use strict";
  // Everything below builds DOM from data with textContent: no string from the
  // graph is ever parsed as HTML (entity names are untrusted document text).
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var V = DATA.vocab;
  var FIXED = DATA.layout === "fixed";
  var LIST_MAX = 12;

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
    addList(box, "文档 / documents", n.documents, 0, max);
    addList(box, "荣誉 / honours", n.honours, 0, max);
    addList(box, "数据 / figures", n.figures, 0, max);
    if (n.iri) box.appendChild(el("div", n.iri, "kg-doc"));
    return box;
  }

  var byId = {};
  DATA.nodes.forEach(function (n) { byId[n.id] = n; });

  function edgeTip(e) {
    var box = el("div", null, "kg-tip");
    var p = predInfo(e.predicate);
    box.appendChild(el("div", p.zh + " · " + p.en, "kg-tip-title"));
    var a = byId[e.from], b = byId[e.to];
    box.appendChild(el("div", (a ? a.label : "?") + " → " + (b ? b.label : "?"), "kg-tip-type"));
    if (e.count) box.appendChild(el("div", e.count + " 条关系 / relations", "kg-tip-key"));
    // the page carries a few passages per edge (different sentences first) and their total
    var ev = e.evidence || [];
    var more = Math.max(0, (e.evidenceTotal || ev.length) - ev.length);
    if (ev.length) box.appendChild(el("div", "原文 / evidence", "kg-tip-key"));
    ev.forEach(function (x) {
      var q = el("blockquote");
      q.appendChild(el("div", x.quote));
      if (x.document) q.appendChild(el("div", "— " + x.document, "kg-doc"));
      box.appendChild(q);
    });
    if (more > 0) box.appendChild(el("div", "… 另有 " + more + " 处 / " + more + " more", "kg-doc"));
    return box;
  }

  function nodeStyle(n) {
    if (n.group) {
      var g = V.group;
      return {shape: g.shape, color: {background: g.color, border: g.border,
              highlight: {background: "#fff", border: "#000"}, hover: {background: "#f4f4f4", border: "#000"}},
              borderWidth: 1, shapeProperties: {borderDashes: [5, 4]}, font: {size: 13, color: "#333"}};
    }
    var t = typeInfo(n.type);
    return {shape: t.shape, size: n.size, borderWidth: t.borderWidth, borderWidthSelected: t.borderWidth + 2,
            color: {background: t.color, border: t.border,
                    highlight: {background: t.color, border: "#000"}, hover: {background: t.color, border: "#000"}},
            font: n.type === "Bureau" ? {size: 16, bold: true, color: "#5c0000"} : {size: 13}};
  }

  var visNodes = DATA.nodes.map(function (n) {
    var item = nodeStyle(n);
    item.id = n.id; item.label = n.label; item.title = nodeTip(n);
    item.kgType = n.type; item.kgGroup = !!n.group;
    if (FIXED && typeof n.x === "number") { item.x = n.x; item.y = n.y; }
    return item;
  });
  var visEdges = DATA.edges.map(function (e) {
    var p = predInfo(e.predicate);
    return {id: e.id, from: e.from, to: e.to, kgPredicate: e.predicate,
            label: e.count ? p.zh + " ×" + e.count : p.zh, title: edgeTip(e),
            color: {color: p.color, highlight: p.color, hover: p.color, opacity: 0.75},
            dashes: !!e.count};
  });

  var hiddenTypes = {}, hiddenPreds = {};
  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  var nodeView = new vis.DataView(nodes, {filter: function (n) { return !hiddenTypes[n.kgType]; }});
  var edgeView = new vis.DataView(edges, {filter: function (e) { return !hiddenPreds[e.kgPredicate]; }});

  var options = {
    autoResize: true,
    layout: {randomSeed: 7, improvedLayout: !FIXED && DATA.nodes.length <= 150},
    nodes: {font: {face: "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif",
                   strokeWidth: 3, strokeColor: "#ffffff"}},
    edges: {arrows: {to: {enabled: true, scaleFactor: 0.5}}, width: 1.2, selectionWidth: 1.5, hoverWidth: 1,
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
  var loading = document.getElementById("kg-loading");
  var api = {nodes: nodes, edges: edges, network: network, data: DATA, ready: false,
             search: search, select: selectEntity, setTypeVisible: setTypeVisible,
             setPredicateVisible: setPredicateVisible};
  window.kgView = api;

  function markReady() {
    if (api.ready) return;
    api.ready = true;
    api.readyAt = performance.now();   // ms since navigation start: what bench/view_bench.py reports
    loading.hidden = true;
    if (DATA.focus.length) network.selectNodes(DATA.focus);
    document.body.setAttribute("data-state", "ready");
  }
  if (!DATA.nodes.length) {
    document.getElementById("kg-empty").hidden = false;
    markReady();
  } else if (FIXED) {
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
  document.getElementById("kg-stats").textContent =
    s.shown + " 个实体 · " + s.edges + " 条关系" + (s.shown < s.entities ? "（共 " + s.entities + " 个实体）" : "");
  var notices = document.getElementById("kg-notices");
  DATA.notices.forEach(function (text) { notices.appendChild(el("p", text, "kg-notice")); });

  // --- legend with filters --------------------------------------------------------
  function checkbox(host, checked, onChange, parts) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox"; box.checked = checked;
    box.addEventListener("change", function () { onChange(box.checked); });
    label.appendChild(box);
    parts.forEach(function (p) { label.appendChild(p); });
    host.appendChild(label);
    return box;
  }
  var typeBoxes = {};
  Object.keys(V.types).forEach(function (name) {
    var count = DATA.counts.types[name] || 0;
    if (!count) return;
    var t = V.types[name];
    var glyph = el("span", t.glyph, "kg-glyph");
    glyph.style.color = t.color;
    typeBoxes[name] = checkbox(document.getElementById("kg-types"), true,
      function (on) { setTypeVisible(name, on); },
      [glyph, el("span", t.zh), el("span", t.en, "kg-en"), el("span", String(count), "kg-count")]);
    typeBoxes[name].setAttribute("data-type", name);
  });
  if (DATA.nodes.some(function (n) { return n.group; })) {
    var g = el("span", "▭", "kg-glyph");
    document.getElementById("kg-types").appendChild(
      (function () { var l = el("label"); l.appendChild(g); l.appendChild(el("span", "其余（汇总）")); l.appendChild(el("span", "grouped", "kg-en")); return l; })());
  }
  Object.keys(V.predicates).forEach(function (name) {
    var count = DATA.counts.predicates[name] || 0;
    if (!count) return;
    var p = V.predicates[name];
    var line = el("span", null, "kg-line");
    line.style.background = p.color;
    checkbox(document.getElementById("kg-predicates"), true,
      function (on) { setPredicateVisible(name, on); },
      [line, el("span", p.zh), el("span", p.en, "kg-en"), el("span", String(count), "kg-count")])
      .setAttribute("data-predicate", name);
  });

  function setTypeVisible(name, on) {
    if (on) delete hiddenTypes[name]; else hiddenTypes[name] = true;
    if (typeBoxes[name]) typeBoxes[name].checked = on;
    nodeView.refresh();
  }
  function setPredicateVisible(name, on) {
    if (on) delete hiddenPreds[name]; else hiddenPreds[name] = true;
    edgeView.refresh();
  }

  // --- search -----------------------------------------------------------------------
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

  function search(query) {
    var q = norm(query || "");
    if (!q) return null;
    var best = null, bestRank = 9;
    index.forEach(function (entry) {
      var rank = 9;
      if (entry.label === q) rank = 0;
      else if (entry.aliases.indexOf(q) >= 0) rank = 1;
      else if (entry.label.indexOf(q) >= 0) rank = 2;
      else if (entry.aliases.some(function (a) { return a.indexOf(q) >= 0; })) rank = 3;
      if (rank < bestRank || (rank === bestRank && rank < 9 && entry.node.degree > best.degree)) {
        best = entry.node; bestRank = rank;
      }
    });
    return best;
  }

  var details = document.getElementById("kg-details");
  function showDetails(n) {
    details.textContent = "";
    if (n) details.appendChild(nodeTip(n, true));
  }

  function selectEntity(n) {
    if (!n) return false;
    if (hiddenTypes[n.type]) setTypeVisible(n.type, true);
    network.selectNodes([n.id]);
    network.focus(n.id, {scale: Math.max(network.getScale(), 1.0),
                         animation: {duration: 400, easingFunction: "easeInOutQuad"}});
    showDetails(n);
    return true;
  }

  var status = document.getElementById("kg-status");
  document.getElementById("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var query = document.getElementById("kg-search").value;
    var hit = search(query);
    if (hit) { selectEntity(hit); status.textContent = "找到 / found: " + hit.label; }
    else { status.textContent = "未找到 / not found: " + query; }
  });
  document.getElementById("kg-reset").addEventListener("click", function () {
    Object.keys(hiddenTypes).forEach(function (t) { setTypeVisible(t, true); });
    Object.keys(hiddenPreds).forEach(function (p) { setPredicateVisible(p, true); });
    document.querySelectorAll("aside input[type=checkbox]").forEach(function (b) { b.checked = true; });
    network.unselectAll(); showDetails(null); status.textContent = "";
    network.fit({animation: {duration: 300}});
  });
  network.on("selectNode", function (p) { showDetails(byId[p.nodes[0]]); });
  network.on("deselectNode", function () { showDetails(null); });
})();
