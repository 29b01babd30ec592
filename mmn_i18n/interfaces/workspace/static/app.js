// The workspace's page: calls the JSON API (README, "The translators' workspace").
// Every text from the server goes into the page as text (textContent), except the
// preview HTML, which the server renders with docutils (escaped, raw HTML off) and
// the Content-Security-Policy keeps from running anything.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { session: null, languages: [], entries: [], index: -1, entry: null, timer: null, seq: 0, listSeq: 0, docSeq: 0 };

async function api(method, path, body) {
  const headers = { "Accept": "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && state.session) headers["X-CSRF-Token"] = state.session.csrf_token;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
                                       credentials: "same-origin" });
  let data = null;
  try { data = await response.json(); } catch (e) { data = { error: "The server sent no JSON." }; }
  if (response.status === 401 && path !== "/api/login") showLogin();
  return { status: response.status, data };
}

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

function showLogin() {
  state.session = null;
  $("app").hidden = true; $("logout").hidden = true; $("who").textContent = "";
  $("login").hidden = false; $("login-name").focus();
}

async function start() {
  const { status, data } = await api("GET", "/api/session");
  if (status !== 200) { showLogin(); return; }
  await enter(data);
}

async function enter(session) {
  state.session = session;
  $("login").hidden = true; $("app").hidden = false; $("logout").hidden = false;
  $("who").textContent = `${session.name} (${session.roles.join(", ")})`;
  const { data } = await api("GET", "/api/languages");
  state.languages = data;
  const select = $("lang");
  select.textContent = "";
  for (const lang of data) {
    const option = el("option", `${lang.native_name} (${lang.code})`);
    option.value = lang.code;
    select.append(option);
  }
  const mine = data.find((lang) => session.languages.includes(lang.code));
  const wanted = new URLSearchParams(location.hash.slice(1));
  select.value = wanted.get("lang") || (mine ? mine.code : data[0].code);
  await loadDocuments(wanted.get("document"));
}

function language() { return state.languages.find((lang) => lang.code === $("lang").value); }

async function loadDocuments(wanted) {
  const ticket = ++state.docSeq;
  const { data } = await api("GET", `/api/documents?lang=${encodeURIComponent($("lang").value)}`);
  if (ticket !== state.docSeq) return;
  const select = $("document");
  const keep = wanted || select.value;
  select.textContent = "";
  for (const doc of data) {
    const option = el("option", `${doc.document} — ${doc.translated}/${doc.total}` +
      (doc.fuzzy ? `, ${doc.fuzzy} fuzzy` : "") +
      (doc.translated > doc.reviewed ? `, ${doc.translated - doc.reviewed} to review` : "") + (doc.ready ? " ✓ ready" : ""));
    option.value = doc.document;
    option.dataset.reviewed = doc.reviewed;
    select.append(option);
  }
  if ([...select.options].some((option) => option.value === keep)) select.value = keep;
  await loadEntries();
}

async function loadEntries(keepId) {
  const params = new URLSearchParams({ lang: $("lang").value, document: $("document").value });
  if ($("state").value) params.set("state", $("state").value);
  if ($("search").value.trim()) params.set("q", $("search").value.trim());
  location.hash = new URLSearchParams({ lang: $("lang").value, document: $("document").value }).toString();
  const ticket = ++state.listSeq;
  const { status, data } = await api("GET", `/api/entries?${params}`);
  if (ticket !== state.listSeq) return;  // the filter changed again meanwhile
  state.entries = status === 200 ? data : [];
  const list = $("entries");
  list.textContent = "";
  state.entries.forEach((entry, i) => list.append(entryItem(entry, i)));
  $("doc-status").textContent = `${state.entries.length} entries shown`;
  const index = keepId ? state.entries.findIndex((e) => e.id === keepId) : -1;
  if (state.entries.length) open(index >= 0 ? index : 0); else { $("editor").hidden = true; state.entry = null; }
}

function stateOf(entry) {
  if (!entry.msgstr && !(entry.msgstr_plural || []).some(Boolean)) return "untranslated";
  if (entry.fuzzy) return "fuzzy";
  if (entry.findings.length) return "findings";
  return entry.reviewed ? "reviewed" : "translated";
}

