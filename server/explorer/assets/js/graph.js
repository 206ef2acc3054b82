// The drawing: a Cytoscape instance with the explorer's style, the three
// layouts (layered by distance or path order, with dagre; force-directed for
// neighbourhoods; a year axis for the timeline) and the filters that hide
// nodes by kind and year.

import cytoscape from '../vendor/cytoscape.esm.min.js';
import { layout as dagreLayout, graphlib } from '../vendor/dagre.esm.js';
import { kinds, kindByName, relationTypes, fractionalYear } from './model.js';

/** nodeSize grows with the times a node is cited (area ∝ count, capped). */
export function nodeSize(citedByCount) {
  return Math.min(22 + 7 * Math.sqrt(citedByCount || 0), 72);
}

function stylesheet() {
  const s = [
    {
      selector: 'node',
      style: {
        width: n => nodeSize(n.data('citedByCount')),
        height: n => nodeSize(n.data('citedByCount')),
        'background-color': '#777',
        label: 'data(label)',
        'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        'font-size': 11,
        color: '#1a1a1a',
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': 150,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': 1,
        'border-width': 1.5,
        'border-color': '#ffffff',
        'min-zoomed-font-size': 7,
      },
    },
  ];
  for (const k of kinds) {
    s.push({ selector: `node[kind = "${k.kind}"]`, style: { 'background-color': k.color, shape: k.shape, 'border-color': '#ffffff' } });
  }
  s.push(
    { selector: 'node[?anchor]', style: { 'border-width': 4, 'border-color': '#111111', 'font-weight': 'bold', 'font-size': 12 } },
  );
  // Unresolved placeholders: hollow, dashed, in italics.
  for (const k of kinds) {
    s.push({
      selector: `node[?unresolved][kind = "${k.kind}"]`,
      style: { 'background-color': '#ffffff', 'border-color': k.color, 'border-style': 'dashed', 'border-width': 3, 'font-style': 'italic' },
    });
  }
  s.push({
    selector: 'edge',
    style: {
      width: 1.6,
      'line-color': '#666',
      'target-arrow-color': '#666',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.9,
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      'font-size': 9,
      color: '#262626',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': 1,
      'min-zoomed-font-size': 8,
    },
  });
  for (const t of relationTypes) {
    s.push({ selector: `edge[type = "${t.type}"]`, style: { 'line-color': t.color, 'target-arrow-color': t.color, 'line-style': t.line } });
  }
  s.push(
    { selector: 'node:selected', style: { 'overlay-color': '#f5b700', 'overlay-opacity': 0.45, 'overlay-padding': 7 } },
    { selector: 'edge:selected', style: { width: 4, 'overlay-color': '#f5b700', 'overlay-opacity': 0.45, 'overlay-padding': 4, 'z-index': 10 } },
    { selector: 'node.new', style: { 'border-color': '#f5b700', 'border-width': 3 } },
    // A dense drawing shows the labels of the edges of the selection only
    // (main.js marks its edges quiet), and a selection fades what is not
    // next to it.
    { selector: 'edge.quiet', style: { label: '' } },
    { selector: 'node.quiet', style: { 'min-zoomed-font-size': 10 } },
    { selector: 'node.quiet[?anchor], node.quiet.near, node.quiet:selected', style: { 'min-zoomed-font-size': 0 } },
    { selector: 'edge.dense', style: { 'curve-style': 'straight' } },
    { selector: 'edge.quiet.near, edge.quiet:selected', style: { label: 'data(label)' } },
    { selector: '.focus', style: { opacity: 0.25 } },
    { selector: '.focus.near, .focus:selected', style: { opacity: 1 } },
    { selector: '.hidden', style: { display: 'none' } },
  );
  return s;
}

// The fCoSE layout comes as a UMD script (vendor/cytoscape-fcose.js, with
// cose-base and layout-base), loaded before the modules.
if (window.cytoscapeFcose) {
  cytoscape.use(window.cytoscapeFcose);
}

