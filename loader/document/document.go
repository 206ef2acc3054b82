// Package document reads one OAS document — a resolution, a declaration or
// a report, as plain text or as an HTML page — into a Document: its symbol,
// issuing body, session, adoption line, and its clauses, each with the
// instruments, conferences and bodies it refers to and how.
//
// It is a pure reader: it does no I/O beyond the io.Reader it is given,
// takes no context and knows nothing of the store. Mapping the names it
// finds to graph nodes is the loader's entity resolver's job.
//
// Layout rules the reader follows:
//
//   - Everything before the symbol line is page furniture and is dropped;
//     so is everything from the first menu-like paragraph (a run of short
//     capitalized words without sentence punctuation), separator or
//     restarted numbering (footnotes) after the clauses.
//   - A preambular clause starts at an upper-case verb phrase ("RECALLING",
//     "NOTING ALSO", "TENIENDO EN CUENTA", "PRENANT NOTE", ...). A paragraph
//     opening with "That"/"Que" is a clause of its own: it inherits the verb
//     of the clause above when that clause is a lead-in ending with ':'
//     ("CONSIDERING:"), and otherwise takes the implied verb CONSIDERING,
//     as OAS usage has it for a run of "That" paragraphs whose heading is
//     missing (VerbFrom says which).
//   - "RESOLVES:" (RESUELVE, DÉCIDE, RESOLVE, DECLARES, ...) or a paragraph
//     numbered 1 starts the operative part; each numbered paragraph is an
//     operative clause.
package document

import (
	"errors"
	"fmt"
	"io"

	"github.com/hemigraph/hemigraph"
)

// MaxSize is the largest document Read accepts, in bytes.
const MaxSize = 16 << 20

// Clause kinds.
const (
	Preambular = "preambular" // a preamble paragraph: RECALLING ..., That ...
	Operative  = "operative"  // an operative paragraph: 1. To convene ...
	Paragraph  = "paragraph"  // a paragraph without a clause verb: a report's or a page's prose
	Heading    = "heading"    // a heading within the body: CHAPTER 1, ANNEX
	Title      = "title"      // the document's title, clause 0
)

// How a clause got its verb (Clause.VerbFrom).
const (
	VerbInherited = "inherited" // from the lead-in clause above ("CONSIDERING:")
	VerbImplied   = "implied"   // no verb printed: CONSIDERING by OAS usage
)

// Where a document's identity came from (Document.IdentityFrom).
const (
	IdentityGiven   = "given"   // Identity.Symbol or Identity.ID
	IdentityPrinted = "printed" // the symbol line of the text
	IdentityName    = "name"    // a symbol in the file name or URL
	IdentityURL     = "url"     // the URL of a web page without a symbol
)

// Reference kinds.
const (
	RefSymbol = "symbol" // a document symbol such as AG/RES. 1237 (XXIII-O/93)
	RefName   = "name"   // a named declaration, convention, conference or body
)

