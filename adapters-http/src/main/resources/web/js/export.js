// Export builder: signals, a time range in any of the five forms, grid and fill; the estimate and route as you type;
// the export itself (inline file or job); and the same request as curl, Python client code and a CLI line.
import { json, send, el, bytes, describe } from './api.js';
import { loadCatalog } from './catalog.js';
import { watchJob } from './jobs.js';

const $ = (id) => document.getElementById(id);
let wired = false;
let timer = null;
let estimateController = null;
let multiUser = false;

export async function showExport(session) {
  multiUser = session.multiUser;
  const channels = await loadCatalog(true);
  renderSignals(channels);
  if (!wired) wire();
  if (!$('tr-start').value && channels.length) useStoredRange();
  if (!$('tr-timezone').value) $('tr-timezone').value = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  showRangeInputs();
  changed();
}

function renderSignals(channels) {
  const box = $('export-signals');
  const chosen = new Set([...box.querySelectorAll('input[data-signal]:checked')].map((c) => c.dataset.signal));
  box.replaceChildren();
  for (const channel of channels) {
    const id = `sig-${channel.name}`;
    const all = el('input', { type: 'checkbox', id, 'data-channel': channel.name });
    const members = el('div', { class: 'members', role: 'group', 'aria-label': `Signals of ${channel.name}` });
    for (const s of channel.signals) {
      const name = `${channel.name}/${s.name}`;
      const check = el('input', { type: 'checkbox', id: `sig-${name}`, 'data-signal': name, 'data-channel-of': channel.name,
        'data-first': s.first || '', 'data-last': s.last || '' });
      check.checked = chosen.has(name);
      members.append(el('span', { class: 'check' }, check, el('label', { for: `sig-${name}` },
        `${s.name} `, el('span', { class: 'hint' }, `${s.unit || ''} · ${s.sample_rate_hz == null ? 'irregular' : `${s.sample_rate_hz} Hz`}`))));
    }
    all.checked = channel.signals.length > 0 && channel.signals.every((s) => chosen.has(`${channel.name}/${s.name}`));
    box.append(el('div', { class: 'channel' }, el('span', { class: 'check' }, all, el('label', { for: id }, `${channel.name} (all)`)), members));
  }
}

function wire() {
  wired = true;
  $('export-form').addEventListener('input', changed);
  $('export-form').addEventListener('change', (e) => {
    const t = e.target;
    if (t.dataset.channel) {
      document.querySelectorAll(`input[data-channel-of="${CSS.escape(t.dataset.channel)}"]`).forEach((c) => { c.checked = t.checked; });
    } else if (t.dataset.channelOf) {
      const peers = [...document.querySelectorAll(`input[data-channel-of="${CSS.escape(t.dataset.channelOf)}"]`)];
      document.getElementById(`sig-${t.dataset.channelOf}`).checked = peers.every((c) => c.checked);
    }
    if (t.id === 'tr-form') showRangeInputs();
    changed();
  });
  $('tr-stored').addEventListener('click', () => { useStoredRange(); changed(); });
  $('export-run').addEventListener('click', run);
  document.querySelectorAll('[data-copy]').forEach((b) => b.addEventListener('click', () => copy(b)));
}

function showRangeInputs() {
  const form = $('tr-form').value;
  const shown = { start_end: ['start', 'end'], start_duration: ['start', 'duration'], end_duration: ['end', 'duration'],
    duration: ['duration'], preset: ['preset'] }[form];
  document.querySelectorAll('[data-tr]').forEach((n) => { n.hidden = !shown.includes(n.dataset.tr); });
}

function chosenSignals() {
  return [...document.querySelectorAll('#export-signals input[data-signal]:checked')];
}

function useStoredRange() {
  let boxes = chosenSignals();
  if (!boxes.length) boxes = [...document.querySelectorAll('#export-signals input[data-signal]')];
  const firsts = boxes.map((b) => b.dataset.first).filter(Boolean).sort();
  const lasts = boxes.map((b) => b.dataset.last).filter(Boolean).sort();
  if (!firsts.length) return;
  $('tr-form').value = 'start_end';
  $('tr-start').value = firsts[0];
  // The range is [start, end): one nanosecond-ish past the last sample keeps it; a whole second keeps it readable.
  $('tr-end').value = new Date(Math.floor(Date.parse(lasts[lasts.length - 1]) / 1000) * 1000 + 1000).toISOString().replace('.000Z', 'Z');
  showRangeInputs();
}

/** The request body the form describes, as the contract spells it; only fields the user set. */
export function requestBody() {
  const body = {};
  const form = $('tr-form').value;
  const tr = {};
  if (form === 'preset') {
    tr.preset = $('tr-preset').value;
    if ($('tr-timezone').value.trim()) tr.timezone = $('tr-timezone').value.trim();
  } else {
    for (const part of form.split('_')) tr[part] = $(`tr-${part}`).value.trim();
  }
  body.time_range = tr;
  const byChannel = new Map();
  for (const box of chosenSignals()) {
    const [channel, signal] = box.dataset.signal.split('/');
    if (!byChannel.has(channel)) byChannel.set(channel, []);
    byChannel.get(channel).push(signal);
  }
  body.channels = [...byChannel.keys()];
  const signals = {};
  let partial = false;
  for (const [channel, names] of byChannel) {
    const all = document.getElementById(`sig-${channel}`).checked;
    signals[channel] = all ? '*' : names;
    partial = partial || !all;
  }
  if (partial) body.signals = signals;
  const optional = { interval: 'ex-interval', max_gap: 'ex-maxgap' };
  for (const [field, id] of Object.entries(optional)) if ($(id).value.trim()) body[field] = $(id).value.trim();
  const defaults = { aggregate: 'mean', fill: 'linear', format: 'hdf5', layout: 'aligned', execution: 'auto' };
  for (const [field, fallback] of Object.entries(defaults)) {
    const value = $(`ex-${field}`).value;
    if (value !== fallback) body[field] = value;
  }
  if ($('ex-quality').checked) body.quality = true;
  return body;
}

