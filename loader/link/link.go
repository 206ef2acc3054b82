package link

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/loader/document"
)

// Result is what a document becomes in the graph: its node, the nodes
// its references land on when they are new, and its edges, each with its
// provenance. Refs tells how each reference was resolved.
type Result struct {
	// ID is the id of the document's own node.
	ID       string             `json:"id"`
	Document *document.Document `json:"document"`
	Refs     []Ref              `json:"references"`
	Nodes    []hemigraph.Node   `json:"nodes"`
	Edges    []hemigraph.Edge   `json:"edges"`
}

// Ref says where one reference of a clause landed.
type Ref struct {
	Clause   int               `json:"clause"` // Clause.Index
	Text     string            `json:"text"`   // the reference as printed
	Relation hemigraph.RelType `json:"relation"`
	ID       string            `json:"id"`    // the node it resolved to
	Title    string            `json:"title"` // that node's title
	// Rule says how: "id", "symbol", "number" (a resolution or
	// declaration of the General Assembly or Permanent Council by its
	// number alone), "name", "prefix", "place", "session", "follow-up",
	// "existing-edge", or "unresolved" for a new placeholder node.
	Rule string `json:"rule"`
}

// Resolution rules, as Ref.Rule reports them.
const (
	RuleID           = "id"
	RuleSymbol       = "symbol"
	RuleName         = "name"
	RulePlace        = "place"
	RuleFollowUp     = "follow-up"
	RuleExistingEdge = "existing-edge"
	RulePrefix       = "prefix"
	RuleNumber       = "number"
	RuleSession      = "session"
	RuleTitle        = "title"
	RuleUnresolved   = "unresolved"
)

// Link maps a document onto the graph known to ix: symbols by canonical
// id or symbol key, names by title and alias, "the conference held in
// <place>" by place and date, a convened follow-up conference by the
// conference it follows up. A reference that matches nothing becomes a new
// node marked unresolved, with an id derived from the reference, so that a
// rerun lands on the same node. Link does no I/O.
func Link(doc *document.Document, ix *Index) *Result {
	r := &resolver{ix: ix, doc: doc, res: &Result{Document: doc}, added: map[string]bool{}}
	r.documentNode()
	r.res.ID = r.id
	r.adoption()
	for ci := range doc.Clauses {
		c := &doc.Clauses[ci]
		seen := map[string]int{} // target id -> index in res.Refs, for this clause
		for ri := range c.References {
			r.reference(c, &c.References[ri], seen)
		}
	}
	return r.res
}

type resolver struct {
	year  int // the year the reference being resolved gives its target, or 0
	ix    *Index
	doc   *document.Document
	id    string // the document's node id
	res   *Result
	added map[string]bool // ids of nodes already in res.Nodes
	// acronyms maps the acronyms the document defined ("... Democracy
	// (UPD)") to the node their name resolved to.
	acronyms map[string]string
}

// documentNode settles which node the document is: the node with its id,
// else the one with its symbol (or, for a resolution or declaration of the
// General Assembly or Permanent Council, its number), else — for a web
// page known only by its URL — the one instrument its title names.
func (r *resolver) documentNode() {
	d := r.doc
	r.id = d.ID
	if _, ok := r.ix.Node(d.ID); !ok {
		switch {
		case d.Symbol == "":
		case r.found(r.ix.BySymbol(d.Symbol)):
		case r.found(r.ix.ByNumber(d.Symbol)):
		}
		if r.id == d.ID && d.IdentityFrom == document.IdentityURL && d.Title != "" {
			if id := r.byTitle(d.Title); id != "" {
				r.id = id
			} else if id := r.titleInstrument(); id != "" {
				r.id = id
			}
		}
	}
	n := hemigraph.Node{ID: r.id, Kind: d.Kind, Symbol: d.Symbol, Title: d.Title, Date: d.Date, Source: d.Source}
	if n.Title == "" {
		n.Title = d.Symbol
	}
	r.addNode(n)
}

