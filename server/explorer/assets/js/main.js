// The explorer page: reads its view from the URL, asks the API for it with
// persisted queries, draws it, and keeps the URL, the panel, the table and
// the filters in step. See state.js for the URLs, graph.js for the drawing.

import { Client } from './api.js';
import { kinds, relationTypes, entityNode, graphNode, relationEdge, graphEdge, kindName } from './model.js';
import { createGraph, layered, force, timeline, drawAxis, applyFilters, visible } from './graph.js';
import { parse, format, defaults, parseYears } from './state.js';
import { Panel } from './panel.js';
import { Tables } from './table.js';
import { Search } from './search.js';
import { svg, graphML, gexf, csv, nodeColumns, edgeColumns, shapeSVG } from './exporters.js';

const $ = sel => document.querySelector(sel);
const config = JSON.parse($('#explorer-config').textContent);
const api = new Client(config.endpoint, config.queries);
const cy = createGraph($('#cy'));

// What tests and the curious can reach from the console.
const hemigraph = {
  cy, api, state: null, draws: 0, loads: [], errors: [],
  firstDrawn: null, // ms since navigation start of the first drawing
};
window.hemigraph = hemigraph;

let state = parse(location.search);
let axis = null; // the timeline's axis, when the layout is a timeline
let loadSeq = 0;

// ---------------------------------------------------------------- controls

const kindChecks = $('#kind-checks');
for (const k of kinds) {
  const label = document.createElement('label');
  label.className = 'check';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.value = k.kind;
  box.checked = true;
  const icon = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  icon.setAttribute('viewBox', '-12 -12 24 24');
  icon.setAttribute('width', '16');
  icon.setAttribute('height', '16');
  icon.setAttribute('aria-hidden', 'true');
  icon.innerHTML = shapeSVG(k.shape, 20, k.color, k.color, false);
  const count = document.createElement('span');
  count.className = 'count';
  label.append(box, icon, ' ' + k.name, count);
  kindChecks.append(label);
}
kindChecks.addEventListener('change', () => {
  const shown = [...kindChecks.querySelectorAll('input:checked')].map(b => b.value);
  state.kinds = shown.length === kinds.length ? null : shown;
  refilter();
});

const typeChecks = $('#type-checks');
for (const t of relationTypes) {
  const label = document.createElement('label');
  label.className = 'check';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.name = 'types';
  box.value = t.type;
  box.checked = true;
  const line = document.createElement('span');
  line.className = 'line ' + t.line;
  line.style.setProperty('--c', t.color);
  label.append(box, line, ' ' + t.type);
  typeChecks.append(label);
}

const yearsFrom = $('#years-from');
const yearsTo = $('#years-to');
function readYears() {
  const a = yearsFrom.value ? +yearsFrom.value : null;
  const b = yearsTo.value ? +yearsTo.value : null;
  return a == null && b == null ? null : [a, b];
}
for (const input of [yearsFrom, yearsTo]) {
  input.addEventListener('change', () => {
    state.years = readYears();
    refilter();
  });
}
$('#years-clear').addEventListener('click', () => {
  yearsFrom.value = yearsTo.value = '';
  state.years = null;
  refilter();
});

// Tabs: one form per view; the Timeline tab also lays the current view out
// on a year axis.
const tabs = [...document.querySelectorAll('[role=tab]')];
function showTab(view) {
  for (const t of tabs) {
    const on = t.dataset.view === view;
    t.setAttribute('aria-selected', on ? 'true' : 'false');
    t.tabIndex = on ? 0 : -1;
    document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
  }
}
tabs.forEach((t, i) => {
  t.addEventListener('click', () => chooseTab(t.dataset.view));
  t.addEventListener('keydown', e => {
    const move = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
    if (move) {
      const next = tabs[(i + move + tabs.length) % tabs.length];
      next.focus();
      chooseTab(next.dataset.view);
    }
  });
});

function chooseTab(view) {
  showTab(view);
  const drawn = state.view && cy.nodes().length > 0;
  if (view === 'timeline' && drawn && state.layout !== 'timeline') {
    state.layout = 'timeline';
    updateURL(false);
    relayout();
  } else if (view === state.view && view !== 'timeline' && state.layout === 'timeline') {
    state.layout = 'graph';
    updateURL(false);
    relayout();
  }
  prefill(view);
}

