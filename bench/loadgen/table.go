package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
)

// runTable prints a Markdown table of run results, one row per result,
// grouped by label and users: what bench/embedded.sh shows (the
// conversation state's modes side by side).
func runTable(files []string, stdout, stderr io.Writer) int {
	var rs []Result
	for _, f := range files {
		b, err := os.ReadFile(f)
		var r Result
		if err == nil {
			err = json.Unmarshal(b, &r)
		}
		if err != nil {
			fmt.Fprintln(stderr, "loadgen table:", f, err)
			return 1
		}
		rs = append(rs, r)
	}
	sort.SliceStable(rs, func(a, b int) bool {
		if rs[a].Users != rs[b].Users {
			return rs[a].Users < rs[b].Users
		}
		return rs[a].Label < rs[b].Label
	})
	fmt.Fprintln(stdout, "| users | conversation state | updates/s | reports/s | p50 ms | p90 ms | p99 ms | errors | timeouts | bot CPU ms/update | peak RSS MB |")
	fmt.Fprintln(stdout, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range rs {
		var errs int64
		for _, n := range r.Errors {
			errs += n
		}
		fmt.Fprintf(stdout, "| %d | %s | %.0f | %.1f | %.1f | %.1f | %.1f | %d | %d | %.2f | %.1f |\n",
			r.Users, r.Label, r.UpdatesPerS, r.ReportsPerS, r.LatencyMS.P50, r.LatencyMS.P90, r.LatencyMS.P99,
			errs, r.Timeouts, r.BotCPUMSPerUpd, float64(r.BotPeakRSSKB)/1024)
	}
	return 0
}
