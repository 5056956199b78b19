package main

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dvcportal/dvcportal/internal/catalogue/seed"
)

// row is one generated service in compact form. Mode is F (full online:
// ONLINE and COUNTER channels, online level FULL), P (partial: ONLINE and
// COUNTER, online level PARTIAL: originals or the result at the counter) or
// C (counter only: no ONLINE channel, online level PARTIAL, the procedure is
// only published online). N and Unit are the processing time, Fee the fee in
// VND on every channel, Kw the unaccented keywords separated by "|". Cases
// default to one STANDARD case; Law defaults to the category's legal basis.
type row struct {
	Code, Agency, Cat string
	Vi, En            string
	Mode              string
	N                 int
	Unit              string
	Fee               int
	Kw                string
	Cases             []kase
	Law               []string
}

// kase is a case of a row: code, Vietnamese and English name.
type kase [3]string

// Unit shorthands.
const (
	wd = "WORKING_DAY"
	cd = "CALENDAR_DAY"
	hr = "HOUR"
)

// rows lists every generated row, area by area.
func rows() [][]row {
	return [][]row{
		socialSecurityRows(), taxRows(), businessRows(), electricityRows(),
		policeRows(), justiceRows(), communeRows(), tradeRows(), constructionRows(),
		educationHealthRows(), homeAffairsRows(), landEnvironmentRows(), cultureScienceRows(),
	}
}

func bulk(agencyNames map[string]seed.Text) []seed.Service {
	var out []seed.Service
	for _, area := range rows() {
		for _, r := range area {
			out = append(out, r.service(agencyNames[r.Agency]))
		}
	}
	return out
}

func (r row) service(agency seed.Text) seed.Service {
	level := "FULL"
	if r.Mode != "F" {
		level = "PARTIAL"
	}
	fees := []seed.Money{{Amount: int64(r.Fee), Currency: "VND"}}
	var channels []seed.Channel
	if r.Mode != "C" {
		channels = append(channels, ch("ONLINE", r.N, r.Unit, fees))
	}
	channels = append(channels, ch("COUNTER", r.N, r.Unit, fees))
	postal := r.Mode == "F" || len(r.Code)%3 == 0
	if postal && r.Unit != hr {
		n := r.N
		if r.Unit == wd {
			n += 2 // the postal round trip
		}
		channels = append(channels, ch("POSTAL", n, r.Unit, fees))
	}
	delivery := []string{"COUNTER"}
	if postal {
		delivery = append(delivery, "POSTAL")
	}
	if r.Mode == "F" && electronicResult[r.Cat] {
		delivery = append(delivery, "ELECTRONIC")
	}
	law := r.Law
	if len(law) == 0 {
		law = categoryLaw[r.Cat]
	}
	return seed.Service{
		Code:         r.Code,
		AgencyCode:   r.Agency,
		CategoryCode: r.Cat,
		Keywords:     strings.Split(r.Kw, "|"),
		Handler:      seed.Handler{Kind: "BUILTIN", Name: "form"},
		Version: seed.Version{
			Name:            t(r.Vi, r.En),
			Summary:         r.summary(agency),
			Description:     r.description(law),
			OnlineLevel:     level,
			Channels:        channels,
			Cases:           r.cases(),
			DeliveryMethods: delivery,
			LegalBasis:      law,
			Form:            seed.Form{Fields: formFor(r.Cat)},
			EffectiveFrom:   "2025-07-01",
		},
	}
}

var unitText = map[string]seed.Text{
	wd: t("ngày làm việc", "working days"),
	cd: t("ngày", "calendar days"),
	hr: t("giờ làm việc", "working hours"),
}

func (r row) summary(agency seed.Text) seed.Text {
	u := unitText[r.Unit]
	feeVi, feeEn := "không mất phí", "free of charge"
	if r.Fee > 0 {
		feeVi = vnd(r.Fee, '.') + " đồng"
		feeEn = vnd(r.Fee, ',') + " VND"
	}
	return t(
		fmt.Sprintf("Cơ quan giải quyết: %s. Thời hạn: %d %s. Phí, lệ phí: %s.", agency.Vi, r.N, u.Vi, feeVi),
		fmt.Sprintf("Agency: %s. Processing time: %d %s. Fee: %s.", agency.En, r.N, u.En, feeEn))
}

func (r row) description(law []string) seed.Text {
	var howVi, howEn string
	switch r.Mode {
	case "F":
		howVi = "Thủ tục được thực hiện trực tuyến toàn trình: nộp hồ sơ, theo dõi và nhận kết quả trên Cổng Dịch vụ công; cũng có thể nộp tại bộ phận tiếp nhận và trả kết quả."
		howEn = "Fully online: apply, follow and receive the result on the public service portal; applying at the receiving-and-returning counter is also possible."
	case "P":
		howVi = "Thủ tục được thực hiện trực tuyến một phần: nộp hồ sơ trực tuyến, xuất trình bản chính hoặc nhận kết quả tại bộ phận tiếp nhận và trả kết quả."
		howEn = "Partly online: apply online, then show the originals or collect the result at the receiving-and-returning counter."
	default:
		howVi = "Thủ tục chưa tiếp nhận hồ sơ trực tuyến: nộp hồ sơ trực tiếp tại bộ phận tiếp nhận và trả kết quả hoặc qua dịch vụ bưu chính."
		howEn = "Not yet available online: apply in person at the receiving-and-returning counter or by post."
	}
	return t(howVi+" Căn cứ pháp lý chính: "+law[0]+".", howEn+" The legal basis is listed with the service.")
}

func (r row) cases() []seed.Case {
	docs := append([]seed.Document{
		doc("Tờ khai "+lowerFirst(r.Vi), "Application form: "+lowerFirst(r.En), 1, 0),
	}, categoryDocs[r.Cat]...)
	if len(r.Cases) == 0 {
		return []seed.Case{{Code: "STANDARD", Name: t("Trường hợp thông thường", "Standard case"), Documents: docs}}
	}
	out := make([]seed.Case, len(r.Cases))
	for i, k := range r.Cases {
		out[i] = seed.Case{Code: k[0], Name: t(k[1], k[2]), Documents: docs}
	}
	return out
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	// Keep acronyms (BHYT, ASEAN) and proper nouns written in capitals.
	if n < len(s) {
		if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
			return s
		}
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// vnd formats an amount with a thousands separator: 1.500.000 in
// Vietnamese, 1,500,000 in English.
func vnd(n int, sep byte) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}
