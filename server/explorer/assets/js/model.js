// What the explorer draws: the kinds of nodes and types of relations with
// their colours and shapes, and the Cytoscape elements made from the API's
// answers. Node and edge data use one vocabulary in every view, which the
// panel, the table and the exports read.
//
// Node data: id, kind, label, title, symbol, date, year, place,
// citedByCount, unresolved (true, false, or null while unknown), distance
// (from the view's anchor, or null), anchor (the node the view is about).
// Edge data: id, source, target (node ids, as Cytoscape wants them), type,
// verb, label, sourceURL (where the relation was read: `source` is taken by
// Cytoscape), evidence, document, clauseIndex, clauseKind, clauseNumber,
// clauseText, clauseStart, clauseEnd (byte offsets in the clause text).

/** Kinds of nodes, in legend order, with colour, shape and a readable name. */
export const kinds = [
  { kind: 'RESOLUTION', name: 'Resolution', color: '#0072b2', shape: 'ellipse' },
  { kind: 'DECLARATION', name: 'Declaration', color: '#b4457f', shape: 'diamond' },
  { kind: 'CONVENTION', name: 'Convention', color: '#882255', shape: 'hexagon' },
  { kind: 'REPORT', name: 'Report', color: '#5f5f5f', shape: 'rectangle' },
  { kind: 'PLAN_OF_ACTION', name: 'Plan of action', color: '#117733', shape: 'pentagon' },
  { kind: 'CONFERENCE', name: 'Conference', color: '#d55e00', shape: 'round-rectangle' },
  { kind: 'SESSION', name: 'Session', color: '#b07d00', shape: 'triangle' },
  { kind: 'BODY', name: 'Body', color: '#3a8fc4', shape: 'octagon' },
];

export const kindByName = Object.fromEntries(kinds.map(k => [k.kind, k]));

/** Relation types, with the colour and line style of their edges. */
export const relationTypes = [
  { type: 'CITES', color: '#4d4d4d', line: 'solid' },
  { type: 'MENTIONS', color: '#8c8c8c', line: 'dashed' },
  { type: 'CONVENES', color: '#d55e00', line: 'solid' },
  { type: 'INSTRUCTS', color: '#0072b2', line: 'solid' },
  { type: 'REQUESTS', color: '#3a8fc4', line: 'dashed' },
  { type: 'PRODUCED', color: '#117733', line: 'solid' },
  { type: 'ADOPTED_AT', color: '#9a9a9a', line: 'dotted' },
  { type: 'ADOPTED_BY', color: '#9a9a9a', line: 'dotted' },
  { type: 'FOLLOWS_UP', color: '#882255', line: 'solid' },
  { type: 'PART_OF', color: '#9a9a9a', line: 'dotted' },
  { type: 'ESTABLISHES', color: '#b4457f', line: 'solid' },
];

export const typeByName = Object.fromEntries(relationTypes.map(t => [t.type, t]));

/** kindName is the readable name of a kind ("PLAN_OF_ACTION" is "Plan of action"). */
export function kindName(kind) {
  return (kindByName[kind] && kindByName[kind].name) || kind;
}

/** shortLabel cuts a label to n characters, at a word when it can. */
export function shortLabel(s, n = 48) {
  if (!s || s.length <= n) {
    return s || '';
  }
  const cut = s.slice(0, n);
  const space = cut.lastIndexOf(' ');
  return (space > n / 2 ? cut.slice(0, space) : cut) + '…';
}

/** edgeLabel is what an edge shows: its type and, when it has one, its verb. */
export function edgeLabel(type, verb) {
  return verb ? type + ' · ' + verb.toLowerCase() : type;
}

/** nodeData makes node data from an Entity (lineage, paths, timeline). */
export function entityNode(n, extra = {}) {
  return {
    id: n.id,
    kind: n.kind,
    label: shortLabel(n.symbol || n.title),
    title: n.title,
    symbol: n.symbol || null,
    date: n.date || null,
    year: n.year == null ? null : n.year,
    place: n.place || null,
    citedByCount: n.citedByCount || 0,
    unresolved: n.unresolved == null ? null : !!n.unresolved,
    distance: null,
    anchor: false,
    ...extra,
  };
}

/** graphNode makes node data from a GraphNode (neighbourhood). */
export function graphNode(n) {
  return {
    id: n.id,
    kind: n.kind,
    label: shortLabel(n.label || n.symbol || n.title),
    title: n.title,
    symbol: n.symbol || null,
    date: n.date || null,
    year: n.year == null ? null : n.year,
    place: n.place || null,
    citedByCount: n.citedByCount || 0,
    unresolved: null,
    distance: n.distance == null ? null : n.distance,
    anchor: n.distance === 0,
  };
}

function clauseData(c) {
  return {
    clauseIndex: c ? c.index : null,
    clauseKind: c ? c.kind : null,
    clauseNumber: c && c.number != null ? c.number : null,
    clauseText: c ? c.text || null : null,
    clauseStart: c ? c.start : null,
    clauseEnd: c ? c.end : null,
  };
}

/** relationEdge makes edge data from a Relation (lineage, paths). */
export function relationEdge(r) {
  return {
    id: r.id,
    source: r.from.id,
    target: r.to.id,
    type: r.type,
    verb: r.verb || null,
    label: edgeLabel(r.type, r.verb),
    sourceURL: r.source || null,
    evidence: r.evidence || null,
    document: r.document || null,
    ...clauseData(r.clause),
  };
}

/** graphEdge makes edge data from a GraphEdge (neighbourhood). */
export function graphEdge(e) {
  const p = e.properties || {};
  return {
    id: e.id,
    source: e.from,
    target: e.to,
    type: e.type,
    verb: p.verb || null,
    label: edgeLabel(e.type, p.verb),
    sourceURL: p.source || null,
    evidence: p.evidence || null,
    document: p.document || null,
    ...clauseData(p.clause),
  };
}

/** fractionalYear places a date (YYYY, YYYY-MM, YYYY-MM-DD or a range) on a year axis. */
export function fractionalYear(date, year) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date || '');
  if (!m) {
    return year == null ? null : year + 0.5;
  }
  const y = +m[1];
  if (!m[2]) {
    return y + 0.5;
  }
  const month = +m[2] - 1;
  const day = m[3] ? +m[3] - 1 : 15;
  return y + (month * 30.44 + day) / 366;
}
