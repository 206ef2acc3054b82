package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/hemigraph/hemigraph/server"
)

func serve(ctx context.Context, env environment, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	var (
		common        commonFlags
		writes        writeFlags
		addr          = fs.String("addr", env.get("HEMIGRAPH_ADDR", "localhost:8080"), "address to listen on")
		origins       = fs.String("cors-origins", env.get("HEMIGRAPH_CORS_ORIGINS", "http://localhost:3000,http://localhost:5173"), "comma-separated origins allowed to call the API from a browser; * for any")
		noGraphiQL    = fs.Bool("no-graphiql", false, "do not serve GraphiQL")
		noExplorer    = fs.Bool("no-explorer", false, "do not serve the explorer page (/explore)")
		noIntrospect  = fs.Bool("no-introspection", false, "refuse introspection queries")
		timeout       = fs.Duration("timeout", 30*time.Second, "bound on one GraphQL request, Neo4j transaction included")
		maxBody       = fs.Int64("max-body", server.DefaultMaxBodyBytes, "maximum request body in bytes")
		maxComplexity = fs.Int("max-complexity", server.DefaultMaxComplexity, "maximum complexity of one operation (list fields count their length)")
		maxDepth      = fs.Int("max-depth", server.DefaultMaxDepth, "maximum nesting of an operation's selections")
		maxAliases    = fs.Int("max-aliases", server.DefaultMaxAliases, "maximum aliased fields in one operation")
		maxRootFields = fs.Int("max-root-fields", server.DefaultMaxRootFields, "maximum root fields in one operation")
		maxTokens     = fs.Int("max-tokens", server.DefaultMaxTokens, "maximum lexical tokens in one GraphQL document")
		pprofAddr     = fs.String("pprof-addr", env.getenv("HEMIGRAPH_PPROF_ADDR"), "serve Go's CPU and memory profiles (/debug/pprof/) on this loopback address, e.g. 127.0.0.1:6060 (default: off)")
		ops           opsFlags
	)
	ops.register(fs, env)
	common.register(fs, env)
	writes.register(fs, env)
	if err := fs.Parse(args); err != nil {
		return errReported
	}
	log, err := common.logger(env.stderr)
	if err != nil {
		return err
	}
	tokens, err := writes.prepare(env)
	if err != nil {
		return err
	}
	store, err := openStore(ctx, env, log)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	tel, err := ops.setup(ctx, env, store, log)
	if err != nil {
		return err
	}
	defer tel.close(log)

	cfg := server.Config{
		AllowedOrigins:       splitList(*origins),
		DisableGraphiQL:      *noGraphiQL,
		DisableExplorer:      *noExplorer,
		DisableIntrospection: *noIntrospect,
		RequestTimeout:       *timeout,
		MaxBodyBytes:         *maxBody,
		MaxComplexity:        *maxComplexity,
		MaxDepth:             *maxDepth,
		MaxAliases:           *maxAliases,
		MaxRootFields:        *maxRootFields,
		MaxTokens:            *maxTokens,
	}
	writes.apply(&cfg, tokens, store, log)
	tel.apply(&cfg)
	h := server.New(cfg, store, store, log)
	srv := &http.Server{Addr: *addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	log.Info("serving", "graphiql", "http://"+ln.Addr().String()+"/", "explorer", "http://"+ln.Addr().String()+"/explore",
		"graphql", "http://"+ln.Addr().String()+"/graphql")
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if err := tel.serveMetrics(errc, log); err != nil {
		srv.Close()
		return err
	}
	psrv, err := servePprof(*pprofAddr, errc, log)
	if err != nil {
		srv.Close()
		return err
	}
	if psrv != nil {
		defer psrv.Close()
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	return ops.shutdown(srv, tel, *timeout, log)
}
