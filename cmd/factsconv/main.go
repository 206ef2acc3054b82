// Command factsconv converts a facts file (nodes and edges lists in JSON, as
// in the shared OAS facts) into hemigraph's JSON Lines bulk format.
//
//	go run ./cmd/factsconv ../shared/data/oas-facts.json > data/corpus/oas-facts.jsonl
package main

import (
	"bufio"
	"fmt"
	"os"

	"github.com/hemigraph/hemigraph/loader"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "factsconv:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: factsconv FACTS.json > OUT.jsonl")
	}
	f, err := os.Open(args[0])
	if err != nil {
		return err
	}
	defer f.Close()
	nodes, edges, err := loader.ConvertFacts(f)
	if err != nil {
		return fmt.Errorf("%s: %w", args[0], err)
	}
	w := bufio.NewWriter(os.Stdout)
	if err := loader.WriteJSONL(w, nodes, edges); err != nil {
		return err
	}
	return w.Flush()
}
