// Jobs view: the caller's export jobs, newest first, with live progress over each running job's WebSocket, cancel,
// download, and for a finished one its receipt (observed/filled/missing per signal) and the request it came from.
import { json, openStream, el, bytes, describe, status } from './api.js';

const streams = new Map(); // job id -> WebSocket
const jobs = new Map(); // job id -> last known status
let multiUser = false;
let selected = null;
let detailShown = null; // the job JSON the detail panel was last built from

const FINISHED = new Set(['completed', 'failed', 'cancelled', 'expired']);

let poller = null;

export async function showJobs(session) {
  multiUser = session.multiUser;
  document.getElementById('jobs-refresh').onclick = () => refresh();
  // Jobs submitted elsewhere (a script, another tab) appear within 10 s; progress itself comes over the WebSocket.
  if (!poller) {
    poller = setInterval(() => {
      // Not while the tab is in the background: a forgotten tab must not keep its session from going idle.
      if (!document.hidden && !document.getElementById('view-jobs').hidden) refresh().catch((e) => status(describe(e)));
    }, 10_000);
  }
  await refresh();
}

async function refresh() {
  const answer = await json('GET', '/api/v1/pivot/jobs?limit=100');
  jobs.clear();
  for (const job of answer.jobs) jobs.set(job.job_id, job);
  render();
  for (const job of answer.jobs) if (!FINISHED.has(job.status)) watchJob(job.job_id, multiUser);
  if (selected && jobs.has(selected)) showDetail(jobs.get(selected));
}

/** Follows one job's stream until it ends; the table row updates as messages come. */
export async function watchJob(id, multi) {
  if (streams.has(id)) return;
  streams.set(id, null);
  let socket;
  try {
    socket = await openStream(`/api/v1/pivot/jobs/${encodeURIComponent(id)}/stream`, multi);
  } catch (e) {
    streams.delete(id);
    status(describe(e));
    return;
  }
  streams.set(id, socket);
  socket.onmessage = async (event) => {
    const message = JSON.parse(event.data);
    const job = jobs.get(id) || { job_id: id };
    if (message.type === 'progress') {
      job.status = 'running';
      job.progress = { percent: message.percent, message: message.message };
      jobs.set(id, job);
      render();
    } else if (message.type === 'state' && message.status) {
      Object.assign(job, message);
      jobs.set(id, job);
      render();
    } else if (['complete', 'failed', 'cancelled', 'expired'].includes(message.type)) {
      socket.close();
      await reload(id);
    }
  };
  socket.onclose = () => { streams.delete(id); };
}

async function reload(id) {
  try {
    jobs.set(id, await json('GET', `/api/v1/pivot/jobs/${encodeURIComponent(id)}`));
    render();
    if (selected === id) showDetail(jobs.get(id));
  } catch (e) {
    status(describe(e));
  }
}

function render() {
  const body = document.querySelector('#jobs-table tbody');
  body.replaceChildren();
  const list = [...jobs.values()].sort((a, b) => (b.created_at || '').localeCompare(a.created_at || ''));
  for (const job of list) {
    const percent = job.progress?.percent ?? (job.status === 'completed' ? 100 : 0);
    const short = job.job_id.slice(0, 8);
    const actions = el('div', { class: 'actions' },
      el('button', { type: 'button', 'aria-label': `Details of job ${short}`, onclick: () => showDetail(job) }, 'Details'));
    if (!FINISHED.has(job.status)) {
      actions.append(el('button', { type: 'button', 'aria-label': `Cancel job ${short}`, onclick: () => cancel(job.job_id) }, 'Cancel'));
    }
    if (job.status === 'completed' && job.download_url) {
      actions.append(el('a', { href: job.download_url, download: '', 'aria-label': `Download the result of job ${short}` }, 'Download'));
    }
    body.append(el('tr', { 'data-job': job.job_id, 'data-status': job.status, class: selected === job.job_id ? 'selected' : null },
      el('td', { class: 'mono', title: job.job_id }, short),
      el('td', {}, el('span', { class: `badge ${job.status}` }, job.status)),
      el('td', {}, el('progress', { max: 100, value: percent, 'aria-label': `Progress of job ${short}` }),
        ` ${Math.round(percent)}% ${job.error ? job.error.detail || job.error.code || '' : job.progress?.message || ''}`),
      el('td', { class: 'mono' }, (job.created_at || '').replace('T', ' ').replace(/\.\d+Z$/, 'Z')),
      el('td', { class: 'num' }, job.result ? bytes(job.result.bytes) : ''),
      el('td', {}, actions)));
  }
  document.getElementById('jobs-empty').hidden = list.length > 0;
}

async function cancel(id) {
  try {
    await json('DELETE', `/api/v1/pivot/jobs/${encodeURIComponent(id)}`);
    await reload(id);
  } catch (e) {
    status(describe(e));
  }
}

function showDetail(job) {
  selected = job.job_id;
  // Rebuilt only when the job changed: a refresh must not take away the reader's text selection or scroll.
  const shown = JSON.stringify(job);
  if (shown === detailShown) return;
  detailShown = shown;
  const panel = document.getElementById('job-detail');
  panel.hidden = false;
  document.getElementById('job-detail-title').textContent = `Job ${job.job_id} (${job.status})`;
  const receipt = job.result?.receipt;
  const box = document.getElementById('job-receipt');
  box.replaceChildren();
  if (job.result) {
    box.append(el('dl', { class: 'receipt' },
      el('dt', {}, 'Size'), el('dd', {}, bytes(job.result.bytes)),
      el('dt', {}, 'SHA-256'), el('dd', { class: 'mono' }, job.result.sha256),
      el('dt', {}, 'Expires'), el('dd', {}, job.expires_at || '')));
  }
  if (job.error) box.append(el('p', { class: 'error' }, `${job.error.code}: ${job.error.detail || ''}`));
  if (receipt) {
    const rows = Object.entries(receipt).map(([signal, r]) => el('tr', {},
      el('th', { scope: 'row' }, signal),
      el('td', { class: 'num' }, r.samples_read.toLocaleString('en')),
      el('td', { class: 'num' }, r.observed_cells.toLocaleString('en')),
      el('td', { class: 'num' }, r.filled_cells.toLocaleString('en')),
      el('td', { class: 'num' }, r.missing_cells.toLocaleString('en')),
      el('td', {}, r.fill), el('td', {}, r.aggregate),
      el('td', { class: 'mono' }, r.first_sample || '—'), el('td', { class: 'mono' }, r.last_sample || '—')));
    box.append(el('h4', {}, 'Receipt'), el('div', { class: 'table-wrap' }, el('table', { id: 'receipt-table' },
      el('thead', {}, el('tr', {}, ...['Signal', 'Samples read', 'Observed', 'Filled', 'Missing', 'Fill', 'Aggregate', 'First sample', 'Last sample']
        .map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...rows))));
  }
  document.getElementById('job-request').textContent = job.request ? JSON.stringify(job.request, null, 2) : '(not recorded)';
  render();
}
