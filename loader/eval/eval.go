package eval

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/loader/document"
	"github.com/hemigraph/hemigraph/loader/link"
)

// Reading is what the reader made of one document of the gold.
type Reading struct {
	// Input is the document's bytes as read from its file: the check that
	// no paragraph was lost without a report reads it. Nil skips the check.
	Input []byte
	// Resolution is the document read and resolved; nil when Err is set.
	Resolution *link.Result
	// Err is why the document was refused.
	Err error
}

// Counts are the figures of one document or of a whole set.
type Counts struct {
	Documents int `json:"documents"`
	Refused   int `json:"refused"`
	// IdentityChecked counts documents whose gold gives an id;
	// IdentityRight those read as that id.
	IdentityChecked int `json:"identityChecked"`
	IdentityRight   int `json:"identityRight"`

	Predicted int `json:"predicted"` // references the reader found
	Gold      int `json:"gold"`      // required gold references
	Optional  int `json:"optional"`  // optional gold references
	// Found counts required gold references paired with a reference of the
	// reader; FoundOptional those paired with an optional one.
	Found         int `json:"found"`
	FoundOptional int `json:"foundOptional"`
	// Spurious counts references of the reader paired with no gold one.
	Spurious int `json:"spurious"`

	// InCorpus counts found references whose target is in the corpus;
	// Resolved those that landed on it.
	InCorpus int `json:"inCorpus"`
	Resolved int `json:"resolved"`
	// OutOfCorpus counts found references whose target is not in the
	// corpus; Placeholders those that became placeholders, not a wrong node.
	OutOfCorpus  int `json:"outOfCorpus"`
	Placeholders int `json:"placeholders"`
	// RelationRight and VerbRight count found references with the gold's
	// relation type and clause verb.
	RelationRight int `json:"relationRight"`
	VerbRight     int `json:"verbRight"`

	// BodyChars counts the letters and digits of the body (the input after
	// the document's symbol line, header lines aside); ClauseChars those of
	// its lines that ended in a clause. LossChecked is 1 when the input
	// could be checked.
	BodyChars   int `json:"bodyChars"`
	ClauseChars int `json:"clauseChars"`
	LossChecked int `json:"lossChecked"`
	// Paragraphs counts the body's paragraphs; Dropped those that ended in
	// no clause and were not reported as skipped.
	Paragraphs int `json:"paragraphs"`
	Dropped    int `json:"dropped"`
}

// Add adds o to c.
func (c *Counts) Add(o Counts) {
	c.Documents += o.Documents
	c.Refused += o.Refused
	c.IdentityChecked += o.IdentityChecked
	c.IdentityRight += o.IdentityRight
	c.Predicted += o.Predicted
	c.Gold += o.Gold
	c.Optional += o.Optional
	c.Found += o.Found
	c.FoundOptional += o.FoundOptional
	c.Spurious += o.Spurious
	c.InCorpus += o.InCorpus
	c.Resolved += o.Resolved
	c.OutOfCorpus += o.OutOfCorpus
	c.Placeholders += o.Placeholders
	c.RelationRight += o.RelationRight
	c.VerbRight += o.VerbRight
	c.BodyChars += o.BodyChars
	c.ClauseChars += o.ClauseChars
	c.LossChecked += o.LossChecked
	c.Paragraphs += o.Paragraphs
	c.Dropped += o.Dropped
}

// Precision is the share of the reader's references that the gold states
// (optional ones aside); 1 when the reader found none.
func (c Counts) Precision() float64 { return ratio(c.Found, c.Found+c.Spurious) }

// Recall is the share of the gold's required references the reader found.
func (c Counts) Recall() float64 { return ratio(c.Found, c.Gold) }

// Resolution is the share of found references with a target in the corpus
// that landed on it.
func (c Counts) Resolution() float64 { return ratio(c.Resolved, c.InCorpus) }

