// Montage's live web view. Everything arrives as server-sent events from /web/events: "upload"
// (an upload and what the stages found so far, sent again whenever a stage adds to it),
// "dead-letter" and "stages". Text is only ever set as text (textContent), never parsed as HTML.
"use strict";

const SVG = "http://www.w3.org/2000/svg";

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function svg(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  return node;
}

function number(value, digits) {
  return value === null || value === undefined ? "–" : value.toFixed(digits);
}

function millis(value) {
  if (value === null || value === undefined) return "–";
  return value < 1000 ? value.toFixed(value < 10 ? 1 : 0) + " ms" : (value / 1000).toFixed(2) + " s";
}

// ---- the wall ----

const wall = document.getElementById("wall");
const cards = new Map();

function card(upload) {
  let view = cards.get(upload.eventId);
  if (view) return view;
  const node = element("article", "upload");
  node.dataset.eventId = upload.eventId;
  view = {
    node,
    matches: element("ul", "matches"),
    frame: element("div", "frame"),
    meta: element("p", "meta"),
    caption: element("p", "caption"),
    labels: element("ul", "labels"),
    ocrText: element("p", "ocr-text"),
    transcript: element("p", "transcript"),
    media: null,
    boxes: null,
  };
  view.matches.hidden = true;
  // Matches come first, above the picture: a moderator must see them at a glance.
  node.append(view.matches, view.frame, view.meta, view.caption, view.labels, view.ocrText, view.transcript);
  cards.set(upload.eventId, view);
  wall.prepend(node);
  document.getElementById("wall-empty").hidden = true;
  return view;
}

function showMedia(view, upload) {
  if (view.media || !upload.media) return;
  if (upload.kind === "image") {
    view.media = element("img");
    view.media.alt = upload.caption ? upload.caption.text : "upload " + upload.eventId;
  } else {
    view.media = element(upload.kind === "video" ? "video" : "audio");
    view.media.controls = true;
    view.media.preload = "metadata";
  }
  view.media.src = upload.media;
  view.frame.append(view.media);
}

function showSubtitles(view, upload) {
  if (!upload.subtitles || !view.media || view.media.tagName === "IMG" || view.media.querySelector("track")) return;
  const track = element("track");
  track.kind = "subtitles";
  track.label = "transcript";
  track.srclang = upload.transcript && upload.transcript.language ? upload.transcript.language : "und";
  track.src = upload.subtitles;
  track.default = true;
  view.media.append(track);
}

function showOcrBoxes(view, upload) {
  if (!upload.ocr || !upload.width || !upload.height || upload.kind === "audio") return;
  if (view.boxes) view.boxes.remove();
  // The boxes are in the picture's pixels; a viewBox of the same size scales them with the picture.
  view.boxes = svg("svg", { class: "ocr-boxes", viewBox: `0 0 ${upload.width} ${upload.height}`, preserveAspectRatio: "none" });
  for (const line of upload.ocr.lines) {
    const box = svg("polygon", { class: "ocr-box", points: line.box.map((p) => p.join(",")).join(" ") });
    box.dataset.text = line.text;
    const title = svg("title");
    title.textContent = `${line.text} (${(line.confidence * 100).toFixed(0)}%)`;
    box.append(title);
    view.boxes.append(box);
  }
  view.frame.append(view.boxes);
}

// PDQ distances are whole bits out of 256; embedding distances are cosine distances (0-2).
function distance(match) {
  if (match.signal === "pdq_hash") return `${match.distance.toFixed(0)} / ${match.threshold.toFixed(0)} bits`;
  return `${match.distance.toFixed(3)} / ${match.threshold.toFixed(3)}`;
}

