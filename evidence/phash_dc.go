package evidence

import "github.com/kinerjabot/kinerjabot/evidence/internal/jpegdc"

// The perceptual hash of a JPEG from its DC coefficients.
//
// [reduce] averages every pixel of the picture over the 32x32 grid. For a
// JPEG, the DC coefficient of each 8x8 luma block is already that block's
// average, so the grid is computed here from the block averages, each block
// weighted by the area it shares with each cell (as if its 64 pixels all had
// the average): the same area weights as reduce's, summed over the block's
// pixels. A cell boundary that splits a block takes the block's average on
// both sides rather than each side's own, and the averages are not rounded
// to bytes; the grid moves by a fraction of a level, and the hash by at most
// a bit or two, as re-encoding moves it (TestDCHashMatchesFullDecode,
// FuzzDCHash). It skips the inverse DCT, the chroma and the 32x32 average
// over every pixel: about a fifth of the cost of a full decode.

// dcMinSide is the smallest side of a picture hashed from its DC
// coefficients: from there on, each cell of the grid spans at least a block.
// On smaller pictures a block covers several cells, and averaging it over
// them loses what the grid sees (a 90x68 picture moved by 8 bits): they are
// decoded in full, which costs little at that size.
const dcMinSide = 8 * phashSide

// phashPlane is the perceptual hash of a picture from its luma at 1/8 scale.
func phashPlane(p *jpegdc.Plane) uint64 {
	cols, rows := blockWeights(p.Width), blockWeights(p.Height)
	var sum [phashSide][phashSide]float64
	var acc [phashSide]float64
	for by := range len(rows.start) - 1 {
		clear(acc[:])
		for bx := range len(cols.start) - 1 {
			m := p.Mean(bx, by)
			for _, c := range cols.of(bx) {
				acc[c.cell] += float64(m * c.weight)
			}
		}
		for _, c := range rows.of(by) {
			for x := range acc {
				sum[c.cell][x] += float64(acc[x] * c.weight)
			}
		}
	}
	norm := float64(phashSide) * float64(phashSide) / (float64(p.Width) * float64(p.Height))
	var small [phashSide][phashSide]float64
	for y := range sum {
		for x := range sum[y] {
			small[y][x] = sum[y][x] * norm
		}
	}
	return hashReduced(&small)
}

// blockWeights spreads the n pixels of an axis over the grid's cells as
// [axisWeights] does, and sums the weights of each block of 8 pixels: its
// of(j) lists the cells block j overlaps, with its weight in each (the last
// block may be cut short by the picture's edge).
func blockWeights(n int) weights {
	aw := axisWeights(n)
	blocks := (n + 7) / 8
	bw := weights{start: make([]int, blocks+1), cells: make([]cellWeight, 0, blocks+phashSide)}
	for i := range n {
		for _, c := range aw.of(i) {
			// A pixel's cells ascend, and so do those of the next pixel
			// from the last cell of this one.
			if k := len(bw.cells) - 1; k >= bw.start[i/8] && bw.cells[k].cell == c.cell {
				bw.cells[k].weight += c.weight
			} else {
				bw.cells = append(bw.cells, c)
			}
		}
		bw.start[i/8+1] = len(bw.cells)
	}
	return bw
}
