package parse

import (
	"errors"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/diag"
)

// TestSeed checks the real wire story attache was designed on, byte for byte
// as it arrived: a leading space, a source line missing its "(", no final
// newline.
func TestSeed(t *testing.T) {
	src, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	if src[0] != ' ' || src[len(src)-1] != ')' {
		t.Fatal("testdata/seed.txt is no longer the raw seed")
	}
	a, err := New().Parse("world/seed.txt", src)
	if err != nil {
		t.Fatal(err)
	}
	check := func(field string, got, want any) {
		t.Helper()
		if !equal(got, want) {
			t.Errorf("%s = %#v, want %#v", field, got, want)
		}
	}
	check("File", a.File, "world/seed.txt")
	check("Format", a.Format, article.Wire)
	check("Title", a.Title, "China, Russia can maintain communication, coordination on East Asia cooperation: Chinese FM")
	check("Date", a.Date, time.Date(2024, 7, 26, 0, 0, 0, 0, time.UTC))
	check("Source", a.Source, "Xinhua")
	check("PublishedText", a.PublishedText, "14:04, July 26, 2024")
	check("Published", a.Published, time.Date(2024, 7, 26, 14, 4, 0, 0, time.UTC))
	check("Dateline", a.Dateline, "VIENTIANE")
	check("Editors", a.Editors, []string{"Zhang Kaiwei", "Zhong Wenxing"})
	check("Lede", a.Lede, "Chinese Foreign Minister Wang Yi held talks with his Russian counterpart Sergey Lavrov here on Thursday.")
	// The seed has twelve paragraphs between the source line and the footer.
	check("len(Paragraphs)", len(a.Paragraphs), 12)
	check("Paragraphs[0]", a.Paragraphs[0], "VIENTIANE, July 25 (Xinhua) -- "+a.Lede)
	check("last paragraph", a.Paragraphs[11], "Lavrov congratulated China on successfully promoting the signing of the Beijing Declaration on Ending Division and Strengthening Palestinian National Unity by Palestinian factions, saying that Russia will work together to restore peace in the Middle East.")
	check("Text", a.Text, strings.Join(a.Paragraphs[1:], "\n\n"))
	for _, p := range a.Paragraphs {
		if strings.Contains(p, "editor") {
			t.Errorf("footer leaked into a paragraph: %q", p)
		}
	}

	body := bodyText(a)
	check("<p> count", strings.Count(body, "<p>"), 12)
	if !strings.HasPrefix(body, `<p><span class="dateline">VIENTIANE, July 25 (Xinhua) --</span> Chinese Foreign Minister`) {
		t.Errorf("Body does not open with the dateline span: %.120s", body)
	}
	if !strings.Contains(body, "each other&#39;s core interests") {
		t.Error("Body does not escape apostrophes")
	}
	if strings.Contains(body, "Web editor") {
		t.Error("footer leaked into Body")
	}
}

func equal(a, b any) bool {
	switch a := a.(type) {
	case []string:
		return slices.Equal(a, b.([]string))
	case time.Time:
		return a.Equal(b.(time.Time)) && a.Location() == b.(time.Time).Location()
	}
	return a == b
}

