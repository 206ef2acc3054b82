// Mounts GraphiQL on #graphiql. The endpoint and default query come from the
// element's data attributes, filled in by the Go handler (package graphiql).
// React, ReactDOM and GraphiQL are the vendored UMD globals loaded before this.
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
  root.innerHTML = '';
  ReactDOM.createRoot(root).render(React.createElement(GraphiQL, props));
})();
