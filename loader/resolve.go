package loader

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/loader/document"
)

// Resolution is what a document becomes in the graph: its node, the nodes
// its references land on when they are new, and its edges, each with its
// provenance. Refs tells how each reference was resolved.
type Resolution struct {
	Document *document.Document `json:"document"`
	Refs     []ResolvedRef      `json:"references"`
	Nodes    []hemigraph.Node   `json:"nodes"`
	Edges    []hemigraph.Edge   `json:"edges"`
}

// ResolvedRef says where one reference of a clause landed.
type ResolvedRef struct {
	Clause   int               `json:"clause"` // Clause.Index
	Text     string            `json:"text"`   // the reference as printed
	Relation hemigraph.RelType `json:"relation"`
	ID       string            `json:"id"`    // the node it resolved to
	Title    string            `json:"title"` // that node's title
	// Rule says how: "id", "symbol", "name", "prefix", "place",
	// "follow-up", "existing-edge", or "unresolved" for a new placeholder
	// node.
	Rule string `json:"rule"`
}

// Resolution rules.
const (
	RuleID           = "id"
	RuleSymbol       = "symbol"
	RuleName         = "name"
	RulePlace        = "place"
	RuleFollowUp     = "follow-up"
	RuleExistingEdge = "existing-edge"
	RulePrefix       = "prefix"
	RuleUnresolved   = "unresolved"
)

// Resolve maps a document onto the graph known to ix: symbols by canonical
// id or symbol key, names by title and alias, "the conference held in
// <place>" by place and date, a convened follow-up conference by the
// conference it follows up. A reference that matches nothing becomes a new
// node marked unresolved, with an id derived from the reference, so that a
// rerun lands on the same node. Resolve does no I/O.
func Resolve(doc *document.Document, ix *Index) *Resolution {
	r := &resolver{ix: ix, doc: doc, res: &Resolution{Document: doc}, added: map[string]bool{}}
	r.documentNode()
	r.adoption()
	for ci := range doc.Clauses {
		c := &doc.Clauses[ci]
		for ri := range c.References {
			r.reference(c, &c.References[ri])
		}
	}
	return r.res
}

type resolver struct {
	ix    *Index
	doc   *document.Document
	id    string // the document's node id
	res   *Resolution
	added map[string]bool // ids of nodes already in res.Nodes
}

func (r *resolver) documentNode() {
	d := r.doc
	r.id = d.ID
	if _, ok := r.ix.Node(d.ID); !ok {
		if id, ok := r.ix.BySymbol(d.Symbol); ok {
			r.id = id
		}
	}
	n := hemigraph.Node{ID: r.id, Kind: d.Kind, Symbol: d.Symbol, Title: d.Title, Date: d.Date, Source: d.Source}
	if n.Title == "" {
		n.Title = d.Symbol
	}
	r.addNode(n)
}

// addNode adds n to the resolution. For a node the graph already has, only
// the fields it lacks are filled: a document never overwrites what another
// source said. A node already added is not added twice.
func (r *resolver) addNode(n hemigraph.Node) {
	if r.added[n.ID] {
		return
	}
	if old, ok := r.ix.Node(n.ID); ok && !old.Unresolved {
		fill := old
		fill.Aliases = nil
		changed := false
		for _, f := range []struct {
			dst *string
			v   string
		}{
			{&fill.Symbol, n.Symbol}, {&fill.Date, n.Date}, {&fill.Place, n.Place}, {&fill.Source, n.Source},
		} {
			if *f.dst == "" && f.v != "" {
				*f.dst, changed = f.v, true
			}
		}
		// A title that is only the symbol is no title: a printed one wins.
		if n.Title != "" && n.Title != n.Symbol && (old.Title == old.Symbol || old.Title == "") {
			fill.Title, changed = n.Title, true
		}
		if !changed {
			return
		}
		n = fill
	}
	r.added[n.ID] = true
	r.res.Nodes = append(r.res.Nodes, n)
	r.ix.Add(n)
}

