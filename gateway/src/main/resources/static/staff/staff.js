import { call, csrfToken, Refused } from '/shared/api.js';
import { messages } from './messages.js';

const $ = (id) => document.getElementById(id);
const RELOAD_DELAY_MS = 600;
const KINDS = ['therapist', 'room', 'equipment'];

let language = localStorage.getItem('sabai.language') || (navigator.language.startsWith('th') ? 'th' : 'en');
let me = null;
let branches = [];
let board = null;
let calendar = null;
let selected = null;
let source = null;
let reloadTimer = null;
let loadSequence = 0;

function t(key, ...args) {
  const text = messages[language][key] ?? messages.en[key] ?? key;
  return text.replace(/\{(\d)\}/g, (_, i) => args[Number(i)] ?? '');
}

function showProblem(message) {
  $('problem').textContent = message;
  $('problem').hidden = !message;
}

/**
 * Calls the API. A failure is shown with the problem's detail and every field error, then thrown; statuses in
 * {@code expected} (a refusal the page explains itself) are answered like a success.
 */
async function api(path, options = {}, expected = []) {
  try {
    return await call(path, options, expected);
  } catch (failure) {
    if (!(failure instanceof Refused)) throw failure;
    const lines = failure.lines(t('failed', failure.status));
    showProblem(lines.join('\n'));
    throw new Error(lines[0]);
  }
}

function element(tag, text, className) {
  const made = document.createElement(tag);
  if (text !== undefined) made.textContent = text;
  if (className) made.className = className;
  return made;
}

function option(value, label) {
  const made = element('option', label);
  made.value = value;
  return made;
}

// ---------------------------------------------------------------- time in the branch's zone

const wallFormats = new Map();

