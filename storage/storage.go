// Package storage declares the domain records of kinerjabot and the Store
// contract that every record store (MongoDB, the embedded SQLite store)
// implements. Implementations translate their driver errors into the
// sentinels below; no driver error leaves its package.
//
// The conformance suite in storage/storetest is the contract's executable
// form: every implementation runs it.
package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Sentinel errors. Wrap them; test with errors.Is.
var (
	// ErrNotFound: no record matches.
	ErrNotFound = errors.New("not found")
	// ErrConflict: the write would break a uniqueness rule (a phone number
	// or chat account already held by another employee), or a conditional
	// update found the record no longer in the state it required (a report
	// already decided, or at another version).
	ErrConflict = errors.New("conflict")
	// ErrUnavailable: the store could not be reached; the caller may retry.
	ErrUnavailable = errors.New("store unavailable")
	// ErrInvalid: the request itself is wrong (an unknown platform, an
	// empty key); retrying cannot help.
	ErrInvalid = errors.New("invalid request")
)

// CheckPlatform refuses a platform outside Platforms. Stores call it before
// building field paths or keys from a platform name.
func CheckPlatform(platform string) error {
	if !slices.Contains(Platforms, platform) {
		return fmt.Errorf("%w: unknown platform %q", ErrInvalid, platform)
	}
	return nil
}

// CheckAccount also refuses an empty user id, which a sparse unique index
// would not keep unique and a lookup would never match.
func CheckAccount(platform, userID string) error {
	if err := CheckPlatform(platform); err != nil {
		return err
	}
	if userID == "" {
		return fmt.Errorf("%w: empty user id", ErrInvalid)
	}
	return nil
}

// Role flags of an employee beyond pegawai (everyone) and atasan (derived
// from being someone's supervisor).
type Role string

// Roles.
const (
	RoleStaff Role = ""
	RoleAdmin Role = "admin"
	// RoleAuditor reads the console over their unit's branch and changes
	// nothing (an Inspektorat).
	RoleAuditor Role = "auditor"
)

// Platforms on which an employee may link a chat account. Stored values.
var Platforms = []string{"telegram", "whatsapp", "playground"}

// Account is a chat account linked to an employee on one platform.
type Account struct {
	UserID   string    `json:"user_id" bson:"user_id"`
	ChatID   string    `json:"chat_id" bson:"chat_id"`
	LinkedAt time.Time `json:"linked_at" bson:"linked_at"`
	// LastSeenAt is when the person last wrote from this account (zero:
	// not since linking); reminders go to the account used last.
	LastSeenAt time.Time `json:"last_seen_at,omitzero" bson:"last_seen_at,omitempty"`
}

// Employee is one person on the roster, keyed by NIP (18 digits, no spaces).
type Employee struct {
	NIP           string `json:"nip" bson:"_id"`
	Name          string `json:"name" bson:"name"`
	UnitCode      string `json:"unit_code" bson:"unit_code"`
	Position      string `json:"position" bson:"position"`
	SupervisorNIP string `json:"supervisor_nip,omitempty" bson:"supervisor_nip,omitempty"`
	// Phone in E.164 (+628…); empty when the roster has none.
	Phone  string `json:"phone,omitempty" bson:"phone,omitempty"`
	Role   Role   `json:"role,omitempty" bson:"role,omitempty"`
	Active bool   `json:"active" bson:"active"`
	// RemindersOff: the person turned staff reminders off (/pengingat).
	// Roster imports never change it; only SetReminders does.
	RemindersOff bool `json:"reminders_off,omitempty" bson:"reminders_off,omitempty"`
	// DigestOff: the person turned the weekly digest off (/pengingat
	// ringkasan off). Roster imports never change it; only SetDigest does.
	DigestOff bool `json:"digest_off,omitempty" bson:"digest_off,omitempty"`
	// Accounts maps a platform name (see Platforms) to the linked account.
	// Roster imports never change it; only LinkAccount and UnlinkAccount do.
	Accounts  map[string]Account `json:"accounts,omitempty" bson:"accounts,omitempty"`
	CreatedAt time.Time          `json:"created_at" bson:"created_at"`
	UpdatedAt time.Time          `json:"updated_at" bson:"updated_at"`
}

// A Sender is the employee an update came from.
type Sender struct {
	Employee
	// Supervises: someone's supervisor is this employee (HasSubordinates).
	Supervises bool
}

// IsAdmin reports whether the employee is an admin OPD.
func (e Employee) IsAdmin() bool { return e.Role == RoleAdmin }