// adoption links the document to its issuing body and session.
func (r *resolver) adoption() {
	d := r.doc
	if _, ok := r.ix.Node(d.Body); ok && d.Body != "" {
		r.edge(hemigraph.Edge{From: r.id, To: d.Body, Type: hemigraph.RelAdoptedBy}, "symbol series")
	}
	if d.Session == nil || d.Session.ID == "" {
		return
	}
	s := d.Session
	if _, ok := r.ix.Node(s.ID); !ok {
		r.addNode(hemigraph.Node{ID: s.ID, Kind: hemigraph.KindSession,
			Title: "General Assembly, " + titleCase(s.Ordinal), Date: fmt.Sprint(s.Year), Source: d.Source})
		if _, ok := r.ix.Node(d.Body); ok && d.Body != "" {
			r.edge(hemigraph.Edge{From: s.ID, To: d.Body, Type: hemigraph.RelPartOf}, "symbol "+d.Symbol)
		}
	}
	r.edge(hemigraph.Edge{From: r.id, To: s.ID, Type: hemigraph.RelAdoptedAt}, "symbol "+d.Symbol)
}

func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		parts := strings.Split(w, "-")
		for j, p := range parts {
			if j == 0 && p != "" {
				parts[j] = strings.ToUpper(p[:1]) + p[1:]
			}
		}
		words[i] = strings.Join(parts, "-")
		if i > 0 && w != "" {
			words[i] = strings.ToUpper(words[i][:1]) + words[i][1:]
		}
	}
	return strings.Join(words, " ")
}

// edge adds an edge from the document's text. With a clause, the clause and
// the span give the provenance; evidence is the span itself.
func (r *resolver) edge(e hemigraph.Edge, evidence string) {
	if e.From == e.To {
		return
	}
	e.Source = r.doc.Source
	e.Document = r.id
	e.Evidence = evidence
	r.res.Edges = append(r.res.Edges, e)
	r.ix.AddEdge(e)
}

func (r *resolver) reference(c *document.Clause, ref *document.Reference) {
	span := c.Text
	if ref.Start >= 0 && ref.End <= len(c.Text) && ref.Start <= ref.End {
		span = c.Text[ref.Start:ref.End]
	}
	id, rule := r.resolve(c, ref)
	rr := ResolvedRef{Clause: c.Index, Text: span, Relation: ref.Relation, ID: id, Rule: rule}
	if n, ok := r.ix.Node(id); ok {
		rr.Title = n.Title
	}
	r.res.Refs = append(r.res.Refs, rr)

	verb := c.VerbEN
	if verb == "" {
		verb = c.Verb
	}
	clause := &hemigraph.ClauseRef{Index: c.Index, Kind: c.Kind, Number: c.Number, Text: c.Text, Start: ref.Start, End: ref.End}
	e := hemigraph.Edge{From: r.id, To: id, Type: ref.Relation, Verb: verb}
	e.Clause = clause
	if ref.Through != "" {
		// The reader reports the body acted through as a reference of its
		// own too; here it only qualifies the instruction.
		e.Through, _ = r.named(ref.Through, hemigraph.KindBody, "")
	}
	r.edge(e, span)
	if ref.PartOf != "" {
		if oid, _ := r.named(ref.PartOf, hemigraph.KindBody, ""); oid != "" {
			r.edge(hemigraph.Edge{From: id, To: oid, Type: hemigraph.RelPartOf,
				Provenance: hemigraph.Provenance{Clause: clause}}, span)
		}
	}
	if ref.FollowsUp != "" {
		if fid, _ := r.named(ref.FollowsUp, hemigraph.KindConference, ""); fid != "" {
			r.edge(hemigraph.Edge{From: id, To: fid, Type: hemigraph.RelFollowsUp,
				Provenance: hemigraph.Provenance{Clause: clause}}, span)
		}
	}
}

// resolve returns the node id a reference lands on and the rule that
// found it, adding a placeholder node when nothing matches.
func (r *resolver) resolve(c *document.Clause, ref *document.Reference) (string, string) {
	if ref.Kind == document.RefSymbol {
		if _, ok := r.ix.Node(ref.ID); ok {
			r.titleFromQuote(ref.ID, ref.QuotedTitle, ref.Symbol)
			return ref.ID, RuleID
		}
		if id, ok := r.ix.BySymbol(ref.Symbol); ok {
			r.titleFromQuote(id, ref.QuotedTitle, ref.Symbol)
			return id, RuleSymbol
		}
		title := ref.QuotedTitle
		if title == "" {
			title = ref.Symbol
		}
		kind := ref.EntityKind
		if !kind.Valid() {
			kind = hemigraph.KindReport
		}
		r.addNode(hemigraph.Node{ID: ref.ID, Kind: kind, Symbol: ref.Symbol, Title: title, Source: r.doc.Source, Unresolved: true})
		return ref.ID, RuleUnresolved
	}
	if ref.Relation == hemigraph.RelConvenes && ref.FollowsUp != "" {
		if id, rule := r.followUp(ref); id != "" {
			return id, rule
		}
	}
	return r.named(ref.Name, ref.EntityKind, ref.Acronym)
}

