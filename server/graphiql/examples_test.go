package graphiql

import (
	"encoding/json"
	"html"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var (
	graphqlBlock = regexp.MustCompile("(?s)```graphql\n(.*?)```")
	operation    = regexp.MustCompile(`(?m)^query \w+ \{`)
)

// readmeExamples returns the GraphQL blocks of the README's "Example
// queries" section.
func readmeExamples(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	start := strings.Index(s, "\n## Example queries")
	if start < 0 {
		t.Fatal(`the README has no "## Example queries" section`)
	}
	s = s[start+1:]
	if end := strings.Index(s, "\n## "); end >= 0 {
		s = s[:end]
	}
	var out []string
	for _, m := range graphqlBlock.FindAllStringSubmatch(s, -1) {
		out = append(out, strings.TrimSpace(m[1]))
	}
	return out
}

// TestExampleTabsAreTheREADMEs keeps GraphiQL's first tabs equal to the
// README's example queries: a tab is the README's query with a comment and
// an operation name.
func TestExampleTabsAreTheREADMEs(t *testing.T) {
	var got []string
	for _, tab := range ExampleTabs {
		var lines []string
		for _, l := range strings.Split(tab.Query, "\n") {
			if !strings.HasPrefix(l, "#") {
				lines = append(lines, l)
			}
		}
		q := strings.TrimSpace(strings.Join(lines, "\n"))
		if !operation.MatchString(q) {
			t.Errorf("tab without an operation name, which GraphiQL shows as its title:\n%s", q)
		}
		got = append(got, operation.ReplaceAllString(q, "{"))
	}
	if diff := cmp.Diff(readmeExamples(t), got); diff != "" {
		t.Errorf("GraphiQL's tabs and the README's examples differ (-README +tabs):\n%s", diff)
	}
}

func TestTabsAndExplorerLink(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want []string
	}{
		{"tabs and link", Options{Endpoint: "/graphql", Tabs: ExampleTabs, Explorer: "/explore"}, []string{`data-explorer="/explore"`}},
		{"neither", Options{Endpoint: "/graphql"}, []string{`data-tabs=""`, `data-explorer=""`}},
	}
	attr := regexp.MustCompile(`data-tabs="([^"]*)"`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := build(fakeFS(t), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			rec := get(t, h, http.MethodGet, "/", nil)
			body := rec.Body.String()
			for _, s := range tt.want {
				if !strings.Contains(body, s) {
					t.Errorf("page lacks %s", s)
				}
			}
			m := attr.FindStringSubmatch(body)
			if m == nil {
				t.Fatal("no data-tabs")
			}
			var tabs []Tab
			if m[1] != "" {
				if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &tabs); err != nil {
					t.Fatal(err)
				}
			}
			if diff := cmp.Diff(tt.opts.Tabs, tabs); diff != "" {
				t.Errorf("tabs in the page (-want +got):\n%s", diff)
			}
		})
	}
}
