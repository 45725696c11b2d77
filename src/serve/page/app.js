"use strict";
// The builder page of `pixelpipe serve`. Forms come from the server's operation
// declarations (/api/ops), runs happen on the server (/api/run), images arrive as raw RGBA
// for canvases, so the inspector shows the exact pixels. Previews run on a proxy of a large
// image; at 100% and closer the visible region is shown at full resolution (/api/region).
// Each page (browser tab) has its own session on the server, ended when the page closes.

const token = new URLSearchParams(location.search).get("token") || "";
const session = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
const $ = (selector) => document.querySelector(selector);

function api(path, options = {}) {
  const headers = Object.assign({ "x-pixelpipe-token": token, "x-pixelpipe-session": session }, options.headers || {});
  return fetch(path, Object.assign({}, options, { headers }));
}

async function apiJson(path, body, signal) {
  const response = await api(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
  return { response, body: await readJson(response) };
}

async function readJson(response) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (_) {
    return { error: `HTTP ${response.status}: ${text.slice(0, 200)}` };
  }
}

// ---------------------------------------------------------------------------------------
// State

const state = {
  ops: [], // the operations' declarations
  presets: [],
  steps: [], // {type, enabled, params}
  name: "",
  description: "",
  image: null, // the uploaded image's description
  generation: null,
  runs: 0, // sequence number of the latest run asked for
  controller: null, // aborts the run in flight
  pixels: { original: null, result: null }, // ImageData of the two views
  view: { zoom: 0, x: 0, y: 0 }, // zoom 0: fit; zoom is screen pixels per preview pixel
  // The full-resolution region shown over each view at 100% and closer: {x, y, pixels} in
  // full-resolution pixels, and the request in flight.
  full: { original: null, result: null, controller: null, timer: null },
  exportFormat: "png",
};

// Full-resolution pixels per preview pixel (1 when the preview is the image itself).
const scale = () => (state.image && state.pixels.original ? state.image.width / state.pixels.original.width : 1);

const opByName = (name) => state.ops.find((o) => o.name === name);

function status(text, bad = false) {
  const footer = $("#status");
  footer.textContent = text;
  footer.classList.toggle("bad", bad);
}

// The pipeline as the original's JSON.
function pipelineJson() {
  return {
    version: "1.0",
    name: state.name || "builder",
    description: state.description,
    operations: state.steps.map((s) => ({ type: s.type, enabled: s.enabled, params: s.params })),
  };
}

// ---------------------------------------------------------------------------------------
// Operation browser

function renderBrowser() {
  const query = $("#op-search").value.trim().toLowerCase();
  const families = $("#families");
  families.replaceChildren();
  const byFamily = new Map();
  for (const op of state.ops) {
    const text = `${op.name} ${op.summary} ${op.family}`.toLowerCase();
    if (query && !text.includes(query)) continue;
    if (!byFamily.has(op.family)) byFamily.set(op.family, []);
    byFamily.get(op.family).push(op);
  }
  for (const [family, ops] of byFamily) {
    const section = document.createElement("div");
    section.className = "family";
    const title = document.createElement("h3");
    title.textContent = family;
    section.append(title);
    for (const op of ops) {
      const button = document.createElement("button");
      button.className = "op";
      button.dataset.op = op.name;
      button.title = op.summary;
      button.innerHTML = `<span></span><small></small>`;
      button.firstChild.textContent = op.name;
      button.lastChild.textContent = op.summary;
      button.addEventListener("click", () => addStep(op.name));
      section.append(button);
    }
    families.append(section);
  }
}

function defaults(op) {
  const params = {};
  for (const p of op.params) if (p.default !== null) params[p.name] = p.default;
  return params;
}

function addStep(type) {
  const op = opByName(type);
  state.steps.push({ type, enabled: true, params: defaults(op) });
  renderSteps();
  run();
}

// ---------------------------------------------------------------------------------------
// Steps and their forms

function renderSteps() {
  const list = $("#steps");
  list.replaceChildren();
  $("#no-steps").hidden = state.steps.length > 0;
  state.steps.forEach((step, index) => list.append(stepCard(step, index)));
}

