// Exports of the current view: SVG, GraphML, GEXF and CSV, made from the
// visible nodes (their data and model positions) and edges (their data).
// PNG comes from Cytoscape itself (main.js). These functions are pure: they
// take plain objects and return strings.

import { kinds, kindByName, typeByName, kindName } from './model.js';
import { nodeSize } from './graph.js';

// Characters XML 1.0 does not allow, even escaped.
const invalidXML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** xml escapes text for XML content and attributes. */
export function xml(v) {
  return String(v == null ? '' : v).replace(invalidXML, '').replace(/[&<>"']/g, c => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;',
  })[c]);
}

/** The columns of the node and edge exports: name, type, and how to read it. */
export const nodeColumns = [
  ['id', 'string', d => d.id],
  ['kind', 'string', d => d.kind],
  ['label', 'string', d => d.label],
  ['title', 'string', d => d.title],
  ['symbol', 'string', d => d.symbol],
  ['date', 'string', d => d.date],
  ['year', 'int', d => d.year],
  ['place', 'string', d => d.place],
  ['citedByCount', 'int', d => d.citedByCount],
  ['unresolved', 'boolean', d => d.unresolved],
  ['distance', 'int', d => d.distance],
];

export const edgeColumns = [
  ['id', 'string', d => d.id],
  ['from', 'string', d => d.source],
  ['to', 'string', d => d.target],
  ['type', 'string', d => d.type],
  ['verb', 'string', d => d.verb],
  ['document', 'string', d => d.document],
  ['clauseIndex', 'int', d => d.clauseIndex],
  ['clauseKind', 'string', d => d.clauseKind],
  ['clauseNumber', 'int', d => d.clauseNumber],
  ['clauseText', 'string', d => d.clauseText],
  ['evidence', 'string', d => d.evidence],
  ['source', 'string', d => d.sourceURL],
];

function present(v) {
  return v !== null && v !== undefined && v !== '';
}

