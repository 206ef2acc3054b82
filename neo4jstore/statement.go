package neo4jstore

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// statement is a Cypher text with named fragments, written {{Name}}, that
// a query's shape fills in: a filter built from the query, the relations
// to read ahead, a label from the closed set of labels. Fragments are
// Cypher written by this package; values never go into them, only
// parameters. The text is split once, when the package starts.
type statement struct {
	name  string   // for errors: the statement's Go name
	parts []string // text between the fragments; one more than names
	names []string // the fragment at each gap
}

// newStatement splits text at its {{Name}} fragments. It panics on a
// malformed fragment: statements are constants of this package.
func newStatement(name, text string) statement {
	s := statement{name: name}
	for {
		i := strings.Index(text, "{{")
		if i < 0 {
			s.parts = append(s.parts, text)
			return s
		}
		j := strings.Index(text[i:], "}}")
		if j < 0 {
			panic(fmt.Sprintf("statement %s: unclosed fragment", name))
		}
		s.parts = append(s.parts, text[:i])
		s.names = append(s.names, text[i+2:i+j])
		text = text[i+j+2:]
	}
}

// frags are the fragments of a statement, by name.
type frags map[string]string

// fill returns the statement with its fragments filled in. It returns an
// error naming the fragments missing from f, or given but not used.
func (s statement) fill(f frags) (string, error) {
	var b strings.Builder
	used := 0
	for i, p := range s.parts {
		b.WriteString(p)
		if i == len(s.names) {
			break
		}
		v, ok := f[s.names[i]]
		if !ok {
			return "", fmt.Errorf("statement %s: fragment %s not given", s.name, s.names[i])
		}
		b.WriteString(v)
		used++
	}
	if distinct(s.names) != len(f) {
		var extra []string
		for k := range f {
			if !slices.Contains(s.names, k) {
				extra = append(extra, k)
			}
		}
		sort.Strings(extra)
		return "", fmt.Errorf("statement %s: fragments %v not in it", s.name, extra)
	}
	return b.String(), nil
}

// mustFill fills a statement prepared when the package starts, from
// constants: an error there is a bug of this package.
func mustFill(s statement, f frags) string {
	q, err := s.fill(f)
	if err != nil {
		panic(err)
	}
	return q
}

func distinct(names []string) int {
	seen := map[string]bool{}
	for _, n := range names {
		seen[n] = true
	}
	return len(seen)
}