function stepCard(step, index) {
  const op = opByName(step.type);
  const card = document.createElement("li");
  card.className = "step" + (step.enabled ? "" : " disabled");
  card.dataset.index = index;
  card.dataset.op = step.type;
  const head = document.createElement("div");
  head.className = "step-head";
  const enabled = document.createElement("input");
  enabled.type = "checkbox";
  enabled.checked = step.enabled;
  enabled.title = "enabled";
  enabled.className = "enabled";
  enabled.addEventListener("change", () => {
    step.enabled = enabled.checked;
    card.classList.toggle("disabled", !step.enabled);
    run();
  });
  const name = document.createElement("span");
  name.className = "name";
  name.textContent = `${index + 1}. ${step.type}`;
  name.title = op ? op.summary : "";
  head.append(enabled, name);
  const move = (label, title, action) => {
    const b = document.createElement("button");
    b.textContent = label;
    b.title = title;
    b.className = title;
    b.addEventListener("click", action);
    head.append(b);
  };
  move("↑", "up", () => swap(index, index - 1));
  move("↓", "down", () => swap(index, index + 1));
  move("✕", "remove", () => {
    state.steps.splice(index, 1);
    renderSteps();
    run();
  });
  const error = document.createElement("div");
  error.className = "step-error";
  card.append(head, error);
  if (!op) {
    error.textContent = `unknown operation ${step.type}`;
    return card;
  }
  for (const param of op.params) card.append(field(step, param));
  return card;
}

function swap(a, b) {
  if (b < 0 || b >= state.steps.length) return;
  [state.steps[a], state.steps[b]] = [state.steps[b], state.steps[a]];
  renderSteps();
  run();
}

// The text a value shows in a text field.
function shown(param, value) {
  if (value === undefined || value === null) return "";
  if (param.kind === "color" || param.kind === "int_list") return value.join(", ");
  if (param.kind === "channel_map") return Object.entries(value).map(([k, v]) => `${k}=${v}`).join(", ");
  return String(value);
}