/** createGraph makes the Cytoscape instance in container. */
export function createGraph(container) {
  return cytoscape({
    container,
    style: stylesheet(),
    minZoom: 0.03,
    maxZoom: 5,
    boxSelectionEnabled: false,
    selectionType: 'single',
    textureOnViewport: false,
  });
}

function run(cy, options) {
  return new Promise(resolve => {
    const l = cy.layout(options);
    l.one('layoutstop', () => resolve());
    l.run();
  });
}

/**
 * layered lays the visible nodes out in layers from left to right with
 * dagre. rank(node), when it gives a number, fixes the node's layer (the
 * lineage's distance, the conference in the last layer); orient(edge)
 * gives the [from, to] ids an edge is ranked along, or null to leave it out
 * of the ranking.
 */
export async function layered(cy, { rank, orient, animate = false }) {
  const nodes = cy.nodes().not('.hidden');
  const g = new graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 26, ranksep: 150, edgesep: 12, marginx: 20, marginy: 20, ranker: 'network-simplex' });
  g.setDefaultEdgeLabel(() => ({}));
  nodes.forEach(n => {
    const b = n.boundingBox({ includeLabels: true, includeOverlays: false });
    g.setNode(n.id(), { width: Math.max(b.w, 30), height: Math.max(b.h, 30) });
  });
  cy.edges().not('.hidden').forEach(e => {
    const o = orient(e);
    if (o && o[0] !== o[1] && g.hasNode(o[0]) && g.hasNode(o[1])) {
      g.setEdge(o[0], o[1], { minlen: 1, weight: 1 }, e.id());
    }
  });
  dagreLayout(g);
  // The columns dagre chose, or those rank fixes.
  const step = 230;
  let maxRank = 0;
  nodes.forEach(n => { const r = rank && rank(n); if (r != null) maxRank = Math.max(maxRank, r); });
  const positions = {};
  nodes.forEach(n => {
    const gn = g.node(n.id());
    const r = rank ? rank(n) : null;
    positions[n.id()] = {
      x: r != null ? (maxRank - r) * step : gn.x,
      y: gn.y,
    };
  });
  await run(nodes.union(cy.edges()), {
    name: 'preset',
    positions: n => positions[n.id()] || n.position(),
    fit: true,
    padding: 40,
    animate,
    animationDuration: 350,
  });
  if (!rank) return null;
  const ranks = [...new Set(nodes.map(n => rank(n)).filter(r => r != null))].sort((a, b) => a - b);
  return { columns: ranks.map(r => ({ x: (maxRank - r) * step, label: r === 0 ? 'the conference' : r === 1 ? '1 step' : r + ' steps', bold: r === 0 })) };
}

/**
 * force lays a neighbourhood out with the fCoSE force-directed layout. A
 * fresh drawing starts from rings by distance from the centre; an
 * expansion keeps what was drawn where it was (a start the layout refines
 * without shuffling), and the nodes it adds start around the node they
 * were reached from.
 */
export async function force(cy, { fresh, around, animate = false }) {
  const nodes = cy.nodes().not('.hidden');
  if (fresh) {
    const rings = new Map();
    nodes.forEach(n => {
      const d = n.data('distance') == null ? 1 : n.data('distance');
      if (!rings.has(d)) rings.set(d, []);
      rings.get(d).push(n);
    });
    for (const [d, ring] of rings) {
      ring.forEach((n, i) => {
        const a = (2 * Math.PI * i) / ring.length;
        const r = d * 220;
        n.position({ x: r * Math.cos(a), y: r * Math.sin(a) });
      });
    }
  } else if (around) {
    const c = around.position();
    const added = nodes.filter('.new');
    added.forEach((n, i) => {
      const a = (2 * Math.PI * i) / Math.max(added.length, 1);
      n.position({ x: c.x + 160 * Math.cos(a), y: c.y + 160 * Math.sin(a) });
    });
  }
  const n = nodes.length;
  const eles = nodes.union(cy.edges().not('.hidden'));
  if (!window.cytoscapeFcose) {
    // Without the fCoSE script (a build without it): Cytoscape's own cose.
    await run(eles, { name: 'cose', randomize: false, animate: false, fit: true, padding: 40, numIter: n > 300 ? 400 : 1000 });
    return;
  }
  await run(eles, {
    name: 'fcose',
    quality: n > 300 ? 'default' : 'proof',
    numIter: n > 300 ? 250 : 2500,
    randomize: fresh,
    animate: animate && n < 300,
    animationDuration: 400,
    fit: true,
    padding: 40,
    nodeDimensionsIncludeLabels: false,
    uniformNodeDimensions: false,
    nodeRepulsion: () => 25000,
    idealEdgeLength: () => 110,
    edgeElasticity: () => 0.3,
    nestingFactor: 0.1,
    gravity: 0.25,
    gravityRange: 3.8,
    tile: true,
    nodeSeparation: 120,
  });
}

