package feed

import (
	"encoding/json"
	"time"
)

// JSONFeedVersion is the version URL of the JSON Feed format written.
const JSONFeedVersion = "https://jsonfeed.org/version/1.1"

type jsonFeed struct {
	Version     string       `json:"version"`
	Title       string       `json:"title"`
	HomePageURL string       `json:"home_page_url"`
	FeedURL     string       `json:"feed_url"`
	Description string       `json:"description,omitempty"`
	Language    string       `json:"language,omitempty"`
	Authors     []jsonAuthor `json:"authors,omitempty"`
	Items       []jsonItem   `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
}

type jsonItem struct {
	ID            string          `json:"id"`
	URL           string          `json:"url"`
	Title         string          `json:"title"`
	ContentHTML   json.RawMessage `json:"content_html,omitempty"`
	ContentText   string          `json:"content_text,omitempty"`
	Summary       string          `json:"summary,omitempty"`
	DatePublished string          `json:"date_published"`
	Authors       []jsonAuthor    `json:"authors,omitempty"`
	Tags          []string        `json:"tags,omitempty"`
}

// JSON encodes f as a JSON Feed 1.1 document. Dates are RFC 3339.
func JSON(f Feed) ([]byte, error) {
	jf := jsonFeed{Version: JSONFeedVersion, Title: f.Title, HomePageURL: f.Link, FeedURL: f.Dir + "feed.json",
		Description: f.Description, Language: f.Language, Items: []jsonItem{}}
	if f.Author != "" {
		jf.Authors = []jsonAuthor{{Name: f.Author}}
	}
	for _, it := range f.Items {
		ji := jsonItem{ID: it.URL, URL: it.URL, Title: it.Title, Summary: it.Summary,
			DatePublished: it.Published.Format(time.RFC3339), Tags: it.Categories}
		if it.ContentHTML != "" {
			ji.ContentHTML = quotedJSON(it)
		} else {
			// An item must have content_html or content_text.
			ji.ContentText = it.Summary
		}
		if it.Author != "" {
			ji.Authors = []jsonAuthor{{Name: it.Author}}
		}
		jf.Items = append(jf.Items, ji)
	}
	b, err := json.MarshalIndent(jf, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
