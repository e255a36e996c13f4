package evidence

import (
	"image"
	"math"
	"math/bits"
	"slices"
)

// Perceptual hash (pHash, DCT based, as in the widely used imagehash).
//
// The picture is reduced to 32x32 luma by area averaging (every source pixel
// counts, in proportion to how much of each cell it covers, so there is no
// aliasing whatever the size), transformed with a 2-D DCT-II, and the 8x8
// lowest frequencies (u, v = 0..7) each give one bit: 1 when the coefficient
// is above the median of the 64. Bit 63 is (v=0, u=0), bits run row by row
// (v) and within a row by u, so each byte of the hash is one row of
// frequencies. The DC term (v=0, u=0) is the largest coefficient, so bit 63
// is always 1 for a non-uniform picture; keeping row and column 0 matters
// more than that bit: they carry the purely horizontal and vertical
// structure (a horizon, a gradient) that a 1..8 window cannot see.
//
// Resizing, re-encoding and mild brightness changes barely move those
// coefficients; a different scene moves about half of the bits. A uniform
// picture (no structure at all) hashes to 0, so all such pictures match each
// other. Mirroring, rotating or cropping (even 5 %) makes another picture.

const (
	phashSide  = 32 // side of the reduced image
	phashFreqs = 8  // frequencies kept per axis: 0..7
)

// cosTable[u][x] = cos((2x+1)uπ / 64) for the kept frequencies u.
var cosTable = func() (t [phashFreqs][phashSide]float64) {
	for u := range t {
		for x := range t[u] {
			t[u][x] = math.Cos(float64(2*x+1) * float64(u) * math.Pi / (2 * phashSide))
		}
	}
	return t
}()

// PHash returns the 64-bit perceptual hash of img (see [Info.PHash]). Compare
// two hashes with [Distance]; they show the same picture when the distance is
// at most [MatchDistance].
func PHash(img image.Image) uint64 {
	r := img.Bounds()
	w, h := r.Dx(), r.Dy()
	if w <= 0 || h <= 0 {
		return 0
	}
	small := reduce(img, r, w, h)

	// Separable, unnormalised DCT-II (as scipy's default, which imagehash
	// uses), keeping frequencies 0..7 on each axis. The DC term is the sum
	// of the pixels, never below any other coefficient (all pixels >= 0).
	var rows [phashSide][phashFreqs]float64 // rows[y][u]
	for y := range phashSide {
		for u := range phashFreqs {
			s := 0.0
			for x := range phashSide {
				s += small[y][x] * cosTable[u][x]
			}
			rows[y][u] = s
		}
	}
	var coef [phashFreqs * phashFreqs]float64 // coef[v*8 + u]
	maxAbsAC := 0.0
	for v := range phashFreqs {
		for u := range phashFreqs {
			s := 0.0
			for y := range phashSide {
				s += rows[y][u] * cosTable[v][y]
			}
			coef[v*phashFreqs+u] = s
			if u != 0 || v != 0 {
				maxAbsAC = max(maxAbsAC, math.Abs(s))
			}
		}
	}
	// A uniform picture leaves only rounding noise in the AC terms, far below
	// 1e-3, while any structure visible on the 32x32 grid gives values
	// orders of magnitude above it. Hash it as 0 rather than hash the noise
	// (whose bits could differ between platforms).
	if maxAbsAC < 1e-3 {
		return 0
	}

	sorted := coef
	slices.Sort(sorted[:])
	median := (sorted[len(sorted)/2-1] + sorted[len(sorted)/2]) / 2

	var hash uint64
	for i, c := range coef {
		if c > median {
			hash |= 1 << (63 - i)
		}
	}
	return hash
}

// Distance is the Hamming distance between two perceptual hashes: the number
// of differing bits, 0..64.
func Distance(a, b uint64) int {
	return bits.OnesCount64(a ^ b)
}

// MatchDistance is the largest [Distance] at which two hashes are taken to
// show the same picture.
//
// Measured on the fixtures in testdata (TestFixtureDistances, go test -v):
//
//	kegiatan-1.jpg       kegiatan-1-ulang.jpg (85 %, q60)   0  same picture
//	kegiatan-1.jpg       kegiatan-2.jpg                     32
//	kegiatan-1.jpg       tanpa-exif.png (uniform, hash 0)   32
//	kegiatan-1.jpg       video-001.lossy.webp               32
//	kegiatan-1-ulang.jpg kegiatan-2.jpg                     32
//	kegiatan-1-ulang.jpg tanpa-exif.png                     32
//	kegiatan-1-ulang.jpg video-001.lossy.webp               32
//	kegiatan-2.jpg       tanpa-exif.png                     32
//	kegiatan-2.jpg       video-001.lossy.webp               36
//	tanpa-exif.png       video-001.lossy.webp               32
//
// Edits of kegiatan-1, kegiatan-2 and the WebP (TestPHashTransforms): JPEG
// q60/q30, 85 % + q60, 50 %, 200 %, brightness +25 stay within 0..2; a
// crude 25 % nearest-neighbour shrink reaches 6; mirroring gives 32 and a
// 10 % crop 24 (other pictures, as far as pHash can tell). Across nine
// unrelated pictures (these and Go's image test files) the smallest distance
// was 22. A hash has as many 1 bits as 0 bits unless coefficients tie at the
// median, so distances are even in practice and 6 behaves like 7: it keeps
// a margin of 4 above ordinary re-encoding and of 16 below the closest
// unrelated pair, and stays below [BandCount] so [Bands] finds every match.
const MatchDistance = 6

