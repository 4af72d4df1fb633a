package agency

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/internal/clock"
)

var now = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

func art(file, guid string, version int, status string, embargo time.Time) *article.Article {
	return &article.Article{File: file, GUID: guid, ItemVersion: version, PubStatus: status, Embargoed: embargo,
		Updated: time.Date(2026, 11, 30, 0, version, 0, 0, time.UTC)}
}

func TestResolve(t *testing.T) {
	past, future := now.Add(-time.Hour), now.Add(time.Hour)
	tests := []struct {
		name string
		arts []*article.Article
		want string // file:action, in order
	}{
		{"own copy", []*article.Article{art("a.md", "", 0, "", time.Time{})}, "a.md:publish"},
		{"own copy canceled", []*article.Article{art("a.json", "", 0, "canceled", time.Time{})}, "a.json:kill"},
		{"own copy under embargo", []*article.Article{art("a.json", "", 0, "canceled", future), art("b.json", "", 0, "", future)}, "a.json:hold b.json:hold"},
		{"own copy past its embargo", []*article.Article{art("a.json", "", 0, "withheld", past), art("b.json", "", 0, "", past)}, "a.json:kill b.json:publish"},
		{"newest version wins", []*article.Article{
			art("v1.xml", "g", 1, "usable", time.Time{}), art("v3.xml", "g", 3, "usable", time.Time{}), art("v2.xml", "g", 2, "usable", time.Time{}),
		}, "v1.xml:supersede v3.xml:publish v2.xml:supersede"},
		{"correction by newer versionCreated", []*article.Article{
			{File: "a.json", GUID: "g", Updated: now.Add(-2 * time.Hour)}, {File: "b.json", GUID: "g", Updated: now.Add(-time.Hour)},
		}, "a.json:supersede b.json:publish"},
		{"kill removes every version", []*article.Article{
			art("v1.xml", "g", 1, "usable", time.Time{}), art("v2.xml", "g", 2, "usable", time.Time{}), art("kill.xml", "g", 3, "canceled", time.Time{}),
		}, "v1.xml:kill v2.xml:kill kill.xml:kill"},
		{"withheld removes", []*article.Article{
			art("v1.json", "g", 1, "usable", time.Time{}), art("v2.json", "g", 2, "withheld", time.Time{}),
		}, "v1.json:kill v2.json:kill"},
		{"reinstated after withholding", []*article.Article{
			art("v1.json", "g", 1, "usable", time.Time{}), art("v2.json", "g", 2, "withheld", time.Time{}), art("v3.json", "g", 3, "usable", time.Time{}),
		}, "v1.json:supersede v2.json:supersede v3.json:publish"},
		{"embargo in the future holds", []*article.Article{art("e.xml", "g", 1, "usable", future)}, "e.xml:hold"},
		{"embargo passed publishes", []*article.Article{art("e.xml", "g", 1, "usable", past)}, "e.xml:publish"},
		{"embargo ending now publishes", []*article.Article{art("e.xml", "g", 1, "usable", now)}, "e.xml:publish"},
		{"embargoed update leaves the old version up", []*article.Article{
			art("v1.xml", "g", 1, "usable", time.Time{}), art("v2.xml", "g", 2, "usable", future),
		}, "v1.xml:publish v2.xml:hold"},
		{"kill under embargo waits", []*article.Article{
			art("v1.xml", "g", 1, "usable", time.Time{}), art("v2.xml", "g", 2, "canceled", future),
		}, "v1.xml:publish v2.xml:hold"},
		{"stories apart", []*article.Article{
			art("a.xml", "a", 1, "canceled", time.Time{}), art("b.xml", "b", 1, "usable", time.Time{}),
		}, "a.xml:kill b.xml:publish"},
		{"duplicate delivery publishes one", []*article.Article{
			art("copy2.xml", "g", 1, "usable", time.Time{}), art("copy1.xml", "g", 1, "usable", time.Time{}),
		}, "copy2.xml:supersede copy1.xml:publish"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			decisions := Resolve(tt.arts, clock.At(now))
			got := describe(decisions)
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			// What Concerns leaves out is published.
			for _, d := range decisions {
				if !Concerns(d.Article) && d.Action != Publish {
					t.Errorf("%s: %s, but Concerns says it is published", d.Article.File, d.Action)
				}
			}
			// The same decisions whatever the order of the input.
			for range 5 {
				shuffled := append([]*article.Article(nil), tt.arts...)
				rand.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
				m := map[string]string{}
				for _, d := range Resolve(shuffled, clock.At(now)) {
					m[d.Article.File] = d.Action.String()
				}
				for _, part := range strings.Fields(tt.want) {
					file, action, _ := strings.Cut(part, ":")
					if m[file] != action {
						t.Errorf("shuffled input: %s is %s, want %s", file, m[file], action)
					}
				}
			}
		})
	}
}

func describe(ds []Decision) string {
	var parts []string
	for _, d := range ds {
		parts = append(parts, d.Article.File+":"+d.Action.String())
	}
	return strings.Join(parts, " ")
}

func TestDecisionString(t *testing.T) {
	v1 := art("content/v1.xml", "g", 1, "usable", time.Time{})
	kill := art("content/kill.xml", "g", 2, "canceled", time.Time{})
	held := art("content/e.json", "h", 1, "usable", time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC))
	ds := Resolve([]*article.Article{v1, kill, held}, clock.At(now))
	want := []string{
		"content/v1.xml: not published: canceled by content/kill.xml",
		"content/kill.xml: not published: canceled by the agency",
		"content/e.json: held until 2099-01-01 00:00 UTC (embargoed)",
	}
	for i, d := range ds {
		if d.String() != want[i] {
			t.Errorf("got %q, want %q", d.String(), want[i])
		}
	}
}