function changed() {
  const body = requestBody();
  renderSnippets(body);
  clearTimeout(timer);
  timer = setTimeout(() => estimate(body), 250);
}

async function estimate(body) {
  const out = $('estimate');
  if (!body.channels.length) { out.textContent = 'Choose at least one signal.'; $('export-run').disabled = true; return; }
  if (estimateController) estimateController.abort();
  estimateController = new AbortController();
  try {
    const e = await json('POST', '/api/v1/pivot/estimate', body, estimateController.signal);
    out.replaceChildren(
      el('strong', {}, `≈ ${bytes(e.estimated_bytes)}`),
      ` · ${Number(e.rows).toLocaleString('en')} rows × ${e.columns} columns · route: `,
      el('strong', { 'data-route': e.route }, e.route === 'sync' ? 'inline (the file comes back at once)' : 'job (queued; follow it under Jobs)'));
    $('export-run').disabled = false;
  } catch (e) {
    if (e.name === 'AbortError') return;
    out.replaceChildren(el('span', { class: 'error' }, describe(e)));
    $('export-run').disabled = true;
  }
}

async function run() {
  const result = $('export-result');
  const body = requestBody();
  result.textContent = 'Exporting…';
  $('export-run').disabled = true;
  try {
    const response = await send('POST', '/api/v1/pivot/export', body);
    if (response.status === 202) {
      const job = await response.json();
      result.replaceChildren('Queued as job ', el('a', { href: '#/jobs' }, job.job_id), '. Progress shows under Jobs.');
      watchJob(job.job_id, multiUser);
    } else {
      const disposition = response.headers.get('Content-Disposition') || '';
      const name = (disposition.match(/filename="([^"]+)"/) || [])[1] || 'export';
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const link = el('a', { href: url, download: name }, `Download ${name} again`);
      result.replaceChildren(`Exported ${name} (${bytes(blob.size)}). `, link);
      link.click();
    }
  } catch (e) {
    result.replaceChildren(el('span', { class: 'error' }, describe(e)));
  } finally {
    $('export-run').disabled = false;
  }
}

function shellQuote(text) { return `'${text.replace(/'/g, "'\\''")}'`; }

function python(value, indent = '') {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => python(v)).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${python(v, indent)}`).join(', ')}}`;
}

function renderSnippets(body) {
  const origin = location.origin;
  const file = `export.${body.format === 'csv' ? 'csv' : 'h5'}`;
  const auth = multiUser ? ` \\\n  -H "Authorization: Bearer $SPEEDDATA_API_KEY"` : '';
  $('sn-curl').textContent = `curl -sS ${origin}/api/v1/pivot/export -H 'Content-Type: application/json'${auth} \\\n`
    + `  -o ${file} -d ${shellQuote(JSON.stringify(body))}`;

  const { time_range: tr, channels, signals, ...fields } = body;
  const args = [`    time_range=${python(tr)},`, `    channels=${python(channels)},`];
  if (signals) args.push(`    signals=${python(signals)},`);
  for (const [k, v] of Object.entries(fields)) args.push(`    ${k}=${python(v)},`);
  $('sn-python').textContent = 'from speeddata import PivotClient\n\n'
    + `client = PivotClient(${JSON.stringify(origin)}${multiUser ? '' : ', api_key=None'})`
    + `${multiUser ? '  # the key from SPEEDDATA_API_KEY' : ''}\n`
    + `client.export_to(${JSON.stringify(file)},\n${args.join('\n')}\n)`;

  const cli = ['python3 -m speeddata export', `--url ${origin}`];
  for (const [k, v] of Object.entries(tr)) cli.push(`--${k} ${shellQuote(v)}`);
  cli.push(`--channels ${shellQuote(channels.join(','))}`);
  if (signals) {
    const list = Object.entries(signals).flatMap(([c, s]) => (s === '*' ? [`${c}/*`] : s.map((n) => `${c}/${n}`)));
    cli.push(`--signals ${shellQuote(list.join(','))}`);
  }
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'quality') cli.push('--quality');
    else cli.push(`--${k.replace('_', '-')} ${shellQuote(String(v))}`);
  }
  cli.push(`-o ${file}`);
  $('sn-cli').textContent = cli.join(' \\\n  ');
}

async function copy(button) {
  const text = $(button.dataset.copy).textContent;
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    const range = document.createRange();
    range.selectNodeContents($(button.dataset.copy));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    button.textContent = 'Selected: press Ctrl+C';
  }
  setTimeout(() => { button.textContent = label; }, 1500);
}
