// Mounts GraphiQL on #graphiql. The endpoint, default query, first tabs and
// the explorer's path come from the element's data attributes, filled in by
// the Go handler (package graphiql). React, ReactDOM and GraphiQL are the
// vendored UMD globals loaded before this.
//
// A URL with ?query=...&variables=... (as the explorer's links have) opens
// that query in a tab of its own, beside the tabs the user already has.
(function () {
  'use strict';
  var root = document.getElementById('graphiql');
  if (!root) {
    return;
  }
  if (typeof React === 'undefined' || typeof ReactDOM === 'undefined' || typeof GraphiQL === 'undefined') {
    root.innerHTML = '';
    var p = document.createElement('p');
    p.className = 'hemigraph-status';
    p.textContent = 'GraphiQL failed to load its scripts (React, ReactDOM or GraphiQL is missing). ' +
      'Rebuild the server after running scripts/graphiql-assets.sh (make assets).';
    root.appendChild(p);
    return;
  }
  var endpoint = root.getAttribute('data-endpoint') || '/graphql';
  var url = new URL(endpoint, window.location.href).toString();
  var props = {
    fetcher: GraphiQL.createFetcher({ url: url }),
    defaultEditorToolsVisibility: true
  };
  var defaultQuery = root.getAttribute('data-default-query');
  if (defaultQuery) {
    props.defaultQuery = defaultQuery;
  }
  var tabs = [];
  try {
    tabs = JSON.parse(root.getAttribute('data-tabs') || '[]') || [];
  } catch (e) {
    tabs = [];
  }
  var params = new URLSearchParams(window.location.search);
  var linked = params.get('query');
  if (linked) {
    // GraphiQL opens the query prop in a tab of its own when it remembers
    // tabs; on a first visit, it opens the default tabs, so the linked
    // query goes first among them.
    props.query = linked;
    props.variables = params.get('variables') || undefined;
    tabs = [{ query: linked, variables: props.variables }].concat(tabs);
  }
  if (tabs.length) {
    props.defaultTabs = tabs;
  }
  var children = [];
  var explorer = root.getAttribute('data-explorer');
  if (explorer) {
    children.push(React.createElement(GraphiQL.Logo, { key: 'logo' },
      React.createElement('span', { className: 'hemigraph-logo' },
        React.createElement('span', null, 'hemigraph'),
        React.createElement('a', { href: explorer, title: 'See the graph: lineage, neighbourhoods, paths and timelines' }, 'Explorer →'))));
  }
  root.innerHTML = '';
  ReactDOM.createRoot(root).render(React.createElement.apply(React, [GraphiQL, props].concat(children)));
})();
