import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { call, csrfToken, Refused } from '/shared/api.js';
import { messages } from './messages.js';

const $ = (id) => document.getElementById(id);

const KEPT_EVENTS = 500;
const SHOWN_EVENTS = 200;
const MAX_HELD = 1000;
const LAG_HISTORY = 120;
const REFRESH_MS = 10000;
const COLOURS = ['#2f4f3f', '#e0a030', '#1f77b4', '#b00020', '#7b4fa0', '#4f8f3f', '#a0522d', '#3f7f9f', '#c06090', '#707070'];

let language = localStorage.getItem('sabai.language') || (navigator.language.startsWith('th') ? 'th' : 'en');
let me = { name: '', roles: [], mayReplay: false };
let streamState = 'connecting';
let events = [];
let held = [];
let droppedWhileHeld = 0;
let paused = false;
let metrics = null;
let stuck = null;
let deadLetters = null;
const lagHistory = { times: [], series: new Map() };
const charts = {};
let deadLetterRefresh = null;

function t(key, ...args) {
  const text = messages[language][key] ?? messages.en[key] ?? key;
  return text.replace(/\{(\d)\}/g, (_, i) => args[Number(i)]);
}

function showProblem(message) {
  $('problem').textContent = message;
  $('problem').hidden = !message;
}

/** Calls the API; a failure is shown with the problem's detail and every field error, then thrown. */
async function api(path, options = {}) {
  try {
    return (await call(path, options)).body;
  } catch (failure) {
    if (!(failure instanceof Refused)) throw failure;
    const lines = failure.lines(t('failed', failure.status));
    showProblem(lines.join('\n'));
    throw new Error(lines[0]);
  }
}

function cell(text, className) {
  const element = document.createElement('td');
  element.textContent = text ?? '';
  if (className) element.className = className;
  return element;
}

function option(value, label) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = label;
  return element;
}

function localTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString(language === 'th' ? 'th-TH' : 'en-GB');
}

function localDateTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(language === 'th' ? 'th-TH' : 'en-GB');
}

// ---- the live stream ----

function shortType(ceType) {
  if (!ceType) return '';
  const parts = ceType.split('.');
  return parts.length >= 3 ? parts[parts.length - 2] : ceType;
}

const KEYED_BY_BRANCH = new Set(['sabai.bookings', 'sabai.assignments', 'sabai.branches']);

function branchOf(event) {
  if (event.value && typeof event.value === 'object' && typeof event.value.branchId === 'string') return event.value.branchId;
  return KEYED_BY_BRANCH.has(event.topic.replace(/-dlt$/, '')) ? event.key : null;
}

function bookingOf(event) {
  if (event.value && typeof event.value === 'object' && typeof event.value.bookingId === 'string') return event.value.bookingId;
  if (event.topic.startsWith('sabai.bookings')) return event.ce_subject ?? null;
  return event.topic.startsWith('sabai.notifications') ? event.key : null;
}

function matches(event) {
  const branch = $('filter-branch').value;
  const type = $('filter-type').value.trim().toLowerCase();
  const booking = $('filter-booking').value.trim();
  if (branch && event.branch !== branch) return false;
  if (type && !(event.ce_type ?? '').toLowerCase().includes(type)) return false;
  return !booking || (event.booking ?? '').includes(booking) || (event.ce_subject ?? '').includes(booking);
}

function eventRow(event) {
  const row = document.createElement('tr');
  row.dataset.topic = event.topic;
  row.dataset.type = shortType(event.ce_type);
  if (event.booking) row.dataset.bookingId = event.booking;
  if (event.ce_id) row.dataset.ceId = event.ce_id;
  if (event.topic.endsWith('-dlt')) row.className = 'dead';
  row.append(cell(localTime(event.ce_time)), cell(event.topic), cell(shortType(event.ce_type) || event.error),
    cell(event.branch), cell(event.booking));
  const content = document.createElement('td');
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = t('show');
  const pre = document.createElement('pre');
  pre.textContent = JSON.stringify(event.value, null, 2);
  details.append(summary, pre);
  content.append(details);
  row.append(content);
  return row;
}

