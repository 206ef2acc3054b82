// Package corpus generates synthetic hemigraph corpora for benchmarks:
// N instruments spread over the General Assembly's sessions since 1971,
// with the shape of the real corpus — most instruments cite a handful of
// earlier ones and a few are cited very often (preferential attachment),
// resolutions convene conferences, conferences produce declarations and
// follow up earlier ones, instruments instruct and request things of
// bodies, and everything is adopted at a session by a body.
//
// Ids, symbols and session ids are built with the domain's own symbol
// functions (hemigraph.Symbol.ID, SessionID), so they are in the project's
// canonical style. The output is a pure function of Config: the same seed
// and size give the same records, byte for byte, in the same order.
package corpus

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/hemigraph/hemigraph"
)

// Config says what to generate.
type Config struct {
	Instruments int    // number of instrument nodes (resolutions, declarations, ...)
	Seed        uint64 // the same seed gives the same corpus
}

// Corpus is a generated graph, nodes in chronological order (a node never
// refers to one defined after it) and edges grouped by their source node.
type Corpus struct {
	Nodes []hemigraph.Node
	Edges []hemigraph.Edge
	// Conferences and Instruments are the ids of each, for choosing query
	// arguments in benchmarks.
	Conferences []string
	Instruments []string
}

// FirstYear and LastYear bound the sessions of the generated corpus: the
// General Assembly's first regular session was held in 1971.
const (
	FirstYear = 1971
	LastYear  = 2025
)

var (
	topics = []string{
		"Confidence- and Security-Building Measures", "Security of Small Island States",
		"Cooperation against Terrorism", "Illicit Trafficking in Firearms", "Anti-personnel Landmines",
		"Transparency in Conventional Weapons Acquisitions", "Transnational Organized Crime",
		"Cooperation on Cyber Security", "Maritime Security in the Caribbean", "Disaster Response",
		"Trafficking in Persons", "Drug Trafficking and Related Crimes", "Nuclear Non-Proliferation",
		"Chemical and Biological Weapons", "Democratic Security in Central America",
		"Demining in Central America", "Port Security", "Border Security", "Hemispheric Security",
		"Civil-Military Relations", "Peace Operations", "Natural Disasters and Security",
		"Gangs and Criminal Violence", "Money Laundering", "Arms Control and Disarmament",
	}
	topicSlugs = func() []string {
		s := make([]string, len(topics))
		for i, t := range topics {
			s[i] = slug(t)
		}
		return s
	}()
	prefixes = []string{
		"", "Hemispheric Security: ", "Support for ", "Strengthening ", "Follow-up on ",
		"Cooperation in ", "Report on ", "Progress in ",
	}
	cities = []string{
		"santiago", "san-salvador", "buenos-aires", "miami", "mexico-city", "port-of-spain",
		"montevideo", "lima", "bogota", "brasilia", "ottawa", "washington", "panama-city",
		"kingston", "bridgetown", "quito", "la-paz", "asuncion", "managua", "tegucigalpa",
	}
	meetingKinds = []string{"regional-conference", "meeting-of-experts", "specialized-conference", "high-level-meeting"}
	citeVerbs    = []string{"RECALLING", "NOTING", "REAFFIRMING", "BEARING IN MIND", "CONSIDERING", "TAKING INTO ACCOUNT", "RECALLING ALSO"}
	// The standing bodies of the real corpus, instructed and requested most.
	standingBodies = []struct{ id, title string }{
		{"oas-general-assembly", "General Assembly of the OAS"},
		{"oas-permanent-council", "Permanent Council of the OAS"},
		{"oas-committee-on-hemispheric-security", "Committee on Hemispheric Security"},
		{"oas-general-secretariat", "General Secretariat of the OAS"},
		{"cicte", "Inter-American Committee against Terrorism"},
		{"cidi", "Inter-American Council for Integral Development"},
		{"inter-american-juridical-committee", "Inter-American Juridical Committee"},
		{"inter-american-defense-board", "Inter-American Defense Board"},
		{"cicad", "Inter-American Drug Abuse Control Commission"},
		{"cifta-consultative-committee", "Consultative Committee of the CIFTA"},
	}
)

// gen holds the state of one generation.
type gen struct {
	cfg  Config
	rng  *rand.Rand
	c    *Corpus
	ids  map[string]bool
	kind map[string]hemigraph.Kind

	instr  []string // ids of instruments, in creation order
	pool   []int32  // preferential attachment: an index into instr per creation and per citation received
	bodies []string // ids of bodies; the first ones are instructed most
	// scheduled conferences, by year: created when their year comes.
	scheduled map[int][]pending
	// last conference per topic, for FOLLOWS_UP.
	lastConf map[int]string

	resNo, decNo, docNo, cpNo, cpMeeting int
}

