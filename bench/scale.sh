#!/usr/bin/env bash
# A province fits (#17): imports of synthetic rosters (bench/roster) of
# 100,000 and 1,000,000 people, staff listed before their supervisors and a
# bottom-up supervisor chain, timed with their peak RSS (/usr/bin/time -v);
# then, with the million on file: `remind --dry-run` for one unit, one
# scheduler pass (bench/scale), and a registration, a report, an approval,
# /apresiasi and /persetujuan unit through the real Telegram client
# (e2e TestProvinceOnFile). Needs Redis on 127.0.0.1:6379 for the last.
#
#   bash bench/scale.sh            # writes the figures to stdout
#   SCALE_DIR=/tmp/scale bash bench/scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${SCALE_DIR:-$(mktemp -d)}
mkdir -p "$dir"
go build -o "$dir/kinerjabot" ./cmd/kinerjabot
go build -o "$dir/roster" ./bench/roster
go build -o "$dir/scalepass" ./bench/scale

# import N ORDER: a fresh store, the units, then the timed roster import.
import() {
	local n=$1 order=$2 data="$dir/d-$1-$2"
	"$dir/roster" -n "$n" -order "$order" -units "$dir/u-$n-$order.csv" -roster "$dir/r-$n-$order.csv"
	rm -rf "$data"
	DATA_DIR=$data "$dir/kinerjabot" import-units "$dir/u-$n-$order.csv" >/dev/null
	DATA_DIR=$data /usr/bin/time -v "$dir/kinerjabot" import-roster "$dir/r-$n-$order.csv" \
		>"$dir/import-$n-$order.out" 2>"$dir/import-$n-$order.time"
	printf '| %s | %s | %s | %s MB |\n' "$n" "$order" \
		"$(grep 'Elapsed (wall clock)' "$dir/import-$n-$order.time" | awk '{print $NF}')" \
		"$(( $(grep 'Maximum resident' "$dir/import-$n-$order.time" | awk '{print $NF}') / 1024 ))"
}

echo "| people | row order | import time (m:ss) | peak RSS |"
echo "|---|---|---|---|"
import 100000 staff-first
import 100000 chain
import 1000000 staff-first
# The same million again: a million updates, everyone on file.
DATA_DIR="$dir/d-1000000-staff-first" /usr/bin/time -v "$dir/kinerjabot" import-roster "$dir/r-1000000-staff-first.csv" \
	>"$dir/reimport.out" 2>"$dir/reimport.time"
printf '| %s | %s | %s | %s MB |\n' 1000000 "the same file again" \
	"$(grep 'Elapsed (wall clock)' "$dir/reimport.time" | awk '{print $NF}')" \
	"$(( $(grep 'Maximum resident' "$dir/reimport.time" | awk '{print $NF}') / 1024 ))"

million="$dir/d-1000000-staff-first"
echo
echo "With 1,000,000 people on file:"
DATA_DIR=$million /usr/bin/time -f '  remind --dry-run --unit U00001: %e s, %M KB' \
	"$dir/kinerjabot" remind --dry-run --unit U00001 --at "2026-12-07 16:05" | tail -n 1
DATA_DIR=$million "$dir/scalepass" -at "2026-12-07 16:05"
DATA_DIR=$million "$dir/scalepass" -at "2026-12-07 10:00"
cp "$million/kinerjabot.db" "$dir/province.db"
KINERJA_SCALE_DB="$dir/province.db" go test ./e2e/ -run TestProvinceOnFile -count=1 -v | grep -E 'scale_province_test|^(ok|FAIL|---)'
