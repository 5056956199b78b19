package e2e_test

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apitest"
)

// TestGraphiQLIsServedByTheApp checks the mount in the real handler: the
// page at "/graphiql" names /graphql and every asset it references is served by the
// app itself, so GraphiQL works on a closed network.
func TestGraphiQLIsServedByTheApp(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)

	page := getGraphiQLPath(t, srv, "/graphiql", "text/html; charset=utf-8")
	if !strings.Contains(page, `data-endpoint="/graphql"`) {
		t.Errorf("page does not point GraphiQL at /graphql:\n%s", page)
	}
	if strings.Contains(page, "http://") || strings.Contains(page, "https://") {
		t.Errorf("page references an external URL:\n%s", page)
	}
	refs := regexp.MustCompile(`(?:src|href)="(graphiql/[^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(refs) < 5 {
		t.Fatalf("page references %d assets under graphiql/:\n%s", len(refs), page)
	}
	for _, ref := range refs {
		want := "text/javascript; charset=utf-8"
		if strings.Contains(ref[1], ".css") {
			want = "text/css; charset=utf-8"
		}
		getGraphiQLPath(t, srv, "/"+ref[1], want)
	}
}

// getGraphiQLPath GETs path from srv, wants 200 with contentType, returns the body.
func getGraphiQLPath(t *testing.T, srv *apitest.Server, path, contentType string) string {
	t.Helper()
	resp, err := srv.Client.Get(srv.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read: %v", path, err)
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != contentType {
		t.Fatalf("GET %s: status %d, Content-Type %q, want 200 %q", path, resp.StatusCode, resp.Header.Get("Content-Type"), contentType)
	}
	return string(body)
}
