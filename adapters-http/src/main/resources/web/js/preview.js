// A signal's preview: a min/max envelope per pixel column, drawn from two aggregated CSV exports (aggregate min and
// max, interval = visible range / plot width, fill none), so a spike one sample wide still shows at any zoom.
// Every zoom or pan fetches the envelope of the new range; a fetch in flight is abandoned for the newer one.
import uPlot from '../vendor/uplot/uPlot.esm.js';
import { send, describe } from './api.js';

const NS_PER_MS = 1e6;

/** ISO 8601 duration of a whole number of nanoseconds: PT3.600000000S */
export function isoDuration(ns) {
  const whole = Math.floor(ns / 1e9);
  const frac = String(Math.round(ns - whole * 1e9)).padStart(9, '0');
  return `PT${whole}.${frac}S`;
}

function parseCsvColumn(text) {
  const lines = text.split('\n');
  const values = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const comma = line.indexOf(',');
    const field = line.slice(comma + 1);
    values.push(field === '' ? null : Number(field));
  }
  return values;
}

export class Preview {
  constructor(container) {
    this.container = container;
    this.plot = null;
    this.controller = null;
    this.timer = null;
    this.wire();
  }

  wire() {
    const c = this.container;
    document.getElementById('pv-in').onclick = () => this.zoom(0.5);
    document.getElementById('pv-out').onclick = () => this.zoom(2);
    document.getElementById('pv-left').onclick = () => this.pan(-0.25);
    document.getElementById('pv-right').onclick = () => this.pan(0.25);
    document.getElementById('pv-reset').onclick = () => this.range(this.first, this.last);
    document.getElementById('preview-range').onsubmit = (e) => {
      e.preventDefault();
      const from = Date.parse(document.getElementById('preview-start').value);
      const to = Date.parse(document.getElementById('preview-end').value);
      if (Number.isFinite(from) && Number.isFinite(to) && to > from) this.range(from, to);
      else this.caption('Give both ends as RFC 3339 instants, the end after the start.');
    };
    c.addEventListener('keydown', (e) => {
      const actions = { ArrowLeft: () => this.pan(-0.1), ArrowRight: () => this.pan(0.1),
        '+': () => this.zoom(0.5), '=': () => this.zoom(0.5), '-': () => this.zoom(2), Home: () => this.range(this.first, this.last) };
      if (actions[e.key]) { e.preventDefault(); actions[e.key](); }
    });
    c.addEventListener('wheel', (e) => {
      if (!this.plot) return;
      e.preventDefault();
      const rect = this.plot.over.getBoundingClientRect();
      const at = Math.min(1, Math.max(0, (e.clientX - rect.left) / rect.width));
      this.zoom(e.deltaY < 0 ? 0.8 : 1.25, at);
    }, { passive: false });
  }

  show(channel, signal) {
    this.channel = channel;
    this.signal = signal;
    this.first = Date.parse(signal.first);
    this.last = Date.parse(signal.last) + 1;
    document.getElementById('preview-title').textContent =
      `Preview of ${channel}/${signal.name}${signal.unit ? ` (${signal.unit})` : ''}`;
    this.container.setAttribute('aria-label', `Plot of ${channel}/${signal.name}, minimum and maximum per pixel column`);
    if (this.plot) { this.plot.destroy(); this.plot = null; }
    this.range(this.first, this.last);
  }

  zoom(factor, at = 0.5) {
    if (!this.view) return;
    const [from, to] = this.view;
    const span = Math.max((to - from) * factor, 1);
    const pivot = from + (to - from) * at;
    this.range(pivot - span * at, pivot - span * at + span);
  }

  pan(fraction) {
    if (!this.view) return;
    const [from, to] = this.view;
    const shift = (to - from) * fraction;
    this.range(from + shift, to + shift);
  }

