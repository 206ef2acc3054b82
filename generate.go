package hemigraph

//go:generate go run ./internal/gqlgen
