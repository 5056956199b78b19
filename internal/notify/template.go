package notify

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/dvcportal/dvcportal/internal/i18n"
)

// Template names of the built-in messages. Other packages add theirs with
// RegisterTemplate.
const (
	// TemplateOTP: {code}, {minutes}.
	TemplateOTP = "otp"
	// TemplateApplicationReceived: {code} (application code), {date}
	// (appointment date, dd/mm/yyyy).
	TemplateApplicationReceived = "application_received"
	// TemplateApplicationStatus: {code}, {status} (localized status text).
	TemplateApplicationStatus = "application_status"
)

// ErrUnknownTemplate is returned by Render for a name never registered.
var ErrUnknownTemplate = errors.New("unknown SMS template")

var (
	templatesMu sync.RWMutex
	templates   = map[string]i18n.Text{
		TemplateOTP: i18n.T(
			"DVC: Ma xac thuc cua ban la {code}, hieu luc {minutes} phut. Khong chia se ma nay cho bat ky ai.",
			"DVC: Your verification code is {code}, valid for {minutes} minutes. Do not share this code with anyone."),
		TemplateApplicationReceived: i18n.T(
			"DVC: Ho so {code} da duoc tiep nhan. Ngay hen tra ket qua: {date}.",
			"DVC: Application {code} has been received. Result appointment date: {date}."),
		TemplateApplicationStatus: i18n.T(
			"DVC: Ho so {code}: {status}.",
			"DVC: Application {code}: {status}."),
	}
)

// RegisterTemplate adds a message template, typically from a package's
// init. Both texts must be ASCII (write Vietnamese unaccented); placeholders
// are {name}. It panics on a duplicate name or a non-ASCII text, which are
// programming errors.
func RegisterTemplate(name string, text i18n.Text) {
	for _, s := range []string{text.Vi, text.En} {
		if ASCII(s) != s {
			panic(fmt.Sprintf("notify: template %q is not ASCII", name))
		}
	}
	if text.Vi == "" {
		panic(fmt.Sprintf("notify: template %q has no Vietnamese text", name))
	}
	templatesMu.Lock()
	defer templatesMu.Unlock()
	if _, dup := templates[name]; dup {
		panic(fmt.Sprintf("notify: template %q registered twice", name))
	}
	templates[name] = text
}

// Render fills the template in lang (Vietnamese when the template has no
// text in lang) with vars. Values are converted to unaccented ASCII. Every
// placeholder must have a value and every value a placeholder, so a typo
// fails loudly instead of sending "{code}" to a citizen.
func Render(template string, lang i18n.Lang, vars map[string]string) (string, error) {
	templatesMu.RLock()
	t, ok := templates[template]
	templatesMu.RUnlock()
	if !ok {
		return "", fmt.Errorf("render %q: %w", template, ErrUnknownTemplate)
	}
	text := t.In(lang)
	used := make(map[string]bool, len(vars))
	var b strings.Builder
	for {
		open := strings.IndexByte(text, '{')
		if open < 0 {
			b.WriteString(text)
			break
		}
		end := strings.IndexByte(text[open:], '}')
		if end < 0 {
			return "", fmt.Errorf("render %q: unclosed placeholder", template)
		}
		name := text[open+1 : open+end]
		v, ok := vars[name]
		if !ok {
			return "", fmt.Errorf("render %q: no value for {%s}", template, name)
		}
		used[name] = true
		b.WriteString(text[:open])
		b.WriteString(ASCII(v))
		text = text[open+end+1:]
	}
	if len(used) != len(vars) {
		var extra []string
		for k := range vars {
			if !used[k] {
				extra = append(extra, k)
			}
		}
		sort.Strings(extra)
		return "", fmt.Errorf("render %q: no placeholder for %s", template, strings.Join(extra, ", "))
	}
	return b.String(), nil
}