/** Timeline geometry, in model units. */
const perYear = 150;
const laneGap = 36;
const rowHeight = 62;

/**
 * timeline places the visible nodes on a year axis (x) in one lane per kind
 * (y), stacking those that would overlap; undated nodes go to a column left
 * of the first year. It returns the axis (first and last year, lanes), for
 * drawAxis.
 */
export async function timeline(cy, { animate = false } = {}) {
  const nodes = cy.nodes().not('.hidden');
  const years = nodes.map(n => fractionalYear(n.data('date'), n.data('year'))).filter(y => y != null);
  const first = years.length ? Math.floor(Math.min(...years)) : new Date().getFullYear();
  const last = years.length ? Math.floor(Math.max(...years)) + 1 : first + 1;
  const undatedX = -1.2 * perYear;
  const lanes = [];
  const byKind = new Map();
  for (const k of kinds) {
    const members = nodes.filter(n => n.data('kind') === k.kind);
    if (members.length) byKind.set(k.kind, members);
  }
  const positions = {};
  let y = 0;
  for (const [kind, members] of byKind) {
    const placed = members.map(n => {
      const fy = fractionalYear(n.data('date'), n.data('year'));
      return { n, x: fy == null ? undatedX : (fy - first) * perYear };
    }).sort((a, b) => a.x - b.x || a.n.id().localeCompare(b.n.id()));
    const rows = []; // last x used in each row
    for (const p of placed) {
      let row = rows.findIndex(last => p.x - last >= 110);
      if (row < 0) {
        row = rows.length;
        rows.push(-Infinity);
      }
      rows[row] = p.x;
      positions[p.n.id()] = { x: p.x, y: y + row * rowHeight };
    }
    const height = Math.max(rows.length, 1) * rowHeight;
    lanes.push({ kind, top: y - rowHeight / 2, bottom: y + height - rowHeight / 2 });
    y += height + laneGap;
  }
  await run(nodes.union(cy.edges()), {
    name: 'preset',
    positions: n => positions[n.id()] || n.position(),
    fit: false,
    animate,
    animationDuration: 350,
  });
  // Fit the years across, not the lanes down: a long timeline stays
  // readable, and is panned down.
  const bb = nodes.boundingBox({ includeLabels: true });
  if (nodes.length) {
    const zoom = Math.min(Math.max((cy.width() - 100) / Math.max(bb.w, 1), 0.35), 1.2);
    cy.viewport({ zoom, pan: { x: 60 - bb.x1 * zoom + Math.max(0, (cy.width() - 100 - bb.w * zoom) / 2), y: 44 - bb.y1 * zoom } });
  }
  return { first, last, undated: nodes.some(n => fractionalYear(n.data('date'), n.data('year')) == null), lanes };
}

const svgNS = 'http://www.w3.org/2000/svg';

function svgEl(name, attrs, text) {
  const el = document.createElementNS(svgNS, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text != null) el.textContent = text;
  return el;
}

/**
 * drawAxis draws the year axis of a timeline (and the names of its lanes),
 * or the headings of a layered view's columns, over the graph, following
 * the graph's pan and zoom.
 */