function entryItem(entry, i) {
  const item = el("li", null, stateOf(entry));
  item.tabIndex = 0;
  item.dataset.index = i;
  item.append(el("span", stateOf(entry), "state"), el("span", entry.msgid.slice(0, 140)));
  item.addEventListener("click", () => open(i));
  item.addEventListener("keydown", (event) => { if (event.key === "Enter") open(i); });
  return item;
}

function textareas() { return [...document.querySelectorAll("#e-forms textarea")]; }
function texts() { return textareas().map((box) => box.value); }

function open(index) {
  state.index = index;
  const entry = state.entries[index];
  state.entry = entry;
  document.querySelectorAll("#entries li").forEach((li) => li.setAttribute("aria-current", String(Number(li.dataset.index) === index)));
  const current = document.querySelector(`#entries li[data-index="${index}"]`);
  if (current) current.scrollIntoView({ block: "nearest" });
  $("editor").hidden = false;
  $("e-position").textContent = `${index + 1} of ${state.entries.length}`;
  $("e-context").textContent = entry.msgctxt ? `context: ${entry.msgctxt}` : "";
  $("e-state").textContent = stateOf(entry) + (entry.reviewed_by ? ` by ${entry.reviewed_by}` : "");
  $("e-english").textContent = entry.msgid + (entry.msgid_plural ? `\n\nPlural: ${entry.msgid_plural}` : "");
  const previous = $("e-previous");
  previous.hidden = !entry.previous_msgid;
  if (entry.previous_msgid) wordDiff(previous.querySelector(".diff"), entry.previous_msgid, entry.msgid);
  $("e-notes").textContent = [entry.extracted_comments, entry.translator_comments].filter(Boolean).join("\n");
  const lang = language();
  const forms = $("e-forms");
  forms.textContent = "";
  const values = entry.msgstr_plural || [entry.msgstr];
  values.forEach((value, i) => {
    const label = el("label", entry.msgstr_plural ? `Translation, plural form ${i}` : "Translation");
    label.className = "label";
    const box = el("textarea", null, "translation");
    box.value = value;
    box.lang = lang.html_lang;
    box.dir = "auto";
    box.setAttribute("aria-label", label.textContent);
    box.addEventListener("input", changed);
    box.addEventListener("paste", () => setTimeout(() => detectZawgyi(box), 0));
    forms.append(label, box);
  });
  const writable = lang.writable;
  textareas().forEach((box) => { box.readOnly = !writable; });
  $("save").disabled = !writable;
  $("e-fuzzy").checked = entry.fuzzy;
  $("approve").hidden = !(state.session.roles.includes("reviewer") && writable);
  $("approve").disabled = entry.reviewed || stateOf(entry) === "untranslated" || entry.fuzzy;
  $("e-message").textContent = "";
  $("e-conflict").hidden = true;
  $("e-zawgyi").hidden = true;
  showFindings(entry.findings);
  loadTerms(entry);
  loadSuggestions(entry);
  loadDiscussion(entry);
  refresh();
  textareas()[0].focus();
}

function wordDiff(target, before, after) {
  // LCS over words: what the English lost (del) and gained (ins) since the translation was made
  const a = before.split(/(\s+)/), b = after.split(/(\s+)/);
  const n = a.length, m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--)
    table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  target.textContent = "";
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { target.append(a[i]); i++; j++; }
    else if (j < m && (i >= n || table[i][j + 1] >= table[i + 1][j])) { target.append(el("ins", b[j])); j++; }
    else { target.append(el("del", a[i])); i++; }
  }
}

function changed() {
  clearTimeout(state.timer);
  state.timer = setTimeout(refresh, 250);  // a pause in typing
}

async function refresh() {
  const entry = state.entry;
  if (!entry) return;
  const seq = ++state.seq;
  const body = entry.msgstr_plural ? { id: entry.id, msgstr_plural: texts() } : { id: entry.id, msgstr: texts()[0] };
  const [findings, preview] = await Promise.all([api("POST", "/api/findings", body), api("POST", "/api/preview", body)]);
  if (seq !== state.seq) return;  // a newer keystroke's answer is on its way
  if (findings.status === 200) showFindings(findings.data.findings);
  const box = $("e-preview");
  if (preview.status === 200) { box.innerHTML = preview.data.html; box.classList.remove("error"); }
  else { box.textContent = preview.data.error; box.classList.add("error"); }
}