// Coverage is the share of the body's letters and digits that ended in a
// clause.
func (c Counts) Coverage() float64 { return ratio(c.ClauseChars, c.BodyChars) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Problem is one error of the reader, with its cause.
type Problem struct {
	// Cause groups problems: "missed Report (not in corpus)", "spurious
	// Body", "wrong target (name)", "relation CONVENES read as MENTIONS", ...
	Cause string `json:"cause"`
	// Detail says which reference, and what the reader made of it.
	Detail string `json:"detail"`
}

// DocResult is the evaluation of one document.
type DocResult struct {
	File     string    `json:"file"`
	ID       string    `json:"id"` // as read; "" when refused
	Counts   Counts    `json:"counts"`
	Problems []Problem `json:"problems,omitempty"`
}

// Result is the evaluation of a whole gold set.
type Result struct {
	Total     Counts      `json:"total"`
	Documents []DocResult `json:"documents"`
}

// Causes returns the problems of every document grouped by cause, the most
// frequent cause first.
func (r *Result) Causes() []CauseGroup {
	groups := map[string]*CauseGroup{}
	for _, d := range r.Documents {
		for _, p := range d.Problems {
			g := groups[p.Cause]
			if g == nil {
				g = &CauseGroup{Cause: p.Cause}
				groups[p.Cause] = g
			}
			g.Count++
			g.Examples = append(g.Examples, d.File+": "+p.Detail)
		}
	}
	out := make([]CauseGroup, 0, len(groups))
	for _, g := range groups {
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b CauseGroup) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return cmp.Compare(a.Cause, b.Cause)
	})
	return out
}

// CauseGroup is the problems of one cause.
type CauseGroup struct {
	Cause    string
	Count    int
	Examples []string // "file: detail"
}

// Evaluate compares the readings with the gold. readings holds one reading
// per gold document, by file; a document without a reading counts as
// refused. isCorpus reports whether an id is a node of the catalog the
// readings were resolved against, so that a reference the gold places
// outside the corpus can be told to have landed on a wrong node rather than
// on a placeholder.
func Evaluate(g *Gold, readings map[string]Reading, isCorpus func(id string) bool) *Result {
	res := &Result{}
	for _, gd := range g.Documents {
		rd, ok := readings[gd.File]
		if !ok {
			rd = Reading{Err: fmt.Errorf("not read")}
		}
		d := evaluateDoc(gd, rd, isCorpus)
		res.Total.Add(d.Counts)
		res.Documents = append(res.Documents, d)
	}
	return res
}

// pred is one reference the reader made, as evaluated.
type pred struct {
	ref    link.Ref
	verb   string
	paired bool
}

