package evidence

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"sync"
	"testing"
	"time"
)

func pngOf(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Pictures inspected at once never hold more pixels than the budget, and
// all of them are inspected.
func TestInspectorBoundsPixelsDecodedAtOnce(t *testing.T) {
	in := NewInspector(1_000_000, 1_500_000)
	data := pngOf(t, 1000, 1000)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			_, err := in.Inspect(t.Context(), data, 0)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if p := in.peak.Load(); p > 1_500_000 || p < 1_000_000 {
		t.Errorf("peak pixels decoding at once = %d, want 1,000,000 to 1,500,000", p)
	}
	if in.inFlight.Load() != 0 {
		t.Errorf("%d pixels still held", in.inFlight.Load())
	}
}

func TestInspectorRefusesPicturesOverItsLimit(t *testing.T) {
	in := NewInspector(640*480, 0)
	if _, err := in.Inspect(t.Context(), pngOf(t, 641, 480), 0); !errors.Is(err, ErrUnsupported) {
		t.Errorf("641×480 over a 640×480 limit: %v, want ErrUnsupported", err)
	}
	if _, err := in.Inspect(t.Context(), pngOf(t, 640, 480), 0); err != nil {
		t.Errorf("640×480: %v", err)
	}
}

// A picture waiting for room gives up when its context ends.
func TestInspectorWaitEndsWithContext(t *testing.T) {
	in := NewInspector(100*100, 100*100)
	hold, err := in.reserve(t.Context())(100 * 100)
	if err != nil {
		t.Fatal(err)
	}
	defer hold()
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if _, err := in.Inspect(ctx, pngOf(t, 100, 100), 0); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Inspect with the budget taken = %v, want the context's deadline", err)
	}
}
