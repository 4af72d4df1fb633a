//go:build race

package parse

// raceEnabled slows code under test about tenfold; time limits allow for it.
const raceEnabled = true
