package server

import (
	"context"
	"crypto/sha256"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/lexer"
	"github.com/vektah/gqlparser/v2/parser"
)

// Limits bound the shape of an operation. They are checked on the parsed
// document before it is validated against the schema, so that an abusive
// document costs the server a parse and nothing more.
type Limits struct {
	MaxTokens     int  // lexical tokens of the document
	MaxDepth      int  // nesting of selection sets, fragments followed
	MaxAliases    int  // aliased fields of the operation, fragments followed
	MaxRootFields int  // fields of the operation's root selection set
	Introspection bool // allow __schema and __type
}

// limitsExtension enforces Limits. It is a gqlgen operation parameter
// mutator, so it runs after automatic persisted queries have supplied the
// query text and before gqlgen parses and validates it.
type limitsExtension struct {
	Limits
	passed *lru.LRU[struct{}] // hashes of documents that passed, by operation
}

var _ interface {
	graphql.OperationParameterMutator
	graphql.HandlerExtension
} = limitsExtension{}

func newLimitsExtension(l Limits) limitsExtension {
	return limitsExtension{Limits: l, passed: lru.New[struct{}](1000)}
}

// ExtensionName implements graphql.HandlerExtension.
func (limitsExtension) ExtensionName() string { return "Limits" }

// Validate implements graphql.HandlerExtension.
func (limitsExtension) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters implements graphql.OperationParameterMutator:
// it refuses documents over a limit with a coded error.
func (e limitsExtension) MutateOperationParameters(ctx context.Context, raw *graphql.RawParams) *gqlerror.Error {
	if raw.Query == "" {
		return nil // gqlgen reports the missing query
	}
	sum := sha256.Sum256([]byte(raw.OperationName + "\x00" + raw.Query))
	key := string(sum[:])
	if _, ok := e.passed.Get(ctx, key); ok {
		return nil
	}
	if err := e.check(raw.Query, raw.OperationName); err != nil {
		return err
	}
	e.passed.Add(ctx, key, struct{}{})
	return nil
}

func limitError(code, format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	errcode.Set(err, code)
	return err
}

// check applies the limits to a document. A document that does not parse
// passes: gqlgen's parser reports it.
func (e limitsExtension) check(query, operationName string) *gqlerror.Error {
	if e.MaxTokens > 0 {
		if n := countTokens(query, e.MaxTokens); n > e.MaxTokens {
			return limitError(CodeTokenLimit, "the document has more than %d tokens", e.MaxTokens)
		}
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		return nil
	}
	op := operation(doc, operationName)
	if op == nil {
		return nil
	}
	w := walker{doc: doc, fragments: map[string]*shape{}}
	root := w.selectionShape(op.SelectionSet)
	if e.MaxRootFields > 0 && root.fields > e.MaxRootFields {
		return limitError(CodeRootFieldLimit, "the operation has %d root fields, more than %d", root.fields, e.MaxRootFields)
	}
	if e.MaxAliases > 0 && root.aliases > e.MaxAliases {
		return limitError(CodeAliasLimit, "the operation has %d aliases, more than %d", root.aliases, e.MaxAliases)
	}
	if e.MaxDepth > 0 && root.depth > e.MaxDepth {
		return limitError(CodeDepthLimit, "the operation is %d levels deep, more than %d", root.depth, e.MaxDepth)
	}
	if !e.Introspection && root.introspects {
		return limitError(CodeIntrospectionDisabled, "introspection is disabled on this server")
	}
	return nil
}

// countTokens counts the lexical tokens of query, stopping once past max.
func countTokens(query string, max int) int {
	l := lexer.New(&ast.Source{Input: query})
	n := 0
	for n <= max {
		tok, err := l.ReadToken()
		if err != nil || tok.Kind == lexer.EOF {
			break
		}
		n++
	}
	return n
}

// operation returns the operation a request runs, or nil when it is
// ambiguous or missing (gqlgen reports it).
func operation(doc *ast.QueryDocument, name string) *ast.OperationDefinition {
	if name == "" && len(doc.Operations) == 1 {
		return doc.Operations[0]
	}
	if name == "" {
		return nil
	}
	return doc.Operations.ForName(name)
}

// shape measures a selection set: its depth, the fields at its root (spread
// fragments included), the aliases within it counted once per use, and
// whether it asks for introspection at its root.
type shape struct {
	depth, fields, aliases int
	introspects            bool
}

// walker measures selection sets, each fragment once: a fragment spread
// many times is measured once and counted as many times, so that a
// document of fragments spreading fragments cannot make the walk
// exponential.
type walker struct {
	doc       *ast.QueryDocument
	fragments map[string]*shape // measured, or being measured (cycle)
}

// saturating bound for counts multiplied by fragment reuse.
const countCap = 1 << 30

func (w *walker) selectionShape(set ast.SelectionSet) shape {
	var s shape
	for _, sel := range set {
		var sub shape
		switch x := sel.(type) {
		case *ast.Field:
			s.fields = min(s.fields+1, countCap)
			if x.Alias != "" && x.Alias != x.Name {
				s.aliases = min(s.aliases+1, countCap)
			}
			if x.Name == "__schema" || x.Name == "__type" {
				s.introspects = true
				// Introspection has its own nesting rule (gqlparser's
				// MaxIntrospectionDepth); count it as one level.
				s.depth = max(s.depth, 1)
				continue
			}
			inner := w.selectionShape(x.SelectionSet)
			s.aliases = min(s.aliases+inner.aliases, countCap)
			s.depth = max(s.depth, inner.depth+1)
			continue
		case *ast.InlineFragment:
			sub = w.selectionShape(x.SelectionSet)
		case *ast.FragmentSpread:
			sub = w.fragmentShape(x.Name)
		}
		s.fields = min(s.fields+sub.fields, countCap)
		s.aliases = min(s.aliases+sub.aliases, countCap)
		s.depth = max(s.depth, sub.depth)
		s.introspects = s.introspects || sub.introspects
	}
	return s
}

func (w *walker) fragmentShape(name string) shape {
	if s, ok := w.fragments[name]; ok {
		return *s // measured, or a cycle (validation refuses it)
	}
	f := w.doc.Fragments.ForName(name)
	if f == nil {
		return shape{}
	}
	w.fragments[name] = &shape{}
	s := w.selectionShape(f.SelectionSet)
	w.fragments[name] = &s
	return s
}