// Document is what Read finds in one document.
type Document struct {
	// Source names where the document was read from, as given to Read.
	Source string `json:"source"`
	// Symbol is the canonical printed symbol: "AG/RES. 1412 (XXVI-O/96)";
	// "" for a document known by its id or URL only.
	Symbol string `json:"symbol,omitempty"`
	// ID is the canonical graph id of the document: "ag-res-1412-xxvi-o-96".
	ID string `json:"id"`
	// IdentityFrom says where the identity came from: IdentityGiven,
	// IdentityPrinted, IdentityName or IdentityURL.
	IdentityFrom string `json:"identityFrom"`
	// Kind is the kind of instrument, from the symbol or the identity.
	Kind hemigraph.Kind `json:"kind"`
	// Title is the title printed between the symbol and the clauses (or,
	// without a symbol line, the heading above the body), without enclosing
	// quotes.
	Title string `json:"title,omitempty"`
	// Body is the id of the issuing body, from the symbol's series; "" for
	// a document without a symbol.
	Body string `json:"body,omitempty"`
	// Session is the session (or council meeting) named in the symbol.
	Session *SessionInfo `json:"session,omitempty"`
	// Plenary is the number of the plenary session that adopted the
	// document, from its adoption line: 8 for "eighth plenary session".
	Plenary int `json:"plenary,omitempty"`
	// Date is the adoption date, YYYY-MM-DD, from the adoption line.
	Date string `json:"date,omitempty"`
	// Language is the language of the text: "en", "es", "fr" or "pt".
	Language string `json:"language"`
	// Clauses are the parts of the text that may state references, in
	// order: the title (index 0, when there is one), then the preambular and
	// operative clauses, the paragraphs of a text without clauses, and the
	// headings of the body.
	Clauses []Clause `json:"clauses"`
	// Warnings note oddities of layout that did not stop the reading, each
	// with its line number.
	Warnings []string `json:"warnings,omitempty"`
	// Header are the parts of the text read as the document's header: its
	// symbol, title, adoption, enacting and classification lines.
	Header []Span `json:"header,omitempty"`
	// Skipped are the parts of the text that ended in no clause and no
	// header — page furniture, navigation, lists of other documents — each
	// with why.
	Skipped []Span `json:"skipped,omitempty"`
	// Text is the normalized text of the whole input: white space collapsed
	// within lines, one blank line between paragraphs. The offsets of
	// clauses, header parts and skipped parts index it; together they
	// account for every line of it.
	Text string `json:"text"`
}

// Clause returns the clause with the given index, or nil.
func (d *Document) Clause(index int) *Clause {
	for i := range d.Clauses {
		if d.Clauses[i].Index == index {
			return &d.Clauses[i]
		}
	}
	return nil
}

// Span is a part of a document's text that is not a clause.
type Span struct {
	// Kind says what the part is (header) or why it was skipped.
	Kind string `json:"kind"`
	// Line is the line of the source on which the part starts.
	Line int `json:"line"`
	// Start and End are the byte offsets of the part in Document.Text.
	Start int `json:"start"`
	End   int `json:"end"`
	// Text is the part's text, line breaks as spaces.
	Text string `json:"text"`
}

// SessionInfo is the session of a document's symbol with its name in words.
type SessionInfo struct {
	hemigraph.SessionRef
	// Ordinal is the session in words: "twenty-sixth regular session".
	Ordinal string `json:"ordinal"`
	// ID is the graph id of a General Assembly session,
	// "ga-26th-regular-session-1996"; empty for other sittings.
	ID string `json:"id,omitempty"`
}

// Clause is one part of a document's text that may state references: a
// preambular or operative clause, a paragraph, a heading, or the title.
type Clause struct {
	// Index is the position of the clause in the document, from 1; the
	// title is clause 0.
	Index int `json:"index"`
	// Kind is Preambular, Operative, Paragraph, Heading or Title.
	Kind string `json:"kind"`
	// Number is the number of an operative paragraph (printed, or counted
	// when the paragraphs are not numbered) or the printed number of a
	// numbered paragraph; 0 for the preamble.
	Number int `json:"number,omitempty"`
	// Item is the label of a sub-item ("a", "ii", "-" for a bullet); the
	// sub-item inherits the kind, number and verb of the clause above it.
	Item string `json:"item,omitempty"`
	// Verb is the clause verb in upper case, in the document's language: a
	// preamble verb as printed ("RECALLING", "NOTING ALSO", "TOMANDO NOTA"),
	// or the infinitive phrase of an operative paragraph without adverbs
	// ("TO CONVENE", "TO EXPRESS ITS APPRECIATION", "ENCOMENDAR").
	Verb string `json:"verb,omitempty"`
	// VerbEN is Verb in English when it is known: "RECALLING" for
	// "RECORDANDO", "TO INSTRUCT" for "ENCOMENDAR".
	VerbEN string `json:"verbEn,omitempty"`
	// VerbFrom is "" when the verb is printed in the clause, VerbInherited
	// or VerbImplied otherwise. Paragraphs, headings and the title have no
	// verb.
	VerbFrom string `json:"verbFrom,omitempty"`
	// Line is the line of the source on which the clause starts.
	Line int `json:"line"`
	// Text is the clause text: Document.Text[Start:End] with line breaks as
	// spaces, without the paragraph number of an operative clause.
	Text string `json:"text"`
	// Start and End are the byte offsets of Text in Document.Text.
	Start int `json:"start"`
	End   int `json:"end"`
	// References are the instruments, conferences and bodies the clause
	// refers to, in order of appearance, each at most once.
	References []Reference `json:"references,omitempty"`
}

