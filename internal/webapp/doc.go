// Package webapp serves the portal's web front end (the React app built from
// web/ into dist/ by `make web`) embedded in the binary: hashed assets under
// /assets/ cached for a year, any other path without a file extension
// answered with index.html (client-side routes), every page with a strict
// Content-Security-Policy (scripts, styles and fonts from the server only, no
// inline script). When dist holds no build (a fresh clone built with
// `go build` alone), "/" answers a short page saying how to build the front
// end, so the Go build and tests never need Node.
package webapp
