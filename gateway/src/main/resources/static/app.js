import { messages } from './messages.js';

const $ = (id) => document.getElementById(id);
const DECIDED = new Set(['CONFIRMED', 'REJECTED', 'CANCELLED', 'NEEDS_ATTENTION']);

let language = localStorage.getItem('sabai.language') || (navigator.language.startsWith('th') ? 'th' : 'en');
let branches = [];
let chosenSlot = null;

function t(key, ...args) {
  const text = messages[language][key] ?? messages.en[key] ?? key;
  return text.replace(/\{(\d)\}/g, (_, i) => args[Number(i)]);
}

function applyLanguage() {
  document.documentElement.lang = language;
  $('language').value = language;
  for (const element of document.querySelectorAll('[data-text]')) {
    element.textContent = t(element.dataset.text);
  }
  fillTechniques();
  loadMyBookings();
}

function csrfToken() {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

function showProblem(message) {
  $('problem').textContent = message;
  $('problem').hidden = !message;
}

/** Calls the API; a failure is shown with the problem's detail and every field error, then thrown. */
async function api(path, options = {}) {
  const headers = { Accept: 'application/json', ...options.headers };
  if (options.method && options.method !== 'GET') {
    headers['X-XSRF-TOKEN'] = csrfToken();
  }
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    ...options,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: 'same-origin',
  });
  if (response.status === 401) {
    window.location.assign('/oauth2/authorization/sabai');
    throw new Error('signed out');
  }
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const lines = [body?.detail || body?.title || t('failed', response.status)];
    for (const error of body?.errors ?? []) {
      lines.push(error.field ? `${error.field}: ${error.message}` : error.message);
    }
    showProblem(lines.join('\n'));
    throw new Error(lines[0]);
  }
  return { body, location: response.headers.get('Location') };
}

function option(value, label) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = label;
  return element;
}

function selectedBranch() {
  return branches.find((branch) => branch.id === $('branch').value);
}

function branchName(id) {
  return branches.find((branch) => branch.id === id)?.name ?? id;
}

function fillTechniques() {
  const branch = selectedBranch();
  if (!branch) return;
  const technique = $('technique').value;
  $('technique').replaceChildren(...branch.techniques.map((offer) => option(offer.technique, t(offer.technique))));
  if (branch.techniques.some((offer) => offer.technique === technique)) $('technique').value = technique;
  fillDurations();
}

function fillDurations() {
  const offer = selectedBranch()?.techniques.find((o) => o.technique === $('technique').value);
  const duration = $('duration').value;
  $('duration').replaceChildren(...(offer?.durationsMinutes ?? []).map((m) => option(String(m), t('minutes', m))));
  if (offer?.durationsMinutes.map(String).includes(duration)) $('duration').value = duration;
}

async function loadBranches() {
  const { body } = await api('/api/branches');
  branches = body;
  $('branch').replaceChildren(...branches.map((branch) => option(branch.id, branch.name)));
  fillTechniques();
}

async function findTimes(event) {
  event.preventDefault();
  showProblem('');
  $('booking').hidden = true;
  const query = new URLSearchParams({
    branchId: $('branch').value,
    technique: $('technique').value,
    durationMinutes: $('duration').value,
    date: $('date').value,
  });
  const { body } = await api(`/api/availability?${query}`);
  const buttons = body.slots.map((slot) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = slot.startLocal.substring(11, 16);
    button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', () => chooseSlot(slot, button));
    item.append(button);
    return item;
  });
  $('times').replaceChildren(...buttons);
  $('no-times').hidden = buttons.length > 0;
  $('times-section').hidden = false;
}

function chooseSlot(slot, button) {
  chosenSlot = slot;
  for (const other of $('times').querySelectorAll('button')) other.setAttribute('aria-pressed', 'false');
  button.setAttribute('aria-pressed', 'true');
  $('chosen').textContent = t('chosen', t($('technique').value), $('duration').value, selectedBranch().name,
    slot.startLocal.replace('T', ' ').substring(0, 16));
  $('booking').hidden = false;
  $('condition').focus();
}

async function book(event) {
  event.preventDefault();
  showProblem('');
  const condition = $('condition').value;
  const allergy = $('allergy').value;
  $('book').disabled = true;
  try {
    const { location } = await api('/api/bookings', {
      method: 'POST',
      headers: { 'Idempotency-Key': crypto.randomUUID() },
      body: {
        branchId: $('branch').value,
        technique: $('technique').value,
        durationMinutes: Number($('duration').value),
        startLocal: chosenSlot.startLocal,
        customer: { language },
        intake: {
          conditions: condition ? [condition] : [],
          injuries: [],
          pregnant: $('pregnant').value === 'true',
          allergies: allergy ? [allergy] : [],
        },
      },
    });
    $('booking').hidden = true;
    $('times-section').hidden = true;
    await watch(location);
  } finally {
    $('book').disabled = false;
  }
}

/** Reads the booking every second until it is decided. */
async function watch(location) {
  $('status-section').hidden = false;
  $('status-detail').textContent = '';
  for (;;) {
    const { body } = await api(location);
    $('status').textContent = t(body.status);
    $('status').dataset.status = body.status;
    $('status').dataset.bookingId = body.id;
    if (body.therapist) $('status-detail').textContent = t('therapist', body.therapist.name);
    if (body.rejection) $('status-detail').textContent = body.rejection.detail ?? body.rejection.reason;
    if (DECIDED.has(body.status)) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  await loadMyBookings();
}

async function loadMyBookings() {
  const { body } = await api('/api/me/bookings');
  const items = (body.items ?? []).map((booking) => {
    const item = document.createElement('li');
    item.dataset.bookingId = booking.id;
    const text = document.createElement('span');
    text.textContent = `${booking.startLocal.replace('T', ' ').substring(0, 16)} · ${t(booking.technique)} · `
      + `${t('minutes', booking.durationMinutes)} · ${branchName(booking.branchId)} · ${t(booking.status)}`;
    item.append(text);
    if (!['CANCELLED', 'REJECTED', 'COMPLETED', 'NO_SHOW'].includes(booking.status)) {
      const cancel = document.createElement('button');
      cancel.type = 'button';
      cancel.className = 'secondary';
      cancel.textContent = t('cancel');
      cancel.addEventListener('click', () => cancelBooking(booking.id));
      item.append(cancel);
    }
    return item;
  });
  $('my-bookings').replaceChildren(...items);
  $('no-bookings').hidden = items.length > 0;
}

async function cancelBooking(id) {
  showProblem('');
  await api(`/api/bookings/${encodeURIComponent(id)}/cancellation`, { method: 'POST', body: {} });
  await loadMyBookings();
}

function inDays(days) {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return date.toLocaleDateString('en-CA');
}

// A failed call has already been shown to the person; the rejection needs no second report in the console.
const shown = (handler) => (event) => handler(event).catch(() => {});

document.addEventListener('DOMContentLoaded', () => {
  $('date').value = inDays(2);
  $('date').min = inDays(0);
  $('language').addEventListener('change', () => {
    language = $('language').value;
    localStorage.setItem('sabai.language', language);
    applyLanguage();
  });
  $('branch').addEventListener('change', fillTechniques);
  $('technique').addEventListener('change', fillDurations);
  $('search').addEventListener('submit', shown(findTimes));
  $('booking').addEventListener('submit', shown(book));
  $('sign-out').addEventListener('submit', () => { $('sign-out-csrf').value = csrfToken(); });
  loadBranches().then(applyLanguage).catch(() => {});
});
