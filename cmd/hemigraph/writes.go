package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/hemigraph/hemigraph/loader"
	"github.com/hemigraph/hemigraph/server"
	"github.com/hemigraph/hemigraph/server/auth"
)

// writeFlags are serve's flags of tokens and loads over HTTP.
type writeFlags struct {
	tokensFile  string
	requireRead bool
	maxBody     string
	maxBodyN    int64 // maxBody read by prepare
	maxLoads    int
	loadTimeout time.Duration
	spoolDir    string
	batch       int
}

func (f *writeFlags) register(fs *flag.FlagSet, env environment) {
	fs.StringVar(&f.tokensFile, "tokens", env.getenv("HEMIGRAPH_TOKENS_FILE"), "file of bearer tokens, one a line as hemigraph token new prints them (also HEMIGRAPH_TOKENS_FILE); HEMIGRAPH_TOKENS may hold more lines, separated by ';'")
	fs.BoolVar(&f.requireRead, "require-read-token", env.getenv("HEMIGRAPH_REQUIRE_READ_TOKEN") == "true", "queries need a bearer token too (writes always do)")
	fs.StringVar(&f.maxBody, "max-load-body", env.get("HEMIGRAPH_MAX_LOAD_BODY", "1GiB"), "bound on the body of one POST /load, for tokens without their own max-body (bytes, or with KiB, MiB, GiB)")
	fs.IntVar(&f.maxLoads, "max-loads", server.DefaultMaxLoads, "bound on the loads one token runs at once, for tokens without their own max-loads")
	fs.DurationVar(&f.loadTimeout, "load-timeout", server.DefaultLoadTimeout, "bound on one POST /load, upload included")
	fs.StringVar(&f.spoolDir, "spool-dir", env.getenv("HEMIGRAPH_SPOOL_DIR"), "folder where load bodies are kept while they load (the system's temporary folder when empty)")
	fs.IntVar(&f.batch, "load-batch-size", loader.DefaultBatchSize, "rows per write statement of POST /load")
}

// prepare checks the flags and reads the tokens of the -tokens file and of
// HEMIGRAPH_TOKENS, before serve connects to anything.
func (f *writeFlags) prepare(env environment) (*auth.Set, error) {
	n, err := auth.ParseBytes(f.maxBody)
	if err != nil {
		return nil, fmt.Errorf("flag -max-load-body: %w", err)
	}
	f.maxBodyN = n
	if f.maxLoads < 1 {
		return nil, fmt.Errorf("flag -max-loads: want 1 or more, got %d", f.maxLoads)
	}
	return auth.Load(f.tokensFile, env.getenv("HEMIGRAPH_TOKENS"), "HEMIGRAPH_TOKENS")
}

// apply sets cfg's tokens and loads: POST /load loads into store.
func (f *writeFlags) apply(cfg *server.Config, tokens *auth.Set, store loadStore, log *slog.Logger) {
	cfg.Tokens, cfg.RequireReadToken = tokens, f.requireRead
	cfg.Loader = storeLoader{store: store, log: log, batch: f.batch, tempDir: f.spoolDir}
	cfg.MaxLoadBytes, cfg.MaxLoads, cfg.LoadTimeout, cfg.SpoolDir = f.maxBodyN, f.maxLoads, f.loadTimeout, f.spoolDir
	if tokens.Len() == 0 {
		log.Warn("no bearer tokens: every write is refused (hemigraph token new; serve -tokens FILE)")
	} else {
		log.Info("bearer tokens", "count", tokens.Len(), "require_read_token", f.requireRead)
	}
}

// loadStore is what a load needs of the store.
type loadStore interface {
	loader.Writer
	loader.Graph
}

// storeLoader runs the loads of POST /load as `hemigraph load` runs its
// own: a loader.Loader over the store, by the token's name.
type storeLoader struct {
	store   loadStore
	log     *slog.Logger
	batch   int
	tempDir string               // where a large load keeps its edge keys (the spool folder)
	batches loader.BatchObserver // metrics of the batches written; may be nil
}

// LoadInputs implements server.Loader.
func (s storeLoader) LoadInputs(ctx context.Context, by string, inputs []loader.Input, skipInvalid bool) (loader.Summary, []error, error) {
	l := &loader.Loader{W: s.store, G: s.store, Log: s.log, BatchSize: s.batch, By: by, Batches: s.batches,
		TempDir: s.tempDir}
	if skipInvalid {
		l.Policy = loader.SkipInvalid
	}
	return l.LoadInputs(ctx, inputs)
}