// TestWireVariants checks what a reader would notice on each variation of
// wire copy: title, date, agency, dateline place, editors, paragraphs.
func TestWireVariants(t *testing.T) {
	const body = "\n\nSecond paragraph.\n"
	tests := []struct {
		name, file, src string
		title, date     string
		source, place   string
		editors         []string
		lede            string
		paragraphs      int
	}{
		{
			name: "AP em dash no date", file: "a.txt",
			src:   "date 2025-03-04 Talks\n(AP) 09:30, March 4, 2025\n\nWASHINGTON (AP) — Officials met." + body,
			title: "Talks", date: "2025-03-04", source: "AP", place: "WASHINGTON", lede: "Officials met.", paragraphs: 2,
		},
		{
			name: "AP em dash without spaces", file: "a.txt",
			src:   "date 2025-03-04 Talks\n\nWASHINGTON (AP)—Officials met." + body,
			title: "Talks", date: "2025-03-04", source: "AP", place: "WASHINGTON", lede: "Officials met.", paragraphs: 2,
		},
		{
			name: "Reuters hyphen two-part place", file: "a.txt",
			src:   "date 2024-07-03 Rates\nReuters) 18:20, July 3, 2024\n\nSAO PAULO, Brazil, July 3 (Reuters) - Rates held." + body,
			title: "Rates", date: "2024-07-03", source: "Reuters", place: "SAO PAULO, Brazil", lede: "Rates held.", paragraphs: 2,
		},
		{
			name: "AFP en dash", file: "a.txt",
			src:   "date 2024-07-03 Paris\n\nPARIS, July 3 (AFP) – France voted." + body,
			title: "Paris", date: "2024-07-03", source: "AFP", place: "PARIS", lede: "France voted.", paragraphs: 2,
		},
		{
			name: "day before month", file: "a.txt",
			src:   "date 2024-07-25 Kyiv\n\nKYIV, 25 July (Reuters) - Talks began." + body,
			title: "Kyiv", date: "2024-07-25", source: "Reuters", place: "KYIV", lede: "Talks began.", paragraphs: 2,
		},
		{
			name: "place with dot, apostrophe and accents", file: "a.txt",
			src:   "date 2024-07-25 X\n\nST. PETERSBURG, Russia, June 7 (TASS) -- Forum opened." + body,
			title: "X", date: "2024-07-25", source: "TASS", place: "ST. PETERSBURG, Russia", lede: "Forum opened.", paragraphs: 2,
		},
		{
			name: "accented place", file: "a.txt",
			src:   "date 2024-07-25 X\n\nSÃO TOMÉ, July 3 (Xinhua) -- Vote held." + body,
			title: "X", date: "2024-07-25", source: "Xinhua", place: "SÃO TOMÉ", lede: "Vote held.", paragraphs: 2,
		},
		{
			name: "no agency", file: "a.txt",
			src:   "date 2024-07-03 Kremlin\n\nMOSCOW, July 3 -- The Kremlin spoke." + body,
			title: "Kremlin", date: "2024-07-03", place: "MOSCOW", lede: "The Kremlin spoke.", paragraphs: 2,
		},
		{
			name: "all-caps place only", file: "a.txt",
			src:   "date 2024-07-03 Kremlin\n\nMOSCOW -- The Kremlin spoke." + body,
			title: "Kremlin", date: "2024-07-03", place: "MOSCOW", lede: "The Kremlin spoke.", paragraphs: 2,
		},
		{
			name: "sentence with a dash is no dateline", file: "a.txt",
			src:   "date 2024-07-03 Dash\n\nThe deal - signed late - holds." + body,
			title: "Dash", date: "2024-07-03", lede: "The deal - signed late - holds.", paragraphs: 2,
		},
		{
			name: "mixed-case dateline", file: "a.txt",
			src:   "date 2024-07-25 Laos\n\nVientiane, July 25 (Xinhua) -- Ministers met." + body,
			title: "Laos", date: "2024-07-25", source: "Xinhua", place: "Vientiane", lede: "Ministers met.", paragraphs: 2,
		},
		{
			name: "TASS source line wins over dateline agency", file: "a.txt",
			src:   "date 2024-07-03 Kazan\nTASS) 10:00, July 3, 2024\n\nKAZAN, July 3 (Xinhua) -- A summit." + body,
			title: "Kazan", date: "2024-07-03", source: "TASS", place: "KAZAN", lede: "A summit.", paragraphs: 2,
		},
		{
			name: "Date: with colon", file: "a.txt",
			src:   "Date: 2024-07-03 Colon\n\nText." + body,
			title: "Colon", date: "2024-07-03", lede: "Text.", paragraphs: 2,
		},
		{
			name: "Date capitalised", file: "a.txt",
			src:   "Date 2024-07-03 Capital\n\nText.",
			title: "Capital", date: "2024-07-03", lede: "Text.", paragraphs: 1,
		},
		{
			name: "date from source line", file: "a.txt",
			src:   "No date line\nKyodo) 23:59, Dec. 31, 2023\n\nTOKYO, Dec. 31 (Kyodo) -- Year ends." + body,
			title: "No date line", date: "2023-12-31", source: "Kyodo", place: "TOKYO", lede: "Year ends.", paragraphs: 2,
		},
		{
			name: "date from file name", file: "news/2024-02-29-leap.txt",
			src:   "Leap day\n\nBERNAMA item." + body,
			title: "Leap day", date: "2024-02-29", lede: "BERNAMA item.", paragraphs: 2,
		},
		{
			name: "date line beats file name", file: "2020-01-01-x.txt",
			src:   "date 2024-07-03 Both\n\nText.",
			title: "Both", date: "2024-07-03", lede: "Text.", paragraphs: 1,
		},
		{
			name: "editor footer", file: "a.txt",
			src:   "date 2024-07-03 T\n\nText.\n\n(Editor: Li Ming)",
			title: "T", date: "2024-07-03", editors: []string{"Li Ming"}, lede: "Text.", paragraphs: 1,
		},
		{
			name: "web editors with and", file: "a.txt",
			src:   "date 2024-07-03 T\n\nText.\n\n(Web editors: Ana Souza and John Smith)\n\n",
			title: "T", date: "2024-07-03", editors: []string{"Ana Souza", "John Smith"}, lede: "Text.", paragraphs: 1,
		},
		{
			name: "one paragraph per line", file: "a.txt",
			src:   "date 2024-07-03 T\nXinhua) 14:04, July 3, 2024\nBEIJING, July 3 (Xinhua) -- One.\nTwo.\nThree.\n(Web editor: Wu Di)",
			title: "T", date: "2024-07-03", source: "Xinhua", place: "BEIJING", editors: []string{"Wu Di"}, lede: "One.", paragraphs: 3,
		},
		{
			name: "wrapped lines join", file: "a.txt",
			src:   "date 2024-07-03 T\n\nBEIJING, July 3 (Xinhua) -- One\nand more.\n\nTwo\nlines.",
			title: "T", date: "2024-07-03", source: "Xinhua", place: "BEIJING", lede: "One and more.", paragraphs: 2,
		},
		{
			name: "CRLF and BOM", file: "a.txt",
			src:   "\uFEFF date 2024-07-03 T \r\n\r\nXinhua) 14:04, July 3, 2024\r\n\r\nBEIJING, July 3 (Xinhua) -- One.\r\n\r\nTwo.\r\n",
			title: "T", date: "2024-07-03", source: "Xinhua", place: "BEIJING", lede: "One.", paragraphs: 2,
		},
		{
			name: "title only", file: "a.txt",
			src:   "date 2024-07-03 Just a title",
			title: "Just a title", date: "2024-07-03", paragraphs: 0,
		},
	}
	p := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := p.Parse(tt.file, []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.title {
				t.Errorf("Title = %q, want %q", a.Title, tt.title)
			}
			if got := a.Date.Format(time.DateOnly); got != tt.date || a.Date.Location() != time.UTC {
				t.Errorf("Date = %v, want %s UTC", a.Date, tt.date)
			}
			if a.Source != tt.source {
				t.Errorf("Source = %q, want %q", a.Source, tt.source)
			}
			if a.Dateline != tt.place {
				t.Errorf("Dateline = %q, want %q", a.Dateline, tt.place)
			}
			if !slices.Equal(a.Editors, tt.editors) {
				t.Errorf("Editors = %q, want %q", a.Editors, tt.editors)
			}
			if a.Lede != tt.lede {
				t.Errorf("Lede = %q, want %q", a.Lede, tt.lede)
			}
			if len(a.Paragraphs) != tt.paragraphs {
				t.Errorf("got %d paragraphs %q, want %d", len(a.Paragraphs), a.Paragraphs, tt.paragraphs)
			}
		})
	}
}

