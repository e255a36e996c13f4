package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// A real photo: 640×480 JPEG with EXIF (a copy of the project's evidence
// fixture kegiatan-2.jpg). Served for every photo with -photo-pool 0.
//
//go:embed testdata/kegiatan-2.jpg
var fixtureJPEG []byte

const (
	photoW = 640
	photoH = 480
)

// photoPool hands out photos for the virtual users to send. Every photo of a
// run is a different picture (up to the pool's size) because kinerjabot
// compares each photo's perceptual hash with the evidence on file: one
// picture sent over and over is a reused photo every time, which is neither
// the normal case nor cheap. The pictures are made once, deterministically
// (seed = index), and kept in dir between runs.
type photoPool struct {
	dir   string
	size  int // 0: the fixture only
	seq   atomic.Int64
	wraps atomic.Int64

	mu    sync.Mutex
	cache map[int][]byte
}

func newPhotoPool(dir string, size int) (*photoPool, error) {
	p := &photoPool{dir: dir, size: size, cache: map[int][]byte{}}
	if size == 0 {
		return p, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return p, nil
}

// next allots a new file id for a photo update: "ph<seq>_<index>".
func (p *photoPool) next() string {
	seq := p.seq.Add(1)
	idx := 0
	if p.size > 0 {
		idx = int((seq - 1) % int64(p.size))
		if seq > int64(p.size) && idx == 0 {
			p.wraps.Add(1)
		}
	}
	return fmt.Sprintf("ph%d_%d", seq, idx)
}

// index reads the pool index out of a file id of any of a photo's sizes.
func photoIndex(id string) (int, bool) {
	id = strings.TrimSuffix(strings.TrimSuffix(id, "-s"), "-m")
	rest, ok := strings.CutPrefix(id, "ph")
	if !ok {
		return 0, false
	}
	_, idx, ok := strings.Cut(rest, "_")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(idx)
	return n, err == nil && n >= 0
}

// byFileID returns the bytes of the photo a file id names.
func (p *photoPool) byFileID(id string) ([]byte, bool) {
	idx, ok := photoIndex(id)
	if !ok {
		return nil, false
	}
	if p.size == 0 {
		return fixtureJPEG, true
	}
	b, err := p.get(idx % p.size)
	return b, err == nil
}

// get loads (or makes and keeps) picture idx.
func (p *photoPool) get(idx int) ([]byte, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if b, ok := p.cache[idx]; ok {
		return b, nil
	}
	path := filepath.Join(p.dir, fmt.Sprintf("photo-%05d.jpg", idx))
	b, err := os.ReadFile(path)
	if err != nil {
		b, err = makePhoto(idx)
		if err != nil {
			return nil, err
		}
		tmp := path + ".tmp"
		if os.WriteFile(tmp, b, 0o644) == nil {
			_ = os.Rename(tmp, path)
		}
	}
	p.cache[idx] = b
	return b, nil
}

// prepare makes sure the first n pictures exist on disk (made before the
// measurement, so that making them costs the run nothing).
func (p *photoPool) prepare(n int) error {
	if p.size == 0 {
		return nil
	}
	for i := range min(n, p.size) {
		path := filepath.Join(p.dir, fmt.Sprintf("photo-%05d.jpg", i))
		if _, err := os.Stat(path); err == nil {
			continue
		}
		b, err := makePhoto(i)
		if err != nil {
			return err
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// sizes are the three sizes Telegram keeps of a photo; the largest is id.
func (p *photoPool) sizes(id string) []photoSize {
	n := len(fixtureJPEG)
	if b, ok := p.byFileID(id); ok {
		n = len(b)
	}
	return []photoSize{
		{FileID: id + "-s", FileUniqueID: "u" + id + "-s", Width: 90, Height: 68, FileSize: n / 20},
		{FileID: id + "-m", FileUniqueID: "u" + id + "-m", Width: 320, Height: 240, FileSize: n / 5},
		{FileID: id, FileUniqueID: "u" + id, Width: photoW, Height: photoH, FileSize: n},
	}
}

// makePhoto draws picture idx: a two-colour gradient with a dozen blocks of
// colour, different enough from every other index that perceptual hashes
// do not match, and encodes it as a JPEG of about the fixtures' size.
func makePhoto(idx int) ([]byte, error) {
	rng := rand.New(rand.NewPCG(uint64(idx)+1, 0x6b696e65726a61))
	img := image.NewRGBA(image.Rect(0, 0, photoW, photoH))
	c0 := randColor(rng)
	c1 := randColor(rng)
	for y := range photoH {
		for x := range photoW {
			t := float64(x+y) / float64(photoW+photoH)
			img.Pix[img.PixOffset(x, y)+0] = mix(c0.R, c1.R, t)
			img.Pix[img.PixOffset(x, y)+1] = mix(c0.G, c1.G, t)
			img.Pix[img.PixOffset(x, y)+2] = mix(c0.B, c1.B, t)
			img.Pix[img.PixOffset(x, y)+3] = 255
		}
	}
	for range 12 {
		w, h := 40+rng.IntN(240), 40+rng.IntN(200)
		x0, y0 := rng.IntN(photoW-w), rng.IntN(photoH-h)
		c := randColor(rng)
		for y := y0; y < y0+h; y++ {
			for x := x0; x < x0+w; x++ {
				o := img.PixOffset(x, y)
				// a little texture, so the JPEG is not trivially small
				n := uint8(rng.IntN(24))
				img.Pix[o], img.Pix[o+1], img.Pix[o+2] = c.R^n, c.G^n, c.B^n
			}
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func randColor(rng *rand.Rand) color.RGBA {
	return color.RGBA{R: uint8(rng.IntN(256)), G: uint8(rng.IntN(256)), B: uint8(rng.IntN(256)), A: 255}
}

func mix(a, b uint8, t float64) uint8 { return uint8(float64(a)*(1-t) + float64(b)*t) }