type pending struct {
	convenedBy string
	topic      int
}

// Generate returns the corpus cfg describes. It panics when
// cfg.Instruments is not positive.
func Generate(cfg Config) *Corpus {
	if cfg.Instruments <= 0 {
		panic("corpus: Instruments must be positive")
	}
	g := &gen{
		cfg:       cfg,
		rng:       rand.New(rand.NewPCG(cfg.Seed, 0x6865_6d69_6772_6170)),
		c:         &Corpus{},
		ids:       map[string]bool{},
		kind:      map[string]hemigraph.Kind{},
		scheduled: map[int][]pending{},
		lastConf:  map[int]string{},
		resNo:     1000, decNo: 1, docNo: 2000, cpNo: 500, cpMeeting: 1000,
	}
	g.c.Nodes = make([]hemigraph.Node, 0, cfg.Instruments*11/10)
	g.c.Edges = make([]hemigraph.Edge, 0, cfg.Instruments*7)
	for _, b := range standingBodies {
		g.node(hemigraph.Node{ID: b.id, Kind: hemigraph.KindBody, Title: b.title, Source: g.source(b.id)})
		g.bodies = append(g.bodies, b.id)
	}
	// More bodies as the corpus grows: working groups, each part of a council.
	for i := 0; i < cfg.Instruments/2000; i++ {
		t := i % len(topics)
		id := fmt.Sprintf("working-group-%s-%d", topicSlugs[t], i/len(topics)+1)
		g.node(hemigraph.Node{ID: id, Kind: hemigraph.KindBody, Title: "Working Group on " + topics[t], Source: g.source(id)})
		g.edge(id, standingBodies[1+i%2].id, hemigraph.RelPartOf, "", "established as a working group of the council")
		g.bodies = append(g.bodies, id)
	}

	// Instruments per year grow linearly, as the real output did.
	years := LastYear - FirstYear + 1
	weights, sum := make([]float64, years), 0.0
	for i := range weights {
		weights[i] = 1 + float64(i)/15
		sum += weights[i]
	}
	made := 0
	for i := range years {
		year := FirstYear + i
		quota := int(math.Round(float64(cfg.Instruments) * weights[i] / sum))
		if i == years-1 || made+quota > cfg.Instruments {
			quota = cfg.Instruments - made
		}
		made += g.year(year, quota)
	}
	return g.c
}

// year creates the session of year, the conferences scheduled for it with
// their declarations, and then quota instruments in all, declarations
// included. It returns how many instruments it created.
func (g *gen) year(year, quota int) int {
	n := year - FirstYear + 1
	sref := &hemigraph.SessionRef{Number: n, Year: year}
	sessionID := hemigraph.Symbol{Series: "AG", Type: "RES", Number: 1, Sitting: sref, Year: year}.SessionID()
	g.node(hemigraph.Node{ID: sessionID, Kind: hemigraph.KindSession,
		Title: "General Assembly, " + hemigraph.OrdinalWord(n) + " regular session",
		Date:  fmt.Sprintf("%d-06", year), Place: g.place(), Source: g.source(sessionID)})
	g.edge(sessionID, "oas-general-assembly", hemigraph.RelPartOf, "", "regular session of the General Assembly")
	g.cpMeeting += 40

	made := 0
	for _, p := range g.scheduled[year] {
		if made >= quota {
			break
		}
		made += g.conference(year, p)
	}
	delete(g.scheduled, year)
	for ; made < quota; made++ {
		r := g.rng.Float64()
		switch {
		case r < 0.66:
			g.resolution(year, sref, sessionID)
		case r < 0.76:
			g.councilResolution(year)
		case r < 0.80:
			g.agDeclaration(year, sref, sessionID)
		case r < 0.98:
			g.report(year)
		case r < 0.99:
			g.convention(year, sessionID)
		default:
			g.planOfAction(year, sessionID)
		}
	}
	return made
}

func (g *gen) resolution(year int, sref *hemigraph.SessionRef, sessionID string) {
	g.resNo++
	sym := hemigraph.Symbol{Series: "AG", Type: "RES", Number: g.resNo, Sitting: sref, Year: year}
	id := g.instrument(sym.ID(), hemigraph.KindResolution, sym.String(), g.title(), g.date(year, 6))
	g.adopted(id, sessionID, "oas-general-assembly")
	g.cites(id)
	g.directs(id)
	if g.rng.Float64() < 0.04 {
		// To convene a conference next year (or the one after).
		t := g.rng.IntN(len(topics))
		y := year + 1 + g.rng.IntN(2)
		g.scheduled[y] = append(g.scheduled[y], pending{convenedBy: id, topic: t})
	}
}