func TestWireEscapesHTML(t *testing.T) {
	a, err := New().Parse("a.txt", []byte("date 2024-07-03 T\n\nLONDON, July 3 (Reuters) - A <script>alert(1)</script> & \"b\".\n\n<b>bold</b>"))
	if err != nil {
		t.Fatal(err)
	}
	body := bodyText(a)
	for _, bad := range []string{"<script>", "<b>"} {
		if strings.Contains(body, bad) {
			t.Errorf("Body contains unescaped %s: %s", bad, body)
		}
	}
	want := "<p><span class=\"dateline\">LONDON, July 3 (Reuters) -</span> A &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;b&#34;.</p>\n<p>&lt;b&gt;bold&lt;/b&gt;</p>\n"
	if body != want {
		t.Errorf("Body =\n%s\nwant\n%s", body, want)
	}
	if a.Lede != `A <script>alert(1)</script> & "b".` {
		t.Errorf("Lede is plain text, unescaped; got %q", a.Lede)
	}
}

// TestWireErrors checks that broken wire copy is reported at the file and
// line an author must fix.
func TestWireErrors(t *testing.T) {
	tests := []struct {
		name, file, src string
		line            int
		msg             string
	}{
		{"empty", "e.txt", "", 1, "empty article"},
		{"blank only", "e.txt", " \n\r\n\t\n", 1, "empty article"},
		{"BOM only", "e.txt", "\uFEFF", 1, "empty article"},
		{"invalid date", "e.txt", "date 2024-13-40 Bad month\n\nText.", 1, `invalid date "2024-13-40"`},
		{"invalid date after blanks", "e.txt", "\n\n date 2024-02-30 Bad day\n\nText.", 3, `invalid date "2024-02-30"`},
		{"zero date", "e.txt", "date 0001-01-01 Year one\n\nText.", 1, `invalid date "0001-01-01"`},
		{"missing title", "e.txt", "\ndate 2024-07-03\n\nText.", 2, "missing title"},
		{"missing title colon", "e.txt", "date: 2024-07-03   \n\nText.", 1, "missing title"},
		{"no date anywhere", "world/e.txt", "A title\n\nText.", 1, "no date"},
		{"unparsable source time", "e.txt", "A title\nXinhua) 14:04, Juli 26, 2024\n\nText.", 1, "no date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New().Parse(tt.file, []byte(tt.src))
			if err == nil {
				t.Fatalf("no error; parsed %+v", a)
			}
			var de *diag.Error
			if !errors.As(err, &de) {
				t.Fatalf("error %v is %T, not *diag.Error", err, err)
			}
			if de.File != tt.file || de.Line != tt.line {
				t.Errorf("error at %s:%d, want %s:%d", de.File, de.Line, tt.file, tt.line)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not say %q", err, tt.msg)
			}
			if prefix := tt.file + ":" + strconv.Itoa(tt.line) + ": "; !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("error %q does not start with %q", err, prefix)
			}
		})
	}
}