  /** Shows [from, to) (epoch ms), fetching its envelope after a short pause so a burst of wheel steps fetches once. */
  range(from, to) {
    this.view = [from, to];
    document.getElementById('preview-start').value = new Date(from).toISOString();
    document.getElementById('preview-end').value = new Date(to).toISOString();
    if (this.plot) this.plot.setScale('x', { min: from / 1000, max: to / 1000 });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fetch(from, to), 120);
  }

  async fetch(from, to) {
    if (this.controller) this.controller.abort();
    const controller = new AbortController();
    this.controller = controller;
    const width = Math.max(100, Math.min(4000, Math.round(this.container.clientWidth || 800)));
    const rangeNs = (to - from) * NS_PER_MS;
    const period = this.signal.sample_rate_hz ? 1e9 / this.signal.sample_rate_hz : 1;
    const interval = Math.max(1, Math.round(Math.max(rangeNs / width, period)));
    const started = performance.now();
    this.caption('Loading…');
    try {
      const [mins, maxs] = await Promise.all(['min', 'max'].map((aggregate) => this.envelope(from, to, interval, aggregate, controller.signal)));
      if (controller.signal.aborted) return;
      const xs = mins.map((_, i) => (from * NS_PER_MS + i * interval) / 1e9);
      this.draw([xs, mins, maxs], from, to);
      const shown = mins.filter((v) => v !== null);
      const lo = Math.min(...shown);
      const hi = Math.max(...maxs.filter((v) => v !== null));
      this.container.dataset.points = String(shown.length);
      this.caption(shown.length
        ? `${new Date(from).toISOString()} to ${new Date(to).toISOString()}: ${xs.length} columns of ${isoDuration(interval)}, `
          + `values from ${lo.toPrecision(5)} to ${hi.toPrecision(5)} ${this.signal.unit || ''}; `
          + `fetched in ${Math.round(performance.now() - started)} ms.`
        : `No samples between ${new Date(from).toISOString()} and ${new Date(to).toISOString()}.`);
    } catch (e) {
      if (e.name === 'AbortError') return;
      if (e.status === 429 && this.controller === controller) { // a tier's export rate: try again shortly
        this.caption('Waiting for the export rate limit…');
        this.timer = setTimeout(() => this.fetch(from, to), 1000);
        return;
      }
      this.caption(describe(e));
    }
  }

  async envelope(from, to, interval, aggregate, signal) {
    const body = {
      time_range: { start: new Date(from).toISOString(), end: new Date(to).toISOString() },
      channels: [this.channel],
      signals: { [this.channel]: [this.signal.name] },
      interval: isoDuration(interval),
      aggregate,
      fill: 'none',
      format: 'csv',
      execution: 'sync',
    };
    const response = await send('POST', '/api/v1/pivot/export', body, signal);
    return parseCsvColumn(await response.text());
  }

  draw(data, from, to) {
    if (!this.plot) {
      const unit = this.signal.unit || '';
      this.plot = new uPlot({
        width: this.container.clientWidth || 800,
        height: 320,
        scales: { x: { time: true } },
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'), // UTC, as every time on the page
        series: [
          {},
          { label: `min ${unit}`, stroke: '#0b5cad', width: 1, spanGaps: this.signal.sample_rate_hz == null },
          { label: `max ${unit}`, stroke: '#0b5cad', width: 1, spanGaps: this.signal.sample_rate_hz == null },
        ],
        bands: [{ series: [2, 1], fill: 'rgba(11, 92, 173, 0.25)' }],
        axes: [{ label: 'UTC' }, { label: unit, size: 70 }],
        cursor: { drag: { x: true, y: false, setScale: false } },
        hooks: {
          setSelect: [(u) => {
            if (u.select.width < 2) return;
            const min = u.posToVal(u.select.left, 'x') * 1000;
            const max = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
            u.setSelect({ left: 0, width: 0 }, false);
            this.range(min, max);
          }],
        },
      }, data, this.container);
      this.resizer = new ResizeObserver(() => this.plot && this.plot.setSize({ width: this.container.clientWidth, height: 320 }));
      this.resizer.observe(this.container);
    } else {
      this.plot.setData(data, false);
    }
    this.plot.setScale('x', { min: from / 1000, max: to / 1000 });
  }

  caption(text) { document.getElementById('preview-caption').textContent = text; }
}
