// Catalog view: every channel's signals with unit, rate, first/last and sample counts; a preview of any of them.
import { json, el } from './api.js';
import { Preview } from './preview.js';

let cached = null;
let preview = null;

/** The catalog, fetched once per view entry (force) and shared with the export builder. */
export async function loadCatalog(force = false) {
  if (!cached || force) cached = (await json('GET', '/api/v1/channels')).channels;
  return cached;
}

function when(instant) {
  return instant ? instant.replace('T', ' ').replace(/(\.\d{3})\d*Z$/, '$1Z') : '';
}

export async function showCatalog() {
  const refresh = document.getElementById('catalog-refresh');
  refresh.onclick = () => showCatalog();
  const channels = await loadCatalog(true);
  const body = document.querySelector('#catalog-table tbody');
  body.replaceChildren();
  for (const channel of channels) {
    for (const s of channel.signals) {
      const name = `${channel.name}/${s.name}`;
      const row = el('tr', { 'data-signal': name },
        el('td', {}, channel.name),
        el('td', {}, s.name),
        el('td', {}, s.unit || ''),
        el('td', { class: 'num' }, s.sample_rate_hz == null ? 'irregular' : s.sample_rate_hz),
        el('td', { class: 'mono' }, when(s.first)),
        el('td', { class: 'mono' }, when(s.last)),
        el('td', { class: 'num' }, (s.samples ?? 0).toLocaleString('en')),
        el('td', {}, el('button', {
          type: 'button',
          'aria-label': `Preview ${name}`,
          disabled: !s.samples,
          onclick: () => open(channel.name, s, row),
        }, 'Preview')));
      body.append(row);
    }
  }
  document.getElementById('catalog-empty').hidden = channels.length > 0;
}

function open(channel, signal, row) {
  document.querySelectorAll('#catalog-table tr.selected').forEach((r) => r.classList.remove('selected'));
  row.classList.add('selected');
  const section = document.getElementById('preview');
  section.hidden = false;
  if (!preview) preview = new Preview(document.getElementById('preview-plot'));
  preview.show(channel, signal);
  document.getElementById('preview-plot').focus();
}
