package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/dvcportal/dvcportal/internal/vnid"
)

// generator draws persons from a seeded source and keeps identifiers unique.
type generator struct {
	rnd       *rand.Rand
	provinces []province
	wards     int // total number of wards, to draw one uniformly
	ids       map[string]bool
	phones    map[string]bool
	siCodes   map[string]bool
}

func newGenerator(provinces []province, seed uint64) *generator {
	g := &generator{
		rnd:       rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		provinces: provinces,
		ids:       map[string]bool{},
		phones:    map[string]bool{},
		siCodes:   map[string]bool{},
	}
	for _, p := range provinces {
		g.wards += len(p.Wards)
	}
	return g
}

// cardKind says what the health insurance card of a person looks like.
type cardKind int

const (
	cardValid cardKind = iota
	cardValidLegacy
	cardNone
	cardExpired
)

// spec pins some attributes of a person; zero values are drawn at random.
type spec struct {
	fullName string
	gender   string
	born     time.Time
	province string // address province code
	card     cardKind
}

func (g *generator) persons(n int) ([]person, error) {
	if n < 6 {
		return nil, fmt.Errorf("need at least 6 persons, got %d", n)
	}
	// persons[0]: the example of contract/running.md, verbatim.
	example := person{
		IDNumber:            "001090012345",
		FullName:            "Nguyễn Văn An",
		DateOfBirth:         "1990-05-12",
		Gender:              "MALE",
		Phone:               "0912345678",
		SocialInsuranceCode: "0123456789",
		Address:             address{ProvinceCode: "01", WardCode: "00004", Street: "12 Đội Cấn"},
		HealthInsuranceCard: &card{
			Number:           "GD4010123456789",
			ValidFrom:        "2026-01-01",
			ValidTo:          "2026-12-31",
			RegisteredClinic: "Bệnh viện Bạch Mai",
		},
	}
	g.ids[example.IDNumber], g.phones[example.Phone], g.siCodes[example.SocialInsuranceCode] = true, true, true
	out := []person{example}

	// persons[1..5]: fixed cases for tests (README.md).
	fixed := []spec{
		{"Trần Thị Bích Ngọc", "FEMALE", day(1985, 3, 8), "79", cardValid},
		{"Lê Hoàng Nam", "MALE", day(2001, 9, 2), "48", cardValidLegacy},
		{"Phạm Thị Hoa", "FEMALE", day(1978, 11, 20), "31", cardNone},
		{"Hoàng Văn Dũng", "MALE", day(1965, 7, 15), "38", cardExpired},
		{"Vũ Thị Lan", "FEMALE", day(2003, 1, 27), "92", cardValid},
	}
	for _, s := range fixed {
		p, err := g.person(s)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}

	// The rest: about one in twelve without a card, one in twelve expired.
	for i := len(out); i < n; i++ {
		s := spec{card: cardValid}
		switch {
		case i%12 == 0:
			s.card = cardNone
		case i%12 == 6:
			s.card = cardExpired
		case g.rnd.IntN(2) == 0:
			s.card = cardValidLegacy
		}
		p, err := g.person(s)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func (g *generator) person(s spec) (person, error) {
	if s.gender == "" {
		s.gender = []string{"MALE", "FEMALE"}[g.rnd.IntN(2)]
	}
	if s.fullName == "" {
		s.fullName = g.name(s.gender)
	}
	if s.born.IsZero() {
		s.born = g.birthDate()
	}
	prov, w := g.place(s.province)

	id, err := g.idNumber(prov.Code, s.born, s.gender)
	if err != nil {
		return person{}, err
	}
	si := g.socialInsuranceCode(prov.Code)
	p := person{
		IDNumber:            id,
		FullName:            s.fullName,
		DateOfBirth:         s.born.Format(time.DateOnly),
		Gender:              s.gender,
		Phone:               g.phone(),
		SocialInsuranceCode: si,
		Address:             address{ProvinceCode: prov.Code, WardCode: w.Code, Street: g.street(prov, w)},
	}
	if s.card != cardNone {
		p.HealthInsuranceCard = g.card(s, prov, w, si)
	}
	return p, nil
}

func (g *generator) name(gender string) string {
	total := 0
	for _, f := range familyNames {
		total += f.weight
	}
	k := g.rnd.IntN(total)
	family := familyNames[0].name
	for _, f := range familyNames {
		if k < f.weight {
			family = f.name
			break
		}
		k -= f.weight
	}
	parts := []string{family, pick(g.rnd, middleNames[gender])}
	if g.rnd.IntN(6) == 0 {
		if extra := pick(g.rnd, middleNames[gender]); extra != parts[1] {
			parts = append(parts, extra)
		}
	}
	given := pick(g.rnd, givenNames[gender])
	for given == parts[len(parts)-1] {
		given = pick(g.rnd, givenNames[gender])
	}
	return strings.Join(append(parts, given), " ")
}

// birthDate draws a date between 1945 and 2007, one in ten after 2000.
func (g *generator) birthDate() time.Time {
	var year int
	if g.rnd.IntN(10) == 0 {
		year = 2000 + g.rnd.IntN(8)
	} else {
		year = 1945 + g.rnd.IntN(55)
	}
	start := day(year, 1, 1)
	days := int(day(year+1, 1, 1).Sub(start).Hours() / 24)
	return start.AddDate(0, 0, g.rnd.IntN(days))
}

// place draws a ward uniformly, or a ward of the given province.
func (g *generator) place(provinceCode string) (province, ward) {
	if provinceCode != "" {
		for _, p := range g.provinces {
			if p.Code == provinceCode {
				return p, pick(g.rnd, p.Wards)
			}
		}
	}
	k := g.rnd.IntN(g.wards)
	for _, p := range g.provinces {
		if k < len(p.Wards) {
			return p, p.Wards[k]
		}
		k -= len(p.Wards)
	}
	panic("unreachable: ward index out of range")
}

// idNumber makes a unique ID number; the birth province is usually the
// (pre-2025) province whose code the address province kept.
func (g *generator) idNumber(addressProvince string, born time.Time, gender string) (string, error) {
	birth := "0" + addressProvince
	if _, ok := vnid.BirthProvince(birth); !ok || g.rnd.IntN(10) < 4 {
		birth = pick(g.rnd, vnid.BirthProvinceCodes())
	}
	prefix, err := vnid.IDNumberPrefix(birth, born, gender)
	if err != nil {
		return "", fmt.Errorf("ID number prefix: %w", err)
	}
	for {
		id := prefix + fmt.Sprintf("%06d", g.rnd.IntN(1_000_000))
		if !g.ids[id] {
			g.ids[id] = true
			return id, nil
		}
	}
}

// socialInsuranceCode makes a unique 10-digit code starting with the
// province code, as codes issued by a provincial social insurance office do.
func (g *generator) socialInsuranceCode(provinceCode string) string {
	for {
		c := provinceCode + fmt.Sprintf("%08d", g.rnd.IntN(100_000_000))
		if !g.siCodes[c] {
			g.siCodes[c] = true
			return c
		}
	}
}

func (g *generator) phone() string {
	for {
		p := "0" + pick(g.rnd, mobilePrefixes) + fmt.Sprintf("%07d", g.rnd.IntN(10_000_000))
		if !g.phones[p] {
			g.phones[p] = true
			return p
		}
	}
}

func (g *generator) street(p province, w ward) string {
	if strings.HasPrefix(w.FullName, "Phường") {
		if g.rnd.IntN(3) == 0 {
			return fmt.Sprintf("Số %d ngõ %d %s", 1+g.rnd.IntN(80), 1+g.rnd.IntN(300), pick(g.rnd, streets))
		}
		return fmt.Sprintf("%d %s", 1+g.rnd.IntN(400), pick(g.rnd, streets))
	}
	hamlet := "Thôn"
	if p.Code >= "75" && p.Code != "68" {
		hamlet = "Ấp"
	}
	return fmt.Sprintf("%s %d", hamlet, 1+g.rnd.IntN(15))
}

func (g *generator) card(s spec, p province, w ward, si string) *card {
	c := &card{RegisteredClinic: g.clinic(p, w)}
	if s.card == cardExpired {
		year := 2023 + g.rnd.IntN(3)
		c.ValidFrom = day(year, 1, 1).Format(time.DateOnly)
		c.ValidTo = day(year, 12, 31).Format(time.DateOnly)
	} else {
		c.ValidFrom = day(2026, 1+g.rnd.IntN(6), 1).Format(time.DateOnly)
		c.ValidTo = day(2030+g.rnd.IntN(2), 12, 31).Format(time.DateOnly)
	}
	c.Number = si
	if s.card == cardValidLegacy || (s.card == cardExpired && g.rnd.IntN(2) == 0) {
		group, level := g.beneficiaryGroup(s.born)
		c.Number = fmt.Sprintf("%s%d%s%s", group, level, p.Code, si)
	}
	return c
}

// beneficiaryGroup picks the two-letter group and benefit level printed on
// legacy cards, plausible for the person's age.
func (g *generator) beneficiaryGroup(born time.Time) (string, int) {
	age := 2026 - born.Year()
	switch {
	case age < 6:
		return "TE", 1
	case age <= 22:
		return "HS", 4
	case age >= 60:
		return "HT", 3
	}
	groups := []struct {
		code  string
		level int
	}{{"DN", 4}, {"GD", 4}, {"HC", 4}, {"HN", 1}, {"CN", 3}}
	k := groups[g.rnd.IntN(len(groups))]
	return k.code, k.level
}

func (g *generator) clinic(p province, w ward) string {
	if g.rnd.IntN(2) == 0 {
		return "Trạm Y tế " + w.FullName
	}
	unit, name, _ := strings.Cut(p.FullName, " ")
	if unit == "Thành" { // "Thành phố X"
		_, name, _ = strings.Cut(name, " ")
		return "Bệnh viện Đa khoa thành phố " + name
	}
	return "Bệnh viện Đa khoa tỉnh " + name
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
