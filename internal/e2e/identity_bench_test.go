package e2e_test

import (
	"fmt"
	"net/netip"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/contractops"
	"github.com/dvcportal/dvcportal/internal/population"
)

// BenchmarkLogin measures whole logins through HTTP: createCaptcha,
// startLogin (argon2id), the OTP SMS through the outbox worker and the file
// sink, and verifyOtp. Logins run in parallel; each comes from its own client
// IP (X-Forwarded-For from a trusted proxy) and each account logs in at most
// 5 times, so the rate limits are not what is measured. It reports logins/s
// and the mean time of each step.
func BenchmarkLogin(b *testing.B) {
	srv := apitest.New(b, apitest.WithConfig(func(c *config.Config) {
		c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	}))
	var ipSeq atomic.Int64
	client := func() map[string]string {
		n := ipSeq.Add(1)
		return map[string]string{"X-Forwarded-For": fmt.Sprintf("10.%d.%d.%d", n>>16&255, n>>8&255, n&255)}
	}
	const perAccount = 5
	ps := apitest.Personas()
	// Enough accounts for every goroutine to waste up to perAccount-1 logins.
	accounts := min((b.N+perAccount-1)/perAccount+8*runtime.GOMAXPROCS(0), len(ps))
	if b.N > (accounts-8*runtime.GOMAXPROCS(0))*perAccount {
		b.Fatalf("b.N %d needs more than the %d personas", b.N, len(ps))
	}
	// Register the accounts (not timed), 8 at a time.
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i := range accounts {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			benchRegister(b, srv, ps[i], client)
		})
	}
	wg.Wait()
	// Each goroutine takes an account and logs it in up to perAccount times
	// in a row (concurrent logins of one account would supersede each other).
	free := make(chan population.Person, accounts)
	for _, p := range ps[:accounts] {
		free <- p
	}
	var captchaNs, startNs, smsNs, verifyNs atomic.Int64
	b.ResetTimer()
	cpu0 := processCPU(b)
	b.SetParallelism(4)
	b.RunParallel(func(pb *testing.PB) {
		var p population.Person
		uses := perAccount
		for pb.Next() {
			if uses == perAccount {
				p, uses = <-free, 0
			}
			uses++
			h := client()
			t0 := time.Now()
			cid := benchCaptcha(b, srv, h)
			tc := time.Now()
			var start apitest.ChallengePayload
			benchMutate(b, srv, h, contractops.StartLogin, "startLogin", map[string]any{
				"idNumber": p.IDNumber, "password": apitest.Password, "captcha": cid.Input()}, &start)
			if start.Challenge == nil {
				b.Fatalf("startLogin: %+v", start.UserErrors)
			}
			t1 := time.Now()
			code := srv.OTP(b, p.Phone)
			t2 := time.Now()
			var v apitest.VerifyPayload
			benchMutate(b, srv, h, contractops.VerifyOtp, "verifyOtp", map[string]any{"challengeId": start.Challenge.ID, "code": code}, &v)
			if v.Session == nil {
				b.Fatalf("verifyOtp: %+v", v.UserErrors)
			}
			captchaNs.Add(int64(tc.Sub(t0)))
			startNs.Add(int64(t1.Sub(tc)))
			smsNs.Add(int64(t2.Sub(t1)))
			verifyNs.Add(int64(time.Since(t2)))
		}
	})
	b.StopTimer()
	n := float64(b.N)
	// CPU of this process (server and client; not PostgreSQL) per login.
	b.ReportMetric(float64(processCPU(b)-cpu0)/n/1e6, "go-cpu-ms/login")
	b.ReportMetric(n/b.Elapsed().Seconds(), "logins/s")
	b.ReportMetric(float64(captchaNs.Load())/n/1e6, "ms-createCaptcha")
	b.ReportMetric(float64(startNs.Load())/n/1e6, "ms-startLogin")
	b.ReportMetric(float64(smsNs.Load())/n/1e6, "ms-sms-delivery")
	b.ReportMetric(float64(verifyNs.Load())/n/1e6, "ms-verifyOtp")
}

func benchRegister(b *testing.B, srv *apitest.Server, p population.Person, client func() map[string]string) {
	h := client()
	in := srv.RegistrationInput(b, p, benchCaptcha(b, srv, h))
	var reg apitest.ChallengePayload
	benchMutate(b, srv, h, contractops.RegisterCitizen, "registerCitizen", in, &reg)
	if reg.Challenge == nil {
		b.Errorf("register: %+v", reg.UserErrors)
		return
	}
	var v apitest.VerifyPayload
	benchMutate(b, srv, h, contractops.VerifyOtp, "verifyOtp", map[string]any{"challengeId": reg.Challenge.ID, "code": srv.OTP(b, p.Phone)}, &v)
	if v.Session == nil {
		b.Errorf("verify registration: %+v", v.UserErrors)
	}
}

func benchCaptcha(b *testing.B, srv *apitest.Server, h map[string]string) apitest.Captcha {
	var data struct {
		CreateCaptcha struct {
			Captcha struct {
				ID string `json:"id"`
			} `json:"captcha"`
		} `json:"createCaptcha"`
	}
	resp := srv.Do(b, apitest.Request{Query: `mutation { createCaptcha { captcha { id } } }`, Headers: h})
	resp.MustOK(b)
	resp.Decode(b, &data)
	return apitest.Captcha{ID: data.CreateCaptcha.Captcha.ID, Answer: captcha.TestAnswer}
}

func benchMutate(b *testing.B, srv *apitest.Server, h map[string]string, doc, field string, input map[string]any, into any) {
	srv.Payload(b, apitest.Request{Query: doc, Variables: map[string]any{"input": input}, Headers: h}, field, into)
}
