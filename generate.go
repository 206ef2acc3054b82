package hemigraph

//go:generate go tool gqlgen generate
