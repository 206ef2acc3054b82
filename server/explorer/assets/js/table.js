// The table view: the nodes and relations of the current view as two
// sortable tables, for people who read rather than look. Each table is
// navigable from the keyboard: Tab reaches the current row, the arrow keys,
// Home, End, Page Up and Page Down move between rows, Enter or Space opens
// the row's details (and selects it in the graph).

import { kindName } from './model.js';

const nodeCols = [
  { key: 'label', title: 'Node', get: d => d.label },
  { key: 'title', title: 'Title', get: d => d.title },
  { key: 'kind', title: 'Kind', get: d => kindName(d.kind) },
  { key: 'date', title: 'Date', get: d => d.date || '' },
  { key: 'place', title: 'Place', get: d => d.place || '' },
  { key: 'citedByCount', title: 'Cited by', get: d => d.citedByCount, numeric: true },
  { key: 'distance', title: 'Distance', get: d => d.distance, numeric: true },
  { key: 'unresolved', title: 'Status', get: d => d.unresolved ? 'unresolved' : '' },
];

function edgeCols(labelOf) {
  return [
    { key: 'type', title: 'Type', get: d => d.type },
    { key: 'verb', title: 'Verb', get: d => d.verb || '' },
    { key: 'from', title: 'From', get: d => labelOf(d.source) },
    { key: 'to', title: 'To', get: d => labelOf(d.target) },
    { key: 'clause', title: 'Clause', get: d => clauseName(d) },
    { key: 'evidence', title: 'Evidence', get: d => d.evidence || '' },
  ];
}

/** clauseName names an edge's clause: "operative 1", "preambular (clause 3)". */
export function clauseName(d) {
  if (!d.clauseKind) return '';
  return d.clauseNumber != null ? d.clauseKind + ' ' + d.clauseNumber : d.clauseKind + ' (clause ' + d.clauseIndex + ')';
}

function compare(a, b, numeric) {
  if (numeric) {
    const x = a == null ? -Infinity : a, y = b == null ? -Infinity : b;
    return x - y;
  }
  return String(a ?? '').localeCompare(String(b ?? ''), undefined, { numeric: true, sensitivity: 'base' });
}

/** Table renders one of the two tables and keeps its sort and focus. */
class Table {
  constructor(el, onOpen) {
    this.el = el;
    this.onOpen = onOpen;
    this.sort = { key: null, dir: 1 };
    this.rows = [];
    this.cols = [];
    this.current = 0;
    el.tBodies[0].addEventListener('keydown', e => this.key(e));
    el.tBodies[0].addEventListener('click', e => {
      const tr = e.target.closest('tr');
      if (tr && !e.target.closest('a')) this.open(+tr.dataset.index);
    });
  }

  render(cols, rows, selected) {
    this.cols = cols;
    this.rows = rows;
    const head = this.el.tHead;
    head.replaceChildren();
    const tr = document.createElement('tr');
    for (const c of cols) {
      const th = document.createElement('th');
      th.scope = 'col';
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = c.title;
      b.addEventListener('click', () => {
        this.sort = { key: c.key, dir: this.sort.key === c.key ? -this.sort.dir : 1 };
        this.render(this.cols, this.rows, this.selected);
        const again = this.el.tHead.querySelector(`[data-key="${c.key}"] button`);
        if (again) again.focus();
      });
      th.dataset.key = c.key;
      th.setAttribute('aria-sort', this.sort.key === c.key ? (this.sort.dir > 0 ? 'ascending' : 'descending') : 'none');
      th.append(b);
      tr.append(th);
    }
    head.append(tr);
    this.selected = selected;
    const sorted = rows.slice();
    const col = cols.find(c => c.key === this.sort.key);
    if (col) sorted.sort((a, b) => this.sort.dir * compare(col.get(a), col.get(b), col.numeric) || compare(a.id, b.id));
    this.sorted = sorted;
    const body = this.el.tBodies[0];
    const hadFocus = body.contains(document.activeElement);
    body.replaceChildren();
    const frag = document.createDocumentFragment();
    sorted.forEach((d, i) => {
      const row = document.createElement('tr');
      row.dataset.index = i;
      row.dataset.id = d.id;
      row.tabIndex = -1;
      if (d.unresolved) row.classList.add('unresolved');
      if (d.id === selected) {
        row.classList.add('selected');
        row.setAttribute('aria-current', 'true');
      }
      for (const c of cols) {
        const td = document.createElement('td');
        const v = c.get(d);
        td.textContent = v == null ? '' : v;
        if (c.numeric) td.className = 'num';
        row.append(td);
      }
      frag.append(row);
    });
    body.append(frag);
    const sel = sorted.findIndex(d => d.id === selected);
    this.current = Math.min(sel >= 0 ? sel : this.current, Math.max(sorted.length - 1, 0));
    const cur = body.rows[this.current];
    if (cur) {
      cur.tabIndex = 0;
      if (hadFocus) cur.focus();
    }
  }

  focus(i) {
    const body = this.el.tBodies[0];
    if (!body.rows.length) return;
    i = Math.max(0, Math.min(i, body.rows.length - 1));
    if (body.rows[this.current]) body.rows[this.current].tabIndex = -1;
    this.current = i;
    body.rows[i].tabIndex = 0;
    body.rows[i].focus();
  }

  open(i) {
    const d = this.sorted[i];
    if (!d) return;
    this.focus(i);
    this.onOpen(d.id);
  }

  key(e) {
    const page = 10;
    const moves = {
      ArrowDown: this.current + 1, ArrowUp: this.current - 1,
      Home: 0, End: Infinity, PageDown: this.current + page, PageUp: this.current - page,
    };
    if (e.key in moves) {
      e.preventDefault();
      this.focus(moves[e.key]);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.open(this.current);
    }
  }
}

/** Tables shows the nodes and edges of a view in the two tables. */
export class Tables {
  constructor(nodesEl, edgesEl, onOpen) {
    this.nodes = new Table(nodesEl, onOpen);
    this.edges = new Table(edgesEl, onOpen);
    this.nodesCaption = nodesEl.caption;
    this.edgesCaption = edgesEl.caption;
  }

  render(nodes, edges, selected) {
    const labels = new Map(nodes.map(d => [d.id, d.label]));
    const labelOf = id => labels.get(id) || id;
    this.nodesCaption.textContent = `Nodes (${nodes.length})`;
    this.edgesCaption.textContent = `Relations (${edges.length})`;
    this.nodes.render(nodeCols, nodes, selected);
    this.edges.render(edgeCols(labelOf), edges, selected);
  }
}
