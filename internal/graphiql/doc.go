// Package graphiql owns the GraphiQL page of the API: an HTML page and the
// browser bundles it needs (React, ReactDOM, GraphiQL 3 and its explorer
// plugin), all embedded in the binary so the page works on a closed network.
// Nothing it serves references an external URL.
package graphiql
