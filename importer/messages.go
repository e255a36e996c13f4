package importer

import "github.com/kinerjabot/kinerjabot/i18n"

// The texts of this package are in the i18n catalogue: each reason code
// names one text (its placeholders: %[1]s Reason.Value, %[2]s Reason.Want,
// %[3]s Reason.Lines, %[4]s the cause's text), and the report's own words
// are keys Roster*.

var reasonKeys = map[Code]i18n.Key{
	CodeColumns:            i18n.RosterReasonColumns,
	CodeOutOfScope:         i18n.ImportReasonOutOfScope,
	CodeNameEmpty:          i18n.RosterReasonNameEmpty,
	CodeNIP:                i18n.RosterReasonNIP,
	CodeNIPDuplicate:       i18n.RosterReasonNIPDuplicate,
	CodeUnitCodeEmpty:      i18n.RosterReasonUnitCodeEmpty,
	CodeUnitUnknown:        i18n.RosterReasonUnitUnknown,
	CodeUnitNameConflict:   i18n.RosterReasonUnitNameConflict,
	CodePhone:              i18n.RosterReasonPhone,
	CodePhoneDuplicate:     i18n.RosterReasonPhoneDuplicate,
	CodePhoneTaken:         i18n.RosterReasonPhoneTaken,
	CodePhoneHolderRefused: i18n.RosterReasonPhoneHolderRefused,
	CodePhoneOrder:         i18n.RosterReasonPhoneOrder,
	CodeSupervisorNIP:      i18n.RosterReasonSupervisorNIP,
	CodeSupervisorSelf:     i18n.RosterReasonSupervisorSelf,
	CodeSupervisorUnknown:  i18n.RosterReasonSupervisorUnknown,
	CodeSupervisorCycle:    i18n.RosterReasonSupervisorCycle,
	CodeSupervisorRefused:  i18n.RosterReasonSupervisorRefused,
	CodeRole:               i18n.RosterReasonRole,
	CodeStatus:             i18n.RosterReasonStatus,
	CodeUnitDuplicate:      i18n.RosterReasonUnitDuplicate,
	CodeTimezoneEmpty:      i18n.RosterReasonTimezoneEmpty,
	CodeTimezone:           i18n.RosterReasonTimezone,
	CodeCoordinatesPair:    i18n.RosterReasonCoordinatesPair,
	CodeLatitude:           i18n.RosterReasonLatitude,
	CodeLongitude:          i18n.RosterReasonLongitude,
	CodeParentSelf:         i18n.RosterReasonParentSelf,
	CodeParentUnknown:      i18n.RosterReasonParentUnknown,
	CodeParentCycle:        i18n.RosterReasonParentCycle,
	CodeParentRefused:      i18n.RosterReasonParentRefused,
	CodeServiceUsers:       i18n.RosterReasonServiceUsers,
	CodeCounters:           i18n.RosterReasonCounters,
	CodeQuickSurvey:        i18n.RosterReasonQuickSurvey,
	CodeMonthlyTarget:      i18n.RosterReasonMonthlyTarget,
	CodeSLADays:            i18n.RosterReasonSLADays,
	CodeRemindAt:           i18n.RosterReasonRemindAt,
	CodeEvalPeriod:         i18n.RosterReasonEvalPeriod,
	CodeEmployeeUnknown:    i18n.RosterReasonEmployeeUnknown,
	CodeEmployeeActive:     i18n.RosterReasonEmployeeActive,
	CodePeriod:             i18n.RosterReasonPeriod,
	CodeSKPKind:            i18n.RosterReasonSKPKind,
	CodeFieldEmpty:         i18n.RosterReasonFieldEmpty,
	CodeFieldTooLong:       i18n.RosterReasonFieldTooLong,
	CodeTargetDuplicate:    i18n.RosterReasonTargetDuplicate,
	CodeHolidayDate:        i18n.RosterReasonHolidayDate,
	CodeHolidayDuplicate:   i18n.RosterReasonHolidayDuplicate,
	CodeHolidayYear:        i18n.RosterReasonHolidayYear,
	CodeHolidayUnit:        i18n.RosterReasonHolidayUnit,
	CodeActingSelf:         i18n.RosterReasonActingSelf,
	CodeActingRange:        i18n.RosterReasonActingRange,
	CodeActingOverlap:      i18n.RosterReasonActingOverlap,
}

// kindKeys name each kind of file in the report; labelKeys what its rows'
// key is.
var (
	kindKeys = map[Kind]i18n.Key{
		KindRoster: i18n.RosterKindRoster, KindUnits: i18n.RosterKindUnits,
		KindSKP: i18n.RosterKindSKP, KindHolidays: i18n.RosterKindHolidays, KindActing: i18n.RosterKindActing,
	}
	labelKeys = map[Kind]i18n.Key{
		KindRoster: i18n.RosterLabelNIP, KindUnits: i18n.RosterLabelUnit,
		KindSKP: i18n.RosterLabelNIP, KindHolidays: i18n.RosterLabelDate, KindActing: i18n.RosterLabelNIP,
	}
)
