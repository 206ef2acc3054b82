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
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/hemigraph/hemigraph"
)

// MaxSize is the largest document Read accepts, in bytes.
const MaxSize = 16 << 20

// Clause kinds.
const (
	Preambular = "preambular"
	Operative  = "operative"
)

// How a clause got its verb (Clause.VerbFrom).
const (
	VerbInherited = "inherited" // from the lead-in clause above ("CONSIDERING:")
	VerbImplied   = "implied"   // no verb printed: CONSIDERING by OAS usage
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
	// Symbol is the canonical printed symbol: "AG/RES. 1412 (XXVI-O/96)".
	Symbol string `json:"symbol"`
	// ID is the canonical graph id of the document: "ag-res-1412-xxvi-o-96".
	ID string `json:"id"`
	// Kind is the kind of instrument, from the symbol.
	Kind hemigraph.Kind `json:"kind"`
	// Title is the title printed between the symbol and the clauses, if any,
	// without enclosing quotes.
	Title string `json:"title,omitempty"`
	// Body is the id of the issuing body, from the symbol's series.
	Body string `json:"body"`
	// Session is the session (or council meeting) named in the symbol.
	Session *SessionInfo `json:"session,omitempty"`
	// Plenary is the number of the plenary session that adopted the
	// document, from its adoption line: 8 for "eighth plenary session".
	Plenary int `json:"plenary,omitempty"`
	// Date is the adoption date, YYYY-MM-DD, from the adoption line.
	Date string `json:"date,omitempty"`
	// Language is the language of the text: "en", "es", "fr" or "pt".
	Language string `json:"language"`
	// Clauses are the preambular and operative clauses, in order.
	Clauses []Clause `json:"clauses"`
	// Warnings note oddities of layout that did not stop the reading, each
	// with its line number.
	Warnings []string `json:"warnings,omitempty"`
	// Text is the normalized text of the document, from its symbol line to
	// its last clause: page furniture dropped, white space collapsed within
	// lines, one blank line between paragraphs. Clause offsets index it.
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

// Clause is one preambular or operative paragraph.
type Clause struct {
	// Index is the position of the clause in the document, from 1.
	Index int `json:"index"`
	// Kind is Preambular or Operative.
	Kind string `json:"kind"`
	// Number is the printed number of an operative paragraph; 0 for the
	// preamble.
	Number int `json:"number,omitempty"`
	// Verb is the clause verb in upper case, in the document's language: a
	// preamble verb as printed ("RECALLING", "NOTING ALSO", "TOMANDO NOTA"),
	// or the infinitive phrase of an operative paragraph without adverbs
	// ("TO CONVENE", "TO EXPRESS ITS APPRECIATION", "ENCOMENDAR").
	Verb string `json:"verb,omitempty"`
	// VerbEN is Verb in English when it is known: "RECALLING" for
	// "RECORDANDO", "TO INSTRUCT" for "ENCOMENDAR".
	VerbEN string `json:"verbEn,omitempty"`
	// VerbFrom is "" when the verb is printed in the clause, VerbInherited
	// or VerbImplied otherwise.
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
	// Acronym is an acronym printed in parentheses after the name.
	Acronym string `json:"acronym,omitempty"`
	// EntityKind is the best guess at what is referred to.
	EntityKind hemigraph.Kind `json:"entityKind"`
	// Relation is how the document relates to it: RelCites in the preamble;
	// in an operative clause RelConvenes, RelInstructs, RelRequests or
	// RelEstablishes for the object of "To convene", "To instruct", "To
	// request", "To establish", and RelMentions for everything else.
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
	// FollowsUp names the conference a convened conference follows up, when
	// its description says so.
	FollowsUp string `json:"followsUp,omitempty"`
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

// Read reads one OAS document from r. It sniffs whether the bytes are HTML
// or plain text, decodes them (UTF-8, UTF-16 with a byte-order mark, the
// charset declared by an HTML meta tag, else Windows-1252 when they are not
// valid UTF-8), drops page furniture, and returns the document's symbol,
// adoption, clauses and references. source names the document in the
// result and in errors.
//
// Read returns the error of r wrapped with source, or an *Error naming
// source and a line for input that is empty, binary, larger than MaxSize,
// or has no document symbol.
func Read(r io.Reader, source string) (*Document, error) {
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
	return parse(source, lines)
}

// readAll reads up to MaxSize+1 bytes of r, in one buffer when r tells
// its length.
func readAll(r io.Reader) ([]byte, error) {
	if l, ok := r.(interface{ Len() int }); ok && l.Len() <= MaxSize {
		buf := bytes.NewBuffer(make([]byte, 0, l.Len()+1))
		_, err := buf.ReadFrom(io.LimitReader(r, MaxSize+1))
		return buf.Bytes(), err
	}
	return io.ReadAll(io.LimitReader(r, MaxSize+1))
}

// lineError is an error at a line of the input, before the source is known.
type lineError struct {
	line   int
	reason string
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.reason) }
