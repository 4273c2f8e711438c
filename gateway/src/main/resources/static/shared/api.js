// How every page calls the API through the gateway: with the session cookie, the CSRF token on every change, a JSON
// body, back to sign-in on 401, and a refusal's problem details (RFC 9457) turned into lines a person can read.

/** The token the gateway set for this browser's session, sent back as X-XSRF-TOKEN with every change. */
export function csrfToken() {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

/** The session is gone; the browser is already on its way to sign in. */
export class SignedOut extends Error {}

/** A call the API refused: `lines` are the problem's detail (or `fallback`) and then each field error. */
export class Refused extends Error {
  constructor(status, body) {
    super(body?.detail || body?.title || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }

  lines(fallback) {
    const lines = [this.body?.detail || this.body?.title || fallback];
    for (const error of this.body?.errors ?? []) {
      lines.push(error.field ? `${error.field}: ${error.message}` : error.message);
    }
    return lines;
  }
}

/**
 * Calls the API and answers `{ status, body, location }`. `options.body`, when given, is sent as JSON. A status in
 * `expected` (a refusal the page explains itself) is answered like a success; any other failure is thrown as Refused.
 */
export async function call(path, options = {}, expected = []) {
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
    throw new SignedOut('signed out');
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok && !expected.includes(response.status)) {
    throw new Refused(response.status, body);
  }
  return { status: response.status, body, location: response.headers.get('Location') };
}
