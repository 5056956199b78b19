package notify

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/dvcportal/dvcportal/internal/i18n"
)

// Template names of the messages. Each has a file per language in
// templates/ (<name>.vi.txt, <name>.en.txt), embedded in the binary.
const (
	// TemplateOTP: {code}, {minutes}.
	TemplateOTP = "otp"
	// TemplateApplicationReceived: {code} (application code), {date}
	// (appointment date, dd/mm/yyyy).
	TemplateApplicationReceived = "application_received"
	// TemplateApplicationStatus: {code}, {status} (localized status text).
	TemplateApplicationStatus = "application_status"
)

// ErrUnknownTemplate is returned by Render for a name that has no template.
var ErrUnknownTemplate = errors.New("unknown SMS template")

//go:embed templates/*.txt
var builtinTemplates embed.FS

// Templates are the SMS texts by name, in Vietnamese and English: plain
// ASCII (Vietnamese written unaccented) with {name} placeholders. Build
// them once with LoadTemplates and hand them to the services that send
// messages. Safe for concurrent use (never modified after loading).
type Templates struct {
	texts map[string]i18n.Text
}

// LoadTemplates returns the built-in templates, each overridden by the
// operator's file of the same name in dir (DVC_SMS_TEMPLATES_DIR) when dir
// is set. An override must name a built-in template and a language (vi,
// en), be ASCII and use the same placeholders as the text it replaces, so a
// typo fails at start instead of sending "{code}" to a citizen.
func LoadTemplates(dir string) (*Templates, error) {
	t, err := readTemplates(builtinTemplates, "templates", nil)
	if err != nil {
		return nil, fmt.Errorf("built-in SMS templates: %w", err)
	}
	if dir == "" {
		return t, nil
	}
	if t, err = readTemplates(os.DirFS(dir), ".", t); err != nil {
		return nil, fmt.Errorf("SMS templates in %s: %w", dir, err)
	}
	return t, nil
}

// DefaultTemplates returns the built-in templates (LoadTemplates("")); the
// embedded files are checked by the package's tests, so it cannot fail.
func DefaultTemplates() *Templates {
	t, err := LoadTemplates("")
	if err != nil {
		panic(err)
	}
	return t
}

// readTemplates reads the <name>.<lang>.txt files of dir in fsys. With base
// nil it builds a new set; otherwise each file overrides base's text.
func readTemplates(fsys fs.FS, dir string, base *Templates) (*Templates, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	t := &Templates{texts: map[string]i18n.Text{}}
	if base != nil {
		for k, v := range base.texts {
			t.texts[k] = v
		}
	}
	var errs []error
	for _, e := range entries {
		file := e.Name()
		if e.IsDir() || !strings.HasSuffix(file, ".txt") {
			continue
		}
		name, lang, ok := strings.Cut(strings.TrimSuffix(file, ".txt"), ".")
		if !ok || (lang != string(i18n.VI) && lang != string(i18n.EN)) {
			errs = append(errs, fmt.Errorf("%s: want <name>.vi.txt or <name>.en.txt", file))
			continue
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, file))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		text := strings.TrimRight(string(b), "\r\n")
		if ASCII(text) != text {
			errs = append(errs, fmt.Errorf("%s is not ASCII (write Vietnamese unaccented)", file))
			continue
		}
		old, known := t.texts[name]
		if base != nil {
			if !known {
				errs = append(errs, fmt.Errorf("%s: no built-in template %q", file, name))
				continue
			}
			if was := old.In(i18n.Lang(lang)); strings.Join(placeholders(text), ",") != strings.Join(placeholders(was), ",") {
				errs = append(errs, fmt.Errorf("%s: placeholders %v, want %v", file, placeholders(text), placeholders(was)))
				continue
			}
		}
		if lang == string(i18n.VI) {
			old.Vi = text
		} else {
			old.En = text
		}
		t.texts[name] = old
	}
	for name, text := range t.texts {
		if text.Vi == "" {
			errs = append(errs, fmt.Errorf("template %q has no Vietnamese text", name))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return t, nil
}

// placeholders returns the sorted {names} of text.
func placeholders(text string) []string {
	var out []string
	for {
		open := strings.IndexByte(text, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(text[open:], '}')
		if end < 0 {
			out = append(out, text[open:])
			break
		}
		out = append(out, text[open+1:open+end])
		text = text[open+end+1:]
	}
	sort.Strings(out)
	return out
}

// Names returns the template names, sorted.
func (t *Templates) Names() []string {
	out := make([]string, 0, len(t.texts))
	for k := range t.texts {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Render fills the template in lang (Vietnamese when the template has no
// text in lang) with vars. Values are converted to unaccented ASCII. Every
// placeholder must have a value and every value a placeholder, so a typo
// fails loudly instead of sending "{code}" to a citizen.
func (t *Templates) Render(template string, lang i18n.Lang, vars map[string]string) (string, error) {
	tt, ok := t.texts[template]
	if !ok {
		return "", fmt.Errorf("render %q: %w", template, ErrUnknownTemplate)
	}
	text := tt.In(lang)
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
