package main

import (
	"flag"
	"fmt"

	"github.com/hemigraph/hemigraph/server/auth"
)

const tokenUsage = `usage: hemigraph token new [-scope read|write|admin] [-max-body BYTES] [-max-loads N] NAME

Prints a new secret, once, and the line declaring it to add to the tokens
file (serve -tokens, or HEMIGRAPH_TOKENS_FILE) or to HEMIGRAPH_TOKENS. Only
the secret's SHA-256 is in the line: the server never stores the secret,
and nobody can get it back; a lost secret is replaced by a new token.
`

// tokenCmd runs `hemigraph token new`.
func tokenCmd(env environment, args []string) error {
	if len(args) == 0 || args[0] != "new" {
		fmt.Fprint(env.stderr, tokenUsage)
		return errReported
	}
	fs := flag.NewFlagSet("token new", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprint(env.stderr, tokenUsage+"\n")
		fs.PrintDefaults()
	}
	var (
		scope    = fs.String("scope", "read", "what the token may do: read (queries), write (loads, mutations) or admin")
		maxBody  = fs.String("max-body", "", "bound on the body of one of its loads (bytes, or with KiB, MiB, GiB); the server's -max-load-body when empty")
		maxLoads = fs.Int("max-loads", 0, "bound on its loads running at once; the server's -max-loads when 0")
	)
	names, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return errReported
	}
	if len(names) != 1 {
		fs.Usage()
		return errReported
	}
	sc, err := auth.ParseScope(*scope)
	if err != nil {
		return fmt.Errorf("flag -scope: %w", err)
	}
	secret, tok, err := auth.NewSecret(names[0], sc)
	if err != nil {
		return err
	}
	if *maxBody != "" {
		if tok.MaxBodyBytes, err = auth.ParseBytes(*maxBody); err != nil {
			return fmt.Errorf("flag -max-body: %w", err)
		}
	}
	if *maxLoads < 0 {
		return fmt.Errorf("flag -max-loads: want 0 or more, got %d", *maxLoads)
	}
	tok.MaxLoads = *maxLoads
	fmt.Fprintf(env.stdout, "secret: %s\nline:   %s\n", secret, tok.Line())
	fmt.Fprintln(env.stderr, "The secret is shown this once: give it to the caller (Authorization: Bearer <secret>), and add the line to the tokens file.")
	return nil
}
