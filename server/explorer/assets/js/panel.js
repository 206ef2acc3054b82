// The details panel: what a click on a node or an edge shows. For a node:
// its symbol, title, kind, date, place, whether it is an unresolved
// placeholder, and its counts, with a link to the same data as a query in
// GraphiQL. For an edge: its type, verb, the clause that states it (kind,
// number, text, with the reference marked), the document, the evidence and
// the source as a link.

import { kindByName, kindName } from './model.js';
import { clauseName } from './table.js';

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function row(dl, term, ...value) {
  if (value.every(v => v == null || v === '')) return;
  dl.append(el('dt', {}, term), el('dd', {}, ...value));
}

/** link makes an external link of a URL, or plain text of anything else. */
function link(url) {
  if (!url) return null;
  if (/^https?:\/\//i.test(url)) {
    return el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, url);
  }
  return el('span', { class: 'mono' }, url);
}

/**
 * markClause returns the clause text with the reference between the byte
 * offsets start and end (of its UTF-8 encoding) marked.
 */
export function markClause(text, start, end) {
  const bytes = new TextEncoder().encode(text);
  if (start == null || end == null || start < 0 || end <= start || end > bytes.length) {
    return [text];
  }
  const dec = new TextDecoder();
  return [dec.decode(bytes.slice(0, start)), el('mark', {}, dec.decode(bytes.slice(start, end))), dec.decode(bytes.slice(end))];
}

/** Panel renders the details of the element selected. */
export class Panel {
  /**
   * actions: { open(view, params), expand(id), select(id), api, graphiql,
   * query(name) } — what the panel's buttons do and how it fetches details.
   */
  constructor(root, actions) {
    this.root = root;
    this.actions = actions;
    this.token = 0;
  }

  clear() {
    this.token++;
    this.root.replaceChildren(el('p', { class: 'hint' }, 'Click a node or a line to see where it comes from.'));
  }

  /** node shows a node: what the graph knows at once, then its details. */
  node(d, { canExpand, view, inGraph }) {
    const token = ++this.token;
    const k = kindByName[d.kind] || { color: '#777', name: d.kind };
    const head = el('header', {},
      el('p', { class: 'kind' }, el('span', { class: 'swatch ' + (d.unresolved ? 'hollow' : ''), style: `--c:${k.color}` }), kindName(d.kind)),
      el('h2', { id: 'panel-title' }, d.symbol || d.title));
    const body = el('div', { class: 'panel-body' });
    if (d.unresolved) {
      body.append(el('p', { class: 'warn' }, 'Unresolved placeholder: made from a reference in a document that matched no known node.'));
    }
    const dl = el('dl', {});
    row(dl, 'Id', el('span', { class: 'mono' }, d.id));
    if (d.symbol) row(dl, 'Title', d.title);
    row(dl, 'Date', d.date);
    row(dl, 'Place', d.place);
    row(dl, 'Cited by', String(d.citedByCount ?? 0));
    if (d.distance != null) row(dl, view === 'lineage' ? 'Distance to the conference' : 'Distance', String(d.distance));
    row(dl, 'Relations drawn', String(inGraph));
    body.append(dl);
    const details = el('div', { class: 'details', 'aria-busy': 'true' }, el('p', { class: 'hint' }, 'Loading details…'));
    body.append(details);

    const buttons = el('div', { class: 'buttons' });
    if (canExpand) buttons.append(el('button', { type: 'button', onclick: () => this.actions.expand(d.id) }, 'Expand'));
    buttons.append(
      el('button', { type: 'button', onclick: () => this.actions.open('lineage', { conference: d.id }) }, 'Lineage'),
      el('button', { type: 'button', onclick: () => this.actions.open('neighbourhood', { node: d.id }) }, 'Neighbourhood'),
      el('button', { type: 'button', onclick: () => this.actions.pathEnd('from', d.id) }, 'Path from here'),
      el('button', { type: 'button', onclick: () => this.actions.pathEnd('to', d.id) }, 'Path to here'),
    );
    body.append(buttons);
    const gq = this.actions.graphiqlURL('NodeDetails', { id: d.id });
    if (gq) body.append(el('p', {}, el('a', { href: gq, class: 'graphiql', target: '_blank', rel: 'noopener' }, 'Open this node as a query in GraphiQL')));
    this.root.replaceChildren(head, body);

    this.actions.api.run('NodeDetails', { id: d.id }).then(data => {
      if (token !== this.token) return;
      const n = data.node;
      details.removeAttribute('aria-busy');
      if (!n) {
        details.replaceChildren(el('p', { class: 'warn' }, 'The server no longer knows this node.'));
        return;
      }
      const more = el('dl', {});
      if (n.aliases && n.aliases.length) row(more, 'Also known as', el('ul', { class: 'plain' }, n.aliases.map(a => el('li', {}, a))));
      row(more, 'Source', link(n.source));
      row(more, 'Unresolved', n.unresolved ? 'yes' : 'no');
      const counts = new Map();
      for (const r of n.relations || []) {
        const key = r.type + (r.direction === 'OUT' ? ' →' : ' ←');
        counts.set(key, (counts.get(key) || 0) + 1);
      }
      const list = el('ul', { class: 'plain counts' }, [...counts].sort().map(([k, c]) => el('li', {}, el('span', { class: 'mono' }, k), ' ', String(c))));
      row(more, `Relations (${(n.relations || []).length}${(n.relations || []).length >= 1000 ? '+' : ''})`, counts.size ? list : 'none');
      details.replaceChildren(more);
    }).catch(err => {
      if (token !== this.token) return;
      details.removeAttribute('aria-busy');
      details.replaceChildren(el('p', { class: 'warn' }, 'Details could not be loaded: ' + err.message));
    });
  }

  /** edge shows a relation with its provenance. */
  edge(d, labelOf) {
    this.token++;
    const head = el('header', {},
      el('p', { class: 'kind' }, 'Relation'),
      el('h2', { id: 'panel-title' }, d.type + (d.verb ? ' · ' + d.verb : '')));
    const body = el('div', { class: 'panel-body' });
    body.append(el('p', { class: 'ends' },
      el('button', { type: 'button', class: 'linkish', onclick: () => this.actions.select(d.source) }, labelOf(d.source)),
      ' → ',
      el('button', { type: 'button', class: 'linkish', onclick: () => this.actions.select(d.target) }, labelOf(d.target))));
    const dl = el('dl', {});
    row(dl, 'Type', d.type);
    row(dl, 'Verb', d.verb);
    if (d.clauseKind) {
      row(dl, 'Clause', clauseName(d) + (d.clauseNumber != null ? ' (clause ' + d.clauseIndex + ')' : ''));
    }
    body.append(dl);
    if (d.clauseText) {
      body.append(el('blockquote', { class: 'clause', cite: /^https?:/.test(d.sourceURL || '') ? d.sourceURL : null }, markClause(d.clauseText, d.clauseStart, d.clauseEnd)));
    }
    const more = el('dl', {});
    if (d.document) {
      const name = labelOf(d.document);
      row(more, 'Document', el('button', { type: 'button', class: 'linkish', title: d.document, onclick: () => this.actions.select(d.document, true) }, name),
        name !== d.document ? el('span', { class: 'mono small' }, ' ' + d.document) : null);
    }
    row(more, 'Evidence', d.evidence);
    row(more, 'Source', link(d.sourceURL));
    row(more, 'Id', el('span', { class: 'mono small' }, d.id));
    body.append(more);
    this.root.replaceChildren(head, body);
  }
}
