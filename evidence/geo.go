package evidence

import "math"

// EarthRadiusMeters is the mean Earth radius used by [DistanceMeters].
const EarthRadiusMeters = 6_371_000.0

// DistanceMeters is the great-circle distance between a and b in metres, by
// the haversine formula on a sphere of radius [EarthRadiusMeters] (within
// about 0.5 % of the true ellipsoidal distance, which is plenty to compare a
// photo's position with an office).
func DistanceMeters(a, b Point) float64 {
	const rad = math.Pi / 180
	lat1, lat2 := a.Lat*rad, b.Lat*rad
	dLat := (b.Lat - a.Lat) * rad
	dLon := (b.Lon - a.Lon) * rad
	s := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1)*math.Cos(lat2)*math.Sin(dLon/2)*math.Sin(dLon/2)
	s = min(max(s, 0), 1) // rounding can push it just outside [0, 1]
	return 2 * EarthRadiusMeters * math.Asin(math.Sqrt(s))
}