function renderEvents() {
  const shown = [];
  for (let i = events.length - 1; i >= 0 && shown.length < SHOWN_EVENTS; i--) {
    if (matches(events[i])) shown.push(eventRow(events[i]));
  }
  $('events').tBodies[0].replaceChildren(...shown);
  showNoEvents(shown.length);
}

function showNoEvents(count) {
  $('no-events').hidden = count > 0;
  $('no-events').textContent = events.length === 0 ? t('noEvents') : t('noMatches');
}

function keep(event) {
  events.push(event);
  if (events.length > KEPT_EVENTS) events.splice(0, events.length - KEPT_EVENTS);
  rememberType(event.ce_type);
  if (!matches(event)) return;
  const body = $('events').tBodies[0];
  body.prepend(eventRow(event));
  while (body.rows.length > SHOWN_EVENTS) body.deleteRow(body.rows.length - 1);
  showNoEvents(body.rows.length);
}

const knownTypes = new Set();

function rememberType(ceType) {
  if (!ceType || knownTypes.has(ceType)) return;
  knownTypes.add(ceType);
  $('event-types').append(option(ceType, shortType(ceType)));
}

function received(message) {
  const event = JSON.parse(message.data);
  // A record without ce_time (a hand-made or poison record) shows when it arrived.
  event.ce_time = event.ce_time ?? new Date().toISOString();
  event.branch = branchOf(event);
  event.booking = bookingOf(event);
  if (event.topic.endsWith('-dlt')) scheduleDeadLetterRefresh();
  if (paused) {
    held.push(event);
    if (held.length > MAX_HELD) {
      droppedWhileHeld += held.length - MAX_HELD;
      held.splice(0, held.length - MAX_HELD);
    }
    showHeld();
    return;
  }
  keep(event);
}

function showHeld() {
  const pause = $('pause');
  pause.setAttribute('aria-pressed', String(paused));
  pause.textContent = paused ? (held.length ? t('resumeHeld', held.length) : t('resume')) : t('pause');
  $('held').hidden = !paused;
  $('held').textContent = droppedWhileHeld ? t('heldDropped', held.length, droppedWhileHeld) : t('held', held.length);
  $('held').dataset.count = String(held.length);
}

function togglePause() {
  paused = !paused;
  if (!paused) {
    for (const event of held) {
      events.push(event);
      rememberType(event.ce_type);
    }
    if (events.length > KEPT_EVENTS) events.splice(0, events.length - KEPT_EVENTS);
    held = [];
    droppedWhileHeld = 0;
    renderEvents();
  }
  showHeld();
}

function setStreamState(state) {
  streamState = state;
  $('stream-state').dataset.state = state;
  $('stream-state').textContent = t(state);
}

function openStream() {
  const source = new EventSource('/api/ops/events');
  source.addEventListener('ready', () => setStreamState('live'));
  source.addEventListener('message', received);
  source.addEventListener('error', () => {
    setStreamState('dropped');
    if (source.readyState === EventSource.CLOSED) {
      // The browser gives up on an answer that is not a stream (a refusal, a signed-out session): ask again later.
      setTimeout(() => api('/api/ops/me').then(openStream).catch(() => setTimeout(openStream, 5000)), 3000);
    }
  });
}

// ---- charts ----

/** The chart fills its figure; the figure's width, not the chart's own, follows the window. */
function chartWidth(element) {
  return Math.max(240, (element.parentElement.clientWidth || 300) - 4);
}

/** Draws a chart, made anew when its series change, otherwise only given new data. */
function draw(id, labels, data) {
  const element = $(id);
  const signature = labels.join('\u0000');
  const existing = charts[id];
  if (existing && existing.signature === signature) {
    existing.chart.setData(data);
    return;
  }
  if (existing) existing.chart.destroy();
  const options = {
    width: chartWidth(element),
    height: 220,
    series: [{}, ...labels.map((label, i) => ({ label, stroke: COLOURS[i % COLOURS.length], width: 2, points: { show: false } }))],
    axes: [{}, { size: 50 }],
    scales: { y: { range: (u, min, max) => [0, Math.max(1, max)] } },
    legend: { live: false },
  };
  charts[id] = { signature, chart: new uPlot(options, data, element) };
}

