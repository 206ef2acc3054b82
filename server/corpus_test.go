package server_test

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/hemigraph/hemigraph"
)

// corpus is the bundled corpus read straight from its file, as an oracle
// the answers of the server are checked against.
type corpus struct {
	nodes []hemigraph.Node
	edges []hemigraph.Edge
	byID  map[string]hemigraph.Node
}

func readCorpus(t testing.TB) *corpus {
	t.Helper()
	f, err := os.Open(corpusFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := &corpus{byID: map[string]hemigraph.Node{}}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var l struct {
			Node *hemigraph.Node
			Edge *hemigraph.Edge
		}
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("%s: %v", corpusFile, err)
		}
		if l.Node != nil {
			c.nodes = append(c.nodes, *l.Node)
			c.byID[l.Node.ID] = *l.Node
		}
		if l.Edge != nil {
			c.edges = append(c.edges, *l.Edge)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return c
}

// ids returns the ids of the nodes for which keep holds, sorted.
func (c *corpus) ids(keep func(hemigraph.Node) bool) []string {
	var out []string
	for _, n := range c.nodes {
		if keep(n) {
			out = append(out, n.ID)
		}
	}
	slices.Sort(out)
	return out
}

// has reports whether an edge of type t leads from `from` to `to`.
func (c *corpus) has(from string, t hemigraph.RelType, to string) bool {
	for _, e := range c.edges {
		if e.From == from && e.Type == t && e.To == to {
			return true
		}
	}
	return false
}

// hasAny reports whether n has an edge of type t in direction out (true) or
// in (false), to one of ids (any node when ids is empty).
func (c *corpus) hasAny(n string, t hemigraph.RelType, out bool, ids ...string) bool {
	for _, e := range c.edges {
		if e.Type != t {
			continue
		}
		near, far := e.From, e.To
		if !out {
			near, far = e.To, e.From
		}
		if near == n && (len(ids) == 0 || slices.Contains(ids, far)) {
			return true
		}
	}
	return false
}

// citedBy counts the distinct nodes citing each node.
func (c *corpus) citedBy() map[string]int {
	citers := map[string]map[string]bool{}
	for _, e := range c.edges {
		if e.Type != hemigraph.RelCites {
			continue
		}
		if citers[e.To] == nil {
			citers[e.To] = map[string]bool{}
		}
		citers[e.To][e.From] = true
	}
	out := map[string]int{}
	for id, s := range citers {
		out[id] = len(s)
	}
	return out
}

func dateStart(n hemigraph.Node) string {
	if n.Date == "" {
		return ""
	}
	first, _, err := hemigraph.ParseDate(n.Date)
	if err != nil {
		return ""
	}
	return first.Format("2006-01-02")
}

func year(n hemigraph.Node) int {
	if d := dateStart(n); d != "" {
		return int(d[0]-'0')*1000 + int(d[1]-'0')*100 + int(d[2]-'0')*10 + int(d[3]-'0')
	}
	return 0
}

func titleOrAlias(n hemigraph.Node, s string) bool {
	s = strings.ToLower(s)
	if strings.Contains(strings.ToLower(n.Title), s) {
		return true
	}
	for _, a := range n.Aliases {
		if strings.Contains(strings.ToLower(a), s) {
			return true
		}
	}
	return false
}
