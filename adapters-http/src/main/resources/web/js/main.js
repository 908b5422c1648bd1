// The page's start: which mode the service runs in, login when it needs one, and the four views by URL hash.
import { json, setCsrfToken, whenUnauthenticated, describe, status } from './api.js';
import { showCatalog } from './catalog.js';
import { showExport } from './export.js';
import { showJobs } from './jobs.js';
import { showScoring } from './scoring.js';

const VIEWS = { catalog: showCatalog, export: showExport, jobs: showJobs, scoring: showScoring };
export const session = { multiUser: false, authenticated: false };

function viewName() {
  const name = location.hash.replace(/^#\/?/, '').split('/')[0];
  return VIEWS[name] ? name : 'catalog';
}

function hideAll() {
  document.querySelectorAll('.view').forEach((v) => { v.hidden = true; });
}

async function route() {
  if (session.multiUser && !session.authenticated) { showLogin(); return; }
  const name = viewName();
  hideAll();
  document.getElementById('nav').hidden = false;
  document.querySelectorAll('#nav a').forEach((a) => {
    if (a.dataset.view === name) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  const view = document.getElementById(`view-${name}`);
  view.hidden = false;
  document.title = `${name[0].toUpperCase()}${name.slice(1)} · SpeedData`;
  status('');
  try {
    await VIEWS[name](session);
  } catch (e) {
    status(describe(e));
  }
}

function showLogin() {
  hideAll();
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  document.getElementById('view-login').hidden = false;
  document.title = 'Log in · SpeedData';
  document.getElementById('login-key').focus();
}

function signedIn(answer) {
  session.authenticated = answer.authenticated;
  setCsrfToken(answer.csrf_token || null);
  const who = document.getElementById('who');
  who.hidden = !session.multiUser || !answer.authenticated;
  document.getElementById('who-name').textContent =
    answer.tenant ? `tenant ${answer.tenant} · key ${answer.key_id}` : '';
}

async function login(event) {
  event.preventDefault();
  const input = document.getElementById('login-key');
  const error = document.getElementById('login-error');
  error.textContent = '';
  try {
    const answer = await json('POST', '/web/session', { key: input.value.trim() });
    input.value = '';
    signedIn(answer);
    document.getElementById('view-login').hidden = true;
    await route();
    document.getElementById('main').focus();
  } catch (e) {
    error.textContent = e.status === 401 ? 'That key was not accepted.' : describe(e);
  }
}

async function logout() {
  try { await json('DELETE', '/web/session'); } catch (e) { status(describe(e)); }
  signedIn({ authenticated: false });
  showLogin();
}

async function start() {
  const answer = await json('GET', '/web/session');
  session.multiUser = answer.mode === 'multi';
  signedIn(answer);
  whenUnauthenticated(() => {
    if (session.multiUser) { signedIn({ authenticated: false }); showLogin(); }
  });
  document.getElementById('login-form').addEventListener('submit', login);
  document.getElementById('logout').addEventListener('click', logout);
  window.addEventListener('hashchange', route);
  await route();
}

start().catch((e) => status(describe(e)));