func (g *gen) councilResolution(year int) {
	g.cpNo++
	g.cpMeeting++
	sym := hemigraph.Symbol{Series: "CP", Type: "RES", Number: g.cpNo,
		Sitting: &hemigraph.SessionRef{Number: g.cpMeeting, Meeting: true, Year: year}, Year: year}
	id := g.instrument(sym.ID(), hemigraph.KindResolution, sym.String(), g.title(), g.date(year, 0))
	g.edge(id, "oas-permanent-council", hemigraph.RelAdoptedBy, "", "adopted by the Permanent Council")
	g.cites(id)
	g.directs(id)
}

func (g *gen) agDeclaration(year int, sref *hemigraph.SessionRef, sessionID string) {
	g.decNo++
	sym := hemigraph.Symbol{Series: "AG", Type: "DEC", Number: g.decNo, Sitting: sref, Year: year}
	id := g.instrument(sym.ID(), hemigraph.KindDeclaration, sym.String(), "Declaration on "+topics[g.rng.IntN(len(topics))], g.date(year, 6))
	g.adopted(id, sessionID, "oas-general-assembly")
	g.cites(id)
}

func (g *gen) report(year int) {
	g.docNo++
	sym := hemigraph.Symbol{Series: "AG", Type: "doc", Number: g.docNo, Year: year}
	id := g.instrument(sym.ID(), hemigraph.KindReport, sym.String(),
		"Report of the Permanent Council on "+topics[g.rng.IntN(len(topics))], g.date(year, 0))
	g.cites(id)
}

func (g *gen) convention(year int, sessionID string) {
	t := g.rng.IntN(len(topics))
	id := g.instrument(g.unique(fmt.Sprintf("inter-american-convention-%s-%d", topicSlugs[t], year)),
		hemigraph.KindConvention, "", "Inter-American Convention on "+topics[t], g.date(year, 6))
	g.adopted(id, sessionID, "oas-general-assembly")
	g.cites(id)
	g.directs(id)
}

func (g *gen) planOfAction(year int, sessionID string) {
	t := g.rng.IntN(len(topics))
	id := g.instrument(g.unique(fmt.Sprintf("plan-of-action-%s-%d", topicSlugs[t], year)),
		hemigraph.KindPlanOfAction, "", "Plan of Action on "+topics[t], g.date(year, 0))
	g.edge(id, "oas-permanent-council", hemigraph.RelAdoptedBy, "", "adopted by the Permanent Council")
	g.cites(id)
	g.directs(id)
}

// conference creates a conference convened by p.convenedBy, held in year,
// with the declaration it produced, and returns the number of instruments
// created (1).
func (g *gen) conference(year int, p pending) int {
	city := cities[g.rng.IntN(len(cities))]
	id := g.unique(fmt.Sprintf("%s-%s-%s-%d", city, meetingKinds[g.rng.IntN(len(meetingKinds))], topicSlugs[p.topic], year))
	title := strings.ToUpper(city[:1]) + strings.ReplaceAll(city[1:], "-", " ") + " Conference on " + topics[p.topic]
	g.node(hemigraph.Node{ID: id, Kind: hemigraph.KindConference, Title: title,
		Date: g.date(year, 0), Place: cityName(city), Source: g.source(id)})
	g.c.Conferences = append(g.c.Conferences, id)
	g.edge(p.convenedBy, id, hemigraph.RelConvenes, "", "operative paragraph: to convene the conference")
	if prev, ok := g.lastConf[p.topic]; ok && g.rng.Float64() < 0.6 {
		g.edge(id, prev, hemigraph.RelFollowsUp, "", "follows up the previous conference on the topic")
	}
	g.lastConf[p.topic] = id

	decl := g.instrument(g.unique("declaration-of-"+city+"-"+topicSlugs[p.topic]+"-"+strconv.Itoa(year)),
		hemigraph.KindDeclaration, "", "Declaration of "+cityName(city)+" on "+topics[p.topic], g.date(year, 0))
	g.edge(id, decl, hemigraph.RelProduced, "", "adopted at the closing plenary")
	g.cites(decl)
	return 1
}

// instrument adds an instrument node and makes it citable.
func (g *gen) instrument(id string, k hemigraph.Kind, symbol, title, date string) string {
	g.node(hemigraph.Node{ID: id, Kind: k, Symbol: symbol, Title: title, Date: date, Source: g.source(id)})
	g.pool = append(g.pool, int32(len(g.instr)))
	g.instr = append(g.instr, id)
	g.c.Instruments = append(g.c.Instruments, id)
	return id
}

func (g *gen) adopted(id, sessionID, body string) {
	g.edge(id, sessionID, hemigraph.RelAdoptedAt, "", "adopted at a plenary session")
	g.edge(id, body, hemigraph.RelAdoptedBy, "", "adopted by the General Assembly")
}