func evaluateDoc(gd GoldDoc, rd Reading, isCorpus func(string) bool) DocResult {
	d := DocResult{File: gd.File}
	c := &d.Counts
	c.Documents = 1
	for _, r := range gd.References {
		if r.Optional {
			c.Optional++
		} else {
			c.Gold++
		}
	}
	if rd.Err != nil || rd.Resolution == nil {
		c.Refused = 1
		reason := "no reading"
		if rd.Err != nil {
			reason = rd.Err.Error()
		}
		d.Problems = append(d.Problems, Problem{Cause: "document refused", Detail: reason})
		for _, r := range gd.References {
			if !r.Optional {
				d.Problems = append(d.Problems, Problem{Cause: "missed: document refused", Detail: r.Name})
			}
		}
		return d
	}
	res := rd.Resolution
	doc := res.Document
	d.ID = res.ID
	if gd.ID != "" {
		c.IdentityChecked = 1
		if d.ID == gd.ID {
			c.IdentityRight = 1
		} else {
			d.Problems = append(d.Problems, Problem{Cause: "wrong identity",
				Detail: fmt.Sprintf("read as %s, gold %s", d.ID, gd.ID)})
		}
	}
	checkLoss(doc, rd.Input, c, &d.Problems)

	preds := make([]*pred, 0, len(res.Refs))
	for _, r := range res.Refs {
		p := &pred{ref: r}
		if cl := doc.Clause(r.Clause); cl != nil {
			p.verb = cl.VerbEN
			if p.verb == "" {
				p.verb = cl.Verb
			}
		}
		preds = append(preds, p)
	}
	c.Predicted = len(preds)

	golds := gd.References
	pairs := pair(golds, preds, isCorpus)
	for gi, pi := range pairs {
		g := golds[gi]
		if pi < 0 {
			if !g.Optional {
				d.Problems = append(d.Problems, Problem{Cause: missCause(g), Detail: fmt.Sprintf("%q (%s, %s)", g.Name, targetOf(g), g.Verb)})
			}
			continue
		}
		p := preds[pi]
		if g.Optional {
			c.FoundOptional++
			continue
		}
		c.Found++
		if g.To != "" {
			c.InCorpus++
			if p.ref.ID == g.To {
				c.Resolved++
			} else {
				d.Problems = append(d.Problems, Problem{Cause: "wrong target (" + p.ref.Rule + ")",
					Detail: fmt.Sprintf("%q landed on %s, gold %s", p.ref.Text, p.ref.ID, g.To)})
			}
		} else {
			c.OutOfCorpus++
			if isCorpus(p.ref.ID) {
				d.Problems = append(d.Problems, Problem{Cause: "outside the corpus, landed on a corpus node (" + p.ref.Rule + ")",
					Detail: fmt.Sprintf("%q landed on %s, gold: not in corpus (%s)", p.ref.Text, p.ref.ID, g.Kind)})
			} else {
				c.Placeholders++
			}
		}
		if p.ref.Relation == g.Type {
			c.RelationRight++
		} else {
			d.Problems = append(d.Problems, Problem{Cause: fmt.Sprintf("relation %s read as %s", g.Type, p.ref.Relation),
				Detail: fmt.Sprintf("%q", p.ref.Text)})
		}
		if normVerb(p.verb) == normVerb(g.Verb) {
			c.VerbRight++
		} else {
			d.Problems = append(d.Problems, Problem{Cause: "verb",
				Detail: fmt.Sprintf("%q: read %q, gold %q", p.ref.Text, p.verb, g.Verb)})
		}
	}
	for _, p := range preds {
		if !p.paired && matchesOptional(golds, p) {
			// An optional reference is "don't care" however often the
			// reader finds it: a cover printed twice, a repeated title.
			c.FoundOptional++
			continue
		}
		if !p.paired {
			c.Spurious++
			kind := "name"
			if n, ok := nodeKindOf(res, p.ref.ID); ok {
				kind = string(n)
			}
			d.Problems = append(d.Problems, Problem{Cause: "spurious " + kind + " (" + p.ref.Rule + ")",
				Detail: fmt.Sprintf("%q -> %s (%s)", p.ref.Text, p.ref.ID, p.verb)})
		}
	}
	return d
}

// matchesOptional reports whether p lands on the target of an optional
// gold reference, or prints its name.
func matchesOptional(golds []GoldRef, p *pred) bool {
	return slices.ContainsFunc(golds, func(g GoldRef) bool {
		return g.Optional && ((g.To != "" && p.ref.ID == g.To) || nameMatch(g.Name, p.ref.Text))
	})
}

func targetOf(g GoldRef) string {
	if g.To != "" {
		return g.To
	}
	return "not in corpus"
}

func missCause(g GoldRef) string {
	if g.To == "" {
		return "missed " + string(g.Kind) + " (not in corpus)"
	}
	return "missed (in corpus)"
}

// nodeKindOf returns the kind of the node id among the nodes the
// resolution writes, or from the id's shape.
func nodeKindOf(res *link.Result, id string) (hemigraph.Kind, bool) {
	for _, n := range res.Nodes {
		if n.ID == id {
			return n.Kind, true
		}
	}
	return "", false
}

// normVerb makes verbs comparable: upper case, single spaces.
func normVerb(v string) string { return strings.Join(strings.Fields(strings.ToUpper(v)), " ") }