// IsAuditor reports whether the employee is a (read-only) auditor.
func (e Employee) IsAuditor() bool { return e.Role == RoleAuditor }

// Unit is an organisational unit (Dinas, Puskesmas, Kecamatan, …).
type Unit struct {
	Code       string `json:"code" bson:"_id"`
	Name       string `json:"name" bson:"name"`
	Type       string `json:"type,omitempty" bson:"type,omitempty"`
	ParentCode string `json:"parent_code,omitempty" bson:"parent_code,omitempty"`
	// Timezone is an IANA name: Asia/Jakarta, Asia/Makassar or Asia/Jayapura.
	Timezone  string   `json:"timezone" bson:"timezone"`
	Latitude  *float64 `json:"latitude,omitempty" bson:"latitude,omitempty"`
	Longitude *float64 `json:"longitude,omitempty" bson:"longitude,omitempty"`
	// ServiceUsers is the unit's population of service users (N in the
	// Krejcie–Morgan sample size); 0 when unknown.
	ServiceUsers int `json:"service_users,omitempty" bson:"service_users,omitempty"`
	// Counters is how many service counters (loket) have their own QR code.
	Counters int `json:"counters,omitempty" bson:"counters,omitempty"`
	// QuickSurvey enables the one-question rating for the unit.
	QuickSurvey bool `json:"quick_survey,omitempty" bson:"quick_survey,omitempty"`
	// MonthlyTargetMinutes and ApprovalSLADays are the unit's own
	// settings; 0 inherits the parent's, and at the top the global one
	// (see roster.UnitSetting).
	MonthlyTargetMinutes int `json:"monthly_target_minutes,omitempty" bson:"monthly_target_minutes,omitempty"`
	ApprovalSLADays      int `json:"approval_sla_days,omitempty" bson:"approval_sla_days,omitempty"`
	// RemindStaffAt and RemindSupervisorAt are the unit's own reminder
	// times, in minutes after local midnight; 0 inherits, as above.
	RemindStaffAt      int       `json:"remind_staff_at,omitempty" bson:"remind_staff_at,omitempty"`
	RemindSupervisorAt int       `json:"remind_supervisor_at,omitempty" bson:"remind_supervisor_at,omitempty"`
	CreatedAt          time.Time `json:"created_at" bson:"created_at"`
	UpdatedAt          time.Time `json:"updated_at" bson:"updated_at"`

	// EvaluationMonths is the unit's evaluation cadence in months (1
	// monthly, 3 quarterly; see package evaluation); 0 inherits, as above.
	EvaluationMonths int `json:"evaluation_months,omitempty" bson:"evaluation_months,omitempty"`
}

// Reader is the read-only part of the store, the part handlers may use.
// Methods do I/O and are safe for concurrent use. Lists come back as
// non-nil slices (empty when nothing matches); looking up an empty phone,
// user id or NIP is ErrNotFound. Times come back in UTC at millisecond
// precision.
type Reader interface {
	GetUnit(ctx context.Context, code string) (Unit, error)
	// ListUnits returns every unit ordered by code.
	ListUnits(ctx context.Context) ([]Unit, error)
	GetEmployee(ctx context.Context, nip string) (Employee, error)
	// EmployeeByPhone finds the employee with the E.164 phone number.
	EmployeeByPhone(ctx context.Context, phone string) (Employee, error)
	// EmployeeByAccount finds the employee linked to the platform user id.
	EmployeeByAccount(ctx context.Context, platform, userID string) (Employee, error)
	// SenderByAccount is EmployeeByAccount and HasSubordinates of the
	// employee found, read together (in one snapshot where the store can):
	// what every update asks of its sender. ErrNotFound for an account
	// nobody is linked to.
	SenderByAccount(ctx context.Context, platform, userID string) (Sender, error)
	// ListEmployees returns every employee ordered by NIP.
	ListEmployees(ctx context.Context) ([]Employee, error)
	// ListSubordinates returns the employees whose supervisor is nip,
	// ordered by NIP (none: an empty slice, not an error).
	ListSubordinates(ctx context.Context, nip string) ([]Employee, error)
	// HasSubordinates reports whether anyone's supervisor is nip: what
	// ListSubordinates would find, without reading them (every update asks
	// it of its sender).
	HasSubordinates(ctx context.Context, nip string) (bool, error)
	// ListActing returns the acting assignments (Plt/Plh) as last
	// replaced, in the order given.
	ListActing(ctx context.Context) ([]Acting, error)

	ActivityReader
	SurveyReader
	EvaluationReader
}

