import { call, csrfToken, Refused, SignedOut } from '/shared/api.js';
import { messages } from './messages.js';

const $ = (id) => document.getElementById(id);
const DECIDED = new Set(['CONFIRMED', 'REJECTED', 'CANCELLED', 'NEEDS_ATTENTION']);
const ENDED = new Set(['CANCELLED', 'REJECTED', 'COMPLETED', 'NO_SHOW']);
const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
/** What intake-screening in booking-service allows in pregnancy, needs a senior for, and uses oil for (IntakeScreening). */
const GENTLE_IN_PREGNANCY = ['SWEDISH', 'PRENATAL', 'LYMPHATIC_DRAINAGE'];
const NEEDS_SENIOR = new Set(['HERNIATED_DISC', 'ARTHRITIS', 'SCIATICA', 'CHRONIC_SPINAL_CONDITION']);
const NEEDS_GENTLE = new Set(['FRAGILE_BONES', 'BROKEN_BONES', 'OPEN_WOUNDS']);
const SEE_A_DOCTOR = new Set(['SEVERE_PAIN', 'LIMB_NUMBNESS']);
const OIL_BASED = new Set(['SWEDISH', 'DEEP_TISSUE', 'SPORTS', 'HOT_STONE', 'AYURVEDIC', 'PRENATAL', 'GUA_SHA']);
const PROPER_NAMES = new Set(['SWEDISH', 'THAI', 'SABAI', 'AYURVEDIC']);
/** The most free times a search of every branch asks for (the API's own ceiling). */
const CHAIN_LIMIT = 1000;
const POLL_MS = 1000;
const WAITLIST_POLL_MS = 2000;

let language = localStorage.getItem('sabai.language') || (navigator.language.startsWith('th') ? 'th' : 'en');
let branches = [];
/** The time chosen to book: the slot and its branch. */
let chosen = null;
/** What the customer's file holds: the latest intake (null the first time). */
let intakeOnFile = null;
let intakeRecordedAt = null;
let myBookings = [];
let waitlist = [];
let courses = [];
/** The intake each booking made here was screened with, to explain the screening's answer. */
const screenedWith = new Map();
let rescheduling = null;
let waitlistWish = null;
let waitlistTimer = null;
/** The booking last watched to its decision, with what it was screened with. */
let lastDecision = null;

function t(key, ...args) {
  const text = messages[language][key] ?? messages.en[key] ?? key;
  return text.replace(/\{(\d)\}/g, (_, i) => args[Number(i)]);
}

function showProblem(message) {
  $('problem').textContent = message;
  $('problem').hidden = !message;
}

/** A failed call, already shown to the person. */
class Shown extends Error {}

/** Calls the API; a failure is shown with the problem's detail and every field error, then thrown. */
async function api(path, options = {}) {
  try {
    return await call(path, options);
  } catch (failure) {
    if (failure instanceof SignedOut) throw new Shown(failure.message);
    if (!(failure instanceof Refused)) throw failure;
    const lines = failure.lines(t('failed', failure.status));
    showProblem(lines.join('\n'));
    throw new Shown(lines[0]);
  }
}

const creating = () => ({ 'Idempotency-Key': crypto.randomUUID() });
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function element(tag, { text, className, data = {}, attributes = {} } = {}, ...children) {
  const made = document.createElement(tag);
  if (text !== undefined) made.textContent = text;
  if (className) made.className = className;
  Object.entries(data).forEach(([key, value]) => { made.dataset[key] = value; });
  Object.entries(attributes).forEach(([key, value]) => made.setAttribute(key, value));
  made.append(...children);
  return made;
}

function button(label, className, onClick, accessibleName) {
  const made = element('button', { text: label, className: `secondary ${className}`, attributes: { type: 'button' } });
  if (accessibleName) made.setAttribute('aria-label', accessibleName);
  made.addEventListener('click', () => onClick().catch(reportUnshown));
  return made;
}

function option(value, label) {
  return element('option', { text: label, attributes: { value } });
}

// ------------------------------------------------------------------ dates and names

function locale() {
  return language === 'th' ? 'th-TH' : 'en-GB';
}

function addDays(isoDate, days) {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().substring(0, 10);
}

function inDays(days) {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return date.toLocaleDateString('en-CA');
}