function showFindings(findings) {
  const list = $("e-findings");
  list.textContent = "";
  if (!findings.length) list.append(el("li", "No findings."));
  for (const f of findings) list.append(el("li", `${f.severity} [${f.check}] ${f.message}`, f.severity));
}

async function loadTerms(entry) {
  const { status, data } = await api("GET", `/api/terms?lang=${encodeURIComponent(entry.language)}&source=${encodeURIComponent(entry.msgid)}`);
  const box = $("e-terms"), list = box.querySelector("ul");
  list.textContent = "";
  box.hidden = status !== 200 || !data.length;
  if (status !== 200) return;
  for (const term of data) {
    const item = el("li");
    item.append(el("strong", term.term), " → ");
    const local = el("span", term.translation || (term.proposed ? `${term.proposed} (not yet approved)` : "not translated yet"));
    local.lang = language().html_lang;
    item.append(local, el("div", term.definition, "notes"));
    if (term.avoid.length) item.append(el("div", "Avoid: " + term.avoid.map((a) => a.text).join(", "), "notes"));
    list.append(item);
  }
}

async function loadSuggestions(entry) {
  const { status, data } = await api("GET", `/api/suggestions?lang=${encodeURIComponent(entry.language)}&source=${encodeURIComponent(entry.msgid)}`);
  const list = $("e-suggestions");
  list.textContent = "";
  if (status !== 200 || !data.length) { list.append(el("li", "No suggestions.")); return; }
  for (const s of data) {
    const button = el("button", null, "suggestion");
    button.type = "button";
    const translation = el("span", s.translation);
    translation.lang = language().html_lang;
    button.append(el("strong", `${Math.round(s.score)}% `), translation,
      el("div", `${s.source} — ${s.document}${s.reviewed ? ", reviewed" : ""}${s.fuzzy ? ", fuzzy" : ""}`, "notes"));
    button.addEventListener("click", () => {
      const box = textareas()[0];
      if (box.readOnly) return;
      box.value = s.translation;
      if (s.score < 100 || s.fuzzy) $("e-fuzzy").checked = true;
      box.focus();
      changed();
    });
    const item = el("li");
    item.append(button);
    list.append(item);
  }
}

async function loadDiscussion(entry) {
  const [comments, history] = await Promise.all([api("GET", `/api/entries/${entry.id}/comments`),
                                                 api("GET", `/api/entries/${entry.id}/history`)]);
  const list = $("e-comments");
  list.textContent = "";
  for (const c of comments.status === 200 ? comments.data : []) list.append(el("li", `${c.by}, ${c.at}: ${c.text}`));
  const past = $("e-history");
  past.textContent = "";
  for (const h of history.status === 200 ? history.data : []) {
    const item = el("li", `${h.by}, ${h.at}: `);
    item.append(el("del", h.before || "(empty)"), " → ", el("ins", h.after || "(empty)"));
    past.append(item);
  }
}

async function detectZawgyi(box) {
  if (language().script !== "Mymr") return;  // Zawgyi is a Myanmar-script encoding (Burmese, Shan)
  const { status, data } = await api("POST", "/api/zawgyi", { text: box.value });
  if (status === 200 && data.zawgyi) {
    const banner = $("e-zawgyi");
    banner.hidden = false;
    $("zawgyi-convert").onclick = () => { box.value = data.unicode; banner.hidden = true; changed(); box.focus(); };
  }
}

async function save(force) {
  const entry = state.entry;
  if (!entry) return;
  const body = { fuzzy: $("e-fuzzy").checked, revision: force || entry.revision };
  if (entry.msgstr_plural) body.msgstr_plural = texts(); else body.msgstr = texts()[0];
  $("e-message").textContent = "Saving…";
  const { status, data } = await api("PUT", `/api/entries/${entry.id}`, body);
  if (status === 200) {
    state.entries[state.index] = data.entry;
    const item = entryItem(data.entry, state.index);
    document.querySelector(`#entries li[data-index="${state.index}"]`).replaceWith(item);
    const last = state.index + 1 >= state.entries.length;
    open(last ? state.index : state.index + 1);
    $("e-message").textContent = last ? "Saved. That was the last entry." : "Saved.";
  } else if (status === 409) {
    const conflict = $("e-conflict");
    conflict.hidden = false;
    conflict.querySelector(".theirs").textContent = (data.entry.msgstr_plural || [data.entry.msgstr]).join("\n") || "(empty)";
    conflict.querySelector(".yours").textContent = texts().join("\n");
    $("conflict-theirs").onclick = () => { state.entries[state.index] = data.entry; open(state.index); };
    $("conflict-mine").onclick = () => { conflict.hidden = true; save(data.entry.revision); };
    $("e-message").textContent = data.error;
  } else {
    $("e-message").textContent = data.error || `Not saved (${status}).`;
  }
}

