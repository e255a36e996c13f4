package evidence

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// bomb is a small PNG of w×h RGBA pixels, all zero: it decodes to 4 bytes
// a pixel whatever its file size. It is written row by row, so making it
// takes no more memory than a row.
func bomb(b *testing.B, w, h int) []byte {
	b.Helper()
	var idat bytes.Buffer
	z, _ := zlib.NewWriterLevel(&idat, zlib.BestCompression)
	row := make([]byte, 1+4*w) // filter byte 0, then the pixels
	for range h {
		z.Write(row)
	}
	z.Close()
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, uint32(w)), uint32(h))
	chunk(&out, "IHDR", append(ihdr, 8, 6, 0, 0, 0)) // 8-bit RGBA
	chunk(&out, "IDAT", idat.Bytes())
	chunk(&out, "IEND", nil)
	return out.Bytes()
}

func chunk(out *bytes.Buffer, kind string, data []byte) {
	binary.Write(out, binary.BigEndian, uint32(len(data)))
	crc := crc32.NewIEEE()
	io.WriteString(crc, kind)
	crc.Write(data)
	out.WriteString(kind)
	out.Write(data)
	binary.Write(out, binary.BigEndian, crc.Sum32())
}

// peakRSS is the process's peak resident set (VmHWM), in MB; 0 when the
// system does not tell.
func peakRSS() float64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkEightBombsAtOnce inspects eight 7000×7000 PNG bombs (49 MP, a
// few hundred KB each, 196 MB decoded) at once through an Inspector with
// the default limits and reports the process's peak RSS.
//
// KINERJA_DECODE_BUDGET (pixels) replaces the default budget, e.g.
// 1000000000 to see the process without one.
//
//	go test -run '^$' -bench EightBombs -benchtime 1x ./evidence/
func BenchmarkEightBombsAtOnce(b *testing.B) {
	data := bomb(b, 7000, 7000)
	b.ReportMetric(float64(len(data))/1024, "KB/bomb")
	budget, _ := strconv.ParseInt(os.Getenv("KINERJA_DECODE_BUDGET"), 10, 64)
	in := NewInspector(0, budget)
	b.ResetTimer()
	for range b.N {
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				if _, err := in.Inspect(b.Context(), data, 0); err != nil {
					b.Error(err)
				}
			})
		}
		wg.Wait()
	}
	b.ReportMetric(peakRSS(), "peak-RSS-MB")
	b.ReportMetric(float64(in.peak.Load())/1e6, "peak-MP-decoding")
}