// cites adds the CITES edges of the newest instrument id: a handful of
// earlier instruments, chosen mostly in proportion to the citations they
// already have (preferential attachment), sometimes among recent ones.
func (g *gen) cites(id string) {
	self := int32(len(g.instr) - 1)
	if self == 0 {
		return
	}
	k := int(g.rng.ExpFloat64() * 3.5)
	k = min(k, 25, int(self))
	seen := make(map[int32]bool, k)
	for j := 0; j < k; j++ {
		var t int32
		if g.rng.Float64() < 0.3 {
			lo := max(0, self-2000)
			t = lo + g.rng.Int32N(self-lo)
		} else {
			t = g.pool[g.rng.IntN(len(g.pool)-1)] // not the newest entry: that is self
		}
		if t == self || seen[t] {
			continue
		}
		seen[t] = true
		g.pool = append(g.pool, t)
		verb := citeVerbs[g.rng.IntN(len(citeVerbs))]
		e := g.edge(id, g.instr[t], hemigraph.RelCites, verb, "preambular clause cites the earlier instrument")
		e.Clause = &hemigraph.ClauseRef{Index: j + 1, Kind: "preambular", Start: len(verb) + 1, End: len(verb) + 30}
	}
	if g.rng.Float64() < 0.1 {
		t := g.rng.Int32N(self)
		g.edge(id, g.instr[t], hemigraph.RelMentions, "", "mentioned in a footnote")
	}
}

// directs adds the INSTRUCTS, REQUESTS and rarely ESTABLISHES edges of id.
func (g *gen) directs(id string) {
	if g.rng.Float64() < 0.35 {
		g.edge(id, g.body(), hemigraph.RelInstructs, "INSTRUCTS", "operative paragraph instructs the body")
	}
	if g.rng.Float64() < 0.25 {
		g.edge(id, g.body(), hemigraph.RelRequests, "REQUESTS", "operative paragraph requests a report")
	}
	if g.rng.Float64() < 0.01 {
		n := len(g.bodies)
		b := fmt.Sprintf("special-committee-%s-%d", topicSlugs[n%len(topics)], n)
		g.node(hemigraph.Node{ID: b, Kind: hemigraph.KindBody, Title: "Special Committee on " + topics[n%len(topics)], Source: g.source(b)})
		g.bodies = append(g.bodies, b)
		g.edge(id, b, hemigraph.RelEstablishes, "ESTABLISHES", "operative paragraph establishes the committee")
	}
}

// body picks a body, the standing ones far more often.
func (g *gen) body() string {
	if g.rng.Float64() < 0.8 {
		return g.bodies[1+g.rng.IntN(len(standingBodies)-1)]
	}
	return g.bodies[g.rng.IntN(len(g.bodies))]
}

func (g *gen) node(n hemigraph.Node) {
	if g.ids[n.ID] {
		panic("corpus: duplicate id " + n.ID)
	}
	g.ids[n.ID] = true
	g.c.Nodes = append(g.c.Nodes, n)
}

func (g *gen) edge(from, to string, t hemigraph.RelType, verb, evidence string) *hemigraph.Edge {
	g.c.Edges = append(g.c.Edges, hemigraph.Edge{From: from, To: to, Type: t, Verb: verb,
		Provenance: hemigraph.Provenance{Source: g.source(from), Evidence: evidence}})
	return &g.c.Edges[len(g.c.Edges)-1]
}

// unique returns id, or id with a counter appended when id is taken.
func (g *gen) unique(id string) string {
	if !g.ids[id] {
		return id
	}
	for i := 2; ; i++ {
		if s := id + "-" + strconv.Itoa(i); !g.ids[s] {
			return s
		}
	}
}

func (g *gen) source(id string) string {
	return "synthetic://hemigraph-bench/seed-" + strconv.FormatUint(g.cfg.Seed, 10) + "/" + id
}

func (g *gen) title() string {
	return prefixes[g.rng.IntN(len(prefixes))] + topics[g.rng.IntN(len(topics))]
}

// date returns a day of year, in month when month is not 0.
func (g *gen) date(year, month int) string {
	if month == 0 {
		month = 1 + g.rng.IntN(12)
	}
	return fmt.Sprintf("%d-%02d-%02d", year, month, 1+g.rng.IntN(28))
}

func (g *gen) place() string { return cityName(cities[g.rng.IntN(len(cities))]) }

func cityName(slug string) string {
	w := strings.Split(slug, "-")
	for i, s := range w {
		if s != "of" {
			w[i] = strings.ToUpper(s[:1]) + s[1:]
		}
	}
	return strings.Join(w, " ")
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}
