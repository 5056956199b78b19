package main

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// report prints target (and the ceiling, when measured) as text or JSON.
func report(w io.Writer, asJSON bool, target, ceiling *result) error {
	if asJSON {
		out := struct {
			Target  *result  `json:"target"`
			Ceiling *result  `json:"ceiling,omitempty"`
			Ratio   *float64 `json:"ratio,omitempty"`
		}{Target: target, Ceiling: ceiling}
		if ceiling != nil && ceiling.PerSecond > 0 {
			r := target.PerSecond / ceiling.PerSecond
			out.Ratio = &r
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		return nil
	}
	if err := writeResult(w, "target", target); err != nil {
		return err
	}
	if ceiling == nil {
		return nil
	}
	if err := writeResult(w, "ceiling", ceiling); err != nil {
		return err
	}
	if ceiling.PerSecond > 0 {
		if _, err := fmt.Fprintf(w, "ratio    target/ceiling = %.1f%%\n", 100*target.PerSecond/ceiling.PerSecond); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	}
	return nil
}

func writeResult(w io.Writer, label string, r *result) error {
	_, err := fmt.Fprintf(w, "%s: %s %s (%d-byte answer, %s)\n"+
		"  workers  %d for %.1fs\n"+
		"  requests %d (%.0f/s)  non-200 %d  GraphQL errors %d  transport errors %d\n"+
		"  latency  p50 %s  p90 %s  p99 %s  max %s\n",
		label, r.Method, r.Target, r.ResponseBytes, r.sample.contentType,
		r.Concurrency, r.Elapsed.Seconds(),
		r.Requests, r.PerSecond, r.Non200, r.GraphQLErrors, r.TransportErrors,
		round(r.P50), round(r.P90), round(r.P99), round(r.Max))
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if r.FirstTransportError != "" {
		if _, err := fmt.Fprintf(w, "  first transport error: %s\n", r.FirstTransportError); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	}
	return nil
}

func round(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond)
	default:
		return d.Round(time.Microsecond / 10)
	}
}
