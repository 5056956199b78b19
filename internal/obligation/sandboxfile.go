package obligation

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dvcportal/dvcportal/internal/sandboxfile"
	"github.com/dvcportal/dvcportal/internal/validate"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

//go:embed sandbox_obligations.json
var builtinFile []byte

// The agencies that own the sandbox file's obligations (catalogue codes).
const (
	AgencyTax         = "THUE"
	AgencyElectricity = "EVN"
	AgencyTraffic     = "CSGT"
)

// ReadSandboxFile returns the obligations of the sandbox obligations file at
// path (SANDBOX_OBLIGATIONS), or of the built-in file when path is empty. A
// bad record is an error naming its path and field, never its value.
func ReadSandboxFile(path string) ([]Obligation, error) {
	return sandboxfile.Read(path, builtinFile, "sandbox obligations file", ParseSandboxFile)
}

// RecordError is a refused record: its JSON path and field.
type RecordError struct {
	Path string // e.g. trafficFines[2].fine
	Msg  string
}

func (e *RecordError) Error() string { return e.Path + ": " + e.Msg }

type payeeJSON struct {
	BankCode      string `json:"bankCode"`
	AccountNumber string `json:"accountNumber"`
	AccountName   string `json:"accountName"`
}

type sandboxFile struct {
	Tax []struct {
		TaxCode  string `json:"taxCode"`
		Name     string `json:"name"`
		Payables []struct {
			ID        string     `json:"id"`
			Authority string     `json:"authority"`
			Chapter   string     `json:"chapter"`
			SubItem   string     `json:"subItem"`
			Period    string     `json:"period"`
			DueDate   string     `json:"dueDate"`
			Amount    int64      `json:"amount"`
			Reference string     `json:"reference"`
			Payee     *payeeJSON `json:"payee"`
			PaidOn    string     `json:"paidOn"`
		} `json:"payables"`
	} `json:"tax"`
	Electricity []struct {
		CustomerCode string `json:"customerCode"`
		Name         string `json:"name"`
		ProvinceCode string `json:"provinceCode"`
		WardCode     string `json:"wardCode"`
		Bills        []struct {
			ID      string `json:"id"`
			Period  string `json:"period"`
			KWh     int64  `json:"kwh"`
			Amount  int64  `json:"amount"`
			DueDate string `json:"dueDate"`
			PaidOn  string `json:"paidOn"`
		} `json:"bills"`
	} `json:"electricity"`
	TrafficFines []struct {
		DecisionNumber   string     `json:"decisionNumber"`
		PlateNumber      string     `json:"plateNumber"`
		ViolatorIDNumber string     `json:"violatorIdNumber"`
		ViolatorName     string     `json:"violatorName"`
		DecidedOn        string     `json:"decidedOn"`
		ReceivedOn       string     `json:"receivedOn"`
		Unit             string     `json:"unit"`
		Violation        string     `json:"violation"`
		Article          string     `json:"article"`
		Fine             int64      `json:"fine"`
		HeldPapers       []string   `json:"heldPapers"`
		Points           int        `json:"points"`
		Payee            *payeeJSON `json:"payee"`
		PaidOn           string     `json:"paidOn"`
	} `json:"trafficFines"`
}

// maxAmount bounds one obligation (a trillion VND): beyond it a file is wrong.
const maxAmount = 1_000_000_000_000

