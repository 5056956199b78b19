package graphiql

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"path"
	"sync"
)

// files holds the browser bundles copied from npm (see assets/README.md) and
// init.js, our own start-up script.
//
//go:embed assets/*.js assets/*.css
var files embed.FS

// assetPrefix is where the assets are served, relative to the page.
const assetPrefix = "graphiql/"

// contentTypes maps the extensions we embed to their media types; set
// explicitly so the answer does not depend on the host's mime tables.
var contentTypes = map[string]string{
	".js":  "text/javascript; charset=utf-8",
	".css": "text/css; charset=utf-8",
}

// asset is one embedded file with what is needed to serve it.
type asset struct {
	name        string
	contentType string
	body        []byte
	etag        string // strong, quoted, from the content hash
	version     string // short hash used in the page's URL to bust caches

	gzipOnce sync.Once
	gzipBody []byte // compressed lazily on the first request that accepts gzip
}

// gzipped returns the gzip encoding of the asset, computed once.
func (a *asset) gzipped() []byte {
	a.gzipOnce.Do(func() {
		var buf bytes.Buffer
		// BestCompression is a valid level, so NewWriterLevel cannot fail, and
		// writes into a bytes.Buffer cannot fail, so neither can Write or Close.
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = zw.Write(a.body)
		_ = zw.Close()
		a.gzipBody = buf.Bytes()
	})
	return a.gzipBody
}

// loadAssets reads every embedded asset once.
func loadAssets() (map[string]*asset, error) {
	entries, err := files.ReadDir("assets")
	if err != nil {
		return nil, fmt.Errorf("read embedded assets: %w", err)
	}
	out := make(map[string]*asset, len(entries))
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		ct, ok := contentTypes[path.Ext(e.Name())]
		if !ok {
			return nil, fmt.Errorf("embedded asset %s: no content type for its extension", e.Name())
		}
		body, err := files.ReadFile("assets/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("read embedded asset %s: %w", e.Name(), err)
		}
		sum := sha256.Sum256(body)
		h := hex.EncodeToString(sum[:])
		out[e.Name()] = &asset{
			name:        e.Name(),
			contentType: ct,
			body:        body,
			etag:        `"` + h[:32] + `"`,
			version:     h[:12],
		}
	}
	return out, nil
}

// sharedAssets is loaded once per process; every Handler uses it.
var sharedAssets = sync.OnceValues(loadAssets)