function showMatches(view, upload) {
  const matches = upload.matches || [];
  view.node.classList.toggle("matched", matches.length > 0);
  view.matches.hidden = matches.length === 0;
  view.matches.replaceChildren(
    ...matches.map((m) => {
      const item = element("li", "match");
      item.dataset.list = m.list;
      item.dataset.referenceId = m.referenceId;
      item.dataset.signal = m.signal;
      const where = m.frameMicros === null || m.frameMicros === undefined ? "" : ` at ${(m.frameMicros / 1e6).toFixed(2)} s`;
      const how = m.signal.replace(/_/g, " ") + (m.model ? ` (${m.model})` : "") + where;
      item.append(
        element("span", "match-title", "MATCH"),
        element("span", "match-list", m.list),
        element("span", "match-reference", m.referenceId),
        element("span", "match-signal", how),
        element("span", "match-distance", distance(m))
      );
      item.title = `on list ${m.list}, entry ${m.referenceId}: ${how}, distance ${distance(m)} (threshold)`;
      return item;
    })
  );
}

// m:ss.s, as the contact sheet's time codes read.
function clock(micros) {
  const seconds = micros / 1e6;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${(seconds - minutes * 60).toFixed(1).padStart(4, "0")}`;
}

// A clip's scenes: its summary video with the scene cues as a text track, its contact sheet, and
// one line per scene with what was read, captioned and said during it.
function showScenes(view, upload) {
  const clip = upload.scenes;
  if (!clip) return;
  if (!view.scenes) {
    view.scenes = element("section", "scenes");
    view.scenesMedia = element("div", "scenes-media");
    view.sceneList = element("ol", "scene-list");
    view.scenes.append(element("h3", "", "Scenes"), view.scenesMedia, view.sceneList);
    view.node.append(view.scenes);
  }
  if (clip.summary && !view.summary) {
    view.summary = element("video", "scene-summary");
    view.summary.controls = true;
    view.summary.muted = true;
    view.summary.preload = "metadata";
    view.summary.src = clip.summary;
    view.scenesMedia.prepend(view.summary);
  }
  if (clip.summaryCues && view.summary && !view.summary.querySelector("track")) {
    const track = element("track");
    track.kind = "captions";
    track.label = "scenes";
    track.srclang = "und";
    track.src = clip.summaryCues;
    track.default = true;
    view.summary.append(track);
  }
  if (clip.contactSheet && !view.contactSheet) {
    const link = element("a", "contact-sheet-link");
    link.href = clip.contactSheet;
    link.target = "_blank";
    link.rel = "noopener";
    view.contactSheet = element("img", "contact-sheet");
    view.contactSheet.alt = `contact sheet of ${upload.eventId}`;
    view.contactSheet.src = clip.contactSheet;
    link.append(view.contactSheet);
    view.scenesMedia.append(link);
  }
  view.sceneList.replaceChildren(
    ...clip.list.map((scene) => {
      const item = element("li", "scene");
      item.dataset.index = scene.index;
      item.append(element("span", "scene-time", `${clock(scene.startMicros)}–${clock(scene.endMicros)}`));
      if (scene.ocrText) item.append(element("span", "scene-ocr", scene.ocrText.replace(/\n/g, " ")));
      if (scene.caption) item.append(element("span", "scene-caption", scene.caption));
      if (scene.labels.length) item.append(element("span", "scene-labels", scene.labels.join(", ")));
      if (scene.speech) {
        item.append(element("span", "scene-speech", scene.speech.length ? `“${scene.speech.join(" ")}”` : "(no speech)"));
      } else if (scene.soundTrack) {
        item.append(element("span", "scene-speech pending", "(speech: waiting for the transcript)"));
      }
      return item;
    })
  );
}

function showUpload(upload) {
  const view = card(upload);
  showMedia(view, upload);
  showOcrBoxes(view, upload);
  showSubtitles(view, upload);
  showMatches(view, upload);
  showScenes(view, upload);
  const after = upload.uploadedAt ? ` · on the wall ${millis(upload.seenAt - upload.uploadedAt)} after upload` : "";
  const size = upload.width ? ` ${upload.width}×${upload.height}` : "";
  view.meta.textContent = `${upload.kind} ${upload.format || ""}${size} · ${upload.eventId}${after}`;
  if (upload.caption) {
    view.caption.textContent = upload.caption.text || `(${upload.caption.model} returned no caption)`;
    view.caption.dataset.model = upload.caption.model;
  }
  view.labels.replaceChildren(
    ...(upload.labels || []).map((l) => element("li", "label", `${l.label} ${(l.score * 100).toFixed(0)}%`))
  );
  view.ocrText.textContent = upload.ocr ? upload.ocr.lines.map((l) => l.text).join("\n") : "";
  if (upload.transcript) {
    view.transcript.textContent = upload.transcript.text || `(no speech: ${upload.transcript.noSpeechReason || "none found"})`;
  }
}

// ---- live streams ----

const livePanel = document.getElementById("live-panel");
const liveStreams = document.getElementById("live");
const streamCards = new Map();

// One line of what a scene shows: its times, the text on its keyframe, its caption and labels.
function sceneNotes(scene) {
  const notes = [];
  if (scene.ocrText) notes.push(scene.ocrText.replace(/\n/g, " "));
  if (scene.caption) notes.push(scene.caption);
  if (scene.labels.length) notes.push(scene.labels.join(", "));
  return notes.join(" · ");
}

function keyframe(scene, className) {
  const img = element("img", className);
  img.src = scene.keyframe;
  img.alt = `scene ${scene.index} at ${clock(scene.startMicros)}`;
  return img;
}

// A live stream's card: the scene on screen now (its keyframe, since when, what it shows) and the
// scenes before it, newest first.
function showLive(stream) {
  livePanel.hidden = false;
  let view = streamCards.get(stream.streamId);
  if (!view) {
    view = { node: element("article", "stream"), now: element("div", "now"), recent: element("ol", "recent-scenes") };
    view.node.dataset.streamId = stream.streamId;
    view.node.append(element("h3", "", stream.streamId), view.now, view.recent);
    streamCards.set(stream.streamId, view);
    liveStreams.prepend(view.node);
  }
  if (stream.now) {
    const now = stream.now;
    view.now.dataset.index = now.index;
    view.now.replaceChildren(
      keyframe(now, "now-keyframe"),
      element("p", "now-title", `Now: scene ${now.index} since ${clock(now.startMicros)} (${now.frameCount} ${now.frameCount === 1 ? "frame" : "frames"}, to ${clock(now.endMicros)})`),
      element("p", "now-notes", sceneNotes(now))
    );
  } else {
    delete view.now.dataset.index;
    view.now.replaceChildren(element("p", "now-title idle", "No scene open: the stream is idle"));
  }
  view.recent.replaceChildren(
    ...stream.recent.map((scene) => {
      const item = element("li", "recent-scene");
      item.dataset.index = scene.index;
      item.append(
        keyframe(scene, "recent-keyframe"),
        element("span", "scene-time", `${clock(scene.startMicros)}–${clock(scene.endMicros)}`),
        element("span", "recent-notes", sceneNotes(scene))
      );
      return item;
    })
  );
}

// ---- dead-letters ----

const deadLetterRows = document.querySelector("#dead-letters tbody");
const stageFilter = document.getElementById("filter-stage");
const errorClassFilter = document.getElementById("filter-error-class");

function offerFilter(select, value) {
  if ([...select.options].some((o) => o.value === value)) return;
  select.append(new Option(value, value));
}

function applyFilters() {
  for (const row of deadLetterRows.rows) {
    row.hidden =
      (stageFilter.value && row.dataset.stage !== stageFilter.value) ||
      (errorClassFilter.value && row.dataset.errorClass !== errorClassFilter.value);
  }
}

// A reconnected page gets the recent dead-letters again; each is shown once.
const shownDeadLetters = new Set();

function showDeadLetter(deadLetter) {
  const key = `${deadLetter.stage}|${deadLetter.input}|${deadLetter.eventId}`;
  if (shownDeadLetters.has(key)) return;
  shownDeadLetters.add(key);
  const row = deadLetterRows.insertRow(0);
  row.className = "dead-letter";
  row.dataset.stage = deadLetter.stage;
  row.dataset.errorClass = deadLetter.errorClass;
  if (deadLetter.eventId) row.dataset.eventId = deadLetter.eventId;
  const when = deadLetter.failedAt ? new Date(deadLetter.failedAt).toLocaleTimeString() : "";
  for (const [text, className] of [
    [when, ""],
    [deadLetter.stage, "stage"],
    [deadLetter.errorClass, "error-class"],
    [deadLetter.eventId || "", "event"],
    [deadLetter.reason, "reason"],
    [deadLetter.input, "input"],
  ]) {
    row.append(element("td", className, text));
  }
  offerFilter(stageFilter, deadLetter.stage);
  offerFilter(errorClassFilter, deadLetter.errorClass);
  applyFilters();
}

stageFilter.addEventListener("change", applyFilters);
errorClassFilter.addEventListener("change", applyFilters);

// ---- stages ----

const stageRows = document.querySelector("#stages tbody");

function chart(samples) {
  const width = 160;
  const height = 28;
  const node = svg("svg", { class: "chart", viewBox: `0 0 ${width} ${height}` });
  if (samples.length < 2) return node;
  const top = Math.max(1, ...samples.map((s) => s.recordsPerSecond));
  const step = width / (samples.length - 1);
  const points = samples.map((s, i) => `${(i * step).toFixed(1)},${(height - 1 - (s.recordsPerSecond / top) * (height - 2)).toFixed(1)}`);
  node.append(svg("polyline", { points: points.join(" ") }));
  const title = svg("title");
  title.textContent = `records/s over the last ${samples.length} samples, highest ${top.toFixed(1)}`;
  node.append(title);
  return node;
}

function showStages(update) {
  const rows = update.stages.map((stage) => {
    const row = element("tr");
    row.dataset.stage = stage.stage;
    const last = stage.samples.length ? stage.samples[stage.samples.length - 1] : {};
    // Batch size and latency exist only for intervals with records: show the latest known of each
    // (a batch may be counted in the interval before its records' latencies).
    const latest = (field) => ([...stage.samples].reverse().find((s) => s[field] !== null) || {})[field];
    const status = stage.on
      ? `on (${stage.summary})${stage.application ? " · " + stage.application : ""}`
      : `off — ${stage.summary}`;
    row.append(
      element("td", "", stage.stage),
      element("td", stage.on ? "on" : "off", status),
      element("td", "number", number(last.recordsPerSecond, 1)),
      element("td", "number", number(latest("batchSize"), 1)),
      element("td", "number", number(last.lag, 0)),
      element("td", "number", millis(latest("p50Millis"))),
      element("td", "number", millis(latest("p99Millis")))
    );
    const cell = element("td");
    cell.append(chart(stage.samples));
    row.append(cell);
    return row;
  });
  stageRows.replaceChildren(...rows);
}

// ---- the event stream ----

const connection = document.getElementById("connection");
const events = new EventSource("events");
events.addEventListener("open", () => {
  connection.dataset.state = "open";
  connection.textContent = "live";
});
events.addEventListener("error", () => {
  connection.dataset.state = events.readyState === EventSource.CLOSED ? "closed" : "connecting";
  connection.textContent = "reconnecting…";
});
events.addEventListener("upload", (e) => showUpload(JSON.parse(e.data)));
events.addEventListener("live", (e) => showLive(JSON.parse(e.data)));
events.addEventListener("dead-letter", (e) => showDeadLetter(JSON.parse(e.data)));
events.addEventListener("stages", (e) => showStages(JSON.parse(e.data)));