function drawTopics() {
  if (!metrics) return;
  const { minutes, topics } = metrics.rates;
  const names = Object.keys(topics);
  draw('chart-topics', names, [minutes, ...names.map((name) => topics[name])]);
}

function drawBranches() {
  if (!metrics) return;
  const { minutes, branches } = metrics.rates;
  const chosen = $('chart-branch').value;
  const sum = (kind) => minutes.map((_, i) => Object.entries(branches)
    .filter(([id]) => !chosen || id === chosen)
    .reduce((total, [, series]) => total + series[kind][i], 0));
  draw('chart-branches', [t('requested'), t('confirmed'), t('rejected')],
    [minutes, sum('requested'), sum('confirmed'), sum('rejected')]);
}

function drawLag() {
  const names = [...lagHistory.series.keys()];
  // One reading has no width in time: the chart starts with the second.
  if (lagHistory.times.length < 2) return;
  draw('chart-lag', names, [lagHistory.times, ...names.map((name) => lagHistory.series.get(name))]);
}

function recordLag(lag) {
  const now = Math.floor(Date.now() / 1000);
  lagHistory.times.push(now);
  const seen = new Set();
  for (const entry of lag) {
    const name = `${entry.group} · ${entry.topic}`;
    seen.add(name);
    if (!lagHistory.series.has(name)) lagHistory.series.set(name, lagHistory.times.slice(0, -1).map(() => null));
    lagHistory.series.get(name).push(entry.lag);
  }
  for (const [name, series] of lagHistory.series) {
    if (!seen.has(name)) series.push(null);
  }
  if (lagHistory.times.length > LAG_HISTORY) {
    lagHistory.times.shift();
    for (const series of lagHistory.series.values()) series.shift();
  }
}

function renderLag() {
  if (!metrics) return;
  const rows = metrics.lag.map((entry) => {
    const row = document.createElement('tr');
    row.dataset.group = entry.group;
    row.append(cell(entry.group), cell(entry.topic), cell(String(entry.lag), 'number'), cell(String(entry.partitions), 'number'));
    return row;
  });
  if (!rows.length) {
    const row = document.createElement('tr');
    const empty = cell(t('noLag'));
    empty.colSpan = 4;
    row.append(empty);
    rows.push(row);
  }
  $('lag').tBodies[0].replaceChildren(...rows);
}

function fillChartBranches() {
  if (!metrics) return;
  const select = $('chart-branch');
  const have = new Set([...select.options].map((o) => o.value));
  for (const id of Object.keys(metrics.rates.branches)) {
    if (!have.has(id)) select.append(option(id, id));
  }
}

async function loadMetrics() {
  metrics = await api('/api/ops/metrics');
  recordLag(metrics.lag);
  fillChartBranches();
  renderLag();
  drawTopics();
  drawBranches();
  drawLag();
}

// ---- stuck requests ----

function renderStuck() {
  if (!stuck) return;
  $('stuck-note').textContent = t('stuckNote', stuck.afterSeconds);
  const rows = stuck.items.map((request) => {
    const row = document.createElement('tr');
    row.dataset.bookingId = request.bookingId;
    row.append(cell(request.bookingId), cell(request.branchId), cell(localDateTime(request.requestedAt)),
      cell(t('seconds', request.ageSeconds), 'number'));
    return row;
  });
  $('stuck').tBodies[0].replaceChildren(...rows);
  $('no-stuck').hidden = rows.length > 0;
}

async function loadStuck() {
  stuck = await api('/api/ops/stuck-requests');
  renderStuck();
}

// ---- dead letters ----

