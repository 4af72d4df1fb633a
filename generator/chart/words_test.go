package chart

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestWords draws a timeline in another language: month labels, counts
// and the description all use the words given, and no English is left.
func TestWords(t *testing.T) {
	mois := []string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."}
	w := Words{
		Count: func(n int) string { return strconv.Itoa(n) + " note(s)" },
		Month: func(t time.Time) string { return mois[t.Month()-1] + " " + strconv.Itoa(t.Year()) },
		Format: func(layout string, t time.Time) string {
			return strings.ReplaceAll(t.Format(strings.ReplaceAll(layout, "Jan", "\x00")), "\x00", mois[t.Month()-1])
		},
		In: "%[1]s en %[2]s", FromTo: "%[1]s de %[2]s à %[3]s", Peak: "%[1]d en %[2]s", PeakDesc: " ; maximum %[1]d en %[2]s",
	}
	dates := []time.Time{time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC), time.Date(2024, 7, 5, 0, 0, 0, 0, time.UTC), time.Date(2024, 7, 9, 0, 0, 0, 0, time.UTC)}
	svg := string(w.Bars("Notes", w.Timeline(dates)))
	for _, want := range []string{"3 note(s) de janv. 2024 à juil. 2024 ; maximum 2 en juil. 2024", ">2 en juil. 2024<", "févr. 2024: 0 note(s)"} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %q:\n%s", want, svg)
		}
	}
	for _, english := range []string{"Jan", "Jul", "article", " from ", "; peak"} {
		if strings.Contains(svg, english) {
			t.Errorf("chart still says %q", english)
		}
	}
	one := string(w.Bars("Notes", w.Timeline(dates[:1])))
	if !strings.Contains(one, "1 note(s) en 1–7 janv. 2024") {
		t.Errorf("one-bar chart: %s", one)
	}
}