// prefill puts the node the view is about into an empty form of another view.
function prefill(view) {
  const subject = state.sel && cy.getElementById(state.sel).isNode() ? state.sel : anchorID();
  if (!subject) return;
  if (view === 'lineage' && !$('#lineage-conference').value) $('#lineage-conference').value = subject;
  if (view === 'neighbourhood' && !$('#nb-node').value) $('#nb-node').value = subject;
  if (view === 'paths' && !$('#paths-from').value) $('#paths-from').value = subject;
}

function anchorID() {
  return state.conference || state.node || state.from || null;
}

function fillForms() {
  const s = state;
  if (s.view === 'lineage') {
    $('#lineage-conference').value = s.conference;
    $('#lineage-depth').value = s.depth;
    $('#lineage-limit').value = s.limit;
  }
  if (s.view === 'neighbourhood') {
    $('#nb-node').value = s.node;
    $('#nb-depth').value = s.depth;
    $('#nb-limit').value = s.limit;
    for (const b of typeChecks.querySelectorAll('input')) {
      b.checked = !s.types.length || s.types.includes(b.value);
    }
  }
  if (s.view === 'paths') {
    $('#paths-from').value = s.from;
    $('#paths-to').value = s.to;
    $('#paths-depth').value = s.depth;
    $('#paths-limit').value = s.limit;
  }
  yearsFrom.value = s.years && s.years[0] != null ? s.years[0] : '';
  yearsTo.value = s.years && s.years[1] != null ? s.years[1] : '';
  $('#tl-from').value = yearsFrom.value;
  $('#tl-to').value = yearsTo.value;
  for (const b of kindChecks.querySelectorAll('input')) {
    b.checked = !s.kinds || s.kinds.includes(b.value);
  }
  showTab(s.layout === 'timeline' ? 'timeline' : s.view || 'lineage');
}

function num(sel) {
  return parseInt($(sel).value, 10);
}

$('#form-lineage').addEventListener('submit', e => {
  e.preventDefault();
  open('lineage', { conference: $('#lineage-conference').value.trim(), depth: num('#lineage-depth'), limit: num('#lineage-limit') });
});
$('#form-neighbourhood').addEventListener('submit', e => {
  e.preventDefault();
  const checked = [...typeChecks.querySelectorAll('input:checked')].map(b => b.value);
  open('neighbourhood', {
    node: $('#nb-node').value.trim(), depth: num('#nb-depth'), limit: num('#nb-limit'),
    types: checked.length === relationTypes.length ? [] : checked,
  });
});
$('#form-paths').addEventListener('submit', e => {
  e.preventDefault();
  open('paths', { from: $('#paths-from').value.trim(), to: $('#paths-to').value.trim(), depth: num('#paths-depth'), limit: num('#paths-limit') });
});
$('#form-timeline').addEventListener('submit', e => {
  e.preventDefault();
  const a = $('#tl-from').value, b = $('#tl-to').value;
  const years = a || b ? [a ? +a : null, b ? +b : null] : null;
  if (state.view && state.view !== 'timeline') {
    state.years = years;
    state.layout = 'timeline';
    fillForms();
    refilter();
    return;
  }
  open('timeline', { years });
});

// open starts a new view, remembered in the browser's history.
function open(view, params) {
  const d = defaults[view];
  const next = {
    ...state, view, conference: null, node: null, from: null, to: null,
    depth: d.depth ?? null, limit: d.limit ?? null, types: [], expand: [], sel: null,
    layout: view === 'timeline' ? 'timeline' : state.layout === 'timeline' && state.view === view ? 'timeline' : 'graph',
    ...params,
  };
  for (const [k, lo, hi] of [['depth', 1, d.maxDepth], ['limit', 1, d.maxLimit]]) {
    if (next[k] != null && hi) next[k] = Math.min(Math.max(Number.isFinite(next[k]) ? next[k] : d[k], lo), hi);
  }
  state = next;
  updateURL(true);
  load();
}