/** A local date (2026-12-01) as the reader says it: "Tuesday 1 December". */
function dayText(isoDate) {
  return new Date(`${isoDate}T12:00:00Z`).toLocaleDateString(locale(), { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
}

/** A local date-time in the branch's zone (2026-12-01T10:00:00) as "Tuesday 1 December, 10:00". */
function localText(startLocal) {
  return `${dayText(startLocal.substring(0, 10))}, ${startLocal.substring(11, 16)}`;
}

/** An instant as the branch's clock shows it. */
function instantText(instant, zone) {
  return new Date(instant).toLocaleString(locale(), {
    weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: zone || undefined,
  });
}

function branchOf(id) {
  return branches.find((branch) => branch.id === id);
}

function branchName(id) {
  return branchOf(id)?.name ?? id;
}

function treatment(technique) {
  return t(technique);
}

/** A treatment's name inside a sentence ("deep tissue massage", "Swedish massage"); Thai has no capitals to lower. */
function inSentence(technique) {
  const name = t(technique);
  return language === 'en' && !PROPER_NAMES.has(technique) ? name.toLowerCase() : name;
}

function list(words) {
  if (words.length < 2) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${t('or')} ${words[words.length - 1]}`;
}

// ------------------------------------------------------------------ the search

/** Branches a customer walks into; the mobile service is searched on its own, as it needs an address. */
function salons() {
  return branches.filter((branch) => !branch.mobile);
}

function searchedBranches() {
  const id = $('branch').value;
  return id ? [branchOf(id)].filter(Boolean) : salons();
}

function fillBranches() {
  const current = $('branch').value;
  $('branch').replaceChildren(option('', t('anyBranch')), ...branches.map((branch) => option(branch.id, branch.name)));
  $('branch').value = current;
}

function fillTechniques() {
  const technique = $('technique').value;
  const offered = [...new Set(searchedBranches().flatMap((branch) => branch.techniques.map((offer) => offer.technique)))];
  $('technique').replaceChildren(...offered.map((name) => option(name, treatment(name))));
  if (offered.includes(technique)) $('technique').value = technique;
  fillDurations();
}

function durationsOf(branch, technique) {
  return branch.techniques.find((offer) => offer.technique === technique)?.durationsMinutes ?? [];
}

function fillDurations() {
  const technique = $('technique').value;
  const duration = $('duration').value;
  const minutes = [...new Set(searchedBranches().flatMap((branch) => durationsOf(branch, technique)))].sort((a, b) => a - b);
  $('duration').replaceChildren(...minutes.map((m) => option(String(m), t('minutes', m))));
  if (minutes.map(String).includes(duration)) $('duration').value = duration;
  else if (minutes.includes(60)) $('duration').value = '60';
}

async function loadBranches() {
  const { body } = await api('/api/branches');
  branches = body;
  fillBranches();
  fillTechniques();
}

function keepRangeInOrder() {
  const from = $('from').value;
  if (!from) return;
  $('to').min = from;
  $('to').max = addDays(from, 13);
  if (!$('to').value || $('to').value < from) $('to').value = addDays(from, 6);
  if ($('to').value > $('to').max) $('to').value = $('to').max;
}

async function findTimes(event) {
  event.preventDefault();
  showProblem('');
  $('booking').hidden = true;
  $('waitlist-form').hidden = true;
  const technique = $('technique').value;
  const duration = $('duration').value;
  const query = new URLSearchParams({ technique, durationMinutes: duration, from: $('from').value, to: $('to').value });
  if ($('branch').value) {
    query.set('branchId', $('branch').value);
  } else {
    salons().filter((branch) => durationsOf(branch, technique).includes(Number(duration)))
      .forEach((branch) => query.append('branchIds', branch.id));
    query.set('limit', String(CHAIN_LIMIT));
  }
  const needs = screeningNeeds(intakeFromForm(), technique);
  if (needs.prenatal) query.set('prenatal', 'true');
  if (needs.senior) query.set('senior', 'true');
  $('times-section').hidden = false;
  $('times').replaceChildren();
  $('no-times').hidden = true;
  $('open-waitlist').hidden = true;
  $('times-summary').textContent = t('searching');
  let body;
  try {
    ({ body } = await api(`/api/availability?${query}`));
  } catch (failed) {
    $('times-section').hidden = true;
    throw failed;
  }
  const slots = body.slots.map((slot) => ({ ...slot, branchId: slot.branchId ?? body.branchId, zone: slot.zone ?? body.zone }));
  const search = { technique, durationMinutes: Number(duration), branchId: $('branch').value, from: $('from').value, to: $('to').value };
  renderTimes($('times'), slots, (slot) => chooseSlot(slot, search), !$('branch').value);
  $('no-times').hidden = slots.length > 0;
  const places = new Set(slots.map((slot) => slot.branchId)).size;
  $('times-summary').textContent = slots.length === 0 ? t('noTimes')
    : (places === 1 ? t('timesFoundOne', slots.length) : t('timesFound', slots.length, places)) + (body.truncated ? ` ${t('truncated')}` : '');
  $('times-section').hidden = false;
  $('times-section').dataset.search = JSON.stringify(search);
  $('open-waitlist').hidden = false;
  $('times-heading').focus();
}

/** Free times grouped by day, then by branch, each a button that chooses it. */
function renderTimes(container, slots, choose, nameBranches) {
  const days = new Map();
  for (const slot of slots) {
    const day = slot.startLocal.substring(0, 10);
    if (!days.has(day)) days.set(day, new Map());
    const byBranch = days.get(day);
    if (!byBranch.has(slot.branchId)) byBranch.set(slot.branchId, []);
    byBranch.get(slot.branchId).push(slot);
  }
  const groups = [...days.keys()].sort().map((day, index) => {
    const count = [...days.get(day).values()].reduce((sum, times) => sum + times.length, 0);
    const heading = element('summary', { text: `${dayText(day)} · ${t('freeCount', count)}` });
    const branchGroups = [...days.get(day).entries()].map(([branchId, times]) => {
      const buttons = times.map((slot) => {
        const time = slot.startLocal.substring(11, 16);
        const pick = element('button', {
          text: time, className: 'secondary',
          attributes: { type: 'button', 'aria-pressed': 'false', 'aria-label': `${time}, ${dayText(day)}, ${branchName(branchId)}` },
          data: { start: slot.startLocal },
        });
        pick.addEventListener('click', () => {
          container.querySelectorAll('button[aria-pressed]').forEach((other) => other.setAttribute('aria-pressed', 'false'));
          pick.setAttribute('aria-pressed', 'true');
          Promise.resolve(choose(slot)).catch(reportUnshown);
        });
        return element('li', {}, pick);
      });
      const group = element('div', { className: 'branch-times', data: { branchId, date: day } });
      if (nameBranches || days.get(day).size > 1) group.append(element('h5', { text: branchName(branchId) }));
      group.append(element('ul', { className: 'times', attributes: { 'aria-label': `${dayText(day)}, ${branchName(branchId)}` } }, ...buttons));
      return group;
    });
    // One day open at a time keeps a long range short to read and to move through with the keyboard.
    const opened = element('details', { className: 'day', data: { date: day } }, heading, ...branchGroups);
    opened.open = index === 0;
    return opened;
  });
  container.replaceChildren(...groups);
}

function chooseSlot(slot, search) {
  chosen = { slot, branchId: slot.branchId, technique: search.technique, durationMinutes: search.durationMinutes };
  $('chosen').textContent = t('chosen', treatment(chosen.technique), chosen.durationMinutes, branchName(chosen.branchId),
    localText(slot.startLocal));
  $('home-visit').hidden = !branchOf(chosen.branchId)?.mobile;
  $('booking').hidden = false;
  $('condition').focus();
}

// ------------------------------------------------------------------ the intake and what screening makes of it

/** The values of a one-choice list, plus what the file holds that the list cannot show (kept, not lost). */
function withUnlisted(select, onFile) {
  const listed = new Set([...select.options].map((choice) => choice.value));
  const unlisted = (onFile ?? []).filter((value) => !listed.has(value));
  return select.value ? [select.value, ...unlisted] : unlisted;
}

/** The intake as the form says it, over what the file holds that the form does not ask (injuries, surgery, …). */
function intakeFromForm() {
  const pregnant = $('pregnant').value === 'true';
  const week = Number($('pregnancy-week').value);
  return {
    conditions: withUnlisted($('condition'), intakeOnFile?.conditions),
    injuries: intakeOnFile?.injuries ?? [],
    pregnant,
    pregnancyWeek: pregnant && week ? week : null,
    breastfeeding: intakeOnFile?.breastfeeding ?? false,
    recentSurgery: intakeOnFile?.recentSurgery ?? null,
    allergies: withUnlisted($('allergy'), intakeOnFile?.allergies),
    medication: intakeOnFile?.medication ?? null,
    age: intakeOnFile?.age ?? null,
  };
}

/** The file's intake in the shape of a request's, to compare with the form's and to explain the screening by. */
function intakeFromFile() {
  if (!intakeOnFile) return null;
  return {
    conditions: [...(intakeOnFile.conditions ?? [])],
    injuries: intakeOnFile.injuries ?? [],
    pregnant: Boolean(intakeOnFile.pregnancy),
    pregnancyWeek: intakeOnFile.pregnancy?.week ?? null,
    breastfeeding: intakeOnFile.breastfeeding ?? false,
    recentSurgery: intakeOnFile.recentSurgery ?? null,
    allergies: [...(intakeOnFile.allergies ?? [])],
    medication: intakeOnFile.medication ?? null,
    age: intakeOnFile.age ?? null,
  };
}

/** Whether the form says what the file says: then no intake is sent and the one on file is used, whole. */
function formMatchesFile() {
  const file = intakeFromFile();
  if (!file) return false;
  const form = intakeFromForm();
  const same = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
  return form.pregnant === file.pregnant && form.pregnancyWeek === file.pregnancyWeek
    && same(form.conditions, file.conditions) && same(form.allergies, file.allergies);
}

function fillIntakeFromFile() {
  const file = intakeFromFile();
  $('intake-on-file').hidden = !file;
  if (!file) return;
  $('intake-on-file').textContent = t('intakeOnFile', intakeRecordedAt ? dayText(intakeRecordedAt.substring(0, 10)) : '');
  const known = (select, values) => values.find((value) => [...select.options].some((o) => o.value === value)) ?? '';
  $('condition').value = known($('condition'), file.conditions);
  $('allergy').value = known($('allergy'), file.allergies);
  $('pregnant').value = String(file.pregnant);
  $('pregnancy-week').value = file.pregnancyWeek ?? '';
  showPregnancyWeek();
}

function showPregnancyWeek() {
  const pregnant = $('pregnant').value === 'true';
  $('pregnancy-week-field').hidden = !pregnant;
  $('pregnancy-week').required = pregnant;
}

/** What the screening will ask of the session, so the search offers only times someone suitable is free. */
function screeningNeeds(intake, technique) {
  return {
    prenatal: intake.pregnant && GENTLE_IN_PREGNANCY.includes(technique),
    senior: intake.conditions.some((condition) => NEEDS_SENIOR.has(condition)),
  };
}

/** Why a booking (or a move) could not be had, in plain words, from the API's reason code and the intake it was screened with. */
function explain(rejection, context) {
  const intake = context.intake;
  const where = branchName(context.branchId);
  let words;
  switch (rejection.reason) {
    case 'INTAKE_DECLINED':
      if (intake?.conditions.some((condition) => SEE_A_DOCTOR.has(condition))) words = t('declinedSeeDoctor');
      else if (intake?.pregnant && !GENTLE_IN_PREGNANCY.includes(context.technique)) {
        words = t('declinedPregnancy', inSentence(context.technique), list(GENTLE_IN_PREGNANCY.map(inSentence)));
      } else words = t('declinedIntake', inSentence(context.technique));
      break;
    case 'NO_QUALIFIED_THERAPIST':
      words = intake?.pregnant ? t('noPrenatalTherapist', where) : t('noQualifiedTherapist', inSentence(context.technique), where);
      break;
    case 'NO_THERAPIST_AVAILABLE': words = t('noTherapistFree'); break;
    case 'NO_ROOM_AVAILABLE': words = t('noRoomFree'); break;
    case 'NO_EQUIPMENT_AVAILABLE': words = t('noEquipmentFree', inSentence(context.technique)); break;
    case 'OUTSIDE_OPENING_HOURS': words = t('outsideOpeningHours', where); break;
    default: words = t('otherReason');
  }
  const alternatives = (rejection.alternatives ?? []).slice(0, 3)
    .map((alternative) => instantText(alternative.start, branchOf(context.branchId)?.zone));
  return alternatives.length ? `${words} ${t('alternatives', list(alternatives))}` : words;
}

/** What an accepted intake changes about the session, in plain words; empty when nothing. */
function restrictions(context) {
  const intake = context.intake;
  if (!intake) return '';
  const sentences = [];
  if (intake.pregnant) sentences.push(t('restrictedPregnancy'));
  if (intake.conditions.some((condition) => NEEDS_SENIOR.has(condition))) sentences.push(t('restrictedSenior'));
  if (intake.conditions.some((condition) => NEEDS_GENTLE.has(condition))) sentences.push(t('restrictedGentle'));
  if (intake.allergies.length && OIL_BASED.has(context.technique)) sentences.push(t('restrictedOil', list(intake.allergies.map((oil) => t(oil)))));
  return sentences.join(' ');
}

function contextOf(booking) {
  return screenedWith.get(booking.id) ?? { intake: intakeFromFile(), technique: booking.technique, branchId: booking.branchId };
}

// ------------------------------------------------------------------ booking once, or a course

async function book(event) {
  event.preventDefault();
  showProblem('');
  const useFile = formMatchesFile();
  const intake = intakeFromForm();
  const request = {
    branchId: chosen.branchId,
    technique: chosen.technique,
    durationMinutes: chosen.durationMinutes,
    customer: { language },
    ...(useFile ? {} : { intake }),
    ...(branchOf(chosen.branchId)?.mobile ? { homeVisit: { address: $('address').value, postcode: $('postcode').value } } : {}),
  };
  const context = { intake, technique: chosen.technique, branchId: chosen.branchId };
  $('book').disabled = true;
  try {
    if ($('course').checked) {
      const date = chosen.slot.startLocal.substring(0, 10);
      const { body } = await api('/api/courses', {
        method: 'POST',
        headers: creating(),
        body: {
          ...request,
          sessions: Number($('sessions').value),
          weekdays: [WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()]],
          timeLocal: chosen.slot.startLocal.substring(11, 16),
          firstDate: date,
        },
      });
      if (!useFile) intakeOnFile = null;
      closeBookingForm();
      await watchCourse(body.id, context);
    } else {
      const { body, location } = await api('/api/bookings', {
        method: 'POST', headers: creating(), body: { ...request, startLocal: chosen.slot.startLocal },
      });
      screenedWith.set(body.id, context);
      closeBookingForm();
      await watch(location, context);
    }
  } finally {
    $('book').disabled = false;
  }
}

function closeBookingForm() {
  $('booking').hidden = true;
  $('times-section').hidden = true;
}

/** Reads the booking every second until it is decided, and says what the decision means. */
async function watch(location, context) {
  $('course-section').hidden = true;
  $('status-section').hidden = false;
  $('status-detail').textContent = '';
  $('screening').hidden = true;
  lastDecision = null;
  $('status').textContent = '';
  $('status').removeAttribute('data-status');
  let booking;
  for (;;) {
    ({ body: booking } = await api(location));
    $('status').textContent = t(booking.status);
    $('status').dataset.status = booking.status;
    $('status').dataset.bookingId = booking.id;
    $('status-detail').textContent = `${treatment(booking.technique)}, ${branchName(booking.branchId)}, ${localText(booking.startLocal)}`
      + (booking.therapist ? `. ${t('therapist', booking.therapist.name)}` : '');
    if (DECIDED.has(booking.status)) break;
    await pause(POLL_MS);
  }
  lastDecision = { booking, context: context ?? contextOf(booking) };
  showScreening();
  await loadMine();
}

/** The screening's answer to the last booking watched, in the page's language. */
function showScreening() {
  if (!lastDecision) return;
  const { booking, context } = lastDecision;
  $('status').textContent = t(booking.status);
  const answer = booking.rejection ? explain(booking.rejection, context) : booking.status === 'CONFIRMED' ? restrictions(context) : '';
  $('screening').textContent = answer;
  $('screening').dataset.reason = booking.rejection?.reason ?? '';
  $('screening').hidden = !answer;
}

async function watchCourse(id, context) {
  $('status-section').hidden = true;
  $('course-section').hidden = false;
  $('course-status').removeAttribute('data-status');
  for (;;) {
    const { body: course } = await api(`/api/courses/${encodeURIComponent(id)}`);
    $('course-status').textContent = t(`course${course.status}`);
    $('course-status').dataset.status = course.status;
    $('course-status').dataset.courseId = course.id;
    $('course-sessions').replaceChildren(...sessionItems(course, context));
    if (course.status !== 'DECIDING') break;
    await pause(POLL_MS);
  }
  await loadMine();
}

function sessionItems(course, context) {
  return course.sessions.map((session) => {
    const item = element('li', { data: { bookingId: session.bookingId, status: session.status } },
      element('span', { text: `${localText(session.startLocal)} · ${t(session.status)}`
        + (session.therapist ? ` · ${session.therapist.name}` : '') }));
    if (session.rejection) {
      item.append(element('p', { className: 'answer', text: explain(session.rejection, context ?? {
        intake: intakeFromFile(), technique: course.technique, branchId: course.branchId,
      }) }));
    }
    return item;
  });
}

// ------------------------------------------------------------------ my bookings: cancel, move, answer an offer

/** The customer's bookings, the intake on their file, their waitlist entries and their courses (newest first). */
async function loadMine() {
  const [{ body: page }, { body: onFile }, { body: entries }, { body: theirCourses }] = await Promise.all([
    api('/api/me/bookings?size=50'), api('/api/me/intake'), api('/api/me/waitlist'), api('/api/me/courses')]);
  myBookings = (page.items ?? []).slice().sort((a, b) => a.start.localeCompare(b.start));
  intakeOnFile = onFile.intake ?? null;
  intakeRecordedAt = onFile.recordedAt ?? null;
  waitlist = entries ?? [];
  courses = theirCourses ?? [];
  if ($('booking').hidden) fillIntakeFromFile();
  renderMine();
  followWaitlist();
}

function renderMine() {
  renderBookings();
  renderWaitlist();
  renderCourses();
}

function bookingLine(booking) {
  return `${localText(booking.startLocal)} · ${treatment(booking.technique)} · ${t('minutes', booking.durationMinutes)} · `
    + `${branchName(booking.branchId)} · ${t(booking.status)}`;
}

function renderBookings() {
  const items = myBookings.map((booking) => {
    const line = bookingLine(booking);
    const item = element('li', { data: { bookingId: booking.id, status: booking.status } }, element('span', { text: line }));
    const actions = element('div', { className: 'actions' });
    if (booking.status === 'CONFIRMED') {
      actions.append(button(t('move'), 'move', () => openReschedule(booking), `${t('move')}: ${line}`));
    }
    if (booking.status === 'OFFERED' && booking.waitlistId) {
      item.append(element('p', { text: t('heldUntil', instantText(booking.offer?.expiresAt, booking.zone)) }));
      actions.append(button(t('accept'), 'accept', () => acceptOffer(booking.waitlistId), `${t('accept')}: ${line}`),
        button(t('decline'), 'decline', () => declineOffer(booking.waitlistId), `${t('decline')}: ${line}`));
    } else if (!ENDED.has(booking.status) && !booking.status.startsWith('OFFER')) {
      actions.append(button(t('cancel'), 'cancel', () => cancelBooking(booking.id), `${t('cancel')}: ${line}`));
    }
    if (booking.rejection) item.append(element('p', { className: 'answer', text: explain(booking.rejection, contextOf(booking)) }));
    if (actions.childElementCount) item.append(actions);
    return item;
  });
  $('my-bookings').replaceChildren(...items);
  $('no-bookings').hidden = items.length > 0;
}

async function cancelBooking(id) {
  showProblem('');
  await api(`/api/bookings/${encodeURIComponent(id)}/cancellation`, { method: 'POST', headers: creating(), body: {} });
  await loadMine();
}

function openReschedule(booking) {
  rescheduling = booking;
  const from = booking.startLocal.substring(0, 10) < inDays(0) ? inDays(0) : booking.startLocal.substring(0, 10);
  $('reschedule-from').value = from;
  $('reschedule-to').value = addDays(from, 6);
  $('reschedule-what').textContent = bookingLine(booking);
  $('reschedule-times').replaceChildren();
  $('reschedule-none').hidden = true;
  $('reschedule').hidden = false;
  $('reschedule-heading').focus();
  return Promise.resolve();
}

function closeReschedule() {
  $('reschedule').hidden = true;
  rescheduling = null;
}

/** Free times of the same treatment, with the same therapist when the booking has one (a move keeps them unless told). */
async function findRescheduleTimes(event) {
  event.preventDefault();
  showProblem('');
  const booking = rescheduling;
  const query = new URLSearchParams({
    branchId: booking.branchId, technique: booking.technique, durationMinutes: booking.durationMinutes,
    from: $('reschedule-from').value, to: $('reschedule-to').value,
  });
  if (booking.therapist) query.set('therapistId', booking.therapist.id);
  const { body } = await api(`/api/availability?${query}`);
  const slots = body.slots.filter((slot) => slot.startLocal !== booking.startLocal)
    .map((slot) => ({ ...slot, branchId: booking.branchId }));
  renderTimes($('reschedule-times'), slots, (slot) => reschedule(booking, slot), false);
  $('reschedule-none').hidden = slots.length > 0;
}

async function reschedule(booking, slot) {
  showProblem('');
  const status = $('reschedule-status');
  status.hidden = false;
  status.dataset.outcome = 'ASKED';
  status.textContent = t('moveAsked', localText(slot.startLocal));
  await api(`/api/bookings/${encodeURIComponent(booking.id)}/reschedule`, {
    method: 'POST', headers: creating(), body: { startLocal: slot.startLocal },
  });
  closeReschedule();
  status.focus();
  let now;
  do {
    await pause(POLL_MS);
    ({ body: now } = await api(`/api/bookings/${encodeURIComponent(booking.id)}`));
  } while (now.status === 'RESCHEDULE_REQUESTED');
  const moved = now.startLocal.substring(0, 16) === slot.startLocal.substring(0, 16);
  status.dataset.outcome = moved ? 'MOVED' : 'REFUSED';
  status.dataset.bookingId = booking.id;
  status.textContent = moved ? t('moved', localText(now.startLocal))
    : `${t('notMoved', localText(slot.startLocal))} ${now.lastRescheduleRefusal ? explain(now.lastRescheduleRefusal, contextOf(now)) : ''}`;
  await loadMine();
}

// ------------------------------------------------------------------ the waitlist

function openWaitlist() {
  const search = JSON.parse($('times-section').dataset.search);
  const offering = branches.filter((branch) => durationsOf(branch, search.technique).includes(search.durationMinutes))
    .filter((branch) => !branch.mobile || branch.id === search.branchId);
  waitlistWish = search;
  $('waitlist-branch').replaceChildren(...offering.map((branch) => option(branch.id, branch.name)));
  if (search.branchId) $('waitlist-branch').value = search.branchId;
  $('waitlist-from').value = search.from;
  $('waitlist-to').value = search.to;
  $('waitlist-form').hidden = false;
  $('waitlist-form-heading').focus();
}

async function joinWaitlist(event) {
  event.preventDefault();
  showProblem('');
  const request = {
    branchId: $('waitlist-branch').value,
    technique: waitlistWish.technique,
    durationMinutes: waitlistWish.durationMinutes,
    from: $('waitlist-from').value,
    to: $('waitlist-to').value,
    customer: { language },
  };
  if ($('waitlist-earliest').value) request.earliest = $('waitlist-earliest').value;
  if ($('waitlist-latest').value) request.latest = $('waitlist-latest').value;
  const { body } = await api('/api/waitlist', { method: 'POST', headers: creating(), body: request });
  waitlist = [body, ...waitlist.filter((entry) => entry.id !== body.id)];
  $('waitlist-form').hidden = true;
  renderWaitlist();
  followWaitlist();
  $(`waitlist-${body.id}`)?.focus();
}

function renderWaitlist() {
  const items = waitlist.map((entry) => {
    const first = entry.fromLocal.substring(0, 10);
    // A window given as dates ends at the start of the day after its last one.
    const last = entry.toLocal.substring(11, 16) === '00:00' ? addDays(entry.toLocal.substring(0, 10), -1) : entry.toLocal.substring(0, 10);
    const window = first >= last ? dayText(first) : `${dayText(first)} – ${dayText(last)}`;
    const hours = entry.earliest || entry.latest ? `, ${(entry.earliest ?? '').substring(0, 5)}–${(entry.latest ?? '').substring(0, 5)}` : '';
    const line = `${treatment(entry.technique)} · ${t('minutes', entry.durationMinutes)} · ${branchName(entry.branchId)} · `
      + `${window}${hours} · ${t(`waitlist${entry.status}`)}`;
    const item = element('li', { data: { waitlistId: entry.id, status: entry.status }, attributes: { id: `waitlist-${entry.id}`, tabindex: '-1' } },
      element('span', { text: line }));
    const actions = element('div', { className: 'actions' });
    if (entry.status === 'OFFERED' && entry.offer) {
      item.append(element('p', { className: 'offer', text: t('offer', localText(entry.offer.startLocal), entry.offer.therapistName ?? '',
        instantText(entry.offer.expiresAt, entry.zone)) }));
      actions.append(button(t('accept'), 'accept', () => acceptOffer(entry.id), `${t('accept')}: ${line}`),
        button(t('decline'), 'decline', () => declineOffer(entry.id), `${t('decline')}: ${line}`));
    }
    if (entry.allowed?.includes('cancellation')) {
      actions.append(button(t('leaveWaitlist'), 'leave', () => leaveWaitlist(entry.id), `${t('leaveWaitlist')}: ${line}`));
    }
    if (actions.childElementCount) item.append(actions);
    return item;
  });
  $('my-waitlist').replaceChildren(...items);
  $('no-waitlist').hidden = items.length > 0;
}

/** While an entry waits or is offered, reads it again every few seconds, so an offer shows without a reload. */
function followWaitlist() {
  if (waitlistTimer || !waitlist.some((entry) => ['WAITING', 'OFFERED'].includes(entry.status))) return;
  waitlistTimer = setTimeout(async () => {
    waitlistTimer = null;
    try {
      const open = waitlist.filter((entry) => ['WAITING', 'OFFERED'].includes(entry.status));
      const now = await Promise.all(open.map((entry) => api(`/api/waitlist/${encodeURIComponent(entry.id)}`).then(({ body }) => body)));
      const changed = now.some((entry, i) => entry.status !== open[i].status);
      waitlist = waitlist.map((entry) => now.find((fresh) => fresh.id === entry.id) ?? entry);
      if (changed) renderWaitlist();
      followWaitlist();
    } catch (error) {
      reportUnshown(error);
    }
  }, WAITLIST_POLL_MS);
}

function replaceEntry(entry) {
  waitlist = waitlist.map((known) => (known.id === entry.id ? entry : known));
  renderWaitlist();
}

async function acceptOffer(id) {
  showProblem('');
  const { location } = await api(`/api/waitlist/${encodeURIComponent(id)}/acceptance`, { method: 'POST', headers: creating(), body: {} });
  $('status-section').scrollIntoView({ block: 'nearest' });
  await watch(location);
}

async function declineOffer(id) {
  showProblem('');
  const { body } = await api(`/api/waitlist/${encodeURIComponent(id)}/decline`, { method: 'POST', headers: creating(), body: {} });
  replaceEntry(body);
  await loadMine();
}

async function leaveWaitlist(id) {
  showProblem('');
  const { body } = await api(`/api/waitlist/${encodeURIComponent(id)}`, { method: 'DELETE' });
  replaceEntry(body);
}

// ------------------------------------------------------------------ courses

function renderCourses() {
  const items = courses.map((course) => {
    const booked = course.sessions.filter((session) => session.status === 'CONFIRMED').length;
    const line = `${t('courseLine', course.sessions.length, treatment(course.technique), course.durationMinutes, branchName(course.branchId),
      dayText(course.firstDate), String(course.timeLocal).substring(0, 5))} · ${t(`course${course.status}`)} · `
      + t('sessionsBooked', booked, course.sessions.length);
    return element('li', { data: { courseId: course.id, status: course.status } }, element('span', { text: line }),
      element('ol', {}, ...sessionItems(course)));
  });
  $('my-courses').replaceChildren(...items);
  $('no-courses').hidden = items.length > 0;
}

// ------------------------------------------------------------------ the page

function applyLanguage() {
  document.documentElement.lang = language;
  $('language').value = language;
  for (const labelled of document.querySelectorAll('[data-text]')) {
    labelled.textContent = t(labelled.dataset.text);
  }
  fillBranches();
  fillTechniques();
  fillIntakeFromFile();
  renderMine();
  showScreening();
}

// A failed call has already been shown to the person and needs no second report in the console; anything else does.
function reportUnshown(error) {
  if (!(error instanceof Shown)) throw error;
}

const shown = (handler) => (event) => handler(event).catch(reportUnshown);

document.addEventListener('DOMContentLoaded', () => {
  $('from').value = inDays(2);
  $('from').min = inDays(0);
  keepRangeInOrder();
  $('reschedule-from').min = inDays(0);
  $('waitlist-from').min = inDays(0);
  $('language').addEventListener('change', () => {
    language = $('language').value;
    localStorage.setItem('sabai.language', language);
    applyLanguage();
  });
  $('branch').addEventListener('change', fillTechniques);
  $('technique').addEventListener('change', fillDurations);
  $('from').addEventListener('change', keepRangeInOrder);
  $('pregnant').addEventListener('change', showPregnancyWeek);
  $('course').addEventListener('change', () => { $('sessions-field').hidden = !$('course').checked; });
  $('search').addEventListener('submit', shown(findTimes));
  $('booking').addEventListener('submit', shown(book));
  $('open-waitlist').addEventListener('click', openWaitlist);
  $('waitlist-form').addEventListener('submit', shown(joinWaitlist));
  $('reschedule').addEventListener('submit', shown(findRescheduleTimes));
  $('reschedule-close').addEventListener('click', closeReschedule);
  $('sign-out').addEventListener('submit', () => { $('sign-out-csrf').value = csrfToken(); });
  loadBranches().then(() => { applyLanguage(); return loadMine(); }).catch(reportUnshown);
});
