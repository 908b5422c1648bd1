// Scoring view: headlines in a box, a model (and optionally a second one to compare), and for each headline its
// label and score with the words that moved it highlighted in the text (explain=true), green up and red down.
import { json, el, describe } from './api.js';

let wired = false;

export async function showScoring() {
  const models = await json('GET', '/v1/models');
  fill(document.getElementById('score-model-a'), models, false);
  fill(document.getElementById('score-model-b'), models, true);
  if (!wired) {
    wired = true;
    document.getElementById('score-form').addEventListener('submit', (e) => { e.preventDefault(); score(); });
  }
}

function fill(select, models, optional) {
  const previous = select.value;
  select.replaceChildren(...(optional ? [el('option', { value: '' }, '(none)')] : []),
    ...models.map((m) => el('option', { value: m.name, title: m.description || '' },
      `${m.name}${m.default ? ' (default)' : ''} · ${m.model_sha.slice(0, 8)}`)));
  if (previous && [...select.options].some((o) => o.value === previous)) select.value = previous;
}

async function score() {
  const headlines = document.getElementById('score-text').value.split('\n').map((l) => l.trim()).filter(Boolean);
  const names = [document.getElementById('score-model-a').value, document.getElementById('score-model-b').value].filter(Boolean);
  const error = document.getElementById('score-error');
  const out = document.getElementById('score-results');
  error.textContent = '';
  if (!headlines.length) { error.textContent = 'Write at least one headline.'; return; }
  try {
    const answers = await Promise.all(names.map((model) => json('POST', '/v1/score', { headlines, model, explain: true })));
    out.replaceChildren(...answers.map((answer, i) => column(names[i], answer, headlines)));
  } catch (e) {
    error.textContent = describe(e);
  }
}

function column(model, answer, headlines) {
  return el('section', { class: 'panel', 'aria-label': `Scores by ${model}`, 'data-model': model },
    el('h3', {}, `${model} `, el('span', { class: 'hint mono' }, answer.model_sha.slice(0, 12))),
    el('ol', { class: 'scored' }, ...answer.results.map((r, i) => {
      const explain = r.explain || [];
      return el('li', { 'data-label': r.label },
        el('div', { class: 'headline' }, ...highlighted(headlines[i], explain)),
        el('div', { class: 'meta' },
          el('span', { class: `badge ${r.label}` }, r.label),
          el('span', { class: 'mono' }, `score ${r.score.toFixed(3)}`)),
        explain.length
          ? el('ul', { class: 'terms', 'aria-label': 'What moved the score' }, ...explain.map((x) => el('li', {},
            el('span', { class: x.weight >= 0 ? 'up' : 'down' }, `${x.weight >= 0 ? '+' : ''}${x.weight.toFixed(2)}`),
            ` ${x.text} `, el('span', { class: 'hint' }, x.rule))))
          : el('p', { class: 'hint' }, 'Nothing moved the score.'));
    })));
}

/**
 * The headline as text nodes with <mark> around each explained term where it occurs (case-insensitive, the first
 * free occurrence); a term whose words stand apart in the text ("cut jobs" in "cut 2,000 jobs", a direction word
 * with its metric) has each of its words marked.
 */
function highlighted(text, explain) {
  const lower = text.toLowerCase();
  const spans = [];
  const free = (at, length) => !spans.some((s) => at < s.end && at + length > s.start);
  const find = (needle, from = 0) => {
    let at = lower.indexOf(needle, from);
    while (at >= 0 && !free(at, needle.length)) at = lower.indexOf(needle, at + 1);
    return at;
  };
  for (const item of explain) {
    const needle = item.text.toLowerCase();
    if (!needle) continue;
    const at = find(needle);
    if (at >= 0) { spans.push({ start: at, end: at + needle.length, item }); continue; }
    let from = 0;
    for (const word of needle.split(/\s+/)) {
      const w = find(word, from);
      if (w < 0) continue;
      spans.push({ start: w, end: w + word.length, item });
      from = w + word.length;
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const parts = [];
  let pos = 0;
  for (const s of spans) {
    if (s.start > pos) parts.push(text.slice(pos, s.start));
    const w = s.item.weight;
    parts.push(el('mark', { class: w >= 0 ? 'up' : 'down', title: `${s.item.rule}: ${w >= 0 ? '+' : ''}${w.toFixed(2)}` },
      text.slice(s.start, s.end), el('span', { class: 'sr-only' }, ` (${w >= 0 ? 'raises' : 'lowers'} the score by ${Math.abs(w).toFixed(2)})`)));
    pos = s.end;
  }
  if (pos < text.length) parts.push(text.slice(pos));
  return parts;
}