// Store is the whole record store contract. Every write is a single-record
// atomic operation; nothing needs a multi-record transaction. A zero
// CreatedAt, UpdatedAt or LinkedAt given to a write is set from the store's
// clock; a set one is stored as given.
type Store interface {
	Reader
	ActivityWriter
	SurveyWriter
	ReminderStore
	LinkCodeStore
	PersonalReader
	EvaluationWriter
	EmployeeIndex
	ReportIndex
	OnboardingStore
	CycleStore
	AuditLog
	RetentionStore
	DigestStore

	// UpsertUnit creates the unit or replaces its fields (CreatedAt kept).
	UpsertUnit(ctx context.Context, u Unit) error

	// UpsertEmployee creates the employee or updates the roster fields of an
	// existing one in place, keyed by NIP. It never changes Accounts or
	// CreatedAt. ErrConflict when the phone belongs to another employee.
	UpsertEmployee(ctx context.Context, e Employee) error

	// LinkAccount links a chat account on a platform to the employee nip,
	// replacing the employee's previous account on that platform. If the
	// platform user id was linked to another employee, it is first unlinked
	// there. ErrNotFound when nip is not on the roster. On MongoDB, links of
	// one user id racing each other may end in ErrConflict for the loser;
	// exactly one employee holds the account afterwards, and the caller may
	// retry.
	LinkAccount(ctx context.Context, nip, platform string, a Account) error

	// UnlinkAccount removes the employee's account on the platform. Unlinking
	// what is not linked is not an error; ErrNotFound when nip is unknown.
	UnlinkAccount(ctx context.Context, nip, platform string) error

	// ReplaceActing replaces the whole list of acting assignments (one
	// atomic write: readers see the old list or the new one).
	ReplaceActing(ctx context.Context, list []Acting) error
	// SwapActing replaces the list of acting assignments with list only if
	// the stored list still equals old (as ListActing returned it; empty
	// when none is stored), in one atomic write: ErrConflict when it
	// changed meanwhile. Two admins editing the list at once thus lose
	// nothing: the second reads it again and retries.
	SwapActing(ctx context.Context, old, list []Acting) error

	// SurveyKey returns the key of the hash kept of a citizen's chat, one
	// for every replica: the key stored, or, when none is, candidate, which
	// is stored then (atomically: of replicas starting together, one
	// candidate wins and all get it). An empty candidate is ErrInvalid.
	SurveyKey(ctx context.Context, candidate []byte) ([]byte, error)

	// Ping checks that the store answers.
	Ping(ctx context.Context) error
	// Close releases the store's resources.
	Close(ctx context.Context) error
}

// Acting is an acting assignment (Plt/Plh): ActingNIP acts for the post of
// ForNIP from From to To, both local dates YYYY-MM-DD, inclusive. While it
// runs, the reports that would go to ForNIP go to ActingNIP instead.
type Acting struct {
	ActingNIP string `json:"acting_nip" bson:"acting_nip"`
	ForNIP    string `json:"for_nip" bson:"for_nip"`
	From      string `json:"from" bson:"from"`
	To        string `json:"to" bson:"to"`
	// Kind is ActingPlt or ActingPlh when given ("": not said; the import
	// file does not say).
	Kind ActingKind `json:"kind,omitempty" bson:"kind,omitempty"`
	// By is the NIP of the admin who added it in the chat (/plt); "" when
	// it came from an import.
	By string `json:"by,omitempty" bson:"by,omitempty"`
}

// ActingKind is the kind of an acting assignment. Stored values.
type ActingKind string

// Kinds of acting: Pelaksana Tugas (a vacant post, or a long absence) and
// Pelaksana Harian (a short absence).
const (
	ActingPlt ActingKind = "plt"
	ActingPlh ActingKind = "plh"
)

// Overlaps reports whether a and b are for the same post on dates that
// overlap (both ranges inclusive): one post has one acting person a day.
func (a Acting) Overlaps(b Acting) bool {
	return a.ForNIP != "" && a.ForNIP == b.ForNIP && a.From != "" && b.From != "" && a.To != "" && b.To != "" &&
		a.From <= b.To && b.From <= a.To
}

// ActingOn is the NIP acting for forNIP on the local date day (YYYY-MM-DD)
// among list ("" when none; of several, the one that began last).
func ActingOn(list []Acting, forNIP, day string) string {
	var best Acting
	for _, a := range list {
		if a.ForNIP == forNIP && a.From <= day && day <= a.To && a.From >= best.From {
			best = a
		}
	}
	return best.ActingNIP
}