// Reference is something a clause refers to: a document by its symbol, or
// a declaration, convention, conference, meeting or body by name.
type Reference struct {
	// Kind is RefSymbol or RefName.
	Kind string `json:"kind"`
	// Symbol and ID are the canonical symbol and graph id of a symbol
	// reference. A combined citation ("AG/RES. 1284 e 1288 (XXIV-O/94)") or
	// a range gives one reference per instrument, all spanning the citation.
	Symbol string `json:"symbol,omitempty"`
	ID     string `json:"id,omitempty"`
	// QuotedTitle is the quoted title printed after a cited symbol, without
	// quotes and trailing punctuation.
	QuotedTitle string `json:"quotedTitle,omitempty"`
	// Name is the name as printed for a named reference: "Santiago Regional
	// Conference on Confidence- and Security-Building Measures". For the
	// thing an operative paragraph convenes it may be a description ("regional
	// conference to follow up on the Santiago Regional Conference ...").
	Name string `json:"name,omitempty"`
	// Full is the name in full when the text shares it among coordinated
	// names: "Declaration of San Salvador on Confidence- and
	// Security-Building Measures" for "the Declarations of Santiago and San
	// Salvador on Confidence- and Security-Building Measures", whose
	// references both span the whole phrase.
	Full string `json:"full,omitempty"`
	// Acronym is an acronym printed in parentheses after the name.
	Acronym string `json:"acronym,omitempty"`
	// EntityKind is the best guess at what is referred to.
	EntityKind hemigraph.Kind `json:"entityKind"`
	// Relation is how the document relates to it: RelCites in the preamble;
	// in an operative clause RelConvenes, RelInstructs, RelRequests or
	// RelEstablishes for the object of "To convene", "To instruct", "To
	// request", "To establish", and RelMentions for everything else,
	// including every reference of a paragraph, heading or title.
	Relation hemigraph.RelType `json:"relation"`
	// Through names the body through which an instructed or requested body
	// is to act: "Committee on Hemispheric Security" in "To instruct the
	// Permanent Council to undertake, through its Committee on Hemispheric
	// Security, ...".
	Through string `json:"through,omitempty"`
	// PartOf names the body a possessive makes this one part of:
	// "Permanent Council" for "the Permanent Council's Committee on
	// Hemispheric Security", whose Name is "Committee on Hemispheric
	// Security". The owner is not a reference of its own.
	PartOf string `json:"partOf,omitempty"`
	// Within is true for an instrument named inside the name of a body or
	// conference: the treaty in "the Organ of Consultation in Application
	// of the Inter-American Treaty of Reciprocal Assistance".
	Within bool `json:"within,omitempty"`
	// FollowsUp names the conference a convened conference follows up, when
	// its description says so.
	FollowsUp string `json:"followsUp,omitempty"`
	// Year is the year the text gives the thing itself: "held in Santiago
	// in November 1995", "of October 7 and 8, 1996", "(1995)". It picks
	// among things of one name.
	Year int `json:"year,omitempty"`
	// Session is the session a session reference names ("the twenty-sixth
	// regular session of the General Assembly").
	Session *SessionSpec `json:"session,omitempty"`
	// Start and End are byte offsets in the clause's Text: the citation of a
	// symbol reference (without its quoted title), the name of a named one.
	Start int `json:"start"`
	End   int `json:"end"`
}

