// Package gqlserial marshals the lists of a GraphQL answer in place when
// nothing selected in their elements runs a resolver of its own.
//
// gqlgen's generated code marshals every list of objects by starting one
// goroutine per element (graphql.MarshalSliceConcurrently), whatever the
// element's fields: for the plain struct fields most answers select, the
// goroutines, their stacks and their wait cost more than the marshalling.
// The project's generator (internal/gqlgen) makes the generated code call
// Lists.Marshal instead, with the fields of each type whose resolvers run
// apart; Marshal walks the selection once and marshals the elements one
// after the other unless some selected field, at any depth, is such a
// field, in which case it hands the list to gqlgen's concurrent marshalling
// as before (those resolvers may wait on the database, and should wait
// together).
package gqlserial

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// Lists decides, per selection, how a list is marshalled.
type Lists struct {
	// concurrent: type name -> fields whose resolvers run on goroutines of
	// their own. An interface lists the fields any of its implementations
	// resolves so.
	concurrent map[string]map[string]bool
}

// New returns Lists for the concurrent fields of each type (type name ->
// field names).
func New(concurrent map[string][]string) *Lists {
	l := &Lists{concurrent: map[string]map[string]bool{}}
	for t, fields := range concurrent {
		set := map[string]bool{}
		for _, f := range fields {
			set[f] = true
		}
		l.concurrent[t] = set
	}
	return l
}

// Marshal marshals the n elements of a list of typ, selected by sel, with
// marshal: in place when Serial(sel, typ), else as gqlgen does.
func (l *Lists) Marshal(ctx context.Context, sel ast.SelectionSet, typ string, n int,
	marshal func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	if n <= 1 || !l.Serial(sel, typ) {
		return graphql.MarshalSliceConcurrently(ctx, n, 0, false, marshal)
	}
	ret := make(graphql.Array, n)
	for i := range n {
		ret[i] = marshalOne(ctx, i, marshal)
	}
	return ret
}

// marshalOne marshals element i as gqlgen marshals the only element of a
// list: in its own field context, a panic reported as the element's error.
func marshalOne(ctx context.Context, i int, marshal func(ctx context.Context, i int) graphql.Marshaler) (m graphql.Marshaler) {
	index := i
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &index})
	defer func() {
		if r := recover(); r != nil {
			graphql.AddError(ctx, graphql.Recover(ctx, r))
			m = graphql.Null
		}
	}()
	return marshal(ctx, i)
}

// Serial reports whether nothing in sel, a selection on typ, at any depth,
// is a field resolved on a goroutine of its own or a deferred fragment. It
// walks the selection each time (a few map lookups a field): a cache keyed
// by selection would grow with every distinct operation sent.
func (l *Lists) Serial(sel ast.SelectionSet, typ string) bool {
	return everyField(sel, typ, func(typ string, f *ast.Field) (string, bool) {
		if l.concurrent[typ][f.Name] {
			return "", false
		}
		if len(f.SelectionSet) == 0 {
			return "", true
		}
		if f.Definition == nil || f.Definition.Type == nil {
			return "", false // not validated: take no chance
		}
		return f.Definition.Type.Name(), true
	}, func(ds ast.DirectiveList) bool { return !deferred(ds) })
}

// everyField reports whether field holds for every field in sel, a
// selection on typ, at any depth, and fragment for the directives of every
// fragment. field returns, besides, the named type of the field's own
// selection, which is walked in turn.
func everyField(sel ast.SelectionSet, typ string, field func(typ string, f *ast.Field) (string, bool), fragment func(ast.DirectiveList) bool) bool {
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			next, ok := field(typ, s)
			if !ok || len(s.SelectionSet) > 0 && !everyField(s.SelectionSet, next, field, fragment) {
				return false
			}
		case *ast.InlineFragment:
			t := s.TypeCondition
			if t == "" {
				t = typ
			}
			if !fragment(s.Directives) || !everyField(s.SelectionSet, t, field, fragment) {
				return false
			}
		case *ast.FragmentSpread:
			if s.Definition == nil || !fragment(s.Directives) ||
				!everyField(s.Definition.SelectionSet, s.Definition.TypeCondition, field, fragment) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func deferred(ds ast.DirectiveList) bool { return ds.ForName("defer") != nil }
