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
	return hashReduced(&small)
}

// hashReduced is the hash of the reduced picture (see [PHash]).
func hashReduced(small *[phashSide][phashSide]float64) uint64 {
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
// two hashes at distance d < BandCount agree on at least BandCount-d whole
// bands: two, at [MatchDistance].
const BandCount = 8

const bandBits = 64 / BandCount

// Bands splits h into BandCount bands of 8 bits (band i is bits 63-8i down to
// 56-8i, one row of DCT frequencies) and returns each as i<<16 | bits, so
// that equal bits at different positions give different values.
//
// Any two hashes within MatchDistance of each other share at least
// BandCount-MatchDistance values: two. A store indexes these values, looks
// up the evidence sharing two bands with a new picture (one shared band
// happens by chance too often to be worth a look), and confirms each
// candidate with [Distance] <= MatchDistance.
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
//
// Every source pixel goes through here, so this is nearly all the cost of
// PHash. It performs exactly the floating-point operations of the plain
// definition, and for each cell in the same order:
//
//	for y ascending: for x ascending: acc[cx] += luma(x, y) * xweight
//	for y ascending: sum[cy][cx] += acc[cx] * yweight
//
// so the grid, hence the hash, is bit for bit what the plain loop gives
// (TestReduceMatchesReference). Only independent sums are reordered: the
// columns are walked cell by cell (see [columns]) with the running sums in
// registers rather than in memory, and reduceRows rows at a time, which
// gives the CPU that many independent chains of additions to overlap.
//
// Each product is rounded before it is added (float64(a * b)), which
// forbids fusing a*b + c into one multiply-add: the compiler does that on
// arm64 and with GOAMD64=v3, in some loops and not in others, and the last
// bits would then differ from amd64's (where the bot runs), which by
// default never fuses.
func reduce(img image.Image, r image.Rectangle, w, h int) (out [phashSide][phashSide]float64) {
	cols, yw := axisColumns(w), axisWeights(h)
	var sum [phashSide][phashSide]float64
	// addRows adds rows y0..y0+n-1, whose column sums are acc[0..n-1], to
	// their cells, in ascending y.
	addRows := func(acc *[reduceRows][phashSide]float64, y0, n int) {
		for i := range n {
			for _, c := range yw.of(y0 + i) {
				for x := range acc[i] {
					sum[c.cell][x] += float64(acc[i][x] * c.weight)
				}
			}
		}
	}

	// An 8-bit luma plane (what JPEG decodes to) is read in place rather
	// than copied to float64 by lumaRow, whose value for it is the byte.
	var plane []uint8
	var stride, off int
	switch m := img.(type) {
	case *image.YCbCr:
		plane, stride = m.Y, m.YStride
		off = (r.Min.Y-m.Rect.Min.Y)*m.YStride + (r.Min.X - m.Rect.Min.X)
	case *image.Gray:
		plane, stride, off = m.Pix, m.Stride, m.PixOffset(r.Min.X, r.Min.Y)
	}
	var acc [reduceRows][phashSide]float64
	if plane != nil {
		var rows [reduceRows][]uint8
		for y0 := 0; y0 < h; y0 += reduceRows {
			n := min(reduceRows, h-y0)
			for i := range rows {
				// Past the last row, repeat it (summed, then ignored).
				o := off + (y0+min(i, n-1))*stride
				rows[i] = plane[o : o+w]
			}
			sumColumnsBytes(&cols, &rows, &acc)
			addRows(&acc, y0, n)
		}
	} else {
		buf := make([]float64, reduceRows*w)
		var rows [reduceRows][]float64
		for i := range rows {
			rows[i] = buf[i*w : (i+1)*w]
		}
		for y0 := 0; y0 < h; y0 += reduceRows {
			n := min(reduceRows, h-y0)
			for i := range n {
				lumaRow(img, r, y0+i, rows[i])
			}
			// Past the last row, buf keeps zeros or earlier rows (summed,
			// then ignored).
			sumColumns(&cols, &rows, &acc)
			addRows(&acc, y0, n)
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

// reduceRows is how many source rows reduce sums at once. One row is a
// chain of dependent additions per cell, each waiting for the previous one;
// four chains keep the floating-point units busy and their sums fit in
// registers. Measured on the column sums of a 640x480 picture: about twice
// as fast as one row at a time, 1.2x two rows; eight rows gain only 7 %.
const reduceRows = 4

// sumColumns sets acc[i][c] to the sum, over the source pixels x
// overlapping cell c in ascending order, of rows[i][x] times its weight.
func sumColumns(cols *columns, rows *[reduceRows][]float64, acc *[reduceRows][phashSide]float64) {
	for c := range phashSide {
		ws := cols.weight[cols.start[c]:cols.start[c+1]]
		x := cols.first[c]
		// Slicing every row to len(ws) lets the compiler drop the bounds
		// checks in the loop.
		p0 := rows[0][x : x+len(ws)][:len(ws)]
		p1 := rows[1][x : x+len(ws)][:len(ws)]
		p2 := rows[2][x : x+len(ws)][:len(ws)]
		p3 := rows[3][x : x+len(ws)][:len(ws)]
		var s0, s1, s2, s3 float64
		for k, wt := range ws {
			s0 += float64(p0[k] * wt)
			s1 += float64(p1[k] * wt)
			s2 += float64(p2[k] * wt)
			s3 += float64(p3[k] * wt)
		}
		acc[0][c], acc[1][c], acc[2][c], acc[3][c] = s0, s1, s2, s3
	}
}

// sumColumnsBytes is sumColumns for 8-bit rows. Looking the float64 value
// of a byte up in a table gives the same value as converting it, and made
// this loop 1.2x faster on amd64.
func sumColumnsBytes(cols *columns, rows *[reduceRows][]uint8, acc *[reduceRows][phashSide]float64) {
	for c := range phashSide {
		ws := cols.weight[cols.start[c]:cols.start[c+1]]
		x := cols.first[c]
		p0 := rows[0][x : x+len(ws)][:len(ws)]
		p1 := rows[1][x : x+len(ws)][:len(ws)]
		p2 := rows[2][x : x+len(ws)][:len(ws)]
		p3 := rows[3][x : x+len(ws)][:len(ws)]
		var s0, s1, s2, s3 float64
		for k, wt := range ws {
			s0 += float64(byteFloat[p0[k]] * wt)
			s1 += float64(byteFloat[p1[k]] * wt)
			s2 += float64(byteFloat[p2[k]] * wt)
			s3 += float64(byteFloat[p3[k]] * wt)
		}
		acc[0][c], acc[1][c], acc[2][c], acc[3][c] = s0, s1, s2, s3
	}
}

// byteFloat[v] = float64(v).
var byteFloat = func() (t [256]float64) {
	for i := range t {
		t[i] = float64(i)
	}
	return t
}()

// columns holds axisWeights(n) grouped by cell rather than by source pixel:
// cell c is overlapped by the source pixels first[c], first[c]+1, ... with
// the weights weight[start[c]:start[c+1]], in that order.
//
// The pixels overlapping a cell are consecutive: axisWeights gives pixel i a
// weight in cell c exactly when its overlap min(hi, c+1) - max(lo, c) is
// above 0, that is when lo < c+1 and hi > c (lo < hi always holds), where
// lo = i*scale rounded never decreases with i and hi is lo of pixel i+1.
// The first condition holds for a prefix of the pixels, the second for a
// suffix, so both for a run. TestAxisColumns checks it, and the weights.
type columns struct {
	first  [phashSide]int
	start  [phashSide + 1]int
	weight []float64
}

// axisColumns returns the weights of axisWeights(n), grouped by cell.
func axisColumns(n int) columns {
	aw := axisWeights(n)
	var cols columns
	for _, c := range aw.cells {
		cols.start[c.cell+1]++
	}
	for c := range phashSide {
		cols.start[c+1] += cols.start[c]
	}
	cols.weight = make([]float64, len(aw.cells))
	next := cols.start
	for i := range n {
		for _, c := range aw.of(i) {
			if next[c.cell] == cols.start[c.cell] {
				cols.first[c.cell] = i
			}
			cols.weight[next[c.cell]] = c.weight
			next[c.cell]++
		}
	}
	return cols
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