// Reads a field's text as the parameter's value; throws a message for text it cannot be.
function parsed(param, text) {
  text = text.trim();
  if (text === "") return undefined;
  switch (param.kind) {
    case "int":
    case "seed":
    case "float": {
      const v = Number(text);
      if (!Number.isFinite(v)) throw `not a number: ${text}`;
      return v;
    }
    case "color":
    case "int_list": {
      const parts = text.replace(/[\[\]]/g, "").split(/[\s,]+/).filter((s) => s !== "");
      const values = parts.map(Number);
      if (values.some((v) => !Number.isInteger(v))) throw `not a list of integers: ${text}`;
      return values;
    }
    case "channel_map": {
      const map = {};
      for (const pair of text.split(",")) {
        const [k, v] = pair.split(/[=:]/).map((s) => s.trim().replace(/["'{}]/g, ""));
        if (!k || !v) throw `write the mapping as r=b, b=r`;
        map[k] = v;
      }
      return map;
    }
    default:
      return text;
  }
}

function field(step, param) {
  const row = document.createElement("div");
  row.className = "field";
  row.dataset.param = param.name;
  const label = document.createElement("label");
  label.textContent = param.name;
  label.title = `${param.name}: ${param.type}`;
  let input;
  const value = step.params[param.name];
  // What the server uses when the parameter is not given.
  const current = value === undefined ? param.default : value;
  if (param.kind === "bool") {
    input = document.createElement("input");
    input.type = "checkbox";
    input.checked = current === true;
  } else if (param.kind === "choice" || param.kind === "int_choice") {
    input = document.createElement("select");
    if (!param.required && param.default === null) input.append(new Option("(none)", ""));
    for (const choice of param.choices) input.append(new Option(String(choice), String(choice)));
    input.value = current === null ? "" : String(current);
  } else {
    input = document.createElement("input");
    const numeric = param.kind === "int" || param.kind === "float" || param.kind === "seed";
    input.type = numeric ? "number" : "text";
    if (numeric) {
      input.step = param.kind === "float" ? "any" : "1";
      if (param.min !== undefined && !param.min_exclusive) input.min = param.min;
      if (param.max !== undefined && !param.max_exclusive) input.max = param.max;
    }
    input.value = shown(param, value);
    input.placeholder = param.default === null ? (param.required ? "required" : "none") : shown(param, param.default);
  }
  input.name = param.name;
  input.title = param.type;
  label.htmlFor = input.id = `step${state.steps.indexOf(step)}-${param.name}`;
  const doc = document.createElement("div");
  doc.className = "doc";
  doc.textContent = param.doc;
  const error = document.createElement("div");
  error.className = "param-error";
  const update = () => {
    row.classList.remove("bad");
    error.textContent = "";
    let v;
    try {
      if (param.kind === "bool") v = input.checked;
      else if (param.kind === "int_choice") v = input.value === "" ? undefined : Number(input.value);
      else if (param.kind === "choice") v = input.value === "" ? undefined : input.value;
      else v = parsed(param, input.value);
    } catch (message) {
      row.classList.add("bad");
      error.textContent = message;
      return;
    }
    if (v === undefined) delete step.params[param.name];
    else step.params[param.name] = v;
    run();
  };
  input.addEventListener(input.tagName === "SELECT" || input.type === "checkbox" ? "change" : "input", update);
  row.append(label, input, doc, error);
  return row;
}

function clearErrors() {
  document.querySelectorAll(".step").forEach((c) => c.classList.remove("failed"));
  document.querySelectorAll(".step-error, .param-error").forEach((e) => (e.textContent = ""));
  document.querySelectorAll(".field.bad").forEach((f) => f.classList.remove("bad"));
}

// Puts a server error next to what it is about: the parameter's field, the step, or the
// status line.
function showError(body) {
  const card = body.step ? document.querySelector(`.step[data-index="${body.step - 1}"]`) : null;
  if (!card) {
    status(body.error, true);
    return;
  }
  card.classList.add("failed");
  const row = body.param ? card.querySelector(`.field[data-param="${body.param}"]`) : null;
  if (row) {
    row.classList.add("bad");
    row.querySelector(".param-error").textContent = body.message || body.error;
  } else {
    card.querySelector(".step-error").textContent = body.error;
  }
  status(body.error, true);
}

// ---------------------------------------------------------------------------------------
// Runs

async function run() {
  if (!state.image) return;
  const sequence = ++state.runs;
  if (state.controller) state.controller.abort();
  const controller = (state.controller = new AbortController());
  const started = performance.now();
  status("running…");
  let reply;
  try {
    reply = await apiJson("/api/run", { pipeline: pipelineJson() }, controller.signal);
  } catch (e) {
    if (e.name !== "AbortError") status(String(e), true);
    return;
  }
  if (sequence !== state.runs || reply.response.status === 409) return;
  clearErrors();
  if (!reply.response.ok) {
    showError(reply.body);
    document.body.dataset.error = reply.body.error;
    return;
  }
  delete document.body.dataset.error;
  const body = reply.body;
  state.generation = body.generation;
  const count = body.steps.length;
  const [original, result] = await Promise.all([
    state.pixels.original ? null : fetchPixels(body.generation, 0),
    fetchPixels(body.generation, count),
  ]);
  if (sequence !== state.runs || !result) return;
  if (original) {
    state.pixels.original = original;
    paint("#original", original);
    paint("#result-under", original);
  }
  state.pixels.result = result;
  paint("#result", result);
  if (state.view.zoom === 0) fit();
  const ms = performance.now() - started;
  document.body.dataset.previewMs = ms.toFixed(1);
  document.body.dataset.serverMs = body.ms.toFixed(1);
  document.body.dataset.ran = sequence;
  document.body.dataset.generation = body.generation;
  const hits = body.steps.filter((s) => s.cached).length;
  const note = body.warnings.length ? ` — ${body.warnings.join("; ")}` : "";
  status(
    `preview ${result.width}×${result.height} in ${ms.toFixed(0)} ms (server ${body.ms.toFixed(0)} ms, ` +
      `${hits}/${count} steps from the cache)${note}`
  );
  renderTimings(body.steps);
  renderStrip(body.generation, body.steps);
  $("#export-image").disabled = false;
  state.shownIndex = count;
  showFull(0);
}

async function fetchPixels(generation, index, max) {
  const query = max ? `?max=${max}` : "";
  const response = await api(`/api/image/${generation}/${index}${query}`);
  if (!response.ok) return null;
  const width = Number(response.headers.get("x-width"));
  const height = Number(response.headers.get("x-height"));
  const bytes = new Uint8ClampedArray(await response.arrayBuffer());
  return new ImageData(bytes, width, height);
}

function paint(selector, pixels) {
  const canvas = $(selector);
  canvas.width = pixels.width;
  canvas.height = pixels.height;
  canvas.getContext("2d").putImageData(pixels, 0, 0);
}

function renderTimings(steps) {
  const body = $("#timings tbody");
  body.replaceChildren();
  for (const s of steps) {
    const tr = document.createElement("tr");
    const cache = s.cached ? "hit" : s.stored ? "stored" : "–";
    for (const text of [s.number, s.name, s.ms.toFixed(1), cache, `${s.width}×${s.height}×${s.channels}`]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    tr.className = s.cached ? "cached" : "";
    body.append(tr);
  }
}

async function renderStrip(generation, steps) {
  const strip = $("#strip");
  const items = [{ label: "input", index: 0 }].concat(
    steps.map((s, i) => ({ label: `${s.number}. ${s.name}`, index: i + 1, step: s }))
  );
  const thumbs = await Promise.all(items.map((item) => fetchPixels(generation, item.index, 160)));
  if (generation !== state.generation) return;
  strip.replaceChildren();
  items.forEach((item, i) => {
    if (!thumbs[i]) return;
    const box = document.createElement("div");
    box.className = "thumb";
    box.dataset.index = item.index;
    const canvas = document.createElement("canvas");
    canvas.width = thumbs[i].width;
    canvas.height = thumbs[i].height;
    canvas.getContext("2d").putImageData(thumbs[i], 0, 0);
    const caption = document.createElement("div");
    caption.textContent = item.label;
    if (item.step) {
      const badge = document.createElement("span");
      badge.className = "badge " + (item.step.cached ? "hit" : "stored");
      badge.textContent = item.step.cached ? "cache" : `${item.step.ms.toFixed(0)} ms`;
      caption.append(" ", badge);
    }
    box.append(canvas, caption);
    box.addEventListener("click", async () => {
      const pixels = await fetchPixels(generation, item.index);
      if (!pixels) return;
      document.querySelectorAll(".thumb").forEach((t) => t.classList.remove("selected"));
      box.classList.add("selected");
      state.pixels.result = pixels;
      paint("#result", pixels);
      state.shownIndex = item.index;
      showFull(0);
    });
    strip.append(box);
  });
}

// ---------------------------------------------------------------------------------------
// Viewer: zoom, pan, slider, pixel inspector

function applyView() {
  const { zoom, x, y } = state.view;
  for (const layer of document.querySelectorAll(".layer")) {
    layer.style.transform = `translate(${x}px, ${y}px) scale(${zoom})`;
  }
  $("#zoom-level").textContent = `${Math.round((zoom / scale()) * 100)}%`;
  clip();
  showFull(60);
}

// At 100% and closer (of the full resolution), the visible region of both views is fetched
// at full resolution and drawn over the proxy; further out the proxy shows, labelled so.
function showFull(delay) {
  clearTimeout(state.full.timer);
  state.full.timer = setTimeout(fetchFull, delay);
}

async function fetchFull() {
  const s = scale();
  const zoomed = state.generation !== null && state.view.zoom / s >= 0.999;
  const label = s > 1 && !zoomed ? `proxy 1:${s.toFixed(1)}: zoom to 100% for full resolution` : s > 1 ? "full resolution" : "";
  for (const which of ["original", "result"]) $(`#pane-${which} .label`).textContent = label ? `${which} — ${label}` : which;
  if (state.full.controller) state.full.controller.abort();
  if (!zoomed || s === 1) {
    for (const which of ["original", "result"]) hideFull(which);
    return;
  }
  const pane = $("#pane-result").getBoundingClientRect();
  const v = state.view;
  // The visible rectangle in full-resolution pixels, clipped to the image.
  const x0 = Math.max(0, Math.floor((-v.x / v.zoom) * s));
  const y0 = Math.max(0, Math.floor((-v.y / v.zoom) * s));
  const x1 = Math.min(state.image.width, Math.ceil(((pane.width - v.x) / v.zoom) * s));
  const y1 = Math.min(state.image.height, Math.ceil(((pane.height - v.y) / v.zoom) * s));
  if (x1 <= x0 || y1 <= y0) return;
  const controller = (state.full.controller = new AbortController());
  const generation = state.generation;
  const rect = `x=${x0}&y=${y0}&w=${x1 - x0}&h=${y1 - y0}`;
  const started = performance.now();
  try {
    const [original, result] = await Promise.all(
      [0, state.shownIndex].map(async (index) => {
        const response = await api(`/api/region/${generation}/${index}?${rect}`, { signal: controller.signal });
        if (!response.ok) return null;
        const width = Number(response.headers.get("x-width"));
        const height = Number(response.headers.get("x-height"));
        const serverMs = Number(response.headers.get("x-server-ms"));
        const pixels = new ImageData(new Uint8ClampedArray(await response.arrayBuffer()), width, height);
        return { x: x0, y: y0, pixels, serverMs };
      })
    );
    if (generation !== state.generation || !original || !result) return;
    drawFull("original", original);
    drawFull("result", result);
    const d = document.body.dataset;
    d.regionMs = (performance.now() - started).toFixed(1);
    d.regionServerMs = result.serverMs.toFixed(1);
    d.region = `${generation}:${x0},${y0},${result.pixels.width},${result.pixels.height}`;
  } catch (e) {
    if (e.name !== "AbortError") status(String(e), true);
  }
}

function drawFull(which, region) {
  const canvas = $(`#${which}-full`);
  const s = scale();
  canvas.width = region.pixels.width;
  canvas.height = region.pixels.height;
  canvas.getContext("2d").putImageData(region.pixels, 0, 0);
  Object.assign(canvas.style, {
    left: `${region.x / s}px`,
    top: `${region.y / s}px`,
    width: `${region.pixels.width / s}px`,
    height: `${region.pixels.height / s}px`,
  });
  canvas.hidden = false;
  state.full[which] = region;
  clip();
}

function hideFull(which) {
  $(`#${which}-full`).hidden = true;
  state.full[which] = null;
}

function fit() {
  const pixels = state.pixels.result || state.pixels.original;
  if (!pixels) return;
  const pane = $("#pane-result").getBoundingClientRect();
  const zoom = Math.min(pane.width / pixels.width, pane.height / pixels.height);
  state.view = { zoom, x: (pane.width - pixels.width * zoom) / 2, y: (pane.height - pixels.height * zoom) / 2 };
  applyView();
}

function zoomBy(factor, cx, cy) {
  const v = state.view;
  const pane = $("#pane-result").getBoundingClientRect();
  if (cx === undefined) [cx, cy] = [pane.width / 2, pane.height / 2];
  const zoom = Math.min(64, Math.max(0.02, (v.zoom || 1) * factor));
  v.x = cx - ((cx - v.x) * zoom) / v.zoom;
  v.y = cy - ((cy - v.y) * zoom) / v.zoom;
  v.zoom = zoom;
  applyView();
}

// The slider shows the result left of the handle and the original right of it.
function clip() {
  const slider = $("#stage").classList.contains("slider");
  const canvas = $("#result");
  const full = $("#result-full");
  if (!slider || !state.pixels.result) {
    canvas.style.clipPath = full.style.clipPath = "";
    return;
  }
  const pane = $("#pane-result").getBoundingClientRect();
  const cut = (Number($("#slider").value) / 100) * pane.width;
  const inImage = (cut - state.view.x) / state.view.zoom;
  canvas.style.clipPath = `inset(0 ${Math.max(0, state.pixels.result.width - inImage)}px 0 0)`;
  // The full-resolution region over it: the same cut, in its own (preview-sized) box.
  const right = parseFloat(full.style.left || "0") + parseFloat(full.style.width || "0");
  full.style.clipPath = `inset(0 ${Math.max(0, right - inImage)}px 0 0)`;
}

function setMode(slider) {
  $("#stage").classList.toggle("slider", slider);
  $("#slider").hidden = !slider;
  $("#mode-side").classList.toggle("on", !slider);
  $("#mode-slider").classList.toggle("on", slider);
  fit();
}

function pixelAt(pixels, x, y) {
  if (!pixels || x < 0 || y < 0 || x >= pixels.width || y >= pixels.height) return null;
  const i = (y * pixels.width + x) * 4;
  return Array.from(pixels.data.slice(i, i + 4));
}

function inspect(event, pane) {
  const rect = pane.getBoundingClientRect();
  let x = Math.floor((event.clientX - rect.left - state.view.x) / state.view.zoom);
  let y = Math.floor((event.clientY - rect.top - state.view.y) / state.view.zoom);
  let a = pixelAt(state.pixels.original, x, y);
  let b = pixelAt(state.pixels.result, x, y);
  const full = state.full;
  if (full.original && full.result) {
    // Full-resolution pixels where they are shown.
    const s = scale();
    x = Math.floor(((event.clientX - rect.left - state.view.x) / state.view.zoom) * s);
    y = Math.floor(((event.clientY - rect.top - state.view.y) / state.view.zoom) * s);
    a = pixelAt(full.original.pixels, x - full.original.x, y - full.original.y);
    b = pixelAt(full.result.pixels, x - full.result.x, y - full.result.y);
  }
  const rgba = (p) => (p ? `rgba(${p.join(", ")})` : "–");
  $("#inspector").textContent = a || b ? `x ${x}, y ${y}   original ${rgba(a)}   result ${rgba(b)}` : "\u00a0";
}

function setUpViewer() {
  let drag = null;
  for (const pane of document.querySelectorAll(".pane")) {
    pane.addEventListener("wheel", (e) => {
      e.preventDefault();
      const rect = pane.getBoundingClientRect();
      zoomBy(e.deltaY < 0 ? 1.25 : 0.8, e.clientX - rect.left, e.clientY - rect.top);
    });
    pane.addEventListener("mousedown", (e) => (drag = { x: e.clientX, y: e.clientY }));
    pane.addEventListener("mousemove", (e) => {
      inspect(e, pane);
      if (!drag) return;
      state.view.x += e.clientX - drag.x;
      state.view.y += e.clientY - drag.y;
      drag = { x: e.clientX, y: e.clientY };
      applyView();
    });
  }
  window.addEventListener("mouseup", () => (drag = null));
  $("#zoom-in").addEventListener("click", () => zoomBy(1.5));
  $("#zoom-out").addEventListener("click", () => zoomBy(1 / 1.5));
  $("#zoom-fit").addEventListener("click", fit);
  $("#zoom-100").addEventListener("click", () => zoomBy(scale() / (state.view.zoom || 1)));
  $("#mode-side").addEventListener("click", () => setMode(false));
  $("#mode-slider").addEventListener("click", () => setMode(true));
  $("#slider").addEventListener("input", clip);
  window.addEventListener("resize", () => state.view.zoom && fit());
}

// ---------------------------------------------------------------------------------------
// Files: upload, presets, import, export

async function upload(file) {
  status(`reading ${file.name}…`);
  const response = await api("/api/image", { method: "POST", headers: { "x-filename": file.name }, body: file });
  const body = await readJson(response);
  if (!response.ok) {
    status(body.error, true);
    document.body.dataset.error = body.error;
    return;
  }
  state.image = body;
  state.pixels.original = null;
  $("#stage").classList.add("loaded");
  const proxy = body.proxy.width !== body.width ? ` (previews at ${body.proxy.width}×${body.proxy.height})` : "";
  status(`${body.name}: ${body.width}×${body.height}${proxy}`);
  state.view.zoom = 0;
  await run();
}

function loadPipeline(pipeline) {
  state.name = pipeline.name || "";
  state.description = pipeline.description || "";
  state.steps = (pipeline.operations || []).map((o) => ({
    type: o.type,
    enabled: o.enabled !== false,
    params: Object.assign({}, o.params || {}),
  }));
  renderSteps();
  run();
}

function download(blob, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

// The pipeline file's text as the server writes it (json or yaml).
async function pipelineText(format) {
  const reply = await apiJson("/api/pipeline", { pipeline: pipelineJson(), format });
  if (!reply.response.ok) throw reply.body.error;
  return reply.body.text;
}

// The full-resolution result, encoded as `pixelpipe run` writes it (`quality`: JPEG only).
async function exportImage(format, quality) {
  const response = await api("/api/export", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ format, quality }),
  });
  if (!response.ok) throw (await readJson(response)).error;
  return response.blob();
}

function setUpFiles() {
  $("#file-input").addEventListener("change", (e) => e.target.files[0] && upload(e.target.files[0]));
  $("#import-input").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    const reply = await apiJson("/api/pipeline", { text: await file.text() });
    if (!reply.response.ok) return status(reply.body.error, true);
    loadPipeline(reply.body.pipeline);
  });
  $("#preset-select").addEventListener("change", (e) => {
    const preset = state.presets.find((p) => p.name === e.target.value);
    if (preset) loadPipeline(Object.assign({ name: preset.name }, preset.pipeline));
    e.target.value = "";
  });
  for (const format of ["json", "yaml"]) {
    $(`#export-${format}`).addEventListener("click", async () => {
      try {
        download(new Blob([await pipelineText(format)]), `${state.name || "pipeline"}.${format}`);
      } catch (message) {
        status(message, true);
      }
    });
  }
  $("#export-format").addEventListener("change", (e) => {
    $("#export-quality").hidden = e.target.value !== "jpg";
  });
  $("#export-image").addEventListener("click", async () => {
    const format = $("#export-format").value;
    const quality = format === "jpg" ? Number($("#export-quality").value) : undefined;
    status("computing the full resolution…");
    try {
      download(await exportImage(format, quality), `${state.name || "pixelpipe"}.${format}`);
      status(`exported ${format.toUpperCase()}${quality ? ` at quality ${quality}` : ""}`);
    } catch (message) {
      status(message, true);
    }
  });
  let depth = 0;
  const overlay = $("#drop-overlay");
  window.addEventListener("dragenter", (e) => {
    e.preventDefault();
    depth += 1;
    overlay.hidden = false;
  });
  window.addEventListener("dragleave", () => (overlay.hidden = --depth <= 0));
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => {
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const file = e.dataTransfer.files[0];
    if (file) upload(file);
  });
}

