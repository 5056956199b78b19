package e2e_test

import (
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/pgtest"
)

// TestPublishWakesTheOtherProcesses: with the database URL known (as in
// serve), a process polls the catalogue revision only every
// catalogue.ListeningPollInterval, yet a publish in another process reaches
// its catalogue within a second or two of the publish's answer: the commit
// notifies catalogue.RevisionChannel and the listener wakes the snapshot.
func TestPublishWakesTheOtherProcesses(t *testing.T) {
	t.Parallel()
	if catalogue.ListeningPollInterval < 5*time.Second {
		t.Fatalf("ListeningPollInterval = %v: this test could not tell the poll from the notification", catalogue.ListeningPollInterval)
	}
	db := apitest.NewDB(t)
	withURL := apitest.WithConfig(func(c *config.Config) { c.DatabaseURL = pgtest.URLFor(t, db) })
	srv := apitest.NewOnDB(t, db, withURL)
	second := apitest.NewOnDB(t, db, withURL) // another process of the same deployment
	_, evn := srv.AgencyClient(t, "EVN")
	const code = "EVN-SMART-METER-WAKE"
	var draft draftData
	srv.Do(t, apitest.Request{Query: upsertServiceDraftMutation, Variables: map[string]any{"input": partnerService(code)}, Token: evn}).MustOK(t).Decode(t, &draft)
	if ues := draft.UpsertServiceDraft.UserErrors; len(ues) != 0 {
		t.Fatalf("draft: %+v", ues)
	}
	if found := searchCodesOf(t, second, "cong to dien thong minh"); contains(found, code) {
		t.Fatalf("a draft is in the other process's catalogue: %v", found)
	}
	var pub publishData
	srv.Do(t, apitest.Request{Query: publishServiceMutation, Variables: map[string]any{"input": map[string]any{"code": code}}, Token: evn}).MustOK(t).Decode(t, &pub)
	if p := pub.PublishService; len(p.UserErrors) != 0 || p.Service == nil || p.Service.Status != "PUBLISHED" {
		t.Fatalf("publish: %+v", p)
	}
	answered := time.Now()
	// 3 s: room for a busy CI under the race detector, well under the 10 s
	// poll.
	const limit = 3 * time.Second
	for !contains(searchCodesOf(t, second, "cong to dien thong minh"), code) {
		if time.Since(answered) > limit {
			t.Fatalf("the published service did not reach the other process within %v (it polls every %v)", limit, catalogue.ListeningPollInterval)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("the other process had the published service %v after the answer", time.Since(answered))
}