function updateURL(push) {
  const url = location.pathname + format(state);
  if (url === location.pathname + location.search) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

window.addEventListener('popstate', () => {
  state = parse(location.search);
  load();
});

// ------------------------------------------------------------------ status

const statusEl = $('#status');
const alertEl = $('#alert');

function status(text) {
  statusEl.textContent = text;
}

function fail(err) {
  hemigraph.errors.push(String(err && err.message || err));
  alertEl.hidden = false;
  alertEl.textContent = err && err.message ? err.message : String(err);
  $('#cy').dataset.state = 'error';
}

function clearAlert() {
  alertEl.hidden = true;
  alertEl.textContent = '';
}

// -------------------------------------------------------------- the views

let summary = '';

async function load() {
  const seq = ++loadSeq;
  const started = performance.now();
  fillForms();
  clearAlert();
  panel.clear();
  $('#welcome').hidden = !!state.view;
  $('#graph-wrap').classList.toggle('empty', !state.view);
  if (!state.view) {
    cy.elements().remove();
    setMode(false);
    status('');
    $('#cy').dataset.state = 'idle';
    return;
  }
  $('#cy').dataset.state = 'loading';
  status('Loading…');
  try {
    const { nodes, edges, text } = await fetchView(state);
    if (seq !== loadSeq) return;
    const fetched = performance.now();
    cy.batch(() => {
      cy.elements().remove();
      cy.add(nodes.map(data => ({ group: 'nodes', data })));
      cy.add(edges.map(data => ({ group: 'edges', data })));
    });
    summary = text;
    flagUnresolved(nodes.filter(n => n.unresolved == null).map(n => n.id));
    for (const id of state.expand) {
      if (seq !== loadSeq) return;
      await mergeNeighbours(id);
    }
    if (seq !== loadSeq) return;
    applyFilters(cy, filters());
    const laying = performance.now();
    await layoutNow(true);
    if (seq !== loadSeq) return;
    drawn(started, { fetchMs: fetched - started, layoutMs: performance.now() - laying });
    if (state.sel) select(state.sel, { center: true, quiet: true });
  } catch (err) {
    if (seq !== loadSeq) return;
    cy.elements().remove();
    status('');
    fail(err);
  }
}

async function fetchView(s) {
  switch (s.view) {
    case 'lineage': return fetchLineage(s);
    case 'neighbourhood': return fetchNeighbourhood(s.node, s);
    case 'paths': return fetchPaths(s);
    case 'timeline': return fetchTimeline(s);
  }
  throw new Error('unknown view ' + s.view);
}

async function fetchLineage(s) {
  const data = await api.run('Lineage', { conference: s.conference, maxDepth: s.depth, first: s.limit });
  const l = data.instrumentsLeadingTo;
  const nodes = [entityNode(l.target, { distance: 0, anchor: true })];
  const ids = new Set([l.target.id]);
  for (const e of l.entries) {
    if (ids.has(e.node.id)) continue;
    ids.add(e.node.id);
    nodes.push(entityNode(e.node, { distance: e.distance }));
  }
  const edges = uniqueEdges(l.entries.flatMap(e => e.path).map(relationEdge), ids);
  edges.push(...await lineageSteps(nodes, edges));
  let text = `${l.entries.length} ${l.entries.length === 1 ? 'node leads' : 'nodes lead'} to ${l.target.title} within ${s.depth} ${s.depth === 1 ? 'step' : 'steps'}`;
  if (l.truncated) text += ` — only the nearest ${l.entries.length} are drawn: raise “At most” (up to 500) or lower the depth to see all`;
  return { nodes, edges, text, truncated: l.truncated };
}

// lineageSteps returns the relations besides the chains by which a node of
// a lineage leads to a node one step nearer the target (the same step
// stated by a clause of a document and by another source, or a second
// chain as short as the first), as the lineage rule has them
// (hemigraph.LineageStep): what a node CONVENES, PRODUCED, REQUESTS or
// INSTRUCTS, and what CITES it or FOLLOWS_UP it; never through a body.
async function lineageSteps(nodes, drawn) {
  const byID = new Map(nodes.map(n => [n.id, n]));
  const have = new Set(drawn.map(e => e.id));
  const ids = nodes.filter(n => !n.anchor).map(n => n.id);
  const chunks = [];
  for (let i = 0; i < ids.length; i += 25) chunks.push(ids.slice(i, i + 25));
  const answers = await Promise.all(chunks.map(chunk => api.run('LineageSteps', { ids: chunk })));
  const out = [];
  for (const data of answers) {
    for (const n of data.nodes) {
      if (!n) continue;
      const from = byID.get(n.id);
      for (const r of [...(n.along || []), ...(n.against || [])]) {
        const far = r.from.id === n.id ? r.to.id : r.from.id;
        const near = byID.get(far);
        if (!near || have.has(r.id) || near.distance !== from.distance - 1) continue;
        if (near.kind === 'BODY' && !near.anchor) continue;
        have.add(r.id);
        out.push(relationEdge(r));
      }
    }
  }
  return out;
}

async function fetchNeighbourhood(id, s) {
  const data = await api.run('Neighbourhood', { id, depth: s.depth, types: s.types.length ? s.types : null, limit: s.limit });
  const g = data.neighbourhood;
  const nodes = g.nodes.map(graphNode);
  const ids = new Set(nodes.map(n => n.id));
  const edges = uniqueEdges(g.edges.map(graphEdge), ids);
  const centre = nodes.find(n => n.anchor);
  let text = `${nodes.length - 1} ${nodes.length === 2 ? 'node' : 'nodes'} within ${s.depth} of ${centre ? centre.label : id}`;
  if (g.truncated) text += ' — cut short at the limit: raise “At most” (up to 500), lower the depth or choose fewer relation types';
  return { nodes, edges, text, truncated: g.truncated };
}

async function fetchPaths(s) {
  const data = await api.run('Paths', { from: s.from, to: s.to, maxDepth: s.depth, first: s.limit });
  const paths = data.paths;
  const nodes = [];
  const ids = new Map();
  const order = new Map(); // edge id -> [from, to] along the path
  for (const p of paths) {
    p.nodes.forEach((n, i) => {
      if (!ids.has(n.id)) {
        ids.set(n.id, nodes.length);
        nodes.push(entityNode(n, { distance: i, anchor: n.id === s.from || n.id === s.to }));
      } else {
        const d = nodes[ids.get(n.id)];
        d.distance = Math.min(d.distance, i);
      }
    });
    p.relations.forEach((r, i) => {
      if (!order.has(r.id)) order.set(r.id, [p.nodes[i].id, p.nodes[i + 1].id]);
    });
  }
  const edges = uniqueEdges(paths.flatMap(p => p.relations).map(relationEdge), new Set(ids.keys()));
  edges.forEach(e => { e.pathOrder = order.get(e.id); });
  const name = id => (ids.has(id) ? nodes[ids.get(id)].label : id);
  const text = paths.length
    ? `${paths.length} ${paths.length === 1 ? 'path' : 'paths'} of ${paths[0].length}${paths.length > 1 && paths[paths.length - 1].length !== paths[0].length ? '–' + paths[paths.length - 1].length : ''} relations from ${name(s.from)} to ${name(s.to)}`
    : `No path of at most ${s.depth} relations from ${s.from} to ${s.to}`;
  return { nodes, edges, text };
}

async function fetchTimeline(s) {
  const y = s.years || [null, null];
  const data = await api.run('Timeline', {
    from: y[0] != null ? String(y[0]) : null, to: y[1] != null ? String(y[1]) : null,
    kinds: s.kinds && s.kinds.length ? s.kinds : null, first: defaults.timeline.limit,
  });
  const t = data.timeline;
  const nodes = t.entries.map(e => entityNode(e.node, { date: e.node.date || e.date }));
  let text = `${nodes.length} dated ${nodes.length === 1 ? 'node' : 'nodes'}` +
    (s.years ? ` from ${s.years[0] ?? 'the first'} to ${s.years[1] ?? 'the last'}` : '');
  if (t.truncated) text += ' — only the first 500 are drawn: narrow the years';
  return { nodes, edges: [], text, truncated: t.truncated };
}

function uniqueEdges(edges, ids) {
  const seen = new Set();
  return edges.filter(e => {
    if (seen.has(e.id) || !ids.has(e.source) || !ids.has(e.target)) return false;
    seen.add(e.id);
    return true;
  });
}

// flagUnresolved asks which nodes are placeholders (a neighbourhood's nodes
// do not say), a hundred at a time, and marks them.
async function flagUnresolved(ids) {
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    api.run('Flags', { ids: chunk }).then(data => {
      cy.batch(() => {
        for (const n of data.nodes) {
          if (n) cy.getElementById(n.id).data('unresolved', !!n.unresolved);
        }
      });
      if (state.table) renderTable();
    }).catch(fail);
  }
}