/** An instant as the wall-clock time of the zone, 'YYYY-MM-DDTHH:MM:SS', which the calendar shows as it is. */
function wall(instant, zone) {
  if (!wallFormats.has(zone)) {
    wallFormats.set(zone, new Intl.DateTimeFormat('en-CA', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    }));
  }
  const parts = Object.fromEntries(wallFormats.get(zone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

const hhmm = (wallTime) => wallTime.substring(11, 16);

function addDays(date, days) {
  const [year, month, day] = date.split('-').map(Number);
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return moved.toISOString().substring(0, 10);
}

function clip(from, to, date) {
  const dayStart = `${date}T00:00:00`;
  const dayEnd = `${addDays(date, 1)}T00:00:00`;
  const start = from < dayStart ? dayStart : from;
  const end = to > dayEnd ? dayEnd : to;
  return start < end ? { start, end } : null;
}

/** The local time 'HH:MM[:SS]' as minutes into the day. */
function minutes(time) {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** A local time from the API ('HH:MM' or 'HH:MM:SS') with its seconds. */
const hms = (time) => (time.length === 5 ? `${time}:00` : time.substring(0, 8));

const asTime = (total) => `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}:00`;

// ---------------------------------------------------------------- the board as a resource timeline

const resourceId = (kind, id) => `${kind}:${id}`;

function rowsOf(kind) {
  if (!board) return [];
  return { therapist: board.therapists, room: board.rooms, equipment: board.equipment }[kind] ?? [];
}

function resources() {
  const groups = { therapist: 'therapists', room: 'rooms', equipment: 'equipment' };
  return KINDS.filter((kind) => rowsOf(kind).length > 0).map((kind) => ({
    id: `group:${kind}`,
    title: t(groups[kind]),
    extendedProps: { kind: 'group' },
    children: rowsOf(kind).map((row) => ({
      id: resourceId(kind, row.id),
      title: row.name,
      extendedProps: { kind, id: row.id },
    })),
  }));
}

/** The hours the timeline shows: opening hours, shifts and sessions, widened to whole hours. */
function visibleHours() {
  const starts = [];
  const ends = [];
  if (board.openingHours) {
    starts.push(minutes(board.openingHours.opens));
    ends.push(minutes(board.openingHours.closes));
  }
  for (const row of board.therapists) {
    if (row.shift) {
      starts.push(minutes(row.shift.start));
      ends.push(minutes(row.shift.end));
    }
  }
  for (const kind of KINDS) {
    for (const row of rowsOf(kind)) {
      for (const session of row.sessions) {
        const span = clip(wall(session.blockedFrom, board.zone), wall(session.blockedUntil, board.zone), board.date);
        if (span) {
          starts.push(minutes(span.start.substring(11)));
          ends.push(span.end.startsWith(board.date) ? minutes(span.end.substring(11)) : 24 * 60);
        }
      }
    }
  }
  const first = starts.length ? Math.min(...starts) : 8 * 60;
  const last = ends.length ? Math.max(...ends) : 20 * 60;
  return { min: asTime(Math.floor(first / 60) * 60), max: asTime(Math.min(24 * 60, Math.ceil(last / 60) * 60)) };
}

function sessionEvents() {
  const events = [];
  for (const kind of KINDS) {
    for (const row of rowsOf(kind)) {
      for (const session of row.sessions) {
        const span = clip(wall(session.blockedFrom, board.zone), wall(session.blockedUntil, board.zone), board.date);
        if (!span) continue;
        const here = session.branchId === board.branchId;
        const movable = kind === 'therapist' && here;
        events.push({
          id: `${resourceId(kind, row.id)}|${session.bookingId}`,
          resourceIds: [resourceId(kind, row.id)],
          start: span.start,
          end: span.end,
          title: sessionTitle(session),
          editable: movable,
          startEditable: movable,
          durationEditable: false,
          classNames: ['session', `on-${kind}`, ...(here ? [] : ['elsewhere']),
            ...(selected === session.bookingId ? ['selected'] : [])],
          extendedProps: { kind, rowId: row.id, session },
        });
      }
    }
  }
  return events;
}

function sessionTitle(session) {
  const technique = session.technique ? t(session.technique) : '';
  return [session.customerFirstName, technique].filter(Boolean).join(' · ') || session.bookingId;
}

/** Closed hours and time off shift, absences: shaded behind the sessions. */
function backgroundEvents() {
  const date = board.date;
  const dayStart = `${date}T00:00:00`;
  const dayEnd = `${addDays(date, 1)}T00:00:00`;
  const events = [];
  const shade = (id, resourceIds, start, end, className, title = '') => {
    if (resourceIds.length && start < end) {
      events.push({ id, resourceIds, start, end, title, display: 'background', classNames: [className] });
    }
  };
  const premises = [...board.rooms.map((r) => resourceId('room', r.id)), ...board.equipment.map((u) => resourceId('equipment', u.id))];
  if (board.openingHours) {
    shade('closed-before', premises, dayStart, `${date}T${hms(board.openingHours.opens)}`, 'closed');
    shade('closed-after', premises, `${date}T${hms(board.openingHours.closes)}`, dayEnd, 'closed');
  } else {
    shade('closed', premises, dayStart, dayEnd, 'closed', t('closed'));
  }
  for (const row of board.therapists) {
    const id = resourceId('therapist', row.id);
    if (row.shift) {
      shade(`off-before-${row.id}`, [id], dayStart, `${date}T${hms(row.shift.start)}`, 'closed');
      shade(`off-after-${row.id}`, [id], `${date}T${hms(row.shift.end)}`, dayEnd, 'closed');
    } else {
      shade(`off-${row.id}`, [id], dayStart, dayEnd, 'closed', t('offShift'));
    }
    for (const absence of row.absences) {
      const span = clip(wall(absence.from, board.zone), wall(absence.to, board.zone), date);
      if (span) shade(`absence-${absence.absenceId}`, [id], span.start, span.end, 'absence', t('absent', t(absence.reason)));
    }
  }
  return events;
}

/** A session drawn as travel before, the treatment, and the changeover or travel after, each as long as it lasts. */
function sessionContent(info) {
  const { session } = info.event.extendedProps;
  if (!session) return undefined;
  const zone = board.zone;
  const blockedFrom = Date.parse(session.blockedFrom);
  const start = Date.parse(session.start);
  const end = Date.parse(session.end);
  const blockedUntil = Date.parse(session.blockedUntil);
  const parts = [];
  if (start > blockedFrom) parts.push(part('before', start - blockedFrom));
  const treatment = part('treatment', end - start);
  treatment.append(element('span', `${hhmm(wall(session.start, zone))}–${hhmm(wall(session.end, zone))}`, 'session-time'),
    element('span', ` ${sessionTitle(session)}`, 'session-title'));
  parts.push(treatment);
  if (blockedUntil > end) parts.push(part('changeover', blockedUntil - end));
  const body = element('div', undefined, 'session-parts');
  body.append(...parts);
  return { domNodes: [body] };
}

function part(kind, milliseconds) {
  const made = element('span', undefined, `session-part ${kind}`);
  // A CSSOM property, which the content security policy allows (unlike a style attribute).
  made.style.flexGrow = String(Math.max(1, Math.round(milliseconds / 60000)));
  return made;
}

function drawBoard() {
  const hours = visibleHours();
  const options = {
    date: board.date,
    slotMinTime: hours.min,
    slotMaxTime: hours.max,
    resources: resources(),
    events: [...backgroundEvents(), ...sessionEvents()],
    locale: language === 'th' ? 'th-TH' : 'en-GB',
  };
  if (!calendar) {
    calendar = EventCalendar.create($('board'), {
      view: 'resourceTimelineDay',
      headerToolbar: { start: '', center: '', end: '' },
      // Every time given to the calendar is already the branch's wall-clock time; UTC keeps it as it is.
      timeZone: 'UTC',
      slotDuration: '00:30',
      slotWidth: 48,
      snapDuration: '00:15',
      editable: true,
      eventStartEditable: true,
      eventDurationEditable: false,
      eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
      slotLabelFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
      dragConstraint: (info) => !info.newResource || info.newResource.extendedProps?.kind === 'therapist',
      eventDrop: (info) => { dropped(info).catch(() => {}); },
      eventClick: (info) => {
        const session = info.event.extendedProps.session;
        if (session) select(session.bookingId);
      },
      eventContent: sessionContent,
      eventDidMount: (info) => {
        const { session, kind, rowId } = info.event.extendedProps;
        if (session) {
          info.el.dataset.bookingId = session.bookingId;
          info.el.dataset.resourceId = resourceId(kind, rowId);
        }
      },
      resourceLabelDidMount: (info) => {
        info.el.dataset.resourceId = info.resource.id;
      },
      ...options,
    });
  } else {
    for (const [name, value] of Object.entries(options)) calendar.setOption(name, value);
  }
  $('board-title').textContent = `${board.branchName} · ${new Intl.DateTimeFormat(options.locale, {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC',
  }).format(new Date(`${board.date}T00:00:00Z`))}`;
  $('board').dataset.loaded = 'true';
  $('board').dataset.date = board.date;
  $('board').dataset.branch = board.branchId;
  $('board').dataset.sessions = String(board.totals.sessions);
}

async function loadBoard() {
  const branchId = $('branch').value;
  const date = $('date').value;
  if (!branchId || !date) return;
  const sequence = ++loadSequence;
  const { body } = await api(`/api/branches/${encodeURIComponent(branchId)}/board?date=${encodeURIComponent(date)}`);
  if (sequence !== loadSequence) return;
  board = body;
  drawBoard();
  fillTherapists();
  if (selected) showDetails(selected);
}

function scheduleReload(delay = RELOAD_DELAY_MS) {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => {
    loadBoard().catch(() => {});
    loadAttention().catch(() => {});
  }, delay);
}

// ---------------------------------------------------------------- moving a session to another therapist

function showResult(outcome, text) {
  $('result').dataset.outcome = outcome;
  $('result').textContent = text;
  $('result').hidden = !text;
}

async function dropped(info) {
  const target = info.newResource?.extendedProps;
  if (!target) {
    info.revert();
    showResult('refused', t('onlyReassign'));
    return;
  }
  if (target.kind !== 'therapist') {
    info.revert();
    showResult('refused', t('onlyTherapists'));
    return;
  }
  await reassign(info.event.extendedProps.session.bookingId, target.id, () => info.revert());
}

function therapistName(id) {
  return board?.therapists.find((row) => row.id === id)?.name ?? id;
}

async function reassign(bookingId, therapistId, undo) {
  showProblem('');
  showResult('moving', t('moving', bookingLabel(bookingId), therapistId ? therapistName(therapistId) : t('bestOther')));
  let answer;
  try {
    answer = await api(`/api/branches/${encodeURIComponent(board.branchId)}/bookings/${encodeURIComponent(bookingId)}/reassignment`, {
      method: 'POST',
      body: { therapistId: therapistId || null, reason: $('reason').value.trim() || t('defaultReason') },
    }, [409]);
  } catch (failure) {
    undo?.();
    showResult('', '');
    throw failure;
  }
  if (answer.status === 409) {
    undo?.();
    const problem = answer.body ?? {};
    showResult('refused', problem.rule ? t('refusedRule', problem.rule, problem.detail) : t('refused', problem.detail ?? problem.title));
    return;
  }
  const { changed, assignment } = answer.body;
  const to = assignment.therapist?.name ?? therapistName(therapistId);
  showResult(changed ? 'moved' : 'unchanged', changed ? t('moved', to, assignment.explanation?.summary ?? '') : t('unchanged', to));
  selected = bookingId;
  scheduleReload(0);
}

function bookingLabel(bookingId) {
  const session = findSession(bookingId);
  return session ? `${hhmm(wall(session.start, board.zone))} ${sessionTitle(session)}` : bookingId;
}

// ---------------------------------------------------------------- the selected session

function findSession(bookingId) {
  for (const kind of KINDS) {
    for (const row of rowsOf(kind)) {
      const session = row.sessions.find((s) => s.bookingId === bookingId);
      if (session) return session;
    }
  }
  return null;
}

function select(bookingId) {
  selected = bookingId;
  calendar?.setOption('events', [...backgroundEvents(), ...sessionEvents()]);
  showDetails(bookingId).catch(() => {});
}

async function showDetails(bookingId) {
  const session = findSession(bookingId);
  $('details').hidden = !session;
  $('no-selection').hidden = Boolean(session);
  if (!session) {
    selected = null;
    return;
  }
  $('details').dataset.bookingId = bookingId;
  const room = session.roomId ? board.rooms.find((r) => r.id === session.roomId)?.name ?? session.roomId : t('noRoom');
  const facts = {
    customer: session.customerFirstName ?? '',
    treatment: session.technique ? t(session.technique) : '',
    time: `${hhmm(wall(session.start, board.zone))}–${hhmm(wall(session.end, board.zone))}`,
    therapist: session.therapistId ? therapistName(session.therapistId) : '',
    room,
    status: '',
  };
  renderFacts(facts);
  fillMoveTo(session);
  if (session.branchId !== board.branchId) return;
  const { body } = await api(`/api/bookings/${encodeURIComponent(bookingId)}`);
  if (selected !== bookingId) return;
  facts.customer = body.customer?.name ?? facts.customer;
  facts.status = t(body.status);
  $('details').dataset.status = body.status;
  renderFacts(facts);
}

function renderFacts(facts) {
  const entries = Object.entries(facts).flatMap(([key, value]) => {
    const term = element('dt', t(key));
    const definition = element('dd', value);
    definition.id = `detail-${key}`;
    return [term, definition];
  });
  $('details-list').replaceChildren(...entries);
}

function fillMoveTo(session) {
  const others = board.therapists.filter((row) => row.id !== session.therapistId);
  $('move-to').replaceChildren(option('', t('bestOther')), ...others.map((row) => option(row.id, row.name)));
}

async function markAs(kind) {
  if (!selected) return;
  showProblem('');
  const path = kind === 'completed' ? 'completion' : 'no-show';
  const { body } = await api(`/api/branches/${encodeURIComponent(board.branchId)}/bookings/${encodeURIComponent(selected)}/${path}`, {
    method: 'POST',
    headers: { 'Idempotency-Key': crypto.randomUUID() },
  });
  showResult('status', t('nowStatus', t(body.status)));
  scheduleReload(0);
}

// ---------------------------------------------------------------- attention list and absences

async function loadAttention() {
  const branchId = $('branch').value;
  if (!branchId) return;
  const { body } = await api(`/api/branches/${encodeURIComponent(branchId)}/attention`);
  const items = body.map((item) => {
    const li = element('li');
    li.dataset.bookingId = item.bookingId;
    const when = item.startLocal.replace('T', ' ').substring(0, 16);
    const lost = item.lostTherapist?.name ? ` (${t('lostTherapist', item.lostTherapist.name)})` : '';
    li.append(element('strong', `${when} · ${t(item.technique)}`), element('span', ` · ${item.customer?.name ?? ''}${lost}`),
      element('p', item.reason ?? '', 'reason'));
    return li;
  });
  $('attention').replaceChildren(...items);
  $('no-attention').hidden = items.length > 0;
}

function fillTherapists() {
  const chosen = $('absence-therapist').value;
  const home = board.therapists;
  $('absence-therapist').replaceChildren(...home.map((row) => option(row.id, row.name)));
  if (home.some((row) => row.id === chosen)) $('absence-therapist').value = chosen;
  if (!$('absence-from').value || !$('absence-from').value.startsWith(board.date)) {
    $('absence-from').value = `${board.date}T${board.openingHours?.opens?.substring(0, 5) ?? '09:00'}`;
    $('absence-to').value = `${board.date}T${board.openingHours?.closes?.substring(0, 5) ?? '18:00'}`;
  }
}

async function recordAbsence(event) {
  event.preventDefault();
  showProblem('');
  $('record-absence').disabled = true;
  try {
    const therapistId = $('absence-therapist').value;
    const { body } = await api(`/api/branches/${encodeURIComponent(board.branchId)}/therapists/${encodeURIComponent(therapistId)}/absences`, {
      method: 'POST',
      headers: { 'Idempotency-Key': crypto.randomUUID() },
      body: {
        from: $('absence-from').value,
        to: $('absence-to').value,
        reason: $('absence-reason').value,
        note: $('absence-note').value.trim() || null,
      },
    });
    showReplan(body);
    scheduleReload(0);
  } finally {
    $('record-absence').disabled = false;
  }
}

function showReplan(absence) {
  const when = (local) => local.replace('T', ' ').substring(0, 16);
  $('replan').dataset.absenceId = absence.absenceId;
  $('replan-summary').textContent = t('replanSummary', absence.therapistName, when(absence.fromLocal), when(absence.toLocal),
    absence.summary.affected, absence.summary.moved, absence.summary.needingAttention);
  $('replan-list').replaceChildren(...absence.bookings.map((outcome) => {
    const li = element('li');
    li.dataset.bookingId = outcome.bookingId;
    li.dataset.result = outcome.result;
    const time = hhmm(wall(outcome.start, absence.zone));
    li.textContent = outcome.result === 'MOVED'
      ? t('replanMoved', time, t(outcome.technique), outcome.customerFirstName ?? '', outcome.therapistName, outcome.why ?? '')
      : t('replanFlagged', time, t(outcome.technique), outcome.customerFirstName ?? '', outcome.why ?? '');
    return li;
  }));
  $('replan').hidden = false;
}

// ---------------------------------------------------------------- live updates

function setLive(state) {
  $('live').dataset.state = state;
  $('live').textContent = t(state === 'live' ? 'live' : state);
}

/** Whether an event's times touch the day on the board; one without times (a course, say) might. */
function concernsDay(value) {
  if (!board || !value) return false;
  const date = board.date;
  if (value.from && value.to) {
    return Boolean(clip(wall(value.from, board.zone), wall(value.to, board.zone), date));
  }
  const times = [value.start, value.end].filter(Boolean);
  return times.length === 0 || times.some((time) => wall(time, board.zone).startsWith(date));
}

function follow(branchId) {
  source?.close();
  setLive('connecting');
  source = new EventSource(`/api/branches/${encodeURIComponent(branchId)}/events`);
  source.addEventListener('ready', () => setLive('live'));
  source.addEventListener('message', (message) => {
    const record = JSON.parse(message.data);
    if (concernsDay(record.value)) scheduleReload();
  });
  source.addEventListener('error', () => setLive('reconnecting'));
}

// ---------------------------------------------------------------- the page

function applyLanguage() {
  document.documentElement.lang = language;
  $('language').value = language;
  for (const node of document.querySelectorAll('[data-text]')) {
    node.textContent = t(node.dataset.text);
  }
  $('reason').placeholder = t('defaultReason');
  setLive($('live').dataset.state);
  if (board) {
    drawBoard();
    if (selected) showDetails(selected).catch(() => {});
  }
}

function todayIn(zone) {
  return wall(new Date().toISOString(), zone).substring(0, 10);
}

function chooseBranch() {
  const branch = branches.find((b) => b.id === $('branch').value);
  if (!branch) return;
  localStorage.setItem('sabai.staff.branch', branch.id);
  if (!$('date').value) $('date').value = todayIn(branch.zone ?? 'UTC');
  selected = null;
  follow(branch.id);
  loadBoard().catch(() => {});
  loadAttention().catch(() => {});
}

function moveDate(days) {
  $('date').value = days === 0
    ? todayIn(branches.find((b) => b.id === $('branch').value)?.zone ?? 'UTC')
    : addDays($('date').value, days);
  loadBoard().catch(() => {});
}

async function start() {
  const [{ body: caller }, { body: all }] = await Promise.all([api('/api/staff/me'), api('/api/branches')]);
  me = caller;
  $('who').textContent = me.name ?? '';
  branches = me.everyBranch ? all : me.branches.map((id) => all.find((b) => b.id === id) ?? { id, name: id });
  if (branches.length === 0) {
    $('not-staff').hidden = false;
    $('day').hidden = true;
    document.querySelector('.layout').hidden = true;
    return;
  }
  $('branch').replaceChildren(...branches.map((b) => option(b.id, b.name)));
  const remembered = localStorage.getItem('sabai.staff.branch');
  if (branches.some((b) => b.id === remembered)) $('branch').value = remembered;
  const requested = new URLSearchParams(window.location.search);
  if (branches.some((b) => b.id === requested.get('branch'))) $('branch').value = requested.get('branch');
  if (/^\d{4}-\d{2}-\d{2}$/.test(requested.get('date') ?? '')) $('date').value = requested.get('date');
  chooseBranch();
}

// A failed call has already been shown to the person; the rejection needs no second report in the console.
const shown = (handler) => (event) => handler(event).catch(() => {});

document.addEventListener('DOMContentLoaded', () => {
  applyLanguage();
  $('language').addEventListener('change', () => {
    language = $('language').value;
    localStorage.setItem('sabai.language', language);
    applyLanguage();
  });
  $('branch').addEventListener('change', chooseBranch);
  $('date').addEventListener('change', () => loadBoard().catch(() => {}));
  $('day').addEventListener('submit', (event) => event.preventDefault());
  $('previous-day').addEventListener('click', () => moveDate(-1));
  $('today').addEventListener('click', () => moveDate(0));
  $('next-day').addEventListener('click', () => moveDate(1));
  $('reassign').addEventListener('click', shown(() => reassign(selected, $('move-to').value || null)));
  $('completed').addEventListener('click', shown(() => markAs('completed')));
  $('no-show').addEventListener('click', shown(() => markAs('no-show')));
  $('absence-form').addEventListener('submit', shown(recordAbsence));
  $('sign-out').addEventListener('submit', () => { $('sign-out-csrf').value = csrfToken(); });
  window.addEventListener('pagehide', () => source?.close());
  start().catch(() => {});
});