// titleFromQuote names a cited node by the quoted title that follows its
// symbol when the graph has no title for it but the symbol.
func (r *resolver) titleFromQuote(id, quoted, symbol string) {
	if quoted == "" {
		return
	}
	if n, ok := r.ix.Node(id); ok && (n.Title == n.Symbol || n.Title == symbol) {
		r.addNode(hemigraph.Node{ID: id, Kind: n.Kind, Symbol: n.Symbol, Title: quoted})
	}
}

var heldIn = regexp.MustCompile(`(?i)^(?:the\s+)?(?:conference|meeting|summit)\s+held\s+in\s+(.+)$`)

// named resolves a name: by title or alias, then by the place of a
// conference "held in" somewhere, else a new unresolved node.
func (r *resolver) named(name string, kind hemigraph.Kind, acronym string) (string, string) {
	if !kind.Valid() {
		kind = hemigraph.KindBody
	}
	for _, n := range []string{name, acronym, organNames[NameKey(name)]} {
		if n == "" {
			continue
		}
		if ids := r.ix.ByName(n, kind); len(ids) > 0 {
			return r.pickByDate(ids), RuleName
		}
	}
	if m := heldIn.FindStringSubmatch(strings.TrimSpace(name)); m != nil {
		if id := r.byPlace(m[1]); id != "" {
			return id, RulePlace
		}
	}
	if id := r.byPrefix(name, kind); id != "" {
		return id, RulePrefix
	}
	if kind == hemigraph.KindConference {
		if id := r.byPlaceInName(name); id != "" {
			return id, RulePlace
		}
	}
	id := placeholderID(kind, name)
	r.addNode(hemigraph.Node{ID: id, Kind: kind, Title: strings.TrimSpace(name), Source: r.doc.Source, Unresolved: true})
	return id, RuleUnresolved
}

// organNames gives the English name of the principal organs of the OAS for
// their names in its other official languages, so that a Spanish, French or
// Portuguese text lands on the same node.
var organNames = func() map[string]string {
	m := map[string]string{}
	for en, others := range map[string][]string{
		"General Assembly":    {"Asamblea General", "Assemblée générale", "Assembleia Geral"},
		"Permanent Council":   {"Consejo Permanente", "Conseil permanent", "Conselho Permanente"},
		"General Secretariat": {"Secretaría General", "Secrétariat général", "Secretaria-Geral", "Secretaria Geral"},
	} {
		for _, o := range others {
			m[NameKey(o)] = en
		}
	}
	return m
}()

// byPrefix finds the node one of whose names begins with all the words of
// name (at least two): a name cut short, "Déclaration de Santiago" for
// "Déclaration de Santiago sur les mesures d'encouragement ...". Among
// several, the one of the wanted kind; none, or several of that kind, give
// "".
func (r *resolver) byPrefix(name string, kind hemigraph.Kind) string {
	key := NameKey(name)
	if strings.Count(key, " ") < 1 {
		return ""
	}
	var found, ofKind []string
	for k, ids := range r.ix.byName {
		if !strings.HasPrefix(k, key+" ") {
			continue
		}
		for _, id := range ids {
			if slices.Contains(found, id) {
				continue
			}
			found = append(found, id)
			if r.ix.byID[id].Kind == kind {
				ofKind = append(ofKind, id)
			}
		}
	}
	switch {
	case len(found) == 1:
		return found[0]
	case len(ofKind) == 1:
		return ofKind[0]
	}
	return ""
}