// TestSourceLineFirst covers wire copy without a title line: the first
// line is the source line, the date comes from it and the title from the
// lede's first sentence, marked as derived.
func TestSourceLineFirst(t *testing.T) {
	tests := []struct {
		name, src, title, source string
		date                     time.Time
	}{
		{"with parenthesis", "(Xinhua) 09:15, May 12, 2025\n\nBEIJING, May 12 (Xinhua) -- China cut rates on Monday. Markets rose.\n",
			"China cut rates on Monday", "Xinhua", time.Date(2025, 5, 12, 0, 0, 0, 0, time.UTC)},
		{"without parenthesis", "Xinhua) 09:15, May 12, 2025\nTalks in the U.S. capital ended on Friday! More follow.\n",
			"Talks in the U.S. capital ended on Friday", "Xinhua", time.Date(2025, 5, 12, 0, 0, 0, 0, time.UTC)},
		{"abbreviations do not end the sentence", "(AP) 10:00, June 1, 2024\nMr. Lee met Gen. Park in Seoul. Later he left.\n",
			"Mr. Lee met Gen. Park in Seoul", "AP", time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)},
		{"long lede cut at a word", "(AP) 10:00, June 1, 2024\n" + strings.Repeat("word ", 40) + "end.\n",
			strings.TrimSpace(strings.Repeat("word ", 28)) + "…", "AP", time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New().Parse("x.txt", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.title || !a.TitleDerived || a.Source != tt.source || !a.Date.Equal(tt.date) {
				t.Errorf("title %q derived %v source %q date %v, want %q true %q %v", a.Title, a.TitleDerived, a.Source, a.Date, tt.title, tt.source, tt.date)
			}
		})
	}
	// A title line that happens to end in a parenthesis stays a title.
	a, err := New().Parse("2024-01-02-x.txt", []byte("Talks resume (Reuters)\n\nTalks resumed.\n"))
	if err != nil || a.TitleDerived || a.Title != "Talks resume (Reuters)" {
		t.Errorf("title line: %+v, %v", a, err)
	}
	if _, err := New().Parse("x.txt", []byte("(Xinhua) 09:15, May 12, 2025\n")); err == nil || !strings.Contains(err.Error(), "x.txt:1:") {
		t.Errorf("source line alone: err = %v, want a located error", err)
	}
}