// mergeNeighbours adds the neighbours of id (one step, with the view's
// relation types and limit) to the graph, a union by id: what is drawn
// already stays as it is. It returns what it added.
async function mergeNeighbours(id) {
  const base = cy.getElementById(id);
  const got = await fetchNeighbourhood(id, { depth: 1, types: state.types, limit: state.limit || defaults.neighbourhood.limit });
  const d0 = base.nonempty() && base.data('distance') != null ? base.data('distance') : 0;
  const newNodes = got.nodes.filter(n => cy.getElementById(n.id).empty());
  newNodes.forEach(n => { n.anchor = false; n.distance = d0 + n.distance; });
  const added = cy.add(newNodes.map(data => ({ group: 'nodes', data, classes: 'new' })));
  const newEdges = got.edges.filter(e => cy.getElementById(e.id).empty());
  cy.add(newEdges.map(data => ({ group: 'edges', data })));
  flagUnresolved(newNodes.map(n => n.id));
  return { nodes: added.length, edges: newEdges.length, truncated: got.truncated, label: base.data('label') || id };
}

async function expand(id) {
  if (state.view !== 'neighbourhood') return;
  const started = performance.now();
  const seq = loadSeq;
  $('#cy').dataset.state = 'loading';
  status('Expanding…');
  try {
    cy.nodes('.new').removeClass('new');
    const r = await mergeNeighbours(id);
    if (seq !== loadSeq) return;
    if (!state.expand.includes(id)) {
      state.expand.push(id);
      updateURL(true);
    }
    applyFilters(cy, filters());
    await layoutNow(false, cy.getElementById(id));
    summary = `Added ${r.nodes} ${r.nodes === 1 ? 'node' : 'nodes'} and ${r.edges} ${r.edges === 1 ? 'relation' : 'relations'} around ${r.label}` +
      (r.truncated ? ' (cut short at the limit)' : '');
    drawn(started);
  } catch (err) {
    fail(err);
  }
}