// Error is the error Read returns for a document it cannot read. It wraps
// hemigraph.ErrInvalid.
type Error struct {
	Source string // as given to Read
	Line   int    // line of the source, from 1
	Reason string
}

// Error implements error: "seed.txt:1: no document symbol found".
func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.Source, e.Line, e.Reason) }

// Unwrap makes errors.Is(err, hemigraph.ErrInvalid) hold.
func (e *Error) Unwrap() error { return hemigraph.ErrInvalid }

// Identity is what is known of a document from outside its text: given on
// the command line, by a manifest, or by where it was fetched. Every field
// is optional.
type Identity struct {
	// Symbol is the document's symbol in any printed variant. It names the
	// document even when its text prints another symbol first.
	Symbol string `json:"symbol,omitempty"`
	// ID is the document's graph id, for a document without a symbol.
	ID string `json:"id,omitempty"`
	// Kind is the kind of instrument; Report when nothing says.
	Kind hemigraph.Kind `json:"kind,omitempty"`
	// Title is the document's title when its text prints none.
	Title string `json:"title,omitempty"`
	// Date is the document's date (YYYY, YYYY-MM or YYYY-MM-DD) when its
	// text prints none.
	Date string `json:"date,omitempty"`
	// Language is the language of the text, en, es, fr or pt; guessed when
	// empty.
	Language string `json:"language,omitempty"`
	// URL is where the document was fetched from. A symbol in it or in the
	// file name ("AGRes1495eng.htm", "Res-1409.htm") names the document
	// when its text prints none; without one, a web page is named by its
	// URL.
	URL string `json:"url,omitempty"`
}

// Read reads one OAS document from r, as ReadAs with no identity.
func Read(r io.Reader, source string) (*Document, error) {
	return ReadAs(r, source, Identity{})
}

// ReadAs reads one OAS document from r. It sniffs whether the bytes are HTML
// or plain text, decodes them (UTF-8, UTF-16 with a byte-order mark, the
// charset declared by an HTML meta tag, else Windows-1252 when they are not
// valid UTF-8), drops page furniture, and returns the document's symbol,
// adoption, clauses and references. source names the document in the
// result and in errors.
//
// The document's identity is, in order: id's Symbol (or ID); the symbol
// line of the text; a symbol in the file name or URL, completed by the year
// of the adoption line or of the URL; the URL of a web page. Every line of
// the input ends in a clause, in the header, or in Skipped with why.
//
// ReadAs returns the error of r wrapped with source, or an *Error naming
// source and a line for input that is empty, binary, larger than MaxSize,
// whose identity id gives wrongly, or whose identity nothing gives.
func ReadAs(r io.Reader, source string, id Identity) (*Document, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", source, err)
	}
	if len(data) > MaxSize {
		return nil, &Error{source, 1, fmt.Sprintf("document larger than %d bytes", MaxSize)}
	}
	lines, err := decodeLines(data)
	if e := (*lineError)(nil); errors.As(err, &e) {
		return nil, &Error{source, e.line, e.reason}
	} else if err != nil {
		return nil, fmt.Errorf("decode %s: %w", source, err)
	}
	return parse(source, lines, id)
}

// readAll reads up to MaxSize+1 bytes of r, in one buffer when r tells
// its length.
func readAll(r io.Reader) ([]byte, error) {
	if l, ok := r.(interface{ Len() int }); ok && l.Len() <= MaxSize {
		// A reader that knows its length (bytes.Reader, strings.Reader)
		// is read in one allocation.
		b := make([]byte, l.Len())
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, err
		}
		return b, nil
	}
	return io.ReadAll(io.LimitReader(r, MaxSize+1))
}

// lineError is an error at a line of the input, before the source is known.
type lineError struct {
	line   int
	reason string
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.reason) }