// BandCount is how many bands [Bands] returns. By the pigeonhole principle
// two hashes at distance <= BandCount-1 agree on at least one whole band.
const BandCount = 8

const bandBits = 64 / BandCount

// Bands splits h into BandCount bands of 8 bits (band i is bits 63-8i down to
// 56-8i, one row of DCT frequencies) and returns each as i<<16 | bits, so
// that equal bits at different positions give different values.
//
// Any two hashes within MatchDistance of each other share at least one value
// (MatchDistance < BandCount). A store indexes these values, looks up the
// evidence sharing any band with a new picture, and confirms each candidate
// with [Distance] <= MatchDistance.
func Bands(h uint64) []int {
	out := make([]int, BandCount)
	for i := range out {
		shift := 64 - bandBits*(i+1)
		out[i] = i<<16 | int(h>>shift&(1<<bandBits-1))
	}
	return out
}

// reduce averages the luma of img over a phashSide x phashSide grid, each
// source pixel weighted by the area it covers in each cell.
func reduce(img image.Image, r image.Rectangle, w, h int) (out [phashSide][phashSide]float64) {
	xw, yw := axisWeights(w), axisWeights(h)
	var sum [phashSide][phashSide]float64
	row := make([]float64, w)
	for y := range h {
		lumaRow(img, r, y, row)
		var acc [phashSide]float64
		for x, v := range row {
			for _, c := range xw.of(x) {
				acc[c.cell] += v * c.weight
			}
		}
		for _, c := range yw.of(y) {
			for i := range acc {
				sum[c.cell][i] += acc[i] * c.weight
			}
		}
	}
	// Every cell is covered by w/32 x h/32 source pixels' worth of weight.
	norm := float64(phashSide) * float64(phashSide) / (float64(w) * float64(h))
	for y := range sum {
		for x := range sum[y] {
			out[y][x] = sum[y][x] * norm
		}
	}
	return out
}

type cellWeight struct {
	cell   int
	weight float64
}

// weights maps each source index to the output cells it overlaps.
type weights struct {
	start []int // index i covers cells[start[i]:start[i+1]]
	cells []cellWeight
}

func (w weights) of(i int) []cellWeight { return w.cells[w.start[i]:w.start[i+1]] }

// axisWeights spreads n source pixels over phashSide cells: source pixel i
// spans [i, i+1)*phashSide/n in cell units, and overlaps each cell by a
// length that is its weight.
func axisWeights(n int) weights {
	w := weights{start: make([]int, n+1), cells: make([]cellWeight, 0, n+phashSide)}
	scale := float64(phashSide) / float64(n)
	for i := range n {
		lo, hi := float64(i)*scale, float64(i+1)*scale
		for c := int(lo); c < phashSide && float64(c) < hi; c++ {
			if ov := min(hi, float64(c+1)) - max(lo, float64(c)); ov > 0 {
				w.cells = append(w.cells, cellWeight{c, ov})
			}
		}
		w.start[i+1] = len(w.cells)
	}
	return w
}

// lumaRow writes the luma (0..255, BT.601 weights; transparent pixels count
// as black) of row y (0-based within r) into dst.
func lumaRow(img image.Image, r image.Rectangle, y int, dst []float64) {
	w := len(dst)
	switch m := img.(type) {
	case *image.YCbCr:
		off := (r.Min.Y+y-m.Rect.Min.Y)*m.YStride + (r.Min.X - m.Rect.Min.X)
		for x, v := range m.Y[off : off+w] {
			dst[x] = float64(v)
		}
		return
	case *image.NYCbCrA:
		off := (r.Min.Y+y-m.Rect.Min.Y)*m.YStride + (r.Min.X - m.Rect.Min.X)
		aoff := (r.Min.Y+y-m.Rect.Min.Y)*m.AStride + (r.Min.X - m.Rect.Min.X)
		for x, v := range m.Y[off : off+w] {
			dst[x] = float64(v) * float64(m.A[aoff+x]) / 255
		}
		return
	case *image.Gray:
		off := m.PixOffset(r.Min.X, r.Min.Y+y)
		for x, v := range m.Pix[off : off+w] {
			dst[x] = float64(v)
		}
		return
	case *image.RGBA: // premultiplied
		off := m.PixOffset(r.Min.X, r.Min.Y+y)
		p := m.Pix[off : off+4*w]
		for x := range w {
			dst[x] = luma(p[4*x], p[4*x+1], p[4*x+2])
		}
		return
	case *image.NRGBA:
		off := m.PixOffset(r.Min.X, r.Min.Y+y)
		p := m.Pix[off : off+4*w]
		for x := range w {
			dst[x] = luma(p[4*x], p[4*x+1], p[4*x+2]) * float64(p[4*x+3]) / 255
		}
		return
	}
	for x := range w {
		r16, g16, b16, _ := img.At(r.Min.X+x, r.Min.Y+y).RGBA() // premultiplied, 16-bit
		dst[x] = (0.299*float64(r16) + 0.587*float64(g16) + 0.114*float64(b16)) / 257
	}
}

func luma(r, g, b uint8) float64 {
	return 0.299*float64(r) + 0.587*float64(g) + 0.114*float64(b)
}