// ParseSandboxFile reads a sandbox obligations file (contract/running.md).
func ParseSandboxFile(r io.Reader) ([]Obligation, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var f sandboxFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("not a sandbox obligations file: %w", err)
	}
	var out []Obligation
	var paths []string // of each of out, for a duplicate
	var errs []error
	fail := func(path, msg string) { errs = append(errs, &RecordError{Path: path, Msg: msg}) }
	date := func(path, s string, required bool) *time.Time {
		if s == "" {
			if required {
				fail(path, "is required (YYYY-MM-DD)")
			}
			return nil
		}
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			fail(path, "is not a date YYYY-MM-DD")
			return nil
		}
		return &d
	}
	text := func(path, s string) string {
		s = strings.TrimSpace(s)
		if s == "" || !validate.SafeText(s, false) || len(s) > 500 {
			fail(path, "is required (text up to 500 bytes)")
		}
		return s
	}
	amount := func(path string, a int64) int64 {
		if a <= 0 || a > maxAmount {
			fail(path, "must be a whole number of VND above 0")
		}
		return a
	}
	payee := func(path string, p *payeeJSON) Payee {
		if p == nil {
			fail(path, "is required")
			return Payee{}
		}
		return Payee{BankCode: text(path+".bankCode", p.BankCode), AccountNumber: text(path+".accountNumber", p.AccountNumber),
			AccountName: text(path+".accountName", p.AccountName)}
	}
	status := func(paid *time.Time) Status {
		if paid != nil {
			return StatusPaid
		}
		return StatusOpen
	}
	for i, tx := range f.Tax {
		p := fmt.Sprintf("tax[%d]", i)
		if !ValidTaxCode(tx.TaxCode) {
			fail(p+".taxCode", "is not a tax code (10 digits with check digit, 0123456789-001, or a 12-digit ID number)")
		}
		name := text(p+".name", tx.Name)
		vis, idNumber := NameShown, ""
		if len(tx.TaxCode) == 12 {
			vis, idNumber = NameSelf, tx.TaxCode
		}
		for j, pb := range tx.Payables {
			pp := fmt.Sprintf("%s.payables[%d]", p, j)
			amt := amount(pp+".amount", pb.Amount)
			paid := date(pp+".paidOn", pb.PaidOn, false)
			desc := text(pp+".authority", pb.Authority) + " – chương " + text(pp+".chapter", pb.Chapter) +
				", tiểu mục " + text(pp+".subItem", pb.SubItem) + " (tham chiếu " + text(pp+".reference", pb.Reference) + ")"
			paths = append(paths, pp+".id")
			out = append(out, Obligation{AgencyCode: AgencyTax, Kind: KindTax, Origin: OriginSandbox,
				SourceRef: text(pp+".id", pb.ID), LookupKeys: []string{TaxKey(tx.TaxCode)},
				DebtorIDNumber: idNumber, DebtorName: name, NameVisibility: vis, Description: desc,
				Period: text(pp+".period", pb.Period), DueDate: date(pp+".dueDate", pb.DueDate, true),
				Lines: []Line{{Kind: LineTax, Name: "Tiểu mục " + pb.SubItem, Amount: amt}}, Principal: amt,
				Payee: payee(pp+".payee", pb.Payee), Status: status(paid), PaidOn: paid,
				Details: Details{Identifier: tx.TaxCode, Reference: pb.Reference, Authority: pb.Authority, Chapter: pb.Chapter, SubItem: pb.SubItem}})
		}
	}
	for i, e := range f.Electricity {
		p := fmt.Sprintf("electricity[%d]", i)
		code := vnid.NormEVNCustomerCode(e.CustomerCode)
		if !vnid.ValidEVNCustomerCode(code) {
			fail(p+".customerCode", "is not an EVN customer code (^P[A-Z][A-Z0-9]{11}$ with a power corporation's prefix)")
			continue
		}
		name := text(p+".name", e.Name)
		pc, _ := vnid.EVNCorporation(code)
		short, corp := pc.Code, pc.Name
		if !digitsN(e.ProvinceCode, 2) {
			fail(p+".provinceCode", "is not a province code (2 digits)")
		}
		if !digitsN(e.WardCode, 5) {
			fail(p+".wardCode", "is not a ward code (5 digits)")
		}
		for j, b := range e.Bills {
			pp := fmt.Sprintf("%s.bills[%d]", p, j)
			amt := amount(pp+".amount", b.Amount)
			if !billPeriod(b.Period) {
				fail(pp+".period", "is not a billing month YYYY-MM")
			}
			if b.KWh < 0 {
				fail(pp+".kwh", "must not be negative")
			}
			paid := date(pp+".paidOn", b.PaidOn, false)
			paths = append(paths, pp+".id")
			out = append(out, Obligation{AgencyCode: AgencyElectricity, Kind: KindElectricity, Origin: OriginSandbox,
				SourceRef: code + "/" + text(pp+".id", b.ID), LookupKeys: []string{ElectricityKey(code)},
				DebtorName: name, NameVisibility: NameMasked,
				Description: fmt.Sprintf("%s – tiền điện kỳ %s (%d kWh)", corp, b.Period, b.KWh),
				Period:      text(pp+".period", b.Period), DueDate: date(pp+".dueDate", b.DueDate, true),
				Lines: []Line{{Kind: LinePrincipal, Name: "Tiền điện", Amount: amt}}, Principal: amt,
				Payee:  Payee{BankCode: "EVN", AccountNumber: short, AccountName: corp},
				Status: status(paid), PaidOn: paid,
				Details: Details{Identifier: code, Corporation: short, KWh: b.KWh, ProvinceCode: e.ProvinceCode, WardCode: e.WardCode}})
		}
	}
	for i, fn := range f.TrafficFines {
		p := fmt.Sprintf("trafficFines[%d]", i)
		dec := text(p+".decisionNumber", fn.DecisionNumber)
		if !vnid.ValidDecisionNumber(vnid.NormDecisionNumber(dec)) {
			fail(p+".decisionNumber", "is longer than 50 bytes")
		}
		plate := vnid.NormPlate(fn.PlateNumber)
		if !vnid.ValidPlate(plate) {
			fail(p+".plateNumber", "is not a plate number")
		}
		if !vnid.PlausibleIDNumber(fn.ViolatorIDNumber) {
			fail(p+".violatorIdNumber", "is not a 12-digit ID number")
		}
		received := date(p+".receivedOn", fn.ReceivedOn, true)
		date(p+".decidedOn", fn.DecidedOn, true)
		amt := amount(p+".fine", fn.Fine)
		for j, hp := range fn.HeldPapers {
			text(fmt.Sprintf("%s.heldPapers[%d]", p, j), hp)
		}
		if fn.Points < 0 || fn.Points > 12 {
			fail(p+".points", "must be 0 to 12")
		}
		paid := date(p+".paidOn", fn.PaidOn, false)
		var due *time.Time
		if received != nil {
			d := received.AddDate(0, 0, 10)
			due = &d
		}
		paths = append(paths, p+".decisionNumber")
		out = append(out, Obligation{AgencyCode: AgencyTraffic, Kind: KindTrafficFine, Origin: OriginSandbox,
			SourceRef:      dec,
			LookupKeys:     []string{FinePlateKey(dec, plate), FineIDKey(dec, fn.ViolatorIDNumber)},
			DebtorIDNumber: fn.ViolatorIDNumber, DebtorName: text(p+".violatorName", fn.ViolatorName), NameVisibility: NameSelf,
			Description: text(p+".violation", fn.Violation) + " (" + text(p+".article", fn.Article) + "; " + text(p+".unit", fn.Unit) + ")",
			Period:      fn.DecidedOn, DueDate: due, ReceivedOn: received, HeldPapers: len(fn.HeldPapers) > 0,
			Lines: []Line{{Kind: LinePrincipal, Name: "Tiền phạt", Amount: amt}}, Principal: amt,
			Payee: payee(p+".payee", fn.Payee), Status: status(paid), PaidOn: paid,
			Details: Details{Identifier: dec, Unit: fn.Unit, Violation: fn.Violation, Article: fn.Article, HeldPapers: fn.HeldPapers, Points: fn.Points}})
	}
	// One reference, one obligation: a second record of the same payable,
	// bill or decision would be silently dropped at load.
	seen := map[string]bool{}
	for i, o := range out {
		k := string(o.Kind) + "\x00" + o.SourceRef
		if seen[k] {
			fail(paths[i], "is the same as an earlier record's")
		}
		seen[k] = true
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// billPeriod: a bill's period is YYYY-MM, so that older sorts first.
func billPeriod(p string) bool {
	return len(p) == 7 && p[4] == '-' && digits(p[:4]) && digits(p[5:]) && p[5:] >= "01" && p[5:] <= "12"
}

func digitsN(s string, n int) bool { return len(s) == n && digits(s) }

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
