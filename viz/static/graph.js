/* pilotgraph graph views: draws a payload built by viz/graph_view.py with the vendored vis-network.
 *
 * One entry point, PG.mount(payload, ids), wires: filters by entity type, relation type and year
 * range; node click -> its page; edge click -> evidence in the side panel; PNG and GraphML export;
 * physics switched off once stabilised. window.PG_VIEW exposes the network and data for tests.
 * Nothing here loads from another host.
 */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  var STATUS_ZH = { planned: "计划", achieved: "已完成" };

  function renderEvidence(panel, heading, evidence, link) {
    panel.innerHTML = "";
    var h = el("h3", null, heading);
    panel.appendChild(h);
    if (link) {
      var a = el("a", { href: link.href }, link.text);
      panel.appendChild(a);
    }
    if (!evidence || !evidence.length) {
      panel.appendChild(el("p", { "class": "muted" }, "没有证据句 no evidence sentence"));
      return;
    }
    // one box per sentence: several facts read from one sentence share it
    var bySentence = [], index = {};
    evidence.forEach(function (ev) {
      var k = ev.report + "#" + ev.start + "#" + ev.text;
      if (index[k] === undefined) {
        index[k] = bySentence.length;
        bySentence.push({ year: ev.year, status: ev.status, report: ev.report, reportTitle: ev.reportTitle,
                          section: ev.section, start: ev.start, end: ev.end, text: ev.text, types: [], typeLabel: "" });
      }
      var item = bySentence[index[k]];
      if (ev.type && item.types.indexOf(ev.type) < 0) {
        item.types.push(ev.type);
        item.typeLabel += (item.typeLabel ? "、" : "") + (ev.typeLabel || ev.type);
      }
    });
    var count = el("p", { "class": "muted" }, bySentence.length + " 句证据 evidence sentence(s)");
    panel.appendChild(count);
    bySentence.forEach(function (ev) {
      ev.type = ev.types.join(", ");
      var box = el("div", { "class": "obs evidence" });
      var head = el("div");
      if (ev.report || ev.year) {  // derived evidence (the administrative hierarchy) has neither
        head.appendChild(el("strong", null, (ev.year || "年份不详") + " 年 "));
        var tag = el("span", { "class": "tag status-" + ev.status }, STATUS_ZH[ev.status] || ev.status || "");
        head.appendChild(tag);
      }
      if (ev.typeLabel) { head.appendChild(el("span", { "class": "muted" }, ev.typeLabel + " " + (ev.type || ""))); }
      box.appendChild(head);
      box.appendChild(el("p", { "class": "evidence-text" }, ev.text || "（无原文 no text）"));
      var src = el("div", { "class": "muted" },
        (ev.report ? "报告 report: " + (ev.reportTitle || ev.report) + (ev.section ? " · " : "") : "") +
        (ev.section || "") +
        (ev.start !== null && ev.start !== undefined ? " · 字符 " + ev.start + "–" + ev.end : ""));
      box.appendChild(src);
      panel.appendChild(box);
    });
  }

  function xmlEscape(s) {
    return String(s === undefined || s === null ? "" : s)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function graphml(nodes, edges) {
    var out = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
      '<key id="name" for="node" attr.name="name" attr.type="string"/>',
      '<key id="type" for="node" attr.name="type" attr.type="string"/>',
      '<key id="level" for="node" attr.name="level" attr.type="string"/>',
      '<key id="aliases" for="node" attr.name="aliases" attr.type="string"/>',
      '<key id="rel" for="edge" attr.name="type" attr.type="string"/>',
      '<key id="years" for="edge" attr.name="years" attr.type="string"/>',
      '<key id="evidence" for="edge" attr.name="evidence" attr.type="string"/>',
      '<graph id="pilotgraph" edgedefault="directed">'];
    nodes.forEach(function (n) {
      out.push('<node id="' + xmlEscape(n.id) + '"><data key="name">' + xmlEscape(n.name) +
        '</data><data key="type">' + xmlEscape(n.type) + '</data><data key="level">' + xmlEscape(n.level) +
        '</data><data key="aliases">' + xmlEscape((n.aliases || []).join("|")) + '</data></node>');
    });
    edges.forEach(function (e) {
      var ev = (e.evidence || []).map(function (x) { return x.year + " " + x.report + ": " + x.text; }).join("\n");
      out.push('<edge id="' + xmlEscape(e.id) + '" source="' + xmlEscape(e.from) + '" target="' + xmlEscape(e.to) +
        '"><data key="rel">' + xmlEscape(e.type) + '</data><data key="years">' + xmlEscape((e.years || []).join(",")) +
        '</data><data key="evidence">' + xmlEscape(ev) + '</data></edge>');
    });
    out.push("</graph>", "</graphml>");
    return out.join("\n");
  }

  function download(name, href) {
    var a = el("a", { href: href, download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { a.remove(); }, 0);
  }

  function mount(payload, ids) {
    var t0 = performance.now();
    var container = document.getElementById(ids.container);
    var panel = ids.panel ? document.getElementById(ids.panel) : null;
    var controls = ids.controls ? document.getElementById(ids.controls) : null;
    payload.nodes.forEach(function (n) {
      if (!n.url && !n.caption) { n.url = "/view/entity/" + encodeURIComponent(n.id).replace(/%3A/g, ":"); }
    });
    var nodes = new vis.DataSet(payload.nodes);
    var edges = new vis.DataSet(payload.edges);
    var state = { types: {}, factTypes: {}, yearFrom: null, yearTo: null };
    (payload.types || []).forEach(function (t) { state.types[t.type] = true; });
    (payload.factTypes || []).forEach(function (t) { state.factTypes[t.type] = true; });

    function yearOk(years) {
      if (state.yearFrom === null && state.yearTo === null) { return true; }
      if (!years || !years.length) { return false; }
      return years.some(function (y) {
        return (state.yearFrom === null || y >= state.yearFrom) && (state.yearTo === null || y <= state.yearTo);
      });
    }
    var nodeView = new vis.DataView(nodes, {
      filter: function (n) {
        if (n.caption || (n.focus && !n.observation)) { return true; }
        if (state.types[n.type] === false) { return false; }
        return yearOk(n.years) || (!n.years || !n.years.length) && state.yearFrom === null && state.yearTo === null;
      }
    });
    var edgeView = new vis.DataView(edges, {
      filter: function (e) {
        if (e.type !== "TIMELINE" && state.factTypes[e.type] === false) { return false; }
        return e.timeless || yearOk(e.years);
      }
    });
    var options = payload.options;
    var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
    var view = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
                 payload: payload, ready: false, readyAt: null, mountStart: t0, clicks: 0 };
    window.PG_VIEW = view;
    window.PG_VIEWS = window.PG_VIEWS || {};
    window.PG_VIEWS[ids.container] = view;

    function addDeferredLabels() {
      var pending = payload.nodes.filter(function (n) { return n.deferredLabel; });
      var chunk = 1000;
      function step(i) {
        if (i >= pending.length) { view.labelsDone = true; return; }
        nodes.update(pending.slice(i, i + chunk).map(function (n) { return { id: n.id, label: n.deferredLabel }; }));
        setTimeout(function () { step(i + chunk); }, 30);
      }
      setTimeout(function () { step(0); }, 50);
    }

    function markReady() {
      if (view.ready) { return; }
      view.ready = true;
      view.readyAt = performance.now();
      addDeferredLabels();
      document.body.setAttribute("data-graph-ready", "1");
      container.setAttribute("data-graph-ready", "1");
      container.setAttribute("data-drawn-nodes", String(nodeView.length));
    }
    network.once("afterDrawing", function () {
      if (!options.physics || options.physics.enabled === false) { markReady(); }
    });
    network.on("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      markReady();
    });
    // a graph whose stabilisation is skipped (no physics, nothing to move) is ready when drawn
    network.once("stabilized", function () { network.setOptions({ physics: { enabled: false } }); markReady(); });

    if (payload.bands && payload.bands.length) {
      network.on("beforeDrawing", function (ctx) {
        var xs = payload.nodes.map(function (n) { return n.x || 0; });
        var minX = Math.min.apply(null, xs.concat([0])) - 120, maxX = Math.max.apply(null, xs.concat([0])) + 200;
        payload.bands.forEach(function (b, i) {
          ctx.fillStyle = i % 2 ? "#f8fafc" : "#eef2f7";
          ctx.fillRect(minX, b.y - b.height / 2, maxX - minX, b.height);
        });
        var top = payload.bands[0].y - payload.bands[0].height / 2;
        (payload.columns || []).forEach(function (c) {
          ctx.strokeStyle = "#cbd5e1";
          ctx.setLineDash([6, 6]);
          ctx.beginPath();
          ctx.moveTo(c.x, top);
          var last = payload.bands[payload.bands.length - 1];
          ctx.lineTo(c.x, last.y + last.height / 2);
          ctx.stroke();
          ctx.setLineDash([]);
        });
      });
    }

    function showEdge(id) {
      var e = edges.get(id);
      if (!e || !panel) { return; }
      var a = nodes.get(e.from), b = nodes.get(e.to);
      var title = (a ? a.name : e.from) + " —" + (e.label || e.type) + "→ " + (b ? b.name : e.to);
      if (!e.evidence && e.lazy) {
        panel.innerHTML = "";
        panel.appendChild(el("h3", null, title));
        panel.appendChild(el("p", { "class": "muted" }, "正在读取证据… loading evidence"));
        var q = "source=" + encodeURIComponent(e.from) + "&target=" + encodeURIComponent(e.to) +
                "&type=" + encodeURIComponent(e.type);
        fetch("/view/evidence?" + q).then(function (r) { return r.json(); }).then(function (answer) {
          e.evidence = answer.data || [];
          edges.update({ id: e.id, evidence: e.evidence });
          renderEvidence(panel, title, e.evidence, null);
          panel.setAttribute("data-edge", String(id));
        });
        return;
      }
      renderEvidence(panel, title, e.evidence, null);
      panel.setAttribute("data-edge", String(id));
    }
    function showNode(id) {
      var n = nodes.get(id);
      if (!n || !panel) { return; }
      renderEvidence(panel, n.name + (n.level ? "（" + n.level + "）" : ""), n.evidence,
                     { href: n.url, text: "打开页面 open page →" });
      panel.setAttribute("data-node", String(id));
    }
    view.showEdge = showEdge;
    view.showNode = showNode;

    network.on("click", function (params) {
      view.clicks += 1;
      if (params.nodes && params.nodes.length) {
        var n = nodes.get(params.nodes[0]);
        if (n && n.caption) { return; }
        if (n && n.observation) { showNode(n.id); return; }
        if (n && n.url && !ids.noNavigate) { window.location.href = n.url; }
        return;
      }
      if (params.edges && params.edges.length) { showEdge(params.edges[0]); }
    });

    function refresh() { nodeView.refresh(); edgeView.refresh(); }

    if (controls) {
      var typeBox = controls.querySelector("[data-role=types]");
      if (typeBox) {
        (payload.types || []).forEach(function (t) {
          var lab = el("label");
          var cb = el("input", { type: "checkbox", "data-type": t.type });
          cb.checked = true;
          cb.addEventListener("change", function () { state.types[t.type] = cb.checked; refresh(); });
          lab.appendChild(cb);
          var sw = el("span", { style: "color:" + t.color }, " ● ");
          lab.appendChild(sw);
          lab.appendChild(document.createTextNode(t.label));
          typeBox.appendChild(lab);
        });
      }
      var relBox = controls.querySelector("[data-role=fact-types]");
      if (relBox) {
        (payload.factTypes || []).forEach(function (t) {
          var lab = el("label");
          var cb = el("input", { type: "checkbox", "data-fact-type": t.type });
          cb.checked = true;
          cb.addEventListener("change", function () { state.factTypes[t.type] = cb.checked; refresh(); });
          lab.appendChild(cb);
          lab.appendChild(el("span", { style: "color:" + t.color }, " — "));
          lab.appendChild(document.createTextNode(t.label));
          relBox.appendChild(lab);
        });
      }
      var yf = controls.querySelector("[name=year_from]"), yt = controls.querySelector("[name=year_to]");
      function years() {
        state.yearFrom = yf && yf.value ? parseInt(yf.value, 10) : null;
        state.yearTo = yt && yt.value ? parseInt(yt.value, 10) : null;
        refresh();
      }
      if (yf) { yf.addEventListener("change", years); }
      if (yt) { yt.addEventListener("change", years); }
      var depth = controls.querySelector("[name=depth]");
      if (depth) {
        depth.addEventListener("change", function () {
          var url = new URL(window.location.href);
          url.searchParams.set("depth", depth.value);
          window.location.href = url.pathname + url.search;
        });
      }
      var png = controls.querySelector("[data-role=png]");
      if (png) {
        png.addEventListener("click", function () {
          var src = container.querySelector("canvas");
          var c = document.createElement("canvas");
          c.width = src.width; c.height = src.height;
          var ctx = c.getContext("2d");
          ctx.fillStyle = "#ffffff";
          ctx.fillRect(0, 0, c.width, c.height);
          ctx.drawImage(src, 0, 0);
          download((ids.filename || "pilotgraph") + ".png", c.toDataURL("image/png"));
        });
      }
      var gml = controls.querySelector("[data-role=graphml]");
      if (gml) {
        gml.addEventListener("click", function () {
          var text = view.graphml();
          var blob = new Blob([text], { type: "application/graphml+xml" });
          var href = URL.createObjectURL(blob);
          download((ids.filename || "pilotgraph") + ".graphml", href);
          setTimeout(function () { URL.revokeObjectURL(href); }, 1000);
        });
      }
      var fit = controls.querySelector("[data-role=fit]");
      if (fit) { fit.addEventListener("click", function () { network.fit(); }); }
    }
    view.graphml = function () {
      return graphml(nodeView.get({ filter: function (n) { return !n.caption; } }), edgeView.get());
    };
    view.entityCount = function () { return nodeView.get({ filter: function (n) { return !n.caption; } }).length; };
    return view;
  }

  window.PG = { mount: mount, graphml: graphml };
})();
