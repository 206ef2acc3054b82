package harness

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/hemigraph/hemigraph/bench/raw"
)

// RawServe serves the raw-driver baseline (bench/raw) on addr, against
// db, until ctx is done. It returns the error of connecting to Neo4j or of
// listening.
func RawServe(ctx context.Context, addr string, db Neo4j, log *slog.Logger) error {
	d, name, err := db.driver()
	if err != nil {
		return err
	}
	defer d.Close(context.Background())
	if err := d.VerifyConnectivity(ctx); err != nil {
		return err
	}
	s := &raw.Server{Driver: d, Database: name}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	log.Info("raw baseline serving", "addr", ln.Addr().String())
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
