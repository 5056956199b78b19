package catalogue

import (
	"strconv"
	"time"

	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/money"
	"github.com/dvcportal/dvcportal/internal/obligation"
)

// AgencyLevel is where an agency sits in the state apparatus.
type AgencyLevel string

// The agency levels (two-tier local government since 2025: province, commune).
const (
	LevelCentral    AgencyLevel = "CENTRAL"
	LevelProvincial AgencyLevel = "PROVINCIAL"
	LevelCommune    AgencyLevel = "COMMUNE"
)

// Agency is a state agency that publishes services.
type Agency struct {
	Code       string
	Name       i18n.Text
	Level      AgencyLevel
	ParentCode string // empty for a top-level agency
}

// Office is a counter of an agency where applications are received and
// results returned (bộ phận tiếp nhận và trả kết quả).
type Office struct {
	Code         string
	AgencyCode   string
	ProvinceCode string
	Name         i18n.Text
	Address      string // the street address, in Vietnamese
}

// Category is a field of public services (lĩnh vực).
type Category struct {
	Code string
	Name i18n.Text
}

// ServiceStatus is the lifecycle state of a service.
type ServiceStatus string

// The service statuses. A DRAFT service has never been published.
const (
	StatusDraft     ServiceStatus = "DRAFT"
	StatusPublished ServiceStatus = "PUBLISHED"
	StatusWithdrawn ServiceStatus = "WITHDRAWN"
)

// Service is the stable identity of a public service; what it says and how it
// is processed lives in its versions.
type Service struct {
	Code           string
	AgencyCode     string
	CategoryCode   string
	Status         ServiceStatus
	CurrentVersion int // 0 when never published
	DraftVersion   int // 0 when there is no draft
	Keywords       []string
	// Popularity orders the catalogue (most popular first) and breaks ties
	// between equally good search matches.
	Popularity int
}

// ChannelKind is how an application reaches the agency.
type ChannelKind string

// The channels.
const (
	Online  ChannelKind = "ONLINE"
	Counter ChannelKind = "COUNTER"
	Postal  ChannelKind = "POSTAL"
)

// TimeUnit is the unit of a processing time.
type TimeUnit string

// The processing time units.
const (
	WorkingDay  TimeUnit = "WORKING_DAY"
	CalendarDay TimeUnit = "CALENDAR_DAY"
	Hour        TimeUnit = "HOUR"
)

// ProcessingTime is how long the agency takes on one channel.
type ProcessingTime struct {
	Value int      `json:"value"`
	Unit  TimeUnit `json:"unit"`
}

// Channel is one row of a version's channel matrix: the processing time and
// the fees when the application comes in through that channel.
type Channel struct {
	Channel        ChannelKind    `json:"channel"`
	ProcessingTime ProcessingTime `json:"processingTime"`
	Fees           []money.Money  `json:"fees"`
}

// Document is one entry of a case's document checklist.
type Document struct {
	// Code names the entry where an application attaches an upload; see
	// Case.Checklist for the default.
	Code      string    `json:"code,omitempty"`
	Name      i18n.Text `json:"name"`
	Originals int       `json:"originals"`
	Copies    int       `json:"copies"`
	// Required: an online application must attach an upload for it.
	Required bool `json:"required,omitempty"`
}

// Checklist returns the case's documents, each with its code: the one the
// catalogue gives, or "D" and its position from 1 ("D1", "D2", ...).
func (c Case) Checklist() []Document {
	out := make([]Document, len(c.Documents))
	for i, d := range c.Documents {
		if d.Code == "" {
			d.Code = "D" + strconv.Itoa(i+1)
		}
		out[i] = d
	}
	return out
}

// Case is a situation a service distinguishes (trường hợp), with its
// document checklist.
type Case struct {
	Code      string     `json:"code"`
	Name      i18n.Text  `json:"name"`
	Documents []Document `json:"documents"`
}

// DeliveryMethod is how the citizen receives the result.
type DeliveryMethod string

// The delivery methods.
const (
	DeliverCounter    DeliveryMethod = "COUNTER"
	DeliverPostal     DeliveryMethod = "POSTAL"
	DeliverElectronic DeliveryMethod = "ELECTRONIC"
)

// OnlineLevel is how much of a service can be done online (Decree 42/2022:
// toàn trình, full; một phần, partial).
type OnlineLevel string

// The online levels.
const (
	OnlineFull    OnlineLevel = "FULL"
	OnlinePartial OnlineLevel = "PARTIAL"
)

// HandlerKind says who processes a service's applications.
type HandlerKind string

// The handler kinds.
const (
	Builtin HandlerKind = "BUILTIN"
	Webhook HandlerKind = "WEBHOOK"
)

// HandlerBinding routes a version's applications: a built-in handler by name,
// or a partner agency's webhook URL signed with the service's secret.
type HandlerBinding struct {
	Kind HandlerKind
	Name string // BUILTIN
	URL  string // WEBHOOK
	// Secret signs webhook deliveries (WEBHOOK only). It is set on versions
	// read through Store, never on snapshot entries.
	Secret string
}

// ServiceVersion is one version of a service. A published version never
// changes; the draft (at most one per service) is replaced by each upsert.
type ServiceVersion struct {
	ServiceCode     string
	AgencyCode      string
	CategoryCode    string
	Number          int
	Name            i18n.Text
	Summary         i18n.Text
	Description     i18n.Text
	OnlineLevel     OnlineLevel
	RequiresLogin   bool
	Channels        []Channel
	Cases           []Case
	DeliveryMethods []DeliveryMethod
	LegalBasis      []string // legal documents, cited in Vietnamese
	Form            FormDefinition
	EffectiveFrom   *time.Time // a date; nil when not given
	EffectiveTo     *time.Time
	Handler         HandlerBinding
	// ObligationKind is the obligation the version pays (findObligations,
	// then createPayment) instead of taking applications; empty for an
	// application service. Catalogue data: the seed or the publishing agency
	// sets it (obligation.Kind.Findable).
	ObligationKind obligation.Kind
	PublishedAt    *time.Time // nil for a draft
}

// ChannelOf returns the version's terms for channel ch.
func (v ServiceVersion) ChannelOf(ch ChannelKind) (Channel, bool) {
	for _, c := range v.Channels {
		if c.Channel == ch {
			return c, true
		}
	}
	return Channel{}, false
}

// CaseOf returns the version's case with code.
func (v ServiceVersion) CaseOf(code string) (Case, bool) {
	for _, c := range v.Cases {
		if c.Code == code {
			return c, true
		}
	}
	return Case{}, false
}

// Delivers reports whether the version offers delivery method m.
func (v ServiceVersion) Delivers(m DeliveryMethod) bool {
	for _, d := range v.DeliveryMethods {
		if d == m {
			return true
		}
	}
	return false
}

// ChangeKind is what happened to a service in the change log.
type ChangeKind string

// The change kinds. CREATED is the first publication of a service,
// PUBLISHED a later version.
const (
	ChangeCreated   ChangeKind = "CREATED"
	ChangePublished ChangeKind = "PUBLISHED"
	ChangeWithdrawn ChangeKind = "WITHDRAWN"
)

// Change is one entry of the catalogue change log.
type Change struct {
	ServiceCode string     `db:"service_code"`
	Version     int        `db:"version"`
	Change      ChangeKind `db:"change"`
	At          time.Time  `db:"at"`
}
