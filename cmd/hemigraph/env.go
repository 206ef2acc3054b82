package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/loader/document"
	"github.com/hemigraph/hemigraph/neo4jstore"
)

// environment is what a command gets from the process.
type environment struct {
	getenv func(string) string
	stdout io.Writer
	stderr io.Writer
}

func (e environment) get(key, def string) string {
	if v := e.getenv(key); v != "" {
		return v
	}
	return def
}

// commonFlags are the flags every command shares.
type commonFlags struct {
	logFormat string
	logLevel  string
}

func (c *commonFlags) register(fs *flag.FlagSet, env environment) {
	fs.StringVar(&c.logFormat, "log-format", env.get("HEMIGRAPH_LOG_FORMAT", "text"), "log format: text or json")
	fs.StringVar(&c.logLevel, "log-level", env.get("HEMIGRAPH_LOG_LEVEL", "info"), "log level: debug, info, warn or error")
}

func (c *commonFlags) logger(w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.logLevel)); err != nil {
		return nil, fmt.Errorf("flag -log-level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch c.logFormat {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("flag -log-format: %q is neither text nor json", c.logFormat)
}

// neo4jConfig reads the Neo4j settings from the environment.
func neo4jConfig(env environment) neo4jstore.Config {
	return neo4jstore.Config{
		URI:       env.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
		User:      env.getenv("NEO4J_USER"),
		Password:  env.getenv("NEO4J_PASSWORD"),
		Database:  env.getenv("NEO4J_DATABASE"),
		TxTimeout: 30 * time.Second,
	}
}

// openStore connects to Neo4j and makes sure the schema exists.
func openStore(ctx context.Context, env environment, log *slog.Logger) (*neo4jstore.Store, error) {
	cfg := neo4jConfig(env)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	store, err := neo4jstore.Open(ctx, cfg, log)
	if err != nil {
		return nil, fmt.Errorf("%w (is Neo4j running? start the project's own with scripts/neo4j.sh start, or set NEO4J_URI)", err)
	}
	if err := store.EnsureSchema(ctx); err != nil {
		store.Close(context.Background())
		return nil, err
	}
	log.Info("connected to neo4j", "uri", cfg.URI, "database", cfg.Database)
	return store, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// identityFlags name the one document a parse or load reads when neither
// its text, its file name nor a manifest does.
type identityFlags struct {
	id document.Identity
}

func (f *identityFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.id.Symbol, "symbol", "", "the document's symbol, for one document whose text prints none (or another first)")
	fs.StringVar(&f.id.ID, "id", "", "the document's graph id, for one document without a symbol")
	fs.StringVar(&f.id.URL, "url", "", "where the document was fetched from (a symbol in it names the document)")
	fs.Func("kind", "the document's kind: Resolution, Declaration, Convention, Report or PlanOfAction", func(s string) error {
		k := hemigraph.Kind(s)
		if !k.Valid() {
			return fmt.Errorf("unknown kind %q", s)
		}
		f.id.Kind = k
		return nil
	})
	fs.StringVar(&f.id.Title, "title", "", "the document's title, when its text prints none")
	fs.StringVar(&f.id.Date, "date", "", "the document's date (YYYY, YYYY-MM or YYYY-MM-DD), when its text prints none")
	fs.StringVar(&f.id.Language, "lang", "", "the language of the text: en, es, fr or pt (guessed when empty)")
}
