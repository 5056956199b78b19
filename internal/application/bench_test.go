package application_test

import (
	"fmt"
	"testing"

	"github.com/dvcportal/dvcportal/internal/handlers/healthcard"
)

// BenchmarkSubmit is the router alone (no HTTP): a reissue submission and
// its transaction; the cancel that frees the card is untimed.
func BenchmarkSubmit(b *testing.B) {
	e := newEnv(b)
	a := e.citizen(personA)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if _, err := e.db.Exec(`DELETE FROM rate_limits`); err != nil {
			b.Fatal(err)
		}
		in := healthcard.SubmitInput(healthcard.ReissueInput{SocialInsuranceCode: personASI, Reason: "LOST",
			Delivery: postal(), Captcha: e.captchaAnswer(), IdempotencyKey: fmt.Sprint("b", i)})
		b.StartTimer()
		app, err := e.svc.Submit(a, in)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.svc.Cancel(a, app.ID, ""); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "submissions/s")
}