function renderDeadLetters() {
  if (!deadLetters) return;
  $('dead-note').textContent = t(me.mayReplay ? 'deadNote' : 'deadNoteReadOnly', deadLetters.perPartition);
  const rows = deadLetters.items.map((letter) => {
    const row = document.createElement('tr');
    const where = `${letter.topic}/${letter.partition}/${letter.offset}`;
    row.dataset.ceId = letter.ceId ?? '';
    row.dataset.where = where;
    const original = letter.originalTopic
      ? `${letter.originalTopic}/${letter.originalPartition ?? '?'}/${letter.originalOffset ?? '?'}`
        + (letter.consumerGroup ? ` (${letter.consumerGroup})` : '') : '';
    const reason = [letter.exceptionMessage, letter.exceptionClass ? `(${letter.exceptionClass})` : ''].filter(Boolean).join(' ');
    row.append(cell(localDateTime(letter.timestamp)), cell(where), cell(original),
      cell(`${shortType(letter.ceType)}${letter.ceId ? ` · ${letter.ceId}` : ''}`), cell(letter.key), cell(reason, 'reason'));
    const action = document.createElement('td');
    if (me.mayReplay) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'replay';
      button.textContent = t('replay');
      button.setAttribute('aria-label', t('replayLabel', where, letter.originalTopic ?? letter.topic.replace(/-dlt$/, '')));
      button.addEventListener('click', () => replay(letter, button).catch(() => {}));
      action.append(button);
    }
    row.append(action);
    return row;
  });
  $('dead-letters').tBodies[0].replaceChildren(...rows);
  $('no-dead').hidden = rows.length > 0;
}

async function loadDeadLetters() {
  deadLetters = await api('/api/ops/dead-letters');
  renderDeadLetters();
}

function scheduleDeadLetterRefresh() {
  if (deadLetterRefresh) return;
  deadLetterRefresh = setTimeout(() => {
    deadLetterRefresh = null;
    loadDeadLetters().catch(() => {});
  }, 2000);
}

async function replay(letter, button) {
  showProblem('');
  button.disabled = true;
  try {
    const path = `/api/ops/dead-letters/${encodeURIComponent(letter.topic)}/${letter.partition}/${letter.offset}/replay`;
    const result = await api(path, { method: 'POST' });
    const shown = $('replay-result');
    shown.textContent = t('replayed', result.replayedFrom, result.topic, result.partition, result.offset);
    shown.dataset.ceId = result.ceId ?? '';
    shown.dataset.topic = result.topic;
    shown.hidden = false;
  } finally {
    button.disabled = false;
  }
}

// ---- the page ----

function applyLanguage() {
  document.documentElement.lang = language;
  $('language').value = language;
  for (const element of document.querySelectorAll('[data-text]')) {
    element.textContent = t(element.dataset.text);
  }
  if (me.name) $('who').textContent = t('signedInAs', me.name, me.roles.join(', '));
  setStreamState(streamState);
  showHeld();
  renderEvents();
  renderStuck();
  renderDeadLetters();
  if (metrics) {
    renderLag();
    drawBranches();
  }
}

async function loadBranches() {
  const branches = await api('/api/branches');
  $('filter-branch').append(...branches.map((branch) => option(branch.id, branch.name)));
  const chart = $('chart-branch');
  chart.append(...branches.map((branch) => option(branch.id, branch.name)));
}

const shown = (promise) => promise.catch(() => {});

function refreshReadings() {
  shown(loadMetrics());
  shown(loadStuck());
}

document.addEventListener('DOMContentLoaded', () => {
  $('language').addEventListener('change', () => {
    language = $('language').value;
    localStorage.setItem('sabai.language', language);
    applyLanguage();
  });
  for (const id of ['filter-branch', 'filter-type', 'filter-booking']) {
    $(id).addEventListener('input', renderEvents);
    $(id).addEventListener('change', renderEvents);
  }
  $('filters').addEventListener('submit', (event) => event.preventDefault());
  $('pause').addEventListener('click', togglePause);
  $('clear').addEventListener('click', () => {
    events = [];
    renderEvents();
  });
  $('chart-branch').addEventListener('change', drawBranches);
  $('refresh-dead').addEventListener('click', () => shown(loadDeadLetters()));
  $('sign-out').addEventListener('submit', () => { $('sign-out-csrf').value = csrfToken(); });
  window.addEventListener('resize', () => {
    for (const [id, { chart }] of Object.entries(charts)) chart.setSize({ width: chartWidth($(id)), height: 220 });
  });
  applyLanguage();
  shown(api('/api/ops/me').then((caller) => {
    me = caller;
    applyLanguage();
    openStream();
    return Promise.all([loadBranches(), loadDeadLetters()]);
  }).then(applyLanguage));
  refreshReadings();
  setInterval(refreshReadings, REFRESH_MS);
});
