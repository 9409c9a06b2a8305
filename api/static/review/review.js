// The review page: plain JavaScript, no build step, no external assets.
"use strict";

const SCALE = 1.5; // page images are rendered at 1.5 px per PDF point
const $ = (sel) => document.querySelector(sel);

// field -> [heading, one-line description of an item]
const FIELDS = [
  ["title", "Title", (t) => t.text],
  ["doc_numbers", "Doc numbers", (d) => `${d.normalized} · ${d.role}`],
  ["issuing_agencies", "Issuing agencies",
   (a) => a.canonical && a.canonical !== a.name ? `${a.name} → ${a.canonical}` : a.name],
  ["dates", "Dates", (d) => `${d.role}: ${d.value}${d.value_end ? "–" + d.value_end : ""} (${d.text})`],
  ["minerals", "Minerals", (m) => m.canonical === m.name ? m.name : `${m.name} → ${m.canonical}`],
  ["targets", "Targets", (t) => [t.metric, fmtValue(t), t.comparator, t.year && `by ${t.year}`]
     .filter(Boolean).join(" ")],
  ["responsibilities", "Responsibilities", (r) => {
     const names = (xs) => (xs || []).map((a) => a.canonical || a.name).join("、");
     const parts = [`task ${r.task || "–"}${r.task_title ? " " + r.task_title : ""}:`];
     if (r.lead && r.lead.length) parts.push(`lead ${names(r.lead)}`);
     if (r.participants && r.participants.length) parts.push(`with ${names(r.participants)}`);
     if (r.shared && r.shared.length) parts.push(`shared ${names(r.shared)}`);
     if (r.all_departments) parts.push("all departments");
     return parts.join(" ");
   }],
  ["references", "References", (r) => `《${r.title}》${r.doc_number ? " " + r.doc_number : ""}`],
  ["institutions", "Institutions", (i) => `${i.canonical || i.name} · ${i.role || "publisher"}`],
  ["statistics", "Statistics", (s) => [s.region, s.subject || s.metric, fmtValue(s), s.period,
     s.projected ? "(projected)" : ""].filter(Boolean).join(" ")],
  ["forecasts", "Forecasts", (f) => `${f.horizon}: ${f.subject || ""} ${f.direction}` +
     (f.magnitude != null ? ` ${f.magnitude}${f.unit || ""}` : "")],
  ["policy_events", "Policy events", (p) => [p.date, p.agency, p.action].filter(Boolean).join(" ")],
];

function fmtValue(x) {
  if (x.value == null) return "";
  return `${x.value}${x.value_max != null ? "–" + x.value_max : ""}${x.unit || ""}`;
}

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k === "style") e.style.cssText = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v);
  }
  for (const kid of kids) if (kid != null) e.append(kid); // strings become text nodes: no HTML
  return e;
}

// With EXTRACTOR_API_KEY (or a read key) set on the service, every request carries the key:
// asked once on the first 401 and kept in this browser's localStorage.
const KEY_NAME = "extractor-api-key";
function withKey(opts) {
  const key = localStorage.getItem(KEY_NAME);
  const o = { ...(opts || {}) };
  if (key) o.headers = { ...(o.headers || {}), "X-API-Key": key };
  return o;
}

async function api(path, opts, retried) {
  const r = await fetch(path, withKey(opts));
  if (r.status === 401 && !retried) {
    const key = prompt("This service needs its API key:");
    if (key) { localStorage.setItem(KEY_NAME, key); return api(path, opts, true); }
  }
  const body = (r.headers.get("content-type") || "").includes("json") ? await r.json() : null;
  if (!r.ok) throw Object.assign(new Error((body && (body.detail || body.title)) || r.statusText),
                                 { body, status: r.status });
  return body;
}

// page images: a plain lazy <img> without a key; with one, fetched with the header when the
// page comes near the screen
const nearScreen = new IntersectionObserver(async (seen) => {
  for (const e of seen) {
    if (!e.isIntersecting) continue;
    nearScreen.unobserve(e.target);
    const r = await fetch(e.target.dataset.src, withKey());
    if (r.ok) e.target.src = URL.createObjectURL(await r.blob());
  }
}, { rootMargin: "1200px" });
function pageImage(url, alt, eager) {
  if (!localStorage.getItem(KEY_NAME)) return el("img", { src: url, alt, loading: eager ? "eager" : "lazy" });
  const img = el("img", { alt, "data-src": url });
  nearScreen.observe(img);
  return img;
}

// ---- every box (PDF) or character range (text) of one item, its mentions included
function locations(item) {
  const evs = [];
  const add = (e) => { if (e) evs.push(e); };
  add(item.evidence);
  (item.mentions || []).forEach(add);
  for (const role of ["lead", "participants", "shared"]) (item[role] || []).forEach((a) => add(a.evidence));
  return evs;
}

// ---- routing
function route() {
  const m = location.pathname.match(/^\/documents\/([0-9a-f]{32})$/);
  if (m) showDocument(m[1]); else showList();
}
window.addEventListener("popstate", route);
function go(path) { history.pushState(null, "", path); route(); }
$("#home").addEventListener("click", (e) => { e.preventDefault(); go("/"); });

