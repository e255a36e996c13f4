// Package jpegdc reads a JPEG picture at 1/8 scale: the DC coefficient of
// each 8x8 block of its luma, which is that block's average brightness
// (times 8, less 8*128), without the inverse DCT, the chroma planes or the
// colour conversion that a full decode spends most of its time on.
//
// It is Go's image/jpeg decoder (Go 1.26: reader.go, scan.go and huffman.go,
// under Go's BSD licence in LICENSE) with only what follows the entropy
// decoding changed: markers, tables, baseline and progressive scans,
// restart intervals and every block's entropy decoding run as there, so it
// accepts and refuses exactly what image/jpeg.Decode does, with the same
// errors; where that decoder dequantises a block, runs its inverse DCT and
// writes 64 pixels, this one keeps the block's dequantised DC coefficient
// for the first component and nothing for the others (makeImg and
// reconstructBlock in scan.go, the end of decode in reader.go, and this
// file). In a baseline scan it also consumes each AC coefficient's bits
// without computing the value, which nothing reads (skipBits: a third of
// the decoding time); a progressive scan keeps the values, as its
// refinement scans need them. The rest is unchanged. Package evidence
// compares both decoders on every fixture and under fuzzing.
package jpegdc

import "errors"

// ErrNotLuma is returned for a picture whose first component is not its
// luma (an RGB, CMYK or YCbCrK JPEG): decode it in full instead.
var ErrNotLuma = errors.New("jpegdc: first component is not luma")

// Plane is the luma of a picture at 1/8 scale.
type Plane struct {
	// Width and Height are the picture's dimensions in pixels.
	Width, Height int
	// DC[by*Stride+bx] is the dequantised DC coefficient of the luma block
	// covering pixels 8bx..8bx+7 by 8by..8by+7: 8 times the block's
	// average level less 128, before rounding and clamping to 0..255.
	// Blocks cover the picture, the last row and column possibly in part.
	DC     []int32
	Stride int
}

// Mean is the average luma of block (bx, by) as a full decode gives it
// without rounding, clamped to 0..255.
func (p *Plane) Mean(bx, by int) float64 {
	v := float64(p.DC[by*p.Stride+bx])/8 + 128
	return min(max(v, 0), 255)
}

// A block is an 8x8 block of coefficients, in zig-zag order until
// dequantised.
type block [blockSize]int32

const blockSize = 8 * 8
