package site

// siteCSS is the site's one style sheet: readable on a phone (one column,
// smaller type below 40rem), in print (navigation, forms and footer
// hidden), and with colours that keep a contrast of at least 4.5:1 on their
// backgrounds (TestContrast).
const siteCSS = `
:root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--accent:#0b4f8a;
--add:#1a7f37;--add-bg:#dafbe1;--del:#b3261e;--del-bg:#ffebe9;--mod:#7d5300;--mod-bg:#fff8c5;--ren:#0b4f8a;--ren-bg:#ddf4ff;--ed:#59636e;--ed-bg:#eef1f4}
*{box-sizing:border-box}
html{font-size:16px;-webkit-text-size-adjust:100%}
body{margin:0;color:var(--ink);background:#fff;font-family:"Source Sans 3","Segoe UI",system-ui,-apple-system,"Helvetica Neue",Arial,sans-serif;line-height:1.55}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,select:focus-visible,input:focus-visible,main:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:9}
.skip:focus{left:.5rem}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.top{display:flex;flex-wrap:wrap;align-items:baseline;gap:.4rem 2rem;padding:.9rem max(1rem,calc((100% - 60rem)/2));border-bottom:3px solid var(--accent);background:var(--bg)}
.top .site{margin:0;font-weight:650;font-size:1.05rem}
.top .site a{color:var(--ink);text-decoration:none}
.top ul{display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;list-style:none;margin:0;padding:0}
.top a[aria-current=page]{font-weight:650;color:var(--ink)}
main{display:block;max-width:60rem;margin:0 auto;padding:1rem 1rem 2rem}
h1{font-size:1.6rem;line-height:1.25;margin:.6rem 0 .4rem;font-weight:650}
h2{font-size:1.25rem;margin:1.6rem 0 .6rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:1.2rem 0 .5rem}
.lede{color:var(--muted);margin:.2rem 0 1rem}
.muted{color:var(--muted);font-weight:400}
.notice{border:1px solid var(--mod);background:var(--mod-bg);border-radius:6px;padding:.6rem .9rem}
.since{margin:.3rem 0}
.plain{padding-left:1.2rem}
.tablewrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{text-align:left;padding:.35rem .7rem .35rem 0;border-bottom:1px solid var(--line);vertical-align:top}
thead th{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
td.num{text-align:right}
.revlist th,.revlist time{white-space:nowrap}
.counts span{white-space:nowrap}
.k-added{--k:var(--add);--kb:var(--add-bg)}.k-removed{--k:var(--del);--kb:var(--del-bg)}
.k-modified{--k:var(--mod);--kb:var(--mod-bg)}.k-renumbered{--k:var(--ren);--kb:var(--ren-bg)}
.k-present,.k-unchanged{--k:var(--ed);--kb:var(--ed-bg)}
.counts .k-added,.counts .k-removed,.counts .k-modified,.counts .k-renumbered{color:var(--k);font-weight:600}
.pager ul,.toc ul{display:flex;flex-wrap:wrap;gap:.3rem 1rem;list-style:none;padding:0;margin:.6rem 0}
.toc{border:1px solid var(--line);border-radius:6px;padding:.2rem .8rem;margin:1rem 0}
.cat{font-size:.8rem;font-weight:600;color:var(--muted);border:1px solid var(--line);border-radius:999px;padding:0 .5rem;white-space:nowrap}
.defs dt{font-weight:600;margin-top:.5rem}
.defs dd{margin:0 0 0 1.2rem}
.entries .entries{margin-left:1.4rem}
.e{scroll-margin-top:1rem}
.e:target>.et{background:var(--mod-bg);outline:2px solid var(--mod);border-radius:4px}
.et,.note,.text,.redline{margin:.25rem 0;font-family:Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,serif;font-size:1.02rem}
.note{margin-left:1.4rem;font-size:.95rem;color:#3d444d}
.nk{font-weight:600}
.id{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-weight:600;color:var(--ink);text-decoration:none;font-size:.95em}
a.id:hover{text-decoration:underline}
.mark,.badge{font-family:"Source Sans 3","Segoe UI",system-ui,sans-serif;font-size:.75rem;font-weight:600;text-transform:uppercase;letter-spacing:.03em;border-radius:4px;padding:.05rem .45rem;color:var(--k,var(--ed));background:var(--kb,var(--ed-bg));text-decoration:none;white-space:nowrap}
.badge.ed{color:var(--ed);background:var(--ed-bg)}
.steps{list-style:none;padding:0;margin:0}
.step{border-left:4px solid var(--k,var(--line));padding:.3rem 0 .3rem .8rem;margin:0 0 .6rem}
.sh{margin:0;display:flex;flex-wrap:wrap;gap:.2rem .6rem;align-items:baseline}
.notes{white-space:pre-line}
del,ins{border-radius:3px;padding:0 .1em;-webkit-box-decoration-break:clone;box-decoration-break:clone}
del{color:var(--del);background:var(--del-bg);text-decoration:line-through}
ins{color:var(--add);background:var(--add-bg);text-decoration:underline;text-underline-offset:2px}
.qty{margin:.2rem 0;font-size:.92rem}
.cmp{display:flex;flex-wrap:wrap;gap:0 1.5rem;align-items:end;border:1px solid var(--line);border-radius:6px;padding:.2rem 1rem;background:var(--bg)}
.cmp label{display:block;font-weight:600;font-size:.9rem}
select,input,button{font:inherit;padding:.35rem .5rem;border:1px solid #6e7781;border-radius:6px;background:#fff;color:var(--ink);max-width:100%}
button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer;padding:.35rem 1rem}
input[type=search]{width:min(32rem,100%)}
.chg{border:1px solid var(--line);border-left:4px solid var(--k,var(--ed));border-radius:6px;padding:.5rem .9rem;margin:0 0 .7rem;break-inside:avoid}
.chg header{display:flex;flex-wrap:wrap;gap:.3rem .6rem;align-items:baseline}
.results li{margin:.3rem 0}
.foot{max-width:60rem;margin:0 auto;padding:1rem 1rem 2rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line)}
@media (max-width:40rem){html{font-size:15px}.entries .entries{margin-left:.8rem}.note{margin-left:.8rem}th,td{padding-right:.4rem}}
@media print{
html{font-size:11pt}
.top nav,.skip,.toc,.pager,.cmp,#search,.foot{display:none}
.top{background:none;padding:0 0 .4rem}
main{max-width:none;padding:0}
a{color:inherit;text-decoration:none}
.et a.id{color:inherit}
del,ins,.mark,.badge{-webkit-print-color-adjust:exact;print-color-adjust:exact}
h2,h3{break-after:avoid}
.e>.et{break-inside:avoid}
}
`