// ---- list
async function showList() {
  $("#doc").hidden = true; $("#list").hidden = false; $("#download").hidden = true;
  const q = new URLSearchParams({ limit: "100" });
  for (const [k, v] of new FormData($("#filters"))) if (v) q.set(k, v);
  const rows = $("#rows");
  rows.replaceChildren();
  try {
    const page = await api(`/v1/documents?${q}`);
    for (const d of page.items) {
      rows.append(el("tr", { onclick: () => go(`/documents/${d.id}`), tabindex: "0",
                             onkeydown: (e) => { if (e.key === "Enter") go(`/documents/${d.id}`); } },
        el("td", {}, d.title || el("span", { class: "muted" }, "(no title)")),
        el("td", {}, d.filename || ""), el("td", {}, d.kind || ""), el("td", {}, d.status),
        el("td", {}, (d.created_at || "").replace("T", " ").slice(0, 16))));
    }
    if (!page.items.length) rows.append(el("tr", {}, el("td", { colspan: "5", class: "muted" }, "no documents")));
  } catch (err) {
    rows.append(el("tr", {}, el("td", { colspan: "5" }, `error: ${err.message}`)));
  }
}
$("#filters").addEventListener("submit", (e) => { e.preventDefault(); showList(); });

// ---- upload and follow the job
$("#upload").addEventListener("submit", async (e) => {
  e.preventDefault();
  const file = $("#file").files[0];
  if (!file) return;
  const progress = $("#progress");
  progress.textContent = "uploading…";
  const form = new FormData();
  form.append("file", file);
  try {
    let doc = await api("/v1/documents", { method: "POST", body: form });
    while (doc.status === "queued" || doc.status === "running") {
      const job = doc.job || {};
      const extra = [job.queue_position != null ? `position ${job.queue_position}` : "",
                     job.pages_done != null ? `${job.pages_done} pages done` : ""].filter(Boolean);
      progress.textContent = `${doc.status}${extra.length ? " (" + extra.join(", ") + ")" : ""}…`;
      await new Promise((r) => setTimeout(r, 400));
      doc = await api(`/v1/documents/${doc.id}`);
    }
    if (doc.status === "failed") {
      progress.textContent = `failed: ${doc.error ? doc.error.code + ": " + doc.error.message : ""}`;
      return;
    }
    progress.textContent = "done";
    go(`/documents/${doc.id}`);
  } catch (err) {
    progress.textContent = `error: ${(err.body && err.body.code) || ""} ${err.message}`;
  }
});

// ---- one document
let entries = []; // panel buttons in order
let placed = new Map(); // key -> elements drawn for it

async function showDocument(id) {
  $("#list").hidden = true; $("#doc").hidden = false;
  const viewer = $("#viewer"), fields = $("#fields");
  viewer.replaceChildren(el("p", { class: "muted" }, "loading…"));
  fields.replaceChildren();
  entries = []; placed = new Map();
  let doc;
  try { doc = await api(`/v1/documents/${id}`); } catch (err) {
    viewer.replaceChildren(el("p", {}, `error: ${err.message}`)); return;
  }
  if (doc.status !== "done") {
    viewer.replaceChildren(el("p", {}, `the document is ${doc.status}` +
      (doc.error ? `: ${doc.error.code}: ${doc.error.message}` : "")));
    return;
  }
  const result = doc.result;
  $("#doc-title").textContent = (result.title && result.title.text) || doc.filename || id;
  const dl = $("#download");
  dl.hidden = false;
  dl.href = URL.createObjectURL(new Blob([JSON.stringify(result, null, 2)], { type: "application/json" }));
  dl.download = `${(doc.filename || id).replace(/\.[^.]+$/, "")}.json`;
  const corrections = await api(`/v1/documents/${id}/corrections`).catch(() => []);
  const verdict = new Map(corrections.map((c) => [`${c.field}:${c.index}`, c.action]));

  const items = []; // {key, field, index, item}
  for (const [field, heading, describe] of FIELDS) {
    let list = result[field];
    if (field === "title") list = list ? [list] : [];
    if (!list || !list.length) continue;
    const group = el("div", { class: "group" },
      el("h2", { style: `border-color: var(--${field})` }, `${heading} (${list.length})`));
    list.forEach((item, index) => {
      const key = `${field}:${index}`;
      items.push({ key, field, index, item });
      const entry = el("div", { class: "entry", "data-key": key });
      const state = verdict.get(key);
      if (state) entry.classList.add({ correct: "ok", wrong: "bad", edit: "edited" }[state]);
      const btn = el("button", { class: "value", "data-key": key, "data-field": field,
                                 style: `border-left: 4px solid var(--${field})`,
                                 onclick: () => reveal(key, btn) }, describe(item) || "(empty)");
      entries.push(btn);
      const mark = (action, value) => correct(id, field, index, action, value, entry);
      entry.append(btn,
        el("button", { class: "act", title: "right", "aria-label": "mark right", onclick: () => mark("correct") }, "✓"),
        el("button", { class: "act", title: "wrong", "aria-label": "mark wrong", onclick: () => mark("wrong") }, "✗"),
        el("button", { class: "act", title: "correct it", "aria-label": "correct the value",
                       onclick: () => editItem(item, mark) }, "✎"));
      group.append(entry);
    });
    fields.append(group);
  }

  if (doc.media_type === "application/pdf") await drawPdf(id, items, viewer);
  else drawText(result.text, items, viewer);
}