export function drawAxis(cy, svg, axis) {
  svg.replaceChildren();
  if (!axis) {
    svg.hidden = true;
    return;
  }
  svg.hidden = false;
  if (axis.columns) {
    drawColumns(cy, svg, axis.columns);
    return;
  }
  const w = cy.width();
  const h = cy.height();
  svg.setAttribute('width', w);
  svg.setAttribute('height', h);
  const zoom = cy.zoom();
  const pan = cy.pan();
  const px = x => x * zoom + pan.x;
  const py = y => y * zoom + pan.y;
  const base = 26; // the axis runs along the top
  svg.append(svgEl('rect', { x: 0, y: 0, width: w, height: base + 2, fill: '#ffffff', 'fill-opacity': 0.92 }));
  svg.append(svgEl('line', { x1: 0, x2: w, y1: base, y2: base, stroke: '#444', 'stroke-width': 1 }));
  const span = perYear * zoom;
  const every = span >= 60 ? 1 : span >= 25 ? 5 : span >= 8 ? 10 : 25;
  for (let year = axis.first; year <= axis.last; year++) {
    const x = px((year - axis.first) * perYear);
    if (x < -50 || x > w + 50) continue;
    const major = year % every === 0;
    svg.append(svgEl('line', { x1: x, x2: x, y1: base - (major ? 7 : 3), y2: base, stroke: '#444' }));
    if (major) {
      svg.append(svgEl('text', { x: x + 3, y: base - 9, 'font-size': 11, fill: '#1a1a1a' }, String(year)));
      svg.append(svgEl('line', { x1: x, x2: x, y1: base, y2: h, stroke: '#000', 'stroke-opacity': 0.06 }));
    }
  }
  if (axis.undated) {
    const x = px(-1.2 * perYear);
    svg.append(svgEl('text', { x: x - 24, y: base - 9, 'font-size': 11, fill: '#555', 'font-style': 'italic' }, 'undated'));
  }
  for (const lane of axis.lanes) {
    const top = py(lane.top);
    if (top < base - 20 || top > h) continue;
    const label = svgEl('text', { x: 6, y: Math.max(top + 12, base + 14), 'font-size': 11, 'font-weight': 600, fill: kindByName[lane.kind].color,
      stroke: '#ffffff', 'stroke-width': 3, 'paint-order': 'stroke' }, kindByName[lane.kind].name);
    svg.append(label);
  }
}

function drawColumns(cy, svg, columns) {
  const w = cy.width();
  svg.setAttribute('width', w);
  svg.setAttribute('height', cy.height());
  const zoom = cy.zoom(), pan = cy.pan();
  for (const c of columns) {
    const x = c.x * zoom + pan.x;
    if (x < -80 || x > w + 80) continue;
    svg.append(svgEl('text', { x, y: 18, 'font-size': 12, 'text-anchor': 'middle', fill: '#444',
      'font-weight': c.bold ? 700 : 400, stroke: '#ffffff', 'stroke-width': 3, 'paint-order': 'stroke' }, c.label));
  }
}

/**
 * applyFilters hides the nodes of unticked kinds and, when years is set,
 * those not dated within it (the view's anchors always show), and the
 * edges of hidden nodes. It returns the number of nodes hidden.
 */
export function applyFilters(cy, { kinds: shown, years }) {
  let hidden = 0;
  cy.batch(() => {
    cy.nodes().forEach(n => {
      const d = n.data();
      let hide = !d.anchor && !shown.has(d.kind);
      if (!hide && years && !d.anchor) {
        hide = d.year == null || (years[0] != null && d.year < years[0]) || (years[1] != null && d.year > years[1]);
      }
      n.toggleClass('hidden', hide);
      if (hide) hidden++;
    });
    cy.edges().forEach(e => {
      e.toggleClass('hidden', e.source().hasClass('hidden') || e.target().hasClass('hidden'));
    });
  });
  return hidden;
}

/** visible returns the nodes and edges the filters leave. */
export function visible(cy) {
  return { nodes: cy.nodes().not('.hidden'), edges: cy.edges().not('.hidden') };
}