function filters() {
  return { kinds: new Set(state.kinds || kinds.map(k => k.kind)), years: state.years };
}

function refilter() {
  updateURL(false);
  const hidden = applyFilters(cy, filters());
  if (state.view && state.view !== 'neighbourhood' || state.layout === 'timeline') {
    relayout();
  } else {
    cy.fit(visible(cy).nodes, 40);
    after(hidden);
  }
}

async function relayout() {
  if (!cy.nodes().length) return;
  const started = performance.now();
  $('#cy').dataset.state = 'loading';
  await layoutNow(false);
  drawn(started);
}

async function layoutNow(fresh, around) {
  const v = visible(cy);
  cy.batch(() => {
    cy.edges().toggleClass('quiet', v.edges.length > 60 || v.nodes.length > 60);
    cy.nodes().toggleClass('quiet', v.nodes.length > 60);
    cy.edges().toggleClass('dense', v.edges.length > 400); // straight lines draw faster
  });
  if (state.layout === 'timeline') {
    axis = await timeline(cy);
  } else {
    axis = null;
    if (state.view === 'lineage') {
      axis = await layered(cy, {
        rank: n => n.data('distance'),
        orient: e => {
          const a = e.source().data('distance'), b = e.target().data('distance');
          return a === b ? null : a > b ? [e.source().id(), e.target().id()] : [e.target().id(), e.source().id()];
        },
      });
    } else if (state.view === 'paths') {
      await layered(cy, { orient: e => e.data('pathOrder') || [e.source().id(), e.target().id()] });
    } else {
      await force(cy, { fresh, around, animate: !fresh });
    }
  }
  drawAxis(cy, $('#axis'), axis);
}

cy.on('viewport resize', () => {
  if (axis) drawAxis(cy, $('#axis'), axis);
});