/** csv writes rows as RFC 4180 CSV, every field quoted when it must be. */
export function csv(columns, rows) {
  const field = v => {
    const s = present(v) ? String(v) : '';
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  const lines = [columns.map(c => field(c[0])).join(',')];
  for (const r of rows) {
    lines.push(columns.map(c => field(c[2](r))).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** graphML writes the graph as GraphML (yEd, Gephi, NetworkX, igraph). */
export function graphML({ nodes, edges, title }) {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"',
    '    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'];
  const key = (scope, [name, type]) =>
    `  <key id="${scope[0]}_${name}" for="${scope}" attr.name="${name}" attr.type="${type}"/>`;
  for (const c of nodeColumns.slice(1)) out.push(key('node', c));
  out.push('  <key id="node_x" for="node" attr.name="x" attr.type="double"/>');
  out.push('  <key id="node_y" for="node" attr.name="y" attr.type="double"/>');
  for (const c of edgeColumns.slice(3)) out.push(key('edge', c));
  out.push(`  <graph id="${xml(title || 'hemigraph')}" edgedefault="directed">`);
  for (const n of nodes) {
    out.push(`    <node id="${xml(n.data.id)}">`);
    for (const [name, , get] of nodeColumns.slice(1)) {
      const v = get(n.data);
      if (present(v)) out.push(`      <data key="n_${name}">${xml(v)}</data>`);
    }
    out.push(`      <data key="node_x">${round(n.position.x)}</data>`);
    out.push(`      <data key="node_y">${round(n.position.y)}</data>`);
    out.push('    </node>');
  }
  for (const e of edges) {
    const d = e.data;
    out.push(`    <edge id="${xml(d.id)}" source="${xml(d.source)}" target="${xml(d.target)}">`);
    for (const [name, , get] of edgeColumns.slice(3)) {
      const v = get(d);
      if (present(v)) out.push(`      <data key="e_${name}">${xml(v)}</data>`);
    }
    out.push('    </edge>');
  }
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}

function round(v) {
  return Math.round(v * 100) / 100;
}

function rgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

// GEXF carries a node's id and label as attributes of the element itself.
const gexfNodeColumns = nodeColumns.filter(c => c[0] !== 'id' && c[0] !== 'label');

const gexfTypes = { string: 'string', int: 'integer', boolean: 'boolean' };

/** gexf writes the graph as GEXF 1.3 (Gephi), with colours, sizes and positions. */
export function gexf({ nodes, edges, title, date }) {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">',
    `  <meta lastmodifieddate="${xml(date || new Date().toISOString().slice(0, 10))}">`,
    '    <creator>hemigraph explorer</creator>',
    `    <description>${xml(title || 'hemigraph')}</description>`,
    '  </meta>',
    '  <graph defaultedgetype="directed" mode="static">',
    '    <attributes class="node">'];
  for (const [name, type] of gexfNodeColumns) {
    out.push(`      <attribute id="${name}" title="${name}" type="${gexfTypes[type]}"/>`);
  }
  out.push('    </attributes>', '    <attributes class="edge">');
  for (const [name, type] of edgeColumns.slice(3)) {
    out.push(`      <attribute id="${name}" title="${name}" type="${gexfTypes[type]}"/>`);
  }
  out.push('    </attributes>', '    <nodes>');
  for (const n of nodes) {
    const d = n.data;
    out.push(`      <node id="${xml(d.id)}" label="${xml(d.label)}">`, '        <attvalues>');
    for (const [name, , get] of gexfNodeColumns) {
      const v = get(d);
      if (present(v)) out.push(`          <attvalue for="${name}" value="${xml(v)}"/>`);
    }
    out.push('        </attvalues>');
    const c = rgb((kindByName[d.kind] || { color: '#777777' }).color);
    out.push(`        <viz:color r="${c.r}" g="${c.g}" b="${c.b}"/>`);
    out.push(`        <viz:position x="${round(n.position.x)}" y="${round(-n.position.y)}" z="0"/>`);
    out.push(`        <viz:size value="${round(nodeSize(d.citedByCount) / 2)}"/>`);
    out.push('      </node>');
  }
  out.push('    </nodes>', '    <edges>');
  for (const e of edges) {
    const d = e.data;
    out.push(`      <edge id="${xml(d.id)}" source="${xml(d.source)}" target="${xml(d.target)}" kind="${xml(d.type)}" label="${xml(d.label)}">`,
      '        <attvalues>');
    for (const [name, , get] of edgeColumns.slice(3)) {
      const v = get(d);
      if (present(v)) out.push(`          <attvalue for="${name}" value="${xml(v)}"/>`);
    }
    out.push('        </attvalues>', '      </edge>');
  }
  out.push('    </edges>', '  </graph>', '</gexf>', '');
  return out.join('\n');
}

/** polygon gives the points of a regular polygon of n sides around (0,0), one point up. */
function polygon(n, rx, ry, rotate = -Math.PI / 2) {
  const pts = [];
  for (let i = 0; i < n; i++) {
    const a = rotate + (2 * Math.PI * i) / n;
    pts.push(round(rx * Math.cos(a)) + ',' + round(ry * Math.sin(a)));
  }
  return pts.join(' ');
}

export function shapeSVG(shape, size, fill, stroke, dash) {
  const r = size / 2;
  const style = `fill="${fill}" stroke="${stroke}" stroke-width="${dash ? 3 : 1.5}"${dash ? ' stroke-dasharray="5 3"' : ''}`;
  switch (shape) {
    case 'ellipse': return `<circle r="${round(r)}" ${style}/>`;
    case 'rectangle': return `<rect x="${-r}" y="${-r}" width="${size}" height="${size}" ${style}/>`;
    case 'round-rectangle': return `<rect x="${-r}" y="${-r}" width="${size}" height="${size}" rx="${round(r / 3)}" ${style}/>`;
    case 'diamond': return `<polygon points="${polygon(4, r, r)}" ${style}/>`;
    case 'triangle': return `<polygon points="${polygon(3, r, r)}" ${style}/>`;
    case 'pentagon': return `<polygon points="${polygon(5, r, r)}" ${style}/>`;
    case 'hexagon': return `<polygon points="${polygon(6, r, r, 0)}" ${style}/>`;
    case 'octagon': return `<polygon points="${polygon(8, r, r, Math.PI / 8)}" ${style}/>`;
    default: return `<circle r="${round(r)}" ${style}/>`;
  }
}

/** wrap cuts text into lines of at most n characters, at spaces. */
function wrap(text, n) {
  const lines = [];
  let line = '';
  for (const word of String(text || '').split(/\s+/)) {
    if (line && (line + ' ' + word).length > n) {
      lines.push(line);
      line = word;
    } else {
      line = line ? line + ' ' + word : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * svg draws the graph as a standalone SVG document: nodes by kind (colour
 * and shape, hollow and dashed when unresolved), edges by type with their
 * labels, and each element's full title or provenance as a tooltip.
 */
export function svg({ nodes, edges, title }) {
  const pos = new Map(nodes.map(n => [n.data.id, n]));
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const n of nodes) {
    const r = nodeSize(n.data.citedByCount) / 2;
    minX = Math.min(minX, n.position.x - Math.max(r, 80));
    maxX = Math.max(maxX, n.position.x + Math.max(r, 80));
    minY = Math.min(minY, n.position.y - r - 10);
    maxY = Math.max(maxY, n.position.y + r + 48);
  }
  if (!nodes.length) {
    minX = minY = 0;
    maxX = maxY = 100;
  }
  const pad = 20;
  const w = round(maxX - minX + 2 * pad);
  const h = round(maxY - minY + 2 * pad);
  const out = [`<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${round(minX - pad)} ${round(minY - pad)} ${w} ${h}" width="${w}" height="${h}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">`,
    `<title>${xml(title || 'hemigraph')}</title>`,
    '<defs>'];
  const used = [...new Set(edges.map(e => e.data.type))];
  for (const t of used) {
    const color = (typeByName[t] || { color: '#666666' }).color;
    out.push(`<marker id="arrow-${xml(t)}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`);
  }
  out.push('</defs>', `<rect x="${round(minX - pad)}" y="${round(minY - pad)}" width="${w}" height="${h}" fill="#ffffff"/>`);
  // Parallel edges between the same two nodes bend apart.
  const pairs = new Map();
  for (const e of edges) {
    const k = [e.data.source, e.data.target].sort().join('\u0000');
    pairs.set(k, (pairs.get(k) || 0) + 1);
  }
  const seen = new Map();
  out.push('<g class="edges">');
  for (const e of edges) {
    const d = e.data;
    const a = pos.get(d.source), b = pos.get(d.target);
    if (!a || !b) continue;
    const t = typeByName[d.type] || { color: '#666666', line: 'solid' };
    const k = [d.source, d.target].sort().join('\u0000');
    const i = seen.get(k) || 0;
    seen.set(k, i + 1);
    const count = pairs.get(k);
    const bend = count > 1 ? (i - (count - 1) / 2) * 28 : 0;
    const dx = b.position.x - a.position.x, dy = b.position.y - a.position.y;
    const len = Math.hypot(dx, dy) || 1;
    const ra = nodeSize(a.data.citedByCount) / 2 + 2, rb = nodeSize(b.data.citedByCount) / 2 + 4;
    const x1 = a.position.x + (dx * ra) / len, y1 = a.position.y + (dy * ra) / len;
    const x2 = b.position.x - (dx * rb) / len, y2 = b.position.y - (dy * rb) / len;
    const cx = (x1 + x2) / 2 - (dy / len) * bend, cy = (y1 + y2) / 2 + (dx / len) * bend;
    const dash = t.line === 'dashed' ? ' stroke-dasharray="6 4"' : t.line === 'dotted' ? ' stroke-dasharray="2 3"' : '';
    const tip = [d.label, d.clauseText, d.evidence, d.sourceURL].filter(Boolean).join('\n');
    out.push(`<g class="edge" data-id="${xml(d.id)}"><title>${xml(tip)}</title>` +
      `<path d="M${round(x1)},${round(y1)} Q${round(cx)},${round(cy)} ${round(x2)},${round(y2)}" fill="none" stroke="${t.color}" stroke-width="1.6"${dash} marker-end="url(#arrow-${xml(d.type)})"/>` +
      `<text x="${round((x1 + 2 * cx + x2) / 4)}" y="${round((y1 + 2 * cy + y2) / 4) - 3}" font-size="9" text-anchor="middle" fill="#262626" paint-order="stroke" stroke="#ffffff" stroke-width="3">${xml(d.label)}</text></g>`);
  }
  out.push('</g>', '<g class="nodes">');
  for (const n of nodes) {
    const d = n.data;
    const k = kindByName[d.kind] || { color: '#777777', shape: 'ellipse' };
    const size = nodeSize(d.citedByCount);
    const fill = d.unresolved ? '#ffffff' : k.color;
    const stroke = d.unresolved ? k.color : d.anchor ? '#111111' : '#ffffff';
    const tip = [d.symbol, d.title, kindName(d.kind), d.date, d.place, d.unresolved ? 'unresolved placeholder' : ''].filter(Boolean).join('\n');
    const lines = wrap(d.label, 26).slice(0, 3);
    const text = lines.map((l, i) => `<tspan x="0" dy="${i ? 12 : 0}">${xml(l)}</tspan>`).join('');
    out.push(`<g class="node" data-id="${xml(d.id)}" transform="translate(${round(n.position.x)},${round(n.position.y)})"><title>${xml(tip)}</title>` +
      shapeSVG(k.shape, size, fill, stroke, d.unresolved) +
      `<text y="${round(size / 2 + 13)}" font-size="11" text-anchor="middle" fill="#1a1a1a"${d.anchor ? ' font-weight="bold"' : ''}${d.unresolved ? ' font-style="italic"' : ''} paint-order="stroke" stroke="#ffffff" stroke-width="3">${text}</text></g>`);
  }
  out.push('</g>', '</svg>', '');
  return out.join('\n');
}

/** legendKinds lists the kinds present among nodes, in legend order. */
export function legendKinds(nodes) {
  const present = new Set(nodes.map(n => n.data.kind));
  return kinds.filter(k => present.has(k.kind));
}
