// Calls to the service from the page: same origin, the session cookie (multi-user mode) rides along by itself,
// and every state-changing call carries the session's CSRF token. Errors come back as ApiError with the problem.

let csrfToken = null;
let onUnauthenticated = () => {};

export function setCsrfToken(token) { csrfToken = token; }
export function whenUnauthenticated(callback) { onUnauthenticated = callback; }

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function headers(method, json) {
  const h = {};
  if (json) h['Content-Type'] = 'application/json';
  if (csrfToken && method !== 'GET' && method !== 'HEAD') h['X-CSRF-Token'] = csrfToken;
  return h;
}

/** The raw Response of a call; throws ApiError on any 4xx/5xx. */
export async function send(method, path, body, signal) {
  const response = await fetch(path, {
    method,
    headers: headers(method, body !== undefined),
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    signal,
  });
  if (!response.ok) {
    let problem;
    try { problem = await response.json(); } catch { problem = { title: response.statusText }; }
    if (response.status === 401) onUnauthenticated();
    throw new ApiError(response.status, problem);
  }
  return response;
}

/** The JSON answer of a call (null for 204). */
export async function json(method, path, body, signal) {
  const response = await send(method, path, body, signal);
  return response.status === 204 ? null : response.json();
}

/** A WebSocket for a path: in multi-user mode with a single-use ticket, as a key never travels in a URL. */
export async function openStream(path, multiUser) {
  const base = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;
  if (!multiUser) return new WebSocket(base);
  const { ticket } = await json('POST', '/api/v1/stream-tickets', {});
  return new WebSocket(`${base}?ticket=${encodeURIComponent(ticket)}`);
}

/** "1.2 MB" */
export function bytes(n) {
  if (n == null) return '';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return `${v.toFixed(v >= 100 || i === 0 ? 0 : 1)} ${units[i]}`;
}

/** A short, readable problem: "UNKNOWN_SIGNAL: unknown channel or signal: x/y" and its field errors. */
export function describe(error) {
  if (!(error instanceof ApiError)) return String(error.message || error);
  const p = error.problem;
  const fields = (p.errors || []).map((e) => `${e.pointer}: ${e.detail}`).join('; ');
  return `${p.code || error.status}: ${p.detail || p.title}${fields ? ` (${fields})` : ''}`;
}

/** Builds an element: el('td', {class: 'num'}, 'text', child). Text is always text, never markup. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

export function status(text) { document.getElementById('status').textContent = text; }
