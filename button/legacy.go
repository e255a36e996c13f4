package button

import "strings"

// decodeLegacy reads the forms of the first release, which had no version
// byte: "a:<verb>:<id>:<version>", "p:<offset>", "p:all:<offset>:<hash>",
// "pu:<offset>", "m:fix:<id>", "n:lapor", "n:appr", "r:<id>:<action>"
// (skp:<i>, skp:-, f:<i> and the bare actions), "f:<action>[:<arg>]" and
// "s:<id>:<question>:<value>" or "s:<id>:skip". Their fields are the
// current kinds' fields, so each is rewritten and read by the current
// parser.
func decodeLegacy(s string) (Data, error) {
	head, rest, _ := strings.Cut(s, ":")
	var fs []string
	if rest != "" {
		fs = strings.Split(rest, ":")
	}
	var k byte
	switch head {
	case "a":
		k = kindDecide
	case "p":
		k = kindApprovals
		if len(fs) > 0 && fs[0] == "all" {
			k, fs = kindApproveAll, fs[1:]
		}
	case "pu":
		k = kindUnitApprovals
	case "m":
		if len(fs) == 0 || fs[0] != "fix" {
			return nil, ErrStale
		}
		k, fs = kindFix, fs[1:]
	case "n":
		return legacyNudge(rest)
	case "r":
		k, fs = kindDraft, legacyDraft(fs)
	case "f":
		k = kindFeedback
	case "s":
		k = kindSurvey
	default:
		return nil, ErrStale
	}
	d, err := kinds[k](fs)
	if err != nil {
		return nil, ErrStale
	}
	return d, nil
}

func legacyNudge(what string) (Data, error) {
	switch what {
	case "lapor":
		return ReportNow{}, nil
	case "appr":
		return OpenApprovals{}, nil
	}
	return nil, ErrStale
}

// legacyDraft rewrites "<id>:skp:-", "<id>:skp:<i>" and "<id>:f:<i>".
func legacyDraft(fs []string) []string {
	if len(fs) == 3 && fs[1] == "skp" && fs[2] == "-" {
		return []string{fs[0], string(DraftNoSKP)}
	}
	if len(fs) == 3 && fs[1] == "f" {
		return []string{fs[0], string(DraftField), fs[2]}
	}
	if len(fs) == 2 && (fs[1] == string(DraftNoSKP) || fs[1] == string(DraftField)) {
		return nil // no such legacy form
	}
	return fs
}
