package main

import "math"

// Coefficients of the Equal Earth projection (Šavrič, Patterson and Jenny,
// 2018), chosen because equal areas keep coverage shading honest: large
// high-latitude countries are not inflated as on Mercator.
const (
	eeA1 = 1.340264
	eeA2 = -0.081106
	eeA3 = 0.000893
	eeA4 = 0.003796
)

var eeM = math.Sqrt(3) / 2

// equalEarth projects longitude and latitude in degrees to unit-sphere plane
// coordinates, y growing northwards.
func equalEarth(lon, lat float64) point {
	lam := lon * math.Pi / 180
	phi := lat * math.Pi / 180
	th := math.Asin(eeM * math.Sin(phi))
	t2 := th * th
	t6 := t2 * t2 * t2
	x := lam * math.Cos(th) / (eeM * (eeA1 + 3*eeA2*t2 + t6*(7*eeA3+9*eeA4*t2)))
	y := th * (eeA1 + eeA2*t2 + t6*(eeA3+eeA4*t2))
	return point{x, y}
}
