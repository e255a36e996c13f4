package evidence

import "image"

// The reference: reduce as it was before it was rearranged for speed (the
// plain loop), so that TestReduceMatchesReference can check that the fast
// reduce gives the very same grid, hence the same hash. The weights
// (axisWeights), the luma of a row (lumaRow) and the DCT (hashReduced) are
// the package's own, unchanged by that rearrangement.
//
// One change: the two sums round each product (float64(a * b)) as amd64,
// where the bot runs, always did. On arm64 the compiler fused them into
// multiply-adds, so the old code's last bits differed there; reduce now
// rounds the same way on every platform.

// referencePHash is PHash with the plain loop of referenceReduce.
func referencePHash(img image.Image) uint64 {
	r := img.Bounds()
	w, h := r.Dx(), r.Dy()
	if w <= 0 || h <= 0 {
		return 0
	}
	small := referenceReduce(img, r, w, h)
	return hashReduced(&small)
}

// referenceReduce averages the luma of img over a phashSide x phashSide grid, each
// source pixel weighted by the area it covers in each cell.
func referenceReduce(img image.Image, r image.Rectangle, w, h int) (out [phashSide][phashSide]float64) {
	xw, yw := axisWeights(w), axisWeights(h)
	var sum [phashSide][phashSide]float64
	row := make([]float64, w)
	for y := range h {
		lumaRow(img, r, y, row)
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