// ---------------------------------------------------------------------------------------

async function start() {
  const [ops, presets, formats, beat] = await Promise.all(
    ["/api/ops", "/api/presets", "/api/formats", "/api/session"].map((path) => api(path))
  );
  if (!ops.ok) {
    status("this page needs the address `pixelpipe serve` printed (with its token)", true);
    return;
  }
  state.ops = await ops.json();
  state.presets = await presets.json();
  const { formats: names, jpeg_quality } = await formats.json();
  for (const name of names) $("#export-format").append(new Option(name.toUpperCase(), name));
  $("#export-quality").value = jpeg_quality;
  // The session lives while the page is open, and ends with it.
  const { heartbeat_s } = await beat.json();
  setInterval(() => api("/api/session"), heartbeat_s * 1000);
  window.addEventListener("pagehide", () =>
    navigator.sendBeacon(`/api/session/close?token=${encodeURIComponent(token)}&session=${session}`)
  );
  for (const p of state.presets) $("#preset-select").append(new Option(`${p.name} — ${p.description}`, p.name));
  $("#op-search").addEventListener("input", renderBrowser);
  renderBrowser();
  renderSteps();
  setUpViewer();
  setUpFiles();
  const input = await api("/api/input");
  if (input.ok) {
    state.image = await input.json();
    $("#stage").classList.add("loaded");
    await run();
  }
  document.body.dataset.ready = "true";
}

// For scripts and tests: the same functions the buttons use.
window.pixelpipe = { pipelineJson, pipelineText, exportImage, state, session };

start();