async function drawPdf(id, items, viewer) {
  const { pages } = await api(`/v1/documents/${id}/pages`);
  viewer.replaceChildren();
  const pageDivs = new Map();
  for (const p of pages) {
    const div = el("div", { class: "page", id: `page-${p.page}`, "data-page": p.page,
                            style: `width:${p.width * SCALE}px;height:${p.height * SCALE}px` },
      pageImage(`/v1/documents/${id}/pages/${p.page}.png?scale=${SCALE}`, `page ${p.page}`,
                p.page <= 2));
    pageDivs.set(p.page, div);
    viewer.append(div);
  }
  for (const { key, field, item } of items) {
    for (const ev of locations(item)) {
      const boxes = ev.boxes && ev.boxes.length ? ev.boxes : (ev.bbox ? [{ page: ev.page, bbox: ev.bbox }] : []);
      for (const b of boxes) {
        const div = pageDivs.get(b.page);
        if (!div) continue;
        const r = b.bbox;
        const box = el("div", { class: "box", "data-key": key, "data-field": field,
          style: `left:${r.x0 * SCALE - 2}px;top:${r.top * SCALE - 2}px;` +
                 `width:${(r.x1 - r.x0) * SCALE + 4}px;height:${(r.bottom - r.top) * SCALE + 4}px;` +
                 `border-color:var(--${field})` });
        div.append(box);
        if (!placed.has(key)) placed.set(key, []);
        placed.get(key).push(box);
      }
    }
  }
}

function drawText(text, items, viewer) {
  // segment the text at every evidence boundary; a segment covered by values is a <mark>
  const ranges = [];
  for (const { key, field, item } of items) {
    for (const ev of locations(item)) {
      if (ev.end > ev.start) ranges.push({ start: ev.start, end: ev.end, key, field });
    }
  }
  const cuts = new Set([0, text.length]);
  for (const r of ranges) { cuts.add(r.start); cuts.add(r.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const byStart = [...ranges].sort((a, b) => a.start - b.start);
  const pre = el("div", { id: "text" });
  let active = [], next = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i], e = points[i + 1];
    while (next < byStart.length && byStart[next].start <= s) active.push(byStart[next++]);
    active = active.filter((r) => r.end > s);
    const chunk = text.slice(s, e);
    if (!active.length) { pre.append(chunk); continue; }
    const m = el("mark", { "data-keys": active.map((r) => r.key).join(" "),
                           style: `border-color:var(--${active[0].field})` }, chunk);
    for (const r of active) {
      if (!placed.has(r.key)) placed.set(r.key, []);
      placed.get(r.key).push(m);
    }
    pre.append(m);
  }
  viewer.replaceChildren(pre);
}

function reveal(key, btn) {
  for (const b of entries) b.classList.toggle("active", b === btn);
  const shown = placed.get(key) || [];
  document.querySelectorAll(".lit").forEach((x) => x.classList.remove("lit"));
  if (!shown.length) return;
  shown[0].scrollIntoView({ block: "center", behavior: "instant" });
  for (const x of shown) { void x.offsetWidth; x.classList.add("lit"); }
}

async function correct(id, field, index, action, value, entry) {
  try {
    await api(`/v1/documents/${id}/corrections`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ field, index, action, value }),
    });
    entry.classList.remove("ok", "bad", "edited");
    entry.classList.add({ correct: "ok", wrong: "bad", edit: "edited" }[action]);
  } catch (err) {
    alert(`could not save: ${err.message}`);
  }
}

function editItem(item, mark) {
  const editable = {};
  for (const [k, v] of Object.entries(item)) {
    if (k !== "evidence" && k !== "mentions" && (v === null || typeof v !== "object")) editable[k] = v;
  }
  const answer = prompt("Correct the fields (JSON):", JSON.stringify(editable));
  if (answer == null) return;
  let value;
  try { value = JSON.parse(answer); } catch { alert("not valid JSON"); return; }
  mark("edit", value);
}

// ---- keyboard: ↑/↓ or k/j move between values and show them
document.addEventListener("keydown", (e) => {
  if ($("#doc").hidden || !entries.length) return;
  if (e.target.matches("input, textarea, select")) return;
  const step = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 }[e.key];
  if (!step) return;
  e.preventDefault();
  const cur = entries.indexOf(document.activeElement);
  const nxt = entries[Math.max(0, Math.min(entries.length - 1, cur < 0 ? 0 : cur + step))];
  nxt.focus();
  nxt.click();
});

route();
