//go:build race

package main

// raceEnabled slows code under test about tenfold; time limits allow for it.
const raceEnabled = true
