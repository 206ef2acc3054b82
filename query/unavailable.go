package query

import "errors"

// ErrUnavailable is wrapped by the errors of a store whose database cannot
// be reached at the moment: the server is down, restarting, or refuses
// connections. It is not the client's fault and the same request may
// succeed a little later; the GraphQL server answers it with the code
// SERVICE_UNAVAILABLE at once, rather than waiting for its timeout.
var ErrUnavailable = errors.New("the database is unavailable")
