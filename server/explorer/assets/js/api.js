// The explorer's GraphQL client. Every operation is a persisted query: the
// page sends the SHA-256 of the operation's text, never the text, over GET
// (short, cacheable URLs). The server registers the explorer's operations,
// so it knows them by hash from its start; should it not (another server, or
// one that forgot them), it answers PERSISTED_QUERY_NOT_FOUND and the client
// sends the text once with the hash, as Apollo's automatic persisted queries
// do, after which the hash alone works again.

/** An error answered by the API, with its GraphQL errors. */
export class APIError extends Error {
  constructor(errors, status) {
    const first = errors[0] || {};
    const code = first.extensions && first.extensions.code;
    const requestId = first.extensions && first.extensions.requestId;
    super((first.message || 'request failed') + (code ? ' (' + code + ')' : '') +
      (requestId ? ' — request id ' + requestId : ''));
    this.name = 'APIError';
    this.errors = errors;
    this.code = code || '';
    this.status = status;
  }
}

const accept = 'application/graphql-response+json, application/json;q=0.9';

/**
 * Client runs the explorer's named operations against endpoint, with the
 * hashes and texts of config.queries.
 */
export class Client {
  constructor(endpoint, queries) {
    this.endpoint = endpoint;
    this.queries = queries;
    this.sentText = 0; // operations sent with their text (fallbacks), for tests
  }

  /** run runs the operation name with variables and resolves to its data. */
  async run(name, variables = {}, { signal } = {}) {
    const q = this.queries[name];
    if (!q) {
      throw new Error('unknown operation ' + name);
    }
    const extensions = { persistedQuery: { version: 1, sha256Hash: q.hash } };
    const url = new URL(this.endpoint, window.location.href);
    url.searchParams.set('operationName', name);
    url.searchParams.set('variables', JSON.stringify(variables));
    url.searchParams.set('extensions', JSON.stringify(extensions));
    let body = await this.fetchJSON(url, { headers: { Accept: accept }, signal });
    if (body.errors && body.errors.some(e => e.extensions && e.extensions.code === 'PERSISTED_QUERY_NOT_FOUND')) {
      this.sentText++;
      body = await this.fetchJSON(this.endpoint, {
        method: 'POST',
        headers: { Accept: accept, 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: q.query, operationName: name, variables, extensions }),
        signal,
      });
    }
    if (body.errors && body.errors.length) {
      throw new APIError(body.errors, body.status);
    }
    return body.data;
  }

  async fetchJSON(url, init) {
    const res = await fetch(url, init);
    let body;
    try {
      body = await res.json();
    } catch (err) {
      throw new APIError([{ message: 'the server answered ' + res.status + ' ' + res.statusText + ', not JSON' }], res.status);
    }
    if (!body || typeof body !== 'object') {
      throw new APIError([{ message: 'the server answered ' + res.status + ' without a GraphQL response' }], res.status);
    }
    body.status = res.status;
    return body;
  }
}