// titleInstrument returns the one instrument that a name in the title
// clause is, by title or alias — "Special Summit of the Americas, Monterrey
// ... Declaration of Nuevo León" is the declaration — or "" when none or
// several are.
func (r *resolver) titleInstrument() string {
	c := r.doc.Clause(0)
	if c == nil {
		return ""
	}
	found := ""
	for _, ref := range c.References {
		if ref.Kind != document.RefName || !ref.EntityKind.IsInstrument() {
			continue
		}
		id := r.byTitle(ref.Name)
		if id == "" || (found != "" && id != found) {
			return ""
		}
		found = id
	}
	return found
}

// found makes id the document's node when ok.
func (r *resolver) found(id string, ok bool) bool {
	if ok {
		r.id = id
	}
	return ok
}

// byTitle returns the one instrument whose title or alias is title, "" when
// none or several are.
func (r *resolver) byTitle(title string) string {
	var found []string
	for _, ids := range [][]string{r.ix.ByName(title, ""), r.ix.ByLooseName(title)} {
		for _, id := range ids {
			if n, ok := r.ix.Node(id); ok && n.Kind.IsInstrument() && !slices.Contains(found, id) {
				found = append(found, id)
			}
		}
		if len(found) > 0 {
			break
		}
	}
	if len(found) == 1 {
		return found[0]
	}
	return ""
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

// reference resolves one reference of clause c and writes its edge. A
// clause refers to a node once: a second reference that lands on a node
// the clause already refers to adds nothing, unless it gives the node the
// clause's verb relation (CONVENES, INSTRUCTS, ...) that the first did not,
// in which case it replaces the first. seen maps the clause's targets so
// far to their index in the resolution's references.
func (r *resolver) reference(c *document.Clause, ref *document.Reference, seen map[string]int) {
	span := c.Text
	if ref.Start >= 0 && ref.End <= len(c.Text) && ref.Start <= ref.End {
		span = c.Text[ref.Start:ref.End]
	}
	id, rule := r.resolve(c, ref)
	if id == r.id {
		return // the document naming itself: its own title repeated, a draft of itself
	}
	if at, dup := seen[id]; dup {
		prev := r.res.Refs[at]
		if !typed(ref.Relation) || typed(prev.Relation) {
			return
		}
		r.dropRef(at)
		for k, v := range seen {
			if v > at {
				seen[k] = v - 1
			}
		}
	}
	seen[id] = len(r.res.Refs)
	rr := Ref{Clause: c.Index, Text: span, Relation: ref.Relation, ID: id, Rule: rule}
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

// typed reports whether a relation says more than that a node is cited or
// mentioned.
func typed(t hemigraph.RelType) bool { return t != hemigraph.RelCites && t != hemigraph.RelMentions }

// dropRef removes reference at (and the edge it wrote) from the resolution.
func (r *resolver) dropRef(at int) {
	rr := r.res.Refs[at]
	r.res.Refs = slices.Delete(r.res.Refs, at, at+1)
	for i := len(r.res.Edges) - 1; i >= 0; i-- {
		e := r.res.Edges[i]
		if e.From == r.id && e.To == rr.ID && e.Type == rr.Relation && e.Clause != nil && e.Clause.Index == rr.Clause {
			r.res.Edges = slices.Delete(r.res.Edges, i, i+1)
			break
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
		if id, ok := r.ix.ByNumber(ref.Symbol); ok {
			return id, RuleNumber
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
	if ref.Session != nil {
		return r.session(ref)
	}
	name := ref.Name
	if ref.Full != "" {
		name = ref.Full
	}
	if id, ok := r.acronyms[ref.Name]; ok {
		return id, RuleName
	}
	r.year = ref.Year
	defer func() { r.year = 0 }()
	id, rule := r.namedFor(name, ref.EntityKind, ref.Acronym, ref.Relation)
	if ref.Acronym != "" && ref.Acronym != ref.Name && rule != RuleUnresolved {
		if r.acronyms == nil {
			r.acronyms = map[string]string{}
		}
		r.acronyms[ref.Acronym] = id
	}
	return id, rule
}

// generalAssembly is the id of the General Assembly of the OAS.
const generalAssembly = "oas-general-assembly"

// assemblyName tells a printed body that is the General Assembly in one of
// the four languages, however long its name.
var assemblyName = regexp.MustCompile(`(?i)general assembly|asamblea general|assembl[ée]e g[ée]n[ée]rale|assembl[ée]ia geral`)

// knownBody resolves the name of a body without adding a placeholder.
func (r *resolver) knownBody(name string) (string, bool) {
	for _, n := range []string{name, organNames[NameKey(name)]} {
		if n == "" {
			continue
		}
		if ids := r.compatible(r.ix.ByName(n, hemigraph.KindBody), hemigraph.KindBody); len(ids) > 0 {
			return ids[0], true
		}
	}
	if ids := r.compatible(r.ix.ByLooseName(name), hemigraph.KindBody); len(ids) > 0 {
		return ids[0], true
	}
	return "", false
}

// shortFor reports whether name is a short form of the node id's name: "the
// Assembly" for the General Assembly.
func (r *resolver) shortFor(name, id string) bool {
	n, ok := r.ix.Node(id)
	key := NameKey(name)
	if !ok || key == "" {
		return false
	}
	for _, full := range append([]string{n.Title}, n.Aliases...) {
		if k := NameKey(full); k == key || strings.HasSuffix(k, " "+key) {
			return true
		}
	}
	return false
}

// session resolves a session reference: a session of the General Assembly
// by its canonical id (a regular session's year is its number after 1970)
// or, for a special session, by its title; a session of another body by
// the title "<body> <Ordinal> Regular Session" under any of the body's
// names. A session nothing names becomes a placeholder of its own.
func (r *resolver) session(ref *document.Reference) (string, string) {
	spec := ref.Session
	body := r.doc.Body
	if n, ok := r.ix.Node(body); body == "" || !ok || n.Kind != hemigraph.KindBody {
		body = generalAssembly // a page without a symbol, or a conference's series: the Assembly's
	}
	if y := r.docYear(); spec.Body == "" && !spec.Special && y > 0 && 1970+spec.Number >= y-2 && 1970+spec.Number <= y+1 {
		// "the twenty-ninth regular session", printed in a document of
		// 1999: the Assembly's session of that year, whoever the document's
		// body.
		body = generalAssembly
	}
	if spec.Body != "" {
		switch id, ok := r.knownBody(spec.Body); {
		case ok:
			body = id
		case assemblyName.MatchString(spec.Body):
			body = generalAssembly
		case !r.shortFor(spec.Body, body):
			body = ""
		}
	}
	if spec.Number == 0 {
		return r.unnumberedSession(ref, body)
	}
	kind := "Regular"
	if spec.Special {
		kind = "Special"
	}
	ordinal := titleCase(hemigraph.OrdinalWord(spec.Number))
	if body == generalAssembly {
		if !spec.Special {
			id := hemigraph.GeneralAssemblySessionID(spec.Number, false, 1970+spec.Number)
			if _, ok := r.ix.Node(id); !ok {
				r.addNode(hemigraph.Node{ID: id, Kind: hemigraph.KindSession,
					Title: "General Assembly, " + ordinal + " Regular Session", Date: fmt.Sprint(1970 + spec.Number), Source: r.doc.Source})
			}
			return id, RuleSession
		}
		if ids := r.ix.ByName("General Assembly, "+ordinal+" Special Session", hemigraph.KindSession); len(ids) > 0 {
			return ids[0], RuleSession
		}
		if ids := r.ix.ByName(hemigraph.OrdinalWord(spec.Number)+" special session of the General Assembly", hemigraph.KindSession); len(ids) > 0 {
			return ids[0], RuleSession
		}
	} else if n, ok := r.ix.Node(body); ok {
		for _, name := range append([]string{n.Title}, n.Aliases...) {
			if ids := r.ix.ByName(name+" "+ordinal+" "+kind+" Session", hemigraph.KindSession); len(ids) > 0 {
				return ids[0], RuleSession
			}
		}
	}
	name := ref.Name
	if body != "" && spec.Body == "" {
		if n, ok := r.ix.Node(body); ok {
			name = n.Title + ", " + ordinal + " " + kind + " Session"
		}
	}
	id := placeholderID(hemigraph.KindSession, name)
	r.addNode(hemigraph.Node{ID: id, Kind: hemigraph.KindSession, Title: strings.TrimSpace(ref.Name), Source: r.doc.Source, Unresolved: true})
	return id, RuleUnresolved
}

// unnumberedSession resolves a special session printed without its
// ordinal — "the Special Session of the General Assembly ... on November
// 13, 1997", "in Special Session in Lima, Peru" — to the one special session
// of the body held in the place or the year the text gives.
func (r *resolver) unnumberedSession(ref *document.Reference, body string) (string, string) {
	place := ""
	if i := strings.Index(ref.Name, " in "); i >= 0 {
		place, _, _ = strings.Cut(ref.Name[i+len(" in "):], ",")
	}
	year := ref.Year
	if year == 0 && place == "" {
		year = r.docYear()
	}
	if n, ok := r.ix.Node(body); ok && (year > 0 || place != "") {
		var found []string
		var sessions []string
		for _, name := range append([]string{n.Title}, n.Aliases...) {
			if sessions = r.ix.Sessions(name, true); len(sessions) > 0 {
				break
			}
		}
		for _, s := range sessions {
			sn, _ := r.ix.Node(s)
			if (year == 0 || nodeYear(sn) == year) && (place == "" || strings.Contains(sn.Place, place)) {
				found = append(found, s)
			}
		}
		if len(found) == 1 {
			return found[0], RuleSession
		}
	}
	id := placeholderID(hemigraph.KindSession, ref.Name)
	r.addNode(hemigraph.Node{ID: id, Kind: hemigraph.KindSession, Title: strings.TrimSpace(ref.Name), Source: r.doc.Source, Unresolved: true})
	return id, RuleUnresolved
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

// named resolves a name, as namedFor with no relation.
func (r *resolver) named(name string, kind hemigraph.Kind, acronym string) (string, string) {
	return r.namedFor(name, kind, acronym, "")
}

// namedFor resolves a name: by title or alias (exactly, then loosely:
// articles, an "OAS" prefix, a leading ordinal and spelling variants
// aside), then by the place of a conference "held in" somewhere, by a name
// cut short, by a city in a conference's name; else a new unresolved node.
// Only nodes of a kind the name's head noun allows are candidates, and
// among several the one of the document's time; a conference dated after
// the document is a candidate only for what the document convenes (rel).
func (r *resolver) namedFor(name string, kind hemigraph.Kind, acronym string, rel hemigraph.RelType) (string, string) {
	if !kind.Valid() {
		kind = hemigraph.KindBody
	}
	future := rel == hemigraph.RelConvenes
	for _, n := range []string{name, acronym, organNames[NameKey(name)]} {
		if n == "" {
			continue
		}
		if ids := r.dated(r.compatible(r.ix.ByName(n, kind), kind), kind); len(ids) > 0 {
			return r.pickByDate(ids, future), RuleName
		}
	}
	if ids := r.dated(r.compatible(r.ix.ByLooseName(name), kind), kind); len(ids) > 0 {
		return r.pickByDate(ids, future), RuleName
	}
	if kind != hemigraph.KindResolution && kind != hemigraph.KindReport {
		if ids := r.dated(r.compatible(r.ix.ByWords(name), kind), kind); len(ids) == 1 {
			return ids[0], RuleName
		}
	}
	// "the special meeting of the Committee on Hemispheric Security held
	// on October 7 and 8, 1996": the name before "held".
	if i := strings.Index(name, " held "); i > 0 {
		if id, rule := r.namedFor(name[:i], kind, acronym, rel); rule != RuleUnresolved {
			return id, rule
		}
		r.dropPlaceholder(placeholderID(kind, name[:i]))
	}
	if m := heldIn.FindStringSubmatch(strings.TrimSpace(name)); m != nil {
		if id := r.byPlace(m[1]); id != "" {
			return id, RulePlace
		}
	}
	if id := r.byPrefix(name, kind, future); id != "" {
		return id, RulePrefix
	}
	if id := r.byPlaceInName(name, kind, future); id != "" {
		return id, RulePlace
	}
	if id := r.byOwner(name, kind); id != "" {
		return id, RuleName
	}
	// "the First Specialized Conference on Terrorism in Lima", "the
	// Inter-American Convention against Terrorism to the Senate": a known
	// name followed by where or to whom.
	if short := withoutTrailer(name); short != "" {
		if id, rule := r.namedFor(short, kind, acronym, rel); rule != RuleUnresolved {
			return id, rule
		}
		r.dropPlaceholder(placeholderID(kind, short))
	}
	id := placeholderID(kind, name)
	r.addNode(hemigraph.Node{ID: id, Kind: kind, Title: strings.TrimSpace(name), Source: r.doc.Source, Unresolved: true})
	return id, RuleUnresolved
}

// ownerRE splits "<head> of the <owner>": "Plan of Action of the Santiago
// Summit", "Declaration of Principles of the First Summit of the Americas".
var ownerRE = regexp.MustCompile(`^(.+?\s(?:of|de|du|da|do)\s(?:the\s|la\s|el\s|l'|a\s|o\s)?)(\p{Lu}.*)$`)

// byOwner resolves "<head> of the <owner>" when the owner is a known
// conference or body printed under another of its names: the instrument
// whose name is the head with one of the owner's names ("Plan of Action of
// the Santiago Summit" is the "Plan of Action of the Second Summit of the
// Americas", the Santiago Summit being the Second Summit).
func (r *resolver) byOwner(name string, kind hemigraph.Kind) string {
	if !kind.IsInstrument() {
		return ""
	}
	for _, m := range ownerMatches(name) {
		head, owner := m[0], m[1]
		var ids []string
		for _, k := range []hemigraph.Kind{hemigraph.KindConference, hemigraph.KindBody} {
			ids = append(ids, r.compatible(r.ix.ByName(owner, k), k)...)
			ids = append(ids, r.compatible(r.ix.ByLooseName(owner), k)...)
		}
		if len(ids) == 0 {
			// "the Quebec City Summit of the Americas": a city in the
			// owner's name.
			if id := r.byPlaceInName(owner, hemigraph.KindConference, false); id != "" {
				ids = append(ids, id)
			}
		}
		for _, oid := range ids {
			o, _ := r.ix.Node(oid)
			for _, on := range append([]string{o.Title}, o.Aliases...) {
				if got := r.dated(r.compatible(r.ix.ByName(head+on, kind), kind), kind); len(got) > 0 {
					return got[0]
				}
			}
		}
	}
	return ""
}

// ownerMatches returns the (head, owner) splits of name at each "of".
func ownerMatches(name string) [][2]string {
	var out [][2]string
	for i := 0; i < len(name); {
		m := ownerRE.FindStringSubmatchIndex(name[i:])
		if m == nil {
			break
		}
		out = append(out, [2]string{name[:i+m[3]], name[i+m[4]:]})
		i += m[3]
	}
	// "the Plan of Action emanating from the Second Summit": the head and
	// its owner joined by what produced it.
	if m := producedByRE.FindStringSubmatchIndex(name); m != nil {
		out = append(out, [2]string{name[:m[0]] + " of the ", name[m[1]:]})
	}
	return out
}

// producedByRE finds the words that join an instrument to the meeting that
// produced it.
var producedByRE = regexp.MustCompile(`\s(?:emanating from|adopted (?:at|by)|approved (?:at|by)|issued by|resulting from)\s(?:the\s)?(?:\d{4}\s)?`)

// trailerWords introduce what may follow a name: where it met or was
// adopted, or to whom it went ("in Lima", "to the Senate", "of Santiago").
var trailerWords = map[string]bool{"in": true, "to": true, "at": true, "en": true, "em": true, "of": true, "de": true}

// withoutTrailer returns name without its last "in <Place>", "to the
// <Body>" or "of <City>", or "" when it has none or less than two words
// would be left.
func withoutTrailer(name string) string {
	words := strings.Fields(name)
	for k := len(words) - 2; k >= 2; k-- {
		if !trailerWords[words[k]] {
			continue
		}
		rest := words[k+1:]
		capital := true
		for _, w := range rest {
			if w == "the" || w == "la" || w == "el" || w == "del" || w == "de" || w == "of" {
				continue
			}
			if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
				capital = false
				break
			}
		}
		if capital {
			return strings.Join(words[:k], " ")
		}
		return ""
	}
	return ""
}

// dropPlaceholder removes a placeholder node that a tentative look-up
// added.
func (r *resolver) dropPlaceholder(id string) {
	for i, n := range r.res.Nodes {
		if n.ID == id && n.Unresolved {
			r.res.Nodes = slices.Delete(r.res.Nodes, i, i+1)
			delete(r.added, id)
			return
		}
	}
}

// dated keeps, of same-named candidates, those of the year the reference
// gives (when it gives one), and, for a report, those of the document's
// own year: a generic title ("the Annual Report of the Permanent Council")
// names the report of its time, never another year's.
func (r *resolver) dated(ids []string, kind hemigraph.Kind) []string {
	keep := func(want int) []string {
		out := ids[:0:0]
		for _, id := range ids {
			n, _ := r.ix.Node(id)
			if y := nodeYear(n); y < 0 || y == want {
				out = append(out, id)
			}
		}
		return out
	}
	switch {
	case r.year > 0:
		// The year the text gives picks among same-named things; a thing
		// planned for one year and held in another is still that thing.
		if kept := keep(r.year); len(kept) > 0 {
			return kept
		}
		if kind == hemigraph.KindReport && r.docYear() > 0 {
			return keep(r.docYear())
		}
	case kind == hemigraph.KindReport && r.docYear() > 0:
		return keep(r.docYear())
	}
	return ids
}

// compatible keeps the ids whose node's kind a name of kind may denote: its
// own kind; any of declaration, convention and plan of action for one of
// them (a "Charter" may be a declaration, a "Commitment" a convention);
// conference or session for either. A name headed "Convention" never lands
// on a resolution titled after the convention.
func (r *resolver) compatible(ids []string, kind hemigraph.Kind) []string {
	out := ids[:0:0]
	for _, id := range ids {
		n, ok := r.ix.Node(id)
		if ok && kindsMatch(kind, n.Kind) {
			out = append(out, id)
		}
	}
	return out
}

func kindsMatch(want, got hemigraph.Kind) bool {
	group := func(k hemigraph.Kind) int {
		switch k {
		case hemigraph.KindDeclaration, hemigraph.KindConvention, hemigraph.KindPlanOfAction:
			return 1
		case hemigraph.KindConference, hemigraph.KindSession:
			return 2
		}
		return 0
	}
	return want == got || (group(want) != 0 && group(want) == group(got))
}

// organNames gives the English name of the principal organs and the
// charters of the OAS and the United Nations for their names in the other
// official languages and their short forms, so that a Spanish, French or
// Portuguese text lands on the same node.
var organNames = func() map[string]string {
	m := map[string]string{}
	for en, others := range map[string][]string{
		"General Assembly":    {"Asamblea General", "Assemblée générale", "Assembleia Geral"},
		"Permanent Council":   {"Consejo Permanente", "Conseil permanent", "Conselho Permanente"},
		"General Secretariat": {"Secretaría General", "Secrétariat général", "Secretaria-Geral", "Secretaria Geral"},
		"Charter of the Organization of American States": {"Carta de la Organización de los Estados Americanos",
			"Carta de la OEA", "Charte de l'Organisation des États Américains", "Charte de l'OEA",
			"Carta da Organização dos Estados Americanos", "Carta da OEA", "Charter of the OAS", "OAS Charter"},
		"Charter of the United Nations": {"Carta de las Naciones Unidas", "Charte des Nations Unies",
			"Carta das Nações Unidas", "UN Charter", "United Nations Charter"},
	} {
		for _, o := range others {
			m[NameKey(o)] = en
		}
	}
	return m
}()

// byPrefix finds the node one of whose names begins with all the words of
// name (at least three): a name cut short, "Déclaration de Santiago" for
// "Déclaration de Santiago sur les mesures d'encouragement ..."; or ends
// with them: a name printed without its owner, "Register of Conventional
// Arms" for the United Nations Register; or whose name of five words or
// more ends name: a known name printed after a word of its own, "Ottawa
// Convention on the Prohibition of the Use, ...". Only nodes
// of a kind the name allows count, and of those dated after the document
// only when future is set; one left gives it, none or several give "".
func (r *resolver) byPrefix(name string, kind hemigraph.Kind, future bool) string {
	key := NameKey(name)
	if n := strings.Count(key, " "); n < 1 || (n < 2 && !startsWithOrdinal(key)) {
		return ""
	}
	docYear := r.docYear()
	var found []string
	for k, ids := range r.ix.byName {
		// k begins or ends with key (a name cut short, a name without its
		// owner), or key ends with k (a known name printed after a word of
		// its own: "Ottawa Convention on the Prohibition of ...").
		if !strings.HasPrefix(k, key+" ") && !strings.HasSuffix(k, " "+key) &&
			!(strings.Count(k, " ") >= 4 && strings.HasSuffix(key, " "+k)) {
			continue
		}
		for _, id := range ids {
			n := r.ix.byID[id]
			if slices.Contains(found, id) || !kindsMatch(kind, n.Kind) {
				continue
			}
			if y := nodeYear(*n); (!future && docYear >= 0 && y > docYear) || (r.year > 0 && y > 0 && y != r.year) {
				continue
			}
			found = append(found, id)
		}
	}
	if len(found) > 1 {
		found = r.dated(found, kind)
	}
	if len(found) == 1 {
		return found[0]
	}
	return ""
}

// startsWithOrdinal reports whether a name key opens with an ordinal:
// "third summit" is a name cut short even in two words.
func startsWithOrdinal(key string) bool {
	first, _, _ := strings.Cut(key, " ")
	_, ok := hemigraph.ParseEnglishOrdinal(first)
	return ok || suffixedOrdinal.MatchString(first)
}

// byPlaceInName finds a conference or an instrument named by the city it
// was held or adopted in — "Conferencia Regional de Santiago", "Reunión de
// Expertos de Buenos Aires", "Lima Declaration", "Plan of Action of Lima to
// Prevent, Combat, and Eliminate Terrorism" — when exactly one node of a
// kind the name allows was held there, not after the document (unless
// future). For an instrument every other word of the name must be among
// the words of the node's names.
func (r *resolver) byPlaceInName(name string, kind hemigraph.Kind, future bool) string {
	key := " " + NameKey(name) + " "
	docYear := r.docYear()
	var found []string
	for id, n := range r.ix.byID {
		if !kindsMatch(kind, n.Kind) || n.Unresolved || n.Place == "" || n.Kind == hemigraph.KindBody {
			continue
		}
		city, _, _ := strings.Cut(n.Place, ",")
		c := NameKey(city)
		if c == "" || !strings.Contains(key, " "+c+" ") {
			continue
		}
		if y := year(n.Date); y < 0 || (!future && docYear >= 0 && y > docYear) {
			continue
		}
		if n.Kind.IsInstrument() && !wordsWithin(strings.Replace(key, " "+c+" ", " ", 1), name, *n) {
			continue
		}
		found = append(found, id)
	}
	if len(found) > 1 {
		// Of several gatherings in one city, those the name's words fit:
		// "Summit of the Americas of Santiago" is not the Santiago
		// conference on confidence-building measures.
		found = slices.DeleteFunc(found, func(id string) bool {
			n := r.ix.byID[id]
			city, _, _ := strings.Cut(n.Place, ",")
			return !wordsWithin(strings.Replace(key, " "+NameKey(city)+" ", " ", 1), name, *n)
		})
	}
	if len(found) > 1 {
		// "Plan of Action of Lima": the plan, not the declaration adopted
		// beside it.
		found = slices.DeleteFunc(found, func(id string) bool { return r.ix.byID[id].Kind != kind })
	}
	if len(found) != 1 {
		return ""
	}
	return found[0]
}

// wordsWithin reports whether most content words of key (the name as
// printed, its city left out) are words of n's names: three in five, and
// acronyms of the printed name aside ("on CSBMs").
func wordsWithin(key, printed string, n hemigraph.Node) bool {
	names := " " + NameKey(n.Title+" "+strings.Join(n.Aliases, " ")) + " "
	acronyms := map[string]bool{}
	for _, w := range strings.Fields(printed) {
		w = strings.Trim(w, ".,;:()")
		if a := strings.TrimSuffix(w, "s"); len(a) >= 3 && strings.ToUpper(a) == a && strings.ToLower(a) != a {
			acronyms[strings.ToLower(w)] = true // "CSBMs", "OAS"
		}
	}
	content, in := 0, 0
	for _, w := range strings.Fields(key) {
		if len(w) < 4 || nameStopWords[w] || acronyms[w] {
			continue
		}
		content++
		if strings.Contains(names, " "+w+" ") {
			in++
		}
	}
	return in*5 >= content*3
}

// nameStopWords are words of four letters or more that do not tell one
// name from another.
var nameStopWords = map[string]bool{"with": true, "from": true, "into": true, "their": true, "para": true,
	"sobre": true, "contra": true, "pour": true, "dans": true, "contre": true}

// pickByDate chooses among same-named nodes the latest one not dated after
// the document (the first when none is dated). With future, a node dated
// after the document may be chosen: the earliest such one when none is
// dated before.
func (r *resolver) pickByDate(ids []string, future bool) string {
	best, bestYear := ids[0], -1
	docYear := r.docYear()
	next, nextYear := "", 1<<30
	for _, id := range ids {
		n, _ := r.ix.Node(id)
		y := nodeYear(n)
		if y > bestYear && (docYear < 0 || y <= docYear) {
			best, bestYear = id, y
		}
		if future && docYear >= 0 && y > docYear && y < nextYear {
			next, nextYear = id, y
		}
	}
	if future && next != "" && bestYear < 0 {
		return next
	}
	return best
}

// docYear returns the year of the document: of its adoption date, else of
// its symbol (the session or the year printed in it); -1 when unknown.
func (r *resolver) docYear() int {
	if y := year(r.doc.Date); y >= 0 {
		return y
	}
	if s, err := hemigraph.ParseSymbol(r.doc.Symbol); err == nil && s.Year != 0 {
		return s.Year
	}
	return -1
}

// byPlace finds the one conference held at place no later than the
// document; none or several give "".
func (r *resolver) byPlace(place string) string {
	key := NameKey(place)
	docYear := r.docYear()
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
	docYear := r.docYear()
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

// nodeYear returns the year of a node: of its date, else of its symbol.
func nodeYear(n hemigraph.Node) int {
	if y := year(n.Date); y >= 0 {
		return y
	}
	if s, err := hemigraph.ParseSymbol(n.Symbol); err == nil && s.Year != 0 {
		return s.Year
	}
	return -1
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

// docResolver returns a resolver in the context of the document that
// stated the first of es that came from a document, so that rules that
// depend on the document's date apply as they did when it was loaded.
func docResolver(ix *Index, es []hemigraph.Edge) *resolver {
	r := &resolver{ix: ix, doc: &document.Document{}, res: &Result{}, added: map[string]bool{}}
	for _, e := range es {
		if e.Document == "" {
			continue
		}
		if d, ok := ix.Node(e.Document); ok {
			r.id, r.doc.Date, r.doc.Source = d.ID, d.Date, d.Source
			break
		}
	}
	return r
}

// NameTarget returns the node a placeholder p turns out to be by its name
// (title, alias, or "held in" place), as Link would resolve it now in the
// context of the document that stated the first of its edges es, or "".
func NameTarget(ix *Index, p hemigraph.Node, es []hemigraph.Edge) string {
	id, rule := docResolver(ix, es).named(p.Title, p.Kind, "")
	if rule == RuleUnresolved {
		return ""
	}
	return id
}

// FollowUpTarget applies the follow-up rule of Link to a placeholder
// conference p with its edges es: convened by document D and following up
// conference X, it is the conference following up X that D convened, or
// "".
func FollowUpTarget(ix *Index, p hemigraph.Node, es []hemigraph.Edge) string {
	if p.Kind != hemigraph.KindConference {
		return ""
	}
	var convener, prior string
	for _, e := range es {
		switch {
		case e.Type == hemigraph.RelConvenes && e.To == p.ID:
			convener = e.From
		case e.Type == hemigraph.RelFollowsUp && e.From == p.ID:
			prior = e.To
		}
	}
	x, ok := ix.Node(prior)
	if convener == "" || !ok || x.Unresolved {
		return ""
	}
	r := docResolver(ix, es)
	id, _ := r.followUp(&document.Reference{Name: p.Title, FollowsUp: x.Title})
	return id
}