// drawn marks the end of a drawing: for people in the status line, for
// tests in #cy's data-state and window.hemigraph.
function drawn(started, phases = {}) {
  const now = performance.now();
  const v = visible(cy);
  hemigraph.draws++;
  hemigraph.state = JSON.parse(JSON.stringify(state));
  const load = { view: state.view, layout: state.layout, nodes: v.nodes.length, edges: v.edges.length, ms: Math.round(now - started) };
  for (const [k, ms] of Object.entries(phases)) load[k] = Math.round(ms);
  hemigraph.loads.push(load);
  if (hemigraph.firstDrawn == null) hemigraph.firstDrawn = Math.round(now);
  performance.mark('hemigraph:drawn', { detail: { view: state.view, nodes: v.nodes.length } });
  after(cy.nodes('.hidden').length);
  updateKnown();
  $('#cy').dataset.state = 'drawn';
  $('#cy').dataset.draws = String(hemigraph.draws);
}

function after(hidden) {
  const v = visible(cy);
  let text = summary;
  text += ` · ${v.nodes.length} ${v.nodes.length === 1 ? 'node' : 'nodes'}, ${v.edges.length} ${v.edges.length === 1 ? 'relation' : 'relations'} drawn`;
  if (hidden) text += ` · ${hidden} hidden by the filters`;
  status(text);
  $('#cy').setAttribute('aria-label', `${text}. Use the Table view to read it with a keyboard or a screen reader.`);
  const counts = new Map();
  cy.nodes().forEach(n => counts.set(n.data('kind'), (counts.get(n.data('kind')) || 0) + 1));
  for (const label of kindChecks.children) {
    const c = counts.get(label.querySelector('input').value);
    label.querySelector('.count').textContent = c ? ' ' + c : '';
    label.classList.toggle('absent', !c);
  }
  if (state.table) renderTable();
}

function updateKnown() {
  const list = $('#known-ids');
  list.replaceChildren(...cy.nodes().slice(0, 500).map(n => {
    const o = document.createElement('option');
    o.value = n.id();
    o.label = n.data('label');
    return o;
  }));
}

// ------------------------------------------------------------ selection

const panel = new Panel($('#panel'), {
  api,
  open: (view, params) => open(view, params),
  expand: id => expand(id),
  select: (id, openIfMissing) => select(id, { center: true, openIfMissing }),
  pathEnd: (end, id) => {
    $(end === 'from' ? '#paths-from' : '#paths-to').value = id;
    showTab('paths');
    if ($('#paths-from').value && $('#paths-to').value && $('#paths-from').value !== $('#paths-to').value) {
      $('#form-paths').requestSubmit();
    } else {
      $(end === 'from' ? '#paths-to' : '#paths-from').focus();
    }
  },
  graphiqlURL: (name, variables) => {
    if (!config.graphiql) return null;
    const u = new URL(config.graphiql, location.href);
    u.searchParams.set('query', config.queries[name].query);
    u.searchParams.set('variables', JSON.stringify(variables, null, 2));
    return u.pathname + u.search;
  },
});

function labelOf(id) {
  const n = cy.getElementById(id);
  return n.nonempty() ? n.data('label') : id;
}

// select shows the details of the node or relation id and selects it in
// the graph and the table.
function select(id, { center = false, openIfMissing = false, quiet = false } = {}) {
  const ele = cy.getElementById(id);
  if (ele.empty()) {
    if (openIfMissing) open('neighbourhood', { node: id });
    return;
  }
  cy.elements(':selected').unselect();
  ele.select();
  focus(ele);
  if (center) cy.animate({ center: { eles: ele }, duration: quiet ? 0 : 250 });
  showDetails(ele);
  if (state.sel !== id) {
    state.sel = id;
    updateURL(false);
  }
}

// focus fades what is not next to the selection (nothing when ele is null).
function focus(ele) {
  cy.batch(() => {
    cy.elements().removeClass('near focus');
    if (!ele) return;
    // A node fades what is not next to it; an edge is enough marked.
    if (ele.isEdge()) {
      ele.addClass('near');
      return;
    }
    ele.closedNeighborhood().addClass('near');
    cy.elements().addClass('focus');
  });
}