// pair pairs gold references with the reader's, within one document, and
// returns for each gold reference the index of its prediction or -1. A
// gold reference pairs, in turn: with a prediction landing on its target
// (the same verb first); then, by name, with a prediction whose printed
// text matches the gold name (or the symbol of its target). Each prediction
// pairs at most once; required gold references are paired before optional
// ones, so an optional one never takes a prediction a required one needs.
func pair(golds []GoldRef, preds []*pred, isCorpus func(string) bool) []int {
	out := make([]int, len(golds))
	for i := range out {
		out[i] = -1
	}
	order := make([]int, 0, len(golds))
	for _, optional := range []bool{false, true} {
		for i, g := range golds {
			if g.Optional == optional {
				order = append(order, i)
			}
		}
	}
	take := func(gi int, ok func(p *pred) bool) bool {
		for pi, p := range preds {
			if !p.paired && ok(p) {
				p.paired = true
				out[gi] = pi
				return true
			}
		}
		return false
	}
	// By target: same target and verb, then same target.
	for _, sameVerb := range []bool{true, false} {
		for _, gi := range order {
			g := golds[gi]
			if out[gi] >= 0 || g.To == "" {
				continue
			}
			take(gi, func(p *pred) bool {
				return p.ref.ID == g.To && (!sameVerb || normVerb(p.verb) == normVerb(g.Verb))
			})
		}
	}
	// By name: a placeholder (or any node) whose printed text matches.
	for _, sameVerb := range []bool{true, false} {
		for _, gi := range order {
			g := golds[gi]
			if out[gi] >= 0 {
				continue
			}
			take(gi, func(p *pred) bool {
				return (!sameVerb || normVerb(p.verb) == normVerb(g.Verb)) && nameMatch(g.Name, p.ref.Text)
			})
		}
	}
	return out
}

// nameMatch reports whether a printed reference and a gold name denote the
// same mention: equal symbols, or names sharing most of their content words.
func nameMatch(gold, printed string) bool {
	if gs, err := hemigraph.ParseSymbol(gold); err == nil {
		syms, _, err := hemigraph.ScanCitation(strings.TrimSpace(printed))
		if err != nil {
			return false
		}
		return slices.ContainsFunc(syms, func(s hemigraph.Symbol) bool { return s.ID() == gs.ID() })
	}
	a, b := contentWords(gold), contentWords(printed)
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	common := 0
	for w := range a {
		if b[w] {
			common++
		}
	}
	return common*2 >= min(len(a), len(b))+1 && common*3 >= max(len(a), len(b))
}

// stopWords are left out of name comparisons.
var stopWords = map[string]bool{
	"the": true, "of": true, "on": true, "and": true, "in": true, "for": true, "to": true, "a": true, "an": true,
	"its": true, "de": true, "la": true, "el": true, "los": true, "las": true, "del": true, "y": true, "sobre": true,
	"le": true, "les": true, "des": true, "du": true, "et": true, "sur": true, "da": true, "do": true, "das": true,
	"dos": true, "e": true, "o": true, "em": true, "no": true, "na": true, "at": true, "by": true,
}

func contentWords(s string) map[string]bool {
	key := link.NameKey(s)
	out := map[string]bool{}
	for _, w := range strings.Fields(key) {
		if !stopWords[w] {
			out[w] = true
		}
	}
	return out
}

