package gqlserial

import (
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// Plain decides whether an object can be marshalled straight from its
// struct: whether every field selected in it, at any depth, is plain — a
// struct field of the model, without arguments, resolver or directive —
// and nothing is deferred. The project's generator (internal/gqlgen) writes
// the table of plain fields and, for each object type, the function that
// marshals it so; gqlgen's marshalling of the type asks Fields first.
//
// What the plain path leaves out is what only resolvers and errors need: a
// field context and a context.Context per field, the field middleware, a
// recover per field, and a deferred group, which computes the object's path,
// per object. A plain selection runs no resolver and the plain path
// reports no error: where a value the schema requires is missing, the
// generated function gives up and gqlgen's own path marshals the object.
type Plain struct {
	// fields: type name -> plain field -> the field's named type when it
	// is an object, an interface or a union, else "". An interface lists
	// the fields plain, with the same type, on every implementation.
	fields map[string]map[string]string
}

// NewPlain returns Plain for the table of plain fields (see Plain.fields).
func NewPlain(fields map[string]map[string]string) *Plain {
	return &Plain{fields: fields}
}

// Fields reports whether fields, collected on an object of type typ, and
// everything selected under them are plain.
func (p *Plain) Fields(fields []graphql.CollectedField, typ string) bool {
	for _, f := range fields {
		if len(f.Deferrables) > 0 {
			return false
		}
		next, ok := p.field(typ, f.Field)
		if !ok || next != "" && !p.Selection(f.Selections, next) {
			return false
		}
	}
	return true
}

// Selection reports whether everything in sel, a selection on typ, at any
// depth, is plain. It reads the selection as written: a field under
// @include(if: false), or in a fragment on another type, counts too.
func (p *Plain) Selection(sel ast.SelectionSet, typ string) bool {
	return everyField(sel, typ, p.field, onlyConditions)
}

// field reports whether f, a field of typ, is plain, and returns the named
// type of its own selection ("" for a leaf).
func (p *Plain) field(typ string, f *ast.Field) (string, bool) {
	if f.Name == "__typename" {
		return "", true
	}
	next, ok := p.fields[typ][f.Name]
	return next, ok && len(f.Arguments) == 0 && onlyConditions(f.Directives)
}

// onlyConditions reports whether ds holds no directive but @include and
// @skip, which graphql.CollectFields applies.
func onlyConditions(ds ast.DirectiveList) bool {
	for _, d := range ds {
		if d.Name != "include" && d.Name != "skip" {
			return false
		}
	}
	return true
}
