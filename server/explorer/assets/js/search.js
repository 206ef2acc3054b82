// The search box: a combobox over the API's `search` (titles, aliases,
// symbols in any printed variant, clause texts and evidence, in every
// language). The arrow keys move through the results, Enter opens one:
// a conference opens its lineage, anything else its neighbourhood.

import { kindName, kindByName } from './model.js';

export class Search {
  constructor(input, list, { api, onChoose, onError }) {
    this.input = input;
    this.list = list;
    this.api = api;
    this.onChoose = onChoose;
    this.onError = onError;
    this.results = [];
    this.active = -1;
    this.timer = 0;
    this.seq = 0;
    input.addEventListener('input', () => this.schedule());
    input.addEventListener('keydown', e => this.key(e));
    input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    input.form.addEventListener('submit', e => {
      e.preventDefault();
      if (this.active >= 0) this.choose(this.active);
      else this.search(true);
    });
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.search(false), 220);
  }

  async search(openFirst) {
    const text = this.input.value.trim();
    if (text.length < 2) {
      this.close();
      return;
    }
    const seq = ++this.seq;
    try {
      const data = await this.api.run('Search', { text, first: 10 });
      if (seq !== this.seq) return;
      this.results = data.search.edges;
      this.render();
      if (openFirst && this.results.length) this.choose(0);
    } catch (err) {
      if (seq === this.seq) this.onError(err);
    }
  }

  render() {
    this.list.replaceChildren();
    this.active = -1;
    if (!this.results.length) {
      const li = document.createElement('li');
      li.className = 'empty';
      li.textContent = 'Nothing found';
      li.setAttribute('role', 'option');
      li.setAttribute('aria-disabled', 'true');
      this.list.append(li);
    }
    this.results.forEach((r, i) => {
      const n = r.node;
      const li = document.createElement('li');
      li.id = 'search-result-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.dataset.id = n.id;
      const sw = document.createElement('span');
      sw.className = 'swatch';
      sw.style.setProperty('--c', (kindByName[n.kind] || { color: '#777' }).color);
      const main = document.createElement('span');
      main.className = 'result-main';
      main.textContent = n.symbol ? n.symbol + ' — ' + n.title : n.title;
      const meta = document.createElement('span');
      meta.className = 'result-meta';
      const matched = r.field === 'TITLE' || r.field === 'SYMBOL' ? '' : ' · ' + r.field.toLowerCase() + ': ' + (r.text || '').slice(0, 90);
      meta.textContent = kindName(n.kind) + (n.date ? ' · ' + n.date : '') + matched;
      li.append(sw, main, meta);
      li.addEventListener('mousedown', e => e.preventDefault());
      li.addEventListener('click', () => this.choose(i));
      this.list.append(li);
    });
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  move(i) {
    const items = this.list.querySelectorAll('[role=option]:not([aria-disabled])');
    if (!items.length) return;
    i = (i + items.length) % items.length;
    items.forEach((li, j) => li.setAttribute('aria-selected', j === i ? 'true' : 'false'));
    this.active = i;
    this.input.setAttribute('aria-activedescendant', items[i].id);
    items[i].scrollIntoView({ block: 'nearest' });
  }

  key(e) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (this.list.hidden) this.search(false);
      else this.move(this.active + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      this.move(this.active - 1);
    } else if (e.key === 'Escape') {
      this.close();
    }
  }

  choose(i) {
    const r = this.results[i];
    if (!r) return;
    this.close();
    this.onChoose(r.node);
  }

  close() {
    this.list.hidden = true;
    this.active = -1;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}
