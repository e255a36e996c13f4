package evidence

import (
	"math"
	"testing"
)

func TestDistanceMeters(t *testing.T) {
	// Approximate landmarks; expected values from an independent haversine
	// (R = 6371 km) computed outside Go.
	var (
		fixture    = Point{-0.5022, 117.1536} // GPS of kegiatan-1.jpg, Samarinda
		gubernur   = Point{-0.4897, 117.1446} // Kantor Gubernur Kaltim
		islamic    = Point{-0.5153, 117.1267} // Islamic Center Samarinda
		bandara    = Point{-0.3746, 117.2575} // APT Pranoto airport
		balikpapan = Point{-1.2379, 116.8529}
	)
	tests := []struct {
		name string
		a, b Point
		want float64 // metres
	}{
		{"same point", fixture, fixture, 0},
		{"origin to itself", Point{}, Point{}, 0},
		{"fixture to governor's office", fixture, gubernur, 1712.704852776049},
		{"fixture to Islamic Center", fixture, islamic, 3326.871459139219},
		{"governor's office to Islamic Center", gubernur, islamic, 3473.387346563129},
		{"fixture to airport", fixture, bandara, 18297.000514779593},
		{"Samarinda to Balikpapan", fixture, balikpapan, 88373.9396325852},
		{"one degree of latitude", Point{0, 0}, Point{1, 0}, 111194.92664455874},
		{"one degree of longitude at the equator", Point{0, 0}, Point{0, 1}, 111194.92664455874},
		{"across the antimeridian", Point{0, 179.5}, Point{0, -179.5}, 111194.92664455905},
		{"antipodes", Point{0, 0}, Point{0, 180}, 20015086.79602057},
		{"pole to pole", Point{90, 0}, Point{-90, 0}, 20015086.79602057},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, got := range []float64{DistanceMeters(tt.a, tt.b), DistanceMeters(tt.b, tt.a)} {
				if math.Abs(got-tt.want) > 1e-6*max(1, tt.want) {
					t.Errorf("DistanceMeters = %.6f, want %.6f", got, tt.want)
				}
			}
		})
	}
}