// checkLoss counts the body's paragraphs and letters, and the paragraphs
// that ended in no clause and were not reported: not skipped, not part of
// the header (symbol, title, adoption line, enacting line). The body is the
// input after the line that prints the document's own symbol, or the whole
// input when none does. Inputs that are not UTF-8 plain text are not
// checked.
func checkLoss(doc *document.Document, input []byte, c *Counts, problems *[]Problem) {
	if input == nil || !utf8.Valid(input) || looksHTML(input) {
		return
	}
	c.LossChecked = 1
	var header []string
	type part struct {
		start int
		text  string
	}
	var parts []part
	var clauses []string
	for _, cl := range doc.Clauses {
		// From the start of the clause's line: a paragraph number or an
		// item label before the clause text is the clause's too.
		start := cl.Start
		if start <= len(doc.Text) {
			start = strings.LastIndexByte(doc.Text[:start], '\n') + 1
		}
		text := cl.Text
		if start <= cl.Start && cl.End <= len(doc.Text) {
			text = doc.Text[start:cl.End]
		}
		parts = append(parts, part{start, squash(text)})
		clauses = append(clauses, squash(text))
	}
	for _, s := range doc.Skipped {
		parts = append(parts, part{s.Start, squash(s.Text)})
	}
	slices.SortStableFunc(parts, func(a, b part) int { return a.start - b.start })
	accounted := make([]string, len(parts))
	for i, p := range parts {
		accounted[i] = p.text
	}
	for _, h := range doc.Header {
		header = append(header, squash(h.Text))
	}
	if doc.Title != "" {
		header = append(header, squash(doc.Title))
	}
	lines := strings.Split(strings.ReplaceAll(string(input), "\r\n", "\n"), "\n")
	start := 0
	for i, l := range lines {
		if printsSymbol(l, doc.ID) {
			start = i + 1
			break
		}
	}
	// Accounted parts in text order, joined: a line split between two
	// clauses (text that ran them together) is still found whole.
	joined := strings.Join(accounted, " ")
	joinedClauses := strings.Join(clauses, " ")
	in := func(list []string, t string) bool {
		return slices.ContainsFunc(list, func(a string) bool { return strings.Contains(a, t) })
	}
	for i := start; i < len(lines); i++ {
		t := squash(lines[i])
		if t == "" || alnum(t) == 0 {
			continue
		}
		if in(header, t) || (len(doc.Header) == 0 && isHeaderLine(t)) {
			continue
		}
		c.BodyChars += alnum(t)
		c.Paragraphs++
		if in(clauses, t) || strings.Contains(joinedClauses, t) {
			c.ClauseChars += alnum(t)
		}
		if !in(accounted, t) && !strings.Contains(joined, t) {
			c.Dropped++
			*problems = append(*problems, Problem{Cause: "paragraph dropped without a report",
				Detail: fmt.Sprintf("line %d (%d letters)", i+1, alnum(t))})
		}
	}
}

// printsSymbol reports whether line l prints the symbol whose id is id.
func printsSymbol(l, id string) bool {
	if id == "" {
		return false
	}
	for i := 0; i < len(l); i++ {
		if i > 0 && l[i-1] != ' ' && l[i-1] != '\t' && l[i-1] != '(' && l[i-1] != '[' {
			continue
		}
		syms, _, err := hemigraph.ScanCitation(l[i:])
		if err == nil && slices.ContainsFunc(syms, func(s hemigraph.Symbol) bool { return s.ID() == id }) {
			return true
		}
	}
	return false
}

// isHeaderLine reports whether t reads as a line of a resolution's header
// that a reader may consume without a report: the enacting line ("THE
// GENERAL ASSEMBLY,") or an adoption line ("(Resolution adopted at the
// eighth plenary session, held on June 7, 1996)"). It is used only for
// readings that do not report their header.
func isHeaderLine(t string) bool {
	if (strings.HasSuffix(t, ",") || strings.HasSuffix(t, ":")) && strings.ToUpper(t) == t && len(strings.Fields(t)) < 8 {
		return true
	}
	l := strings.ToLower(t)
	return strings.HasPrefix(l, "(") && (strings.Contains(l, "adopted") || strings.Contains(l, "aprobad") ||
		strings.Contains(l, "adopt") || strings.Contains(l, "aprovad"))
}

func looksHTML(b []byte) bool {
	s := strings.ToLower(string(b[:min(len(b), 2048)]))
	return strings.Contains(s, "<html") || strings.Contains(s, "<body") || strings.Contains(s, "<p>") || strings.Contains(s, "<!doctype")
}

// squash collapses white space and drops characters the reader drops
// (soft hyphens, zero-width and control characters).
func squash(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f':
			space = true
			continue
		case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u2060',
			r == utf8.RuneError || unicode.IsControl(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

func alnum(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
