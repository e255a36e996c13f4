package i18n

// The weekly digest in chat for unit heads and admins (#20 part 5), and
// its switch under /pengingat (/pengingat ringkasan on|off).
const (
	CmdRemindersDigest Key = "cmd.reminders_digest"

	WeeklyDigestTitle      Key = "weekly_digest.title"
	WeeklyDigestBranch     Key = "weekly_digest.branch"
	WeeklyDigestCompliance Key = "weekly_digest.compliance"
	WeeklyDigestNoOne      Key = "weekly_digest.no_one"
	WeeklyDigestOverdue    Key = "weekly_digest.overdue"
	WeeklyDigestOverdueCap Key = "weekly_digest.overdue_cap"
	WeeklyDigestEvals      Key = "weekly_digest.evaluations"
	WeeklyDigestIKM        Key = "weekly_digest.ikm"
	WeeklyDigestIKMNone    Key = "weekly_digest.ikm_none"
	WeeklyDigestConsole    Key = "weekly_digest.console"
	WeeklyDigestFooter     Key = "weekly_digest.footer"

	DigestStatusOn  Key = "digest.status_on"
	DigestStatusOff Key = "digest.status_off"
	DigestSetOn     Key = "digest.set_on"
	DigestSetOff    Key = "digest.set_off"
	DigestUsage     Key = "digest.usage"

	CLIPlanSkipDigestOff Key = "cli.plan.skip.digest_off"
)
