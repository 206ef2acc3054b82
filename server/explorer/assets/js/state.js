// The view in the URL: every view can be shared by copying the address.
//
//   /explore?conference=ID[&depth=1..8][&limit=1..500]          lineage
//   /explore?node=ID[&depth=1..3][&types=CITES,CONVENES][&limit=1..500][&expand=ID,ID]
//                                                               neighbourhood
//   /explore?from=A&to=B[&depth=1..6][&limit=1..16]            paths
//   /explore?timeline=1&years=1995-2000                        dated nodes of some years
//
// and for any of them: layout=timeline (the nodes on a year axis),
// years=FROM-TO (either end may be left out), kinds=KIND,KIND (the kinds
// shown; all when absent), table=1 (the table view), sel=ID (the node or
// relation whose details are open).

import { kinds, relationTypes } from './model.js';

export const defaults = {
  lineage: { depth: 4, limit: 200, maxDepth: 8, maxLimit: 500 },
  neighbourhood: { depth: 1, limit: 100, maxDepth: 3, maxLimit: 500 },
  paths: { depth: 4, limit: 5, maxDepth: 6, maxLimit: 16 },
  timeline: { limit: 500 },
};

function int(v, def, lo, hi) {
  const n = parseInt(v, 10);
  return Number.isFinite(n) ? Math.min(Math.max(n, lo), hi) : def;
}

function list(v) {
  return (v || '').split(',').map(s => s.trim()).filter(Boolean);
}

/** parseYears reads "1995-2000", "1995-" or "-2000"; null when empty. */
export function parseYears(v) {
  const m = /^\s*(\d{4})?\s*-?\s*(\d{4})?\s*$/.exec(v || '');
  if (!m || (!m[1] && !m[2])) return null;
  let a = m[1] ? +m[1] : null, b = m[2] ? +m[2] : null;
  if (!(v || '').includes('-')) b = a; // a single year
  if (a != null && b != null && a > b) [a, b] = [b, a];
  return [a, b];
}

export function formatYears(y) {
  if (!y) return '';
  return (y[0] ?? '') + '-' + (y[1] ?? '');
}

/** parse reads the state of the page from a URL's search parameters. */
export function parse(search) {
  const p = new URLSearchParams(search);
  const s = {
    view: null, conference: null, node: null, from: null, to: null,
    depth: null, limit: null, types: [], expand: [],
    kinds: null, years: parseYears(p.get('years')),
    layout: p.get('layout') === 'timeline' ? 'timeline' : 'graph',
    table: p.get('table') === '1',
    sel: p.get('sel') || null,
  };
  const knownTypes = new Set(relationTypes.map(t => t.type));
  const knownKinds = new Set(kinds.map(k => k.kind));
  if (p.get('conference')) {
    const d = defaults.lineage;
    Object.assign(s, { view: 'lineage', conference: p.get('conference'),
      depth: int(p.get('depth'), d.depth, 1, d.maxDepth), limit: int(p.get('limit'), d.limit, 1, d.maxLimit) });
  } else if (p.get('node')) {
    const d = defaults.neighbourhood;
    Object.assign(s, { view: 'neighbourhood', node: p.get('node'),
      depth: int(p.get('depth'), d.depth, 1, d.maxDepth), limit: int(p.get('limit'), d.limit, 1, d.maxLimit),
      types: list(p.get('types')).map(t => t.toUpperCase()).filter(t => knownTypes.has(t)),
      expand: [...new Set(list(p.get('expand')))] });
  } else if (p.get('from') && p.get('to')) {
    const d = defaults.paths;
    Object.assign(s, { view: 'paths', from: p.get('from'), to: p.get('to'),
      depth: int(p.get('depth'), d.depth, 1, d.maxDepth), limit: int(p.get('limit'), d.limit, 1, d.maxLimit) });
  } else if (p.get('timeline')) {
    Object.assign(s, { view: 'timeline', layout: 'timeline' });
  }
  if (p.get('kinds')) {
    s.kinds = list(p.get('kinds')).map(k => k.toUpperCase()).filter(k => knownKinds.has(k));
  }
  return s;
}

/** format writes the state as a URL search string ("?..."), defaults left out. */
export function format(s) {
  const p = new URLSearchParams();
  const d = defaults[s.view] || {};
  switch (s.view) {
    case 'lineage':
      p.set('conference', s.conference);
      break;
    case 'neighbourhood':
      p.set('node', s.node);
      break;
    case 'paths':
      p.set('from', s.from);
      p.set('to', s.to);
      break;
    case 'timeline':
      p.set('timeline', '1');
      break;
  }
  if (s.view && s.view !== 'timeline') {
    if (s.depth != null && s.depth !== d.depth) p.set('depth', s.depth);
    if (s.limit != null && s.limit !== d.limit) p.set('limit', s.limit);
  }
  if (s.view === 'neighbourhood') {
    if (s.types.length) p.set('types', s.types.join(','));
    if (s.expand.length) p.set('expand', s.expand.join(','));
  }
  if (s.layout === 'timeline' && s.view !== 'timeline') p.set('layout', 'timeline');
  if (s.years) p.set('years', formatYears(s.years));
  if (s.kinds && s.kinds.length < kinds.length) p.set('kinds', s.kinds.join(','));
  if (s.table) p.set('table', '1');
  if (s.sel) p.set('sel', s.sel);
  const q = p.toString().replace(/%2C/g, ',');
  return q ? '?' + q : '';
}