function showDetails(ele) {
  if (ele.isNode()) {
    panel.node(ele.data(), { canExpand: state.view === 'neighbourhood', view: state.view, inGraph: ele.connectedEdges().not('.hidden').length });
  } else {
    panel.edge(ele.data(), labelOf);
  }
  if (state.table) renderTable();
}

cy.on('tap', 'node, edge', e => {
  const ele = e.target;
  select(ele.id());
  if (ele.isNode() && state.view === 'neighbourhood' && $('#nb-expand').checked) {
    expand(ele.id());
  }
});
cy.on('tap', e => {
  if (e.target === cy) {
    cy.elements(':selected').unselect();
    focus(null);
    panel.clear();
    state.sel = null;
    updateURL(false);
  }
});

// ------------------------------------------------------------- the table

const tables = new Tables($('#nodes-table'), $('#edges-table'), id => select(id, { center: true }));

function renderTable() {
  const v = visible(cy);
  tables.render(v.nodes.map(n => n.data()), v.edges.map(e => e.data()), state.sel);
}

function setMode(table) {
  state.table = table;
  $('#mode-graph').setAttribute('aria-pressed', String(!table));
  $('#mode-table').setAttribute('aria-pressed', String(table));
  $('#graph-wrap').hidden = table;
  $('#table-view').hidden = !table;
  if (table) {
    renderTable();
  } else {
    cy.resize();
    if (axis) drawAxis(cy, $('#axis'), axis);
  }
}
$('#mode-graph').addEventListener('click', () => { setMode(false); updateURL(false); cy.fit(visible(cy).nodes, 40); });
$('#mode-table').addEventListener('click', () => { setMode(true); updateURL(false); });
$('#fit').addEventListener('click', () => cy.fit(visible(cy).nodes, 40));

// ---------------------------------------------------------------- exports

function slug() {
  const s = state;
  const subject = { lineage: s.conference, neighbourhood: s.node, paths: s.from && s.from + '--' + s.to, timeline: 'timeline' }[s.view] || 'view';
  const name = (s.view === 'timeline' || s.layout !== 'timeline' ? s.view : s.view + '-timeline') + '-' + subject;
  return 'hemigraph-' + name.replace(/[^a-z0-9-]+/gi, '-').slice(0, 100);
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}

function snapshot() {
  const v = visible(cy);
  return {
    nodes: v.nodes.map(n => ({ data: n.data(), position: n.position() })),
    edges: v.edges.map(e => ({ data: e.data() })),
    title: summary || 'hemigraph',
  };
}

/** exportView makes the file of one export format: {blob, name}. */
async function exportView(format) {
  const g = snapshot();
  const name = slug();
  const text = type => s => ({ blob: new Blob([s], { type }), name: name + '.' + format });
  switch (format) {
    case 'png': {
      if (state.table) setMode(false);
      const blob = await cy.png({ output: 'blob-promise', full: true, scale: 2, bg: '#ffffff', maxWidth: 8000, maxHeight: 8000 });
      return { blob, name: name + '.png' };
    }
    case 'svg': return text('image/svg+xml')(svg(g));
    case 'graphml': return text('application/graphml+xml')(graphML(g));
    case 'gexf': return text('application/gexf+xml')(gexf(g));
    case 'nodes.csv': return text('text/csv')(csv(nodeColumns, g.nodes.map(n => n.data)));
    case 'edges.csv': return text('text/csv')(csv(edgeColumns, g.edges.map(e => e.data)));
  }
  throw new Error('unknown export ' + format);
}
hemigraph.exportView = exportView;

for (const b of document.querySelectorAll('[data-export]')) {
  b.addEventListener('click', async () => {
    if (!cy.nodes().length) {
      status('Nothing to export: open a view first.');
      return;
    }
    try {
      const { blob, name } = await exportView(b.dataset.export);
      download(blob, name);
      status(`Exported ${name}`);
    } catch (err) {
      fail(err);
    }
  });
}

// ----------------------------------------------------------------- search

new Search($('#search'), $('#search-results'), {
  api,
  onError: fail,
  onChoose: n => {
    if (n.kind === 'CONFERENCE') open('lineage', { conference: n.id });
    else open('neighbourhood', { node: n.id });
  },
});

// ------------------------------------------------------------------ start

setMode(state.table);
load();
