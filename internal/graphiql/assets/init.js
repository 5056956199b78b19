// dvcportal: starts GraphiQL on the page served by internal/graphiql.
// It talks only to the endpoint named in #graphiql[data-endpoint], with a plain
// POST of JSON (no multipart, no websocket), adding only the headers typed in
// GraphiQL's header editor (e.g. Authorization, Accept-Language).
(function () {
  'use strict';

  var root = document.getElementById('graphiql');
  var endpoint = root.getAttribute('data-endpoint');

  function fetcher(params, opts) {
    var headers = {
      'Content-Type': 'application/json',
      Accept: 'application/graphql-response+json, application/json'
    };
    var extra = (opts && opts.headers) || {};
    Object.keys(extra).forEach(function (name) {
      headers[name] = extra[name];
    });
    return fetch(endpoint, {
      method: 'POST',
      headers: headers,
      body: JSON.stringify(params),
      credentials: 'same-origin'
    })
      .then(function (res) {
        return res.text().then(function (text) {
          try {
            return JSON.parse(text);
          } catch (e) {
            return { errors: [{ message: 'HTTP ' + res.status + ': the response is not JSON: ' + text.slice(0, 200) }] };
          }
        });
      });
  }

  var plugins = [];
  if (window.GraphiQLPluginExplorer) {
    plugins.push(window.GraphiQLPluginExplorer.explorerPlugin());
  }

  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      plugins: plugins,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
      defaultQuery: '# dvcportal. English: header {"Accept-Language": "en"}\n{\n  provinces {\n    code\n    name\n  }\n}\n'
    })
  );
})();
