package evidence

import (
	"image"
	"math"
	"slices"
)

// The reference implementation: PHash and its helpers as they were before
// reduce was rearranged for speed, kept verbatim (only renamed) so that
// TestReduceMatchesReference can check that the fast reduce gives the very
// same grid and hash, and so that any later change to lumaRow's semantics or
// to the weights shows up as a difference.
//
// One change: the two sums in referenceReduce round each product
// (float64(a * b)) as amd64, where the bot runs, always did. On arm64 the
// compiler fused them into multiply-adds, so the old code's last bits
// differed there; reduce now rounds the same way on every platform.

// referencePHash is PHash as first written, with the plain loop in
// referenceReduce.
func referencePHash(img image.Image) uint64 {
	r := img.Bounds()
	w, h := r.Dx(), r.Dy()
	if w <= 0 || h <= 0 {
		return 0
	}
	small := referenceReduce(img, r, w, h)

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

// referenceReduce averages the luma of img over a phashSide x phashSide grid, each
// source pixel weighted by the area it covers in each cell.
func referenceReduce(img image.Image, r image.Rectangle, w, h int) (out [phashSide][phashSide]float64) {
	xw, yw := referenceAxisWeights(w), referenceAxisWeights(h)
	var sum [phashSide][phashSide]float64
	row := make([]float64, w)
	for y := range h {
		referenceLumaRow(img, r, y, row)
		var acc [phashSide]float64
		for x, v := range row {
			for _, c := range xw.of(x) {
				acc[c.cell] += float64(v * c.weight)
			}
		}
		for _, c := range yw.of(y) {
			for i := range acc {
				sum[c.cell][i] += float64(acc[i] * c.weight)
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

type refCellWeight struct {
	cell   int
	weight float64
}

// refWeights maps each source index to the output cells it overlaps.
type refWeights struct {
	start []int // index i covers cells[start[i]:start[i+1]]
	cells []refCellWeight
}

func (w refWeights) of(i int) []refCellWeight { return w.cells[w.start[i]:w.start[i+1]] }

// referenceAxisWeights spreads n source pixels over phashSide cells: source pixel i
// spans [i, i+1)*phashSide/n in cell units, and overlaps each cell by a
// length that is its weight.
func referenceAxisWeights(n int) refWeights {
	w := refWeights{start: make([]int, n+1), cells: make([]refCellWeight, 0, n+phashSide)}
	scale := float64(phashSide) / float64(n)
	for i := range n {
		lo, hi := float64(i)*scale, float64(i+1)*scale
		for c := int(lo); c < phashSide && float64(c) < hi; c++ {
			if ov := min(hi, float64(c+1)) - max(lo, float64(c)); ov > 0 {
				w.cells = append(w.cells, refCellWeight{c, ov})
			}
		}
		w.start[i+1] = len(w.cells)
	}
	return w
}

// referenceLumaRow writes the luma (0..255, BT.601 weights; transparent pixels count
// as black) of row y (0-based within r) into dst.
func referenceLumaRow(img image.Image, r image.Rectangle, y int, dst []float64) {
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
			dst[x] = referenceLuma(p[4*x], p[4*x+1], p[4*x+2])
		}
		return
	case *image.NRGBA:
		off := m.PixOffset(r.Min.X, r.Min.Y+y)
		p := m.Pix[off : off+4*w]
		for x := range w {
			dst[x] = referenceLuma(p[4*x], p[4*x+1], p[4*x+2]) * float64(p[4*x+3]) / 255
		}
		return
	}
	for x := range w {
		r16, g16, b16, _ := img.At(r.Min.X+x, r.Min.Y+y).RGBA() // premultiplied, 16-bit
		dst[x] = (0.299*float64(r16) + 0.587*float64(g16) + 0.114*float64(b16)) / 257
	}
}

func referenceLuma(r, g, b uint8) float64 {
	return 0.299*float64(r) + 0.587*float64(g) + 0.114*float64(b)
}