// siteJS is the site's one script: search over the prebuilt index and the
// comparison of any two revisions. It builds the page with DOM methods and
// textContent only, so document text is never parsed as markup.
const siteJS = `
(function () {
  "use strict";
  var d = document, A = window.ANNEX || {revs: {}};
  if (!A.revs) { A.revs = {}; }

  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function link(href, text, cls) {
    var a = el("a", cls, text);
    a.href = href;
    return a;
  }
  function params() {
    var out = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i > 0) {
        try { out[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1)); } catch (e) { /* a malformed hash is ignored */ }
      }
    });
    return out;
  }
  function setHash(h) {
    try { history.replaceState(null, "", h); } catch (e) { /* not allowed here: the hash stays */ }
  }

  function search() {
    var box = d.getElementById("search"), q = d.getElementById("q");
    var list = d.getElementById("q-results"), count = d.getElementById("q-count");
    var rows = (A.search || []).map(function (r) {
      return {id: r[0], href: r[1], text: r[2], idl: r[0].toLowerCase(), hay: (r[0] + " " + r[2]).toLowerCase()};
    });
    box.hidden = false;
    function run() {
      var s = q.value.trim().toLowerCase();
      var sid = s.replace(/\.$/, "");
      list.textContent = "";
      setHash(s ? "#q=" + encodeURIComponent(q.value.trim()) : "#");
      if (!s) { count.textContent = ""; return; }
      var terms = s.split(/\s+/), exact = [], prefix = [], other = [];
      rows.forEach(function (r) {
        if (r.idl === sid) { exact.push(r); }
        else if (r.idl.indexOf(sid + ".") === 0) { prefix.push(r); }
        else if (terms.every(function (t) { return r.hay.indexOf(t) >= 0; })) { other.push(r); }
      });
      var hits = exact.concat(prefix, other), max = 200;
      count.textContent = hits.length + (hits.length === 1 ? " entry" : " entries") + (hits.length > max ? ", the first " + max + " shown" : "");
      hits.slice(0, max).forEach(function (r) {
        var li = el("li");
        li.appendChild(link(r.href, r.id, "id"));
        li.appendChild(d.createTextNode(" " + r.text.split("\n")[0]));
        list.appendChild(li);
      });
    }
    q.addEventListener("input", run);
    var p = params();
    if (p.q) { q.value = p.q; run(); }
  }

  // words splits a text into words and the spaces between them.
  function words(s) { return s.match(/\s+|[^\s]+/g) || []; }

  // wordDiff returns runs [op, text] of a word diff ("=", "-", "+").
  function wordDiff(a, b) {
    var x = words(a), y = words(b), n = x.length, m = y.length, ops = [];
    if (n * m > 400000) { return [["-", a], ["+", b]]; }
    var L = [], i, j;
    for (i = 0; i <= n; i++) { L.push(new Int32Array(m + 1)); }
    for (i = n - 1; i >= 0; i--) {
      for (j = m - 1; j >= 0; j--) {
        L[i][j] = x[i] === y[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
      }
    }
    function push(op, t) {
      var last = ops[ops.length - 1];
      if (last && last[0] === op) { last[1] += t; } else { ops.push([op, t]); }
    }
    i = 0; j = 0;
    while (i < n && j < m) {
      if (x[i] === y[j]) { push("=", x[i]); i++; j++; }
      else if (L[i + 1][j] >= L[i][j + 1]) { push("-", x[i]); i++; }
      else { push("+", y[j]); j++; }
    }
    for (; i < n; i++) { push("-", x[i]); }
    for (; j < m; j++) { push("+", y[j]); }
    return ops;
  }
  function redline(cls, a, b) {
    var p = el("p", cls);
    wordDiff(a, b).forEach(function (op) {
      p.appendChild(op[0] === "=" ? d.createTextNode(op[1]) : el(op[0] === "-" ? "del" : "ins", null, op[1]));
    });
    return p;
  }

  // same reports whether two editorial forms (site/assets.go, one "hash|conj"
  // a text, ";" between notes) say the texts differ only editorially: the
  // same hashes, and closing conjunctions equal or one of them absent.
  function same(a, b) {
    var x = a.split(";"), y = b.split(";");
    if (x.length !== y.length) { return false; }
    for (var i = 0; i < x.length; i++) {
      var p = x[i].split("|"), q = y[i].split("|");
      if (p[0] !== q[0] || (p[1] !== q[1] && p[1] !== "" && q[1] !== "")) { return false; }
    }
    return true;
  }

  function compare() {
    var idx = A.index, box = d.getElementById("cmp"), out = d.getElementById("cmp-result");
    var so = d.getElementById("cmp-old"), sn = d.getElementById("cmp-new");
    var byLabel = {};
    idx.revisions.forEach(function (r, i) { r.n = i; byLabel[r.label] = r; });
    box.hidden = false;
    function status(text) {
      while (out.childNodes.length > 1) { out.removeChild(out.lastChild); }
      out.appendChild(el("p", "muted", text));
    }
    function load(label, done) {
      if (A.revs[label]) { done(); return; }
      var s = d.createElement("script");
      s.src = byLabel[label].data;
      s.onload = done;
      s.onerror = function () { status("Could not load the data of " + label + "."); };
      d.body.appendChild(s);
    }
    function entryLink(id) {
      var f = idx.files[id];
      return f ? link(f, id, "id") : el("span", "id", id);
    }
    function render(a, b) {
      var ra = A.revs[a], rb = A.revs[b], oldBy = {}, seen = {}, changes = [];
      ra.forEach(function (r) { if (!(r[1] in oldBy)) { oldBy[r[1]] = r; } });
      rb.forEach(function (r) {
        var o = oldBy[r[1]];
        if (!o || seen[r[1]]) { changes.push({kind: "added", n: r}); return; }
        seen[r[1]] = true;
        if (o[0] !== r[0]) { changes.push({kind: "renumbered", o: o, n: r}); }
        else if (o[2] !== r[2] || o[3] !== r[3]) { changes.push({kind: "modified", ed: same(o[4], r[4]) && same(o[5], r[5]), o: o, n: r}); }
      });
      ra.forEach(function (r) { if (!seen[r[1]]) { changes.push({kind: "removed", o: r}); } });
      var counts = {added: 0, removed: 0, modified: 0, renumbered: 0}, editorial = 0;
      changes.forEach(function (c) { counts[c.kind]++; if (c.ed) { editorial++; } });
      status("");
      out.removeChild(out.lastChild);
      var h = el("h2", null, a + " → " + b);
      out.appendChild(h);
      out.appendChild(el("p", "counts", changes.length + (changes.length === 1 ? " change: " : " changes: ") +
        counts.added + " added, " + counts.removed + " removed, " + counts.modified + " modified" +
        (editorial ? " (" + editorial + " editorial)" : "") + ", " + counts.renumbered + " renumbered."));
      var pa = byLabel[a], pb = byLabel[b];
      if (pb.n === pa.n + 1 && pb.pair) {
        var p = el("p");
        p.appendChild(d.createTextNode("These revisions are consecutive: "));
        p.appendChild(link(pb.pair, "the full report of their changes"));
        p.appendChild(d.createTextNode(" says which are editorial and which thresholds moved."));
        out.appendChild(p);
      }
      changes.forEach(function (c) {
        var art = el("article", "chg k-" + c.kind), head = el("header");
        head.appendChild(el("span", "badge k-" + c.kind, c.kind));
        if (c.kind === "renumbered") {
          head.appendChild(entryLink(c.o[0]));
          head.appendChild(d.createTextNode("→"));
          head.appendChild(entryLink(c.n[0]));
        } else {
          head.appendChild(entryLink((c.n || c.o)[0]));
        }
        if (c.ed) { head.appendChild(el("span", "badge ed", "editorial")); }
        art.appendChild(head);
        if (c.kind === "added") {
          art.appendChild(el("p", "text", c.n[2]));
          if (c.n[3]) { art.appendChild(el("p", "text notes", c.n[3])); }
        } else if (c.kind === "removed") {
          art.appendChild(el("p", "text", c.o[2]));
        } else {
          if (c.o[2] !== c.n[2]) { art.appendChild(redline("redline", c.o[2], c.n[2])); }
          if (c.o[3] !== c.n[3]) { art.appendChild(redline("redline notes", c.o[3], c.n[3])); }
        }
        out.appendChild(art);
      });
      h.setAttribute("tabindex", "-1");
      d.documentElement.setAttribute("data-compared", a + ".." + b);
    }
    function run() {
      var a = so.value, b = sn.value;
      setHash("#old=" + encodeURIComponent(a) + "&new=" + encodeURIComponent(b));
      status("Loading…");
      load(a, function () { load(b, function () { render(a, b); }); });
    }
    d.getElementById("cmp-go").addEventListener("click", run);
    var p = params();
    if (byLabel[p.old]) { so.value = p.old; }
    if (byLabel[p.new]) { sn.value = p.new; }
    if (byLabel[p.old] || byLabel[p.new]) { run(); }
  }

  var page = d.body.getAttribute("data-page");
  if (page === "search") { search(); }
  if (page === "compare" && A.index) { compare(); }
  d.documentElement.setAttribute("data-script", "ran");
}());
`
