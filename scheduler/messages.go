package scheduler

import (
	"fmt"
	"strings"

	"github.com/kinerjabot/kinerjabot/measure"
)

// Button data the handlers answer (handlers/router.go): start a report,
// open the approval list.
const (
	DataReportNow     = "n:lapor"
	DataOpenApprovals = "n:appr"
)

// overdueLine is one supervisor's overdue reports in an escalation digest.
type overdueLine struct {
	Name     string
	Count    int
	Oldest   int // work days the oldest has waited
	TimedOut int // how many passed APPROVAL_TIMEOUT_DAYS
}

type messages struct {
	ReportNowButton     string
	OpenApprovalsButton string
	Staff               func(date string) string
	Digest              func(n int, oldestDays int, oldestDate string) string
	Escalation          func(sla int, lines []overdueLine) string
	MonthEnd            func(month, lockDate string, minutes, target int) string
	TimedOut            func(decision, date, desc string, days int) string
}

var messagesID = messages{
	ReportNowButton:     "📝 Lapor sekarang",
	OpenApprovalsButton: "Buka persetujuan",
	Staff: func(date string) string {
		return "⏰ Pengingat: Anda belum melaporkan kegiatan hari ini (" + measure.FormatDate("id", date) + ").\n" +
			"Laporkan sekarang agar menit kerja Anda tercatat.\n\n" +
			"Tidak ingin diingatkan? Kirim /pengingat off"
	},
	Digest: func(n, days int, date string) string {
		return fmt.Sprintf("📋 %d laporan menunggu persetujuan Anda.\nYang tertua diajukan %s (%s).",
			n, ageID(days), measure.FormatDate("id", date))
	},
	Escalation: func(sla int, lines []overdueLine) string {
		var b strings.Builder
		fmt.Fprintf(&b, "⚠️ Persetujuan terlambat (lebih dari %d hari kerja) pada atasan di bawah Anda:\n", sla)
		for _, l := range lines {
			fmt.Fprintf(&b, "• %s: %d laporan, tertua %d hari kerja", l.Name, l.Count, l.Oldest)
			if l.TimedOut > 0 {
				fmt.Fprintf(&b, " (%d melewati batas waktu)", l.TimedOut)
			}
			b.WriteString("\n")
		}
		b.WriteString("\nMohon ingatkan agar laporan bawahan segera diputuskan.")
		return b.String()
	},
	MonthEnd: func(month, lock string, minutes, target int) string {
		return fmt.Sprintf("📅 Laporan %s ditutup %s.\nMenit kerja Anda: %s dari target %s — kurang %d menit (%s).\n"+
			"Laporkan kegiatan yang belum tercatat sebelum bulan ditutup.",
			month, measure.FormatDate("id", lock), measure.FormatMinutes(minutes, "id"), measure.FormatMinutes(target, "id"),
			target-minutes, measure.FormatMinutes(target-minutes, "id"))
	},
	TimedOut: func(decision, date, desc string, days int) string {
		word := map[string]string{"approved": "disetujui", "rejected": "ditolak"}[decision]
		return fmt.Sprintf("ℹ️ Laporan Anda %s (%s) %s otomatis oleh sistem: atasan tidak memutuskannya dalam %d hari kerja.",
			measure.FormatDate("id", date), desc, word, days)
	},
}

var messagesEN = messages{
	ReportNowButton:     "📝 Report now",
	OpenApprovalsButton: "Open approvals",
	Staff: func(date string) string {
		return "⏰ Reminder: you have not reported today's activity yet (" + measure.FormatDate("en", date) + ").\n" +
			"Report now so that your working minutes count.\n\n" +
			"Rather not be reminded? Send /reminders off"
	},
	Digest: func(n, days int, date string) string {
		return fmt.Sprintf("📋 %d reports are waiting for your approval.\nThe oldest was submitted %s (%s).",
			n, ageEN(days), measure.FormatDate("en", date))
	},
	Escalation: func(sla int, lines []overdueLine) string {
		var b strings.Builder
		fmt.Fprintf(&b, "⚠️ Overdue approvals (more than %d work days) by supervisors below you:\n", sla)
		for _, l := range lines {
			fmt.Fprintf(&b, "• %s: %d reports, oldest %d work days", l.Name, l.Count, l.Oldest)
			if l.TimedOut > 0 {
				fmt.Fprintf(&b, " (%d past the time limit)", l.TimedOut)
			}
			b.WriteString("\n")
		}
		b.WriteString("\nPlease remind them to decide on their staff's reports.")
		return b.String()
	},
	MonthEnd: func(month, lock string, minutes, target int) string {
		return fmt.Sprintf("📅 Reporting for %s closes on %s.\nYour working minutes: %s of the %s target — %d minutes short (%s).\n"+
			"Report the activities not yet recorded before the month closes.",
			month, measure.FormatDate("en", lock), measure.FormatMinutes(minutes, "en"), measure.FormatMinutes(target, "en"),
			target-minutes, measure.FormatMinutes(target-minutes, "en"))
	},
	TimedOut: func(decision, date, desc string, days int) string {
		return fmt.Sprintf("ℹ️ Your report of %s (%s) was %s automatically: your supervisor did not decide on it within %d work days.",
			measure.FormatDate("en", date), desc, decision, days)
	},
}

func msgs(lang string) messages {
	if lang == "en" {
		return messagesEN
	}
	return messagesID
}

func ageID(days int) string {
	if days == 0 {
		return "hari ini"
	}
	return fmt.Sprintf("%d hari kerja lalu", days)
}

func ageEN(days int) string {
	switch days {
	case 0:
		return "today"
	case 1:
		return "1 work day ago"
	}
	return fmt.Sprintf("%d work days ago", days)
}