// byPlaceInName finds a conference named by the city it was held in —
// "Conferencia Regional de Santiago", "Reunión de Expertos de Buenos Aires"
// — when exactly one conference held there is not dated after the document.
func (r *resolver) byPlaceInName(name string) string {
	key := " " + NameKey(name) + " "
	docYear := year(r.doc.Date)
	found := ""
	for id, n := range r.ix.byID {
		if n.Kind != hemigraph.KindConference || n.Unresolved || n.Place == "" {
			continue
		}
		city, _, _ := strings.Cut(n.Place, ",")
		if c := NameKey(city); c == "" || !strings.Contains(key, " "+c+" ") {
			continue
		}
		if y := year(n.Date); y < 0 || (docYear >= 0 && y > docYear) {
			continue
		}
		if found != "" {
			return ""
		}
		found = id
	}
	return found
}

// pickByDate chooses among same-named nodes the latest one not dated after
// the document (the first when none is dated).
func (r *resolver) pickByDate(ids []string) string {
	best, bestYear := ids[0], -1
	docYear := year(r.doc.Date)
	for _, id := range ids {
		n, _ := r.ix.Node(id)
		y := year(n.Date)
		if y > bestYear && (docYear < 0 || y <= docYear) {
			best, bestYear = id, y
		}
	}
	return best
}

// byPlace finds the one conference held at place no later than the
// document; none or several give "".
func (r *resolver) byPlace(place string) string {
	key := NameKey(place)
	docYear := year(r.doc.Date)
	var found []string
	for id, n := range r.ix.byID {
		if n.Kind != hemigraph.KindConference || n.Unresolved || !strings.HasPrefix(NameKey(n.Place), key) {
			continue
		}
		if y := year(n.Date); docYear >= 0 && y > docYear {
			continue
		}
		found = append(found, id)
	}
	if len(found) != 1 {
		return ""
	}
	return found[0]
}

// followUp resolves a convened conference described by the one it follows
// up: a conference the graph already says this document convenes, else the
// earliest conference after the document that follows up the named one,
// preferring those whose title shares the description's head noun.
func (r *resolver) followUp(ref *document.Reference) (string, string) {
	prior, _ := r.named(ref.FollowsUp, hemigraph.KindConference, "")
	followers := r.ix.followers[prior]
	for _, e := range r.ix.out[r.id] {
		if e.Type == hemigraph.RelConvenes && slices.Contains(followers, e.To) {
			return e.To, RuleExistingEdge
		}
	}
	docYear := year(r.doc.Date)
	head := NameKey(headNoun(ref.Name))
	best, bestScore := "", -1
	for _, id := range followers {
		n, _ := r.ix.Node(id)
		if n.Unresolved {
			continue
		}
		y := year(n.Date)
		if docYear >= 0 && y >= 0 && y < docYear {
			continue
		}
		score := 0
		if head != "" && strings.Contains(NameKey(n.Title+" "+strings.Join(n.Aliases, " ")), head) {
			score += 10000
		}
		if y >= 0 {
			score += 5000 - y // earlier is better
		}
		if score > bestScore || (score == bestScore && id < best) {
			best, bestScore = id, score
		}
	}
	if best == "" {
		return "", ""
	}
	return best, RuleFollowUp
}

// headNoun returns the words of a description before "to follow up",
// "in follow-up" and the like: "regional conference" for "a regional
// conference to follow up on the Santiago Regional Conference".
func headNoun(desc string) string {
	d := strings.ToLower(desc)
	for _, cut := range []string{" to follow up", " in follow-up", " in follow up", " on the follow-up", " de seguimiento", " para dar seguimiento", " de suivi", " de acompanhamento"} {
		if i := strings.Index(d, cut); i >= 0 {
			d = d[:i]
		}
	}
	for _, art := range []string{"a ", "an ", "the ", "una ", "un ", "une "} {
		d = strings.TrimPrefix(d, art)
	}
	return d
}

func year(date string) int {
	if date == "" {
		return -1
	}
	first, _, err := hemigraph.ParseDate(date)
	if err != nil {
		return -1
	}
	return first.Year()
}

// placeholderID derives the id of an unresolved node from its kind and
// name, so that every document naming it the same way lands on one node.
func placeholderID(kind hemigraph.Kind, name string) string {
	s := slug(name)
	if len(s) > 80 {
		sum := sha256.Sum256([]byte(s))
		s = strings.TrimRight(s[:64], "-") + "-" + hex.EncodeToString(sum[:4])
	}
	if s == "" {
		s = "unnamed"
	}
	return "ref-" + strings.ToLower(string(kind)) + "-" + s
}
