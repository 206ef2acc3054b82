// Command hemigraph loads OAS hemispheric-security instruments into Neo4j
// and serves them as a GraphQL knowledge graph.
//
//	hemigraph serve [flags]          serve GraphiQL and the GraphQL API
//	hemigraph load [flags] PATH...   load bulk files and documents into the graph
//	hemigraph parse [flags] FILE...  show what documents would load, without Neo4j
//	hemigraph eval [flags] DIR GOLD  measure the document reader against a gold file
//	hemigraph token new [flags] NAME make a bearer token for the API
//
// Neo4j is reached through NEO4J_URI (default bolt://127.0.0.1:7687),
// NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, errReported) {
			fmt.Fprintln(os.Stderr, "hemigraph:", err)
		}
		os.Exit(1)
	}
}

// errReported is returned by a command that already told the user what went
// wrong.
var errReported = errors.New("reported")

const usage = `usage: hemigraph COMMAND [flags] [args]

commands:
  serve   serve GraphiQL at / and the GraphQL API at /graphql
  load    load bulk files (JSON Lines, CSV) and documents (.txt, .html) into the graph
  loads   list the recorded loads, or show one and what it wrote
  load-undo  revert a recorded load
  parse   print what documents would load, and how their references resolve, without Neo4j
  eval    measure the document reader against a gold file
  token   make a bearer token: 'token new -scope write NAME' prints its secret once

Run 'hemigraph COMMAND -h' for a command's flags.
Neo4j: NEO4J_URI (default bolt://127.0.0.1:7687), NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE.
`

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errReported
	}
	env := environment{getenv: getenv, stdout: stdout, stderr: stderr}
	switch args[0] {
	case "serve":
		return serve(ctx, env, args[1:])
	case "load":
		return load(ctx, env, args[1:])
	case "loads":
		return loadsCmd(ctx, env, args[1:])
	case "load-undo":
		return loadUndoCmd(ctx, env, args[1:])
	case "parse":
		return parseCmd(env, args[1:])
	case "eval":
		return evalCmd(env, args[1:])
	case "token":
		return tokenCmd(env, args[1:])
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprintf(stderr, "hemigraph: unknown command %q\n\n%s", args[0], usage)
		return errReported
	}
}