async function approve() {
  const entry = state.entry;
  const { status, data } = await api("POST", `/api/entries/${entry.id}/approve`, { revision: entry.revision });
  if (status === 200) {
    state.entries[state.index] = data.entry;
    document.querySelector(`#entries li[data-index="${state.index}"]`).replaceWith(entryItem(data.entry, state.index));
    open(state.index);
    $("e-message").textContent = "Approved.";
  } else $("e-message").textContent = data.error;
}

function nextUntranslated() {
  for (let step = 1; step <= state.entries.length; step++) {
    const i = (state.index + step) % state.entries.length;
    if (stateOf(state.entries[i]) === "untranslated") { open(i); return; }
  }
  $("e-message").textContent = "No untranslated entry in this list.";
}

function copyEnglish() {
  const boxes = textareas();
  boxes.forEach((box, i) => { if (!box.readOnly) box.value = i === 0 || !state.entry.msgid_plural ? state.entry.msgid : state.entry.msgid_plural; });
  boxes[0].focus();
  changed();
}

async function pagePreview() {
  // The page loads in a sandboxed frame from this server (no script runs there: sandbox and its CSP).
  const entry = state.entry;
  const { status, data } = await api("POST", "/api/preview/page", { id: entry.id, msgstr: texts()[0] });
  const frame = $("page-frame");
  $("page-error").hidden = status === 200;
  frame.hidden = status !== 200;
  if (status === 200) {
    $("page-kind").textContent = data.built ? "The site's page" : "Not the site's page (see the note)";
    frame.src = data.url;
  } else {
    $("page-error").textContent = data.error;
    $("page-kind").textContent = "";
  }
  $("page-dialog").showModal();
}

document.addEventListener("DOMContentLoaded", () => {
  $("login").addEventListener("submit", async (event) => {
    event.preventDefault();
    const { status, data } = await api("POST", "/api/login", { name: $("login-name").value, password: $("login-password").value });
    if (status === 200) { $("login-error").textContent = ""; $("login-password").value = ""; await enter(data); }
    else $("login-error").textContent = data.error;
  });
  $("logout").addEventListener("click", async () => { await api("POST", "/api/logout", {}); showLogin(); });
  $("lang").addEventListener("change", () => loadDocuments());
  $("document").addEventListener("change", () => loadEntries());
  $("state").addEventListener("change", () => loadEntries());
  let searchTimer = null;
  $("search").addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(() => loadEntries(), 300); });
  $("save").addEventListener("click", () => save());
  $("copy").addEventListener("click", copyEnglish);
  $("next-untranslated").addEventListener("click", nextUntranslated);
  $("approve").addEventListener("click", approve);
  $("page-preview").addEventListener("click", pagePreview);
  $("page-close").addEventListener("click", () => $("page-dialog").close());
  $("comment-add").addEventListener("click", async () => {
    const text = $("comment-text").value;
    const { status, data } = await api("POST", `/api/entries/${state.entry.id}/comments`, { text });
    if (status === 200) { $("comment-text").value = ""; loadDiscussion(state.entry); } else $("e-message").textContent = data.error;
  });
  document.addEventListener("keydown", (event) => {
    if (!state.entry || $("app").hidden) return;
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") { event.preventDefault(); save(); }
    else if (event.altKey && event.key.toLowerCase() === "c") { event.preventDefault(); copyEnglish(); }
    else if (event.altKey && event.key.toLowerCase() === "n") { event.preventDefault(); nextUntranslated(); }
    else if (event.altKey && event.key.toLowerCase() === "a" && !$("approve").hidden) { event.preventDefault(); approve(); }
    else if (event.altKey && event.key === "ArrowDown" && state.index + 1 < state.entries.length) { event.preventDefault(); open(state.index + 1); }
    else if (event.altKey && event.key === "ArrowUp" && state.index > 0) { event.preventDefault(); open(state.index - 1); }
  });
  start();
});
