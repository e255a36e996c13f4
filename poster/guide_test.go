package poster

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func testGuide() Guide {
	return Guide{
		Title: "Panduan Pegawai", Subtitle: "Melaporkan kegiatan harian", Scan: "Pindai untuk membuka bot",
		Link:   "https://t.me/kinerjabot_demo_bot",
		Things: []string{"Satu", "Dua, dengan teks yang cukup panjang untuk dibungkus menjadi dua baris di halaman A4 ini", "Tiga", "Empat", "Lima"},
		Footer: "kinerjabot",
	}
}

// The guide is one page; rendered to an image (pdftoppm, where poppler is
// installed) it is not blank: its QR code and text are ink on paper.
func TestGuidePDFRendersOnePage(t *testing.T) {
	pdf, err := testGuide().PDF()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || bytes.Count(pdf, []byte("/Type /Page\n")) != 1 {
		t.Fatalf("not a one-page PDF (%d bytes, %d pages)", len(pdf), bytes.Count(pdf, []byte("/Type /Page\n")))
	}
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm (poppler-utils) not installed: the page is not checked as an image")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "guide.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "50", "-png", in, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	if len(pages) != 1 {
		t.Fatalf("pdftoppm made %d pages, want 1", len(pages))
	}
	img := readPNG(t, pages[0])
	b := img.Bounds()
	if w, h := b.Dx(), b.Dy(); h*210 < w*290 || h*210 > w*304 { // A4 portrait
		t.Errorf("page %dx%d is not A4 portrait", w, h)
	}
	if dark := darkShare(img, b); dark < 0.03 || dark > 0.5 {
		t.Errorf("%.3f of the page is ink: blank or black", dark)
	}
	// The QR code's area, left below the header, holds dark modules.
	qr := image.Rect(b.Dx()*48/595, b.Dy()*140/842, b.Dx()*218/595, b.Dy()*310/842)
	if dark := darkShare(img, qr); dark < 0.2 {
		t.Errorf("the QR code's area is %.3f dark", dark)
	}
}

func TestGuideRefusesEmpty(t *testing.T) {
	g := testGuide()
	g.Things = nil
	if _, err := g.PDF(); !errors.Is(err, ErrGuideEmpty) {
		t.Fatalf("err = %v, want ErrGuideEmpty", err)
	}
}

func TestBotLink(t *testing.T) {
	if l, err := BotLink("@kinerjabot_demo_bot"); err != nil || l != "https://t.me/kinerjabot_demo_bot" {
		t.Fatalf("BotLink = %q, %v", l, err)
	}
	if _, err := BotLink("x y"); !errors.Is(err, ErrBotUsername) {
		t.Fatalf("err = %v, want ErrBotUsername", err)
	}
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// darkShare is the share of pixels in r darker than mid-grey.
func darkShare(img image.Image, r image.Rectangle) float64 {
	dark, all := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if (cr+cg+cb)/3 < 0x8000 {
				dark++
			}
			all++
		}
	}
	return float64(dark) / float64(max(all, 1))
}
