package calendar

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/dvcportal/dvcportal/internal/i18n"
)

// daysJSON is the calendar data: the source of truth for listed days.
//
//go:embed days.json
var daysJSON []byte

// fileDay is one entry of days.json.
type fileDay struct {
	Date  string    `json:"date"`
	Kind  Kind      `json:"kind"`
	Name  i18n.Text `json:"name"`
	Basis string    `json:"basis"`
}

// EmbeddedDays returns the listed days of the embedded data file.
func EmbeddedDays() ([]Day, error) {
	var f struct {
		About string    `json:"about"`
		Days  []fileDay `json:"days"`
	}
	dec := json.NewDecoder(bytes.NewReader(daysJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("decode calendar data: %w", err)
	}
	days := make([]Day, 0, len(f.Days))
	for _, fd := range f.Days {
		t, err := ParseDate(fd.Date)
		if err != nil {
			return nil, fmt.Errorf("calendar data: %w", err)
		}
		days = append(days, Day{Date: t, Kind: fd.Kind, Name: fd.Name, Basis: fd.Basis})
	}
	return days, nil
}

var defaultCalendar = sync.OnceValues(func() (*Calendar, error) {
	days, err := EmbeddedDays()
	if err != nil {
		return nil, err
	}
	return New(days)
})

// Default returns the calendar built from the embedded data. The data is
// checked by this package's tests; should it still be invalid, Default
// panics, since every appointment date would be wrong.
func Default() *Calendar {
	c, err := defaultCalendar()
	if err != nil {
		panic(fmt.Sprintf("calendar: embedded data: %v", err))
	}
	return c
}
