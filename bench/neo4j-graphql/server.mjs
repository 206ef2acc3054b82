// The peer that hemigraph's server is benchmarked against: @neo4j/graphql v7
// on @apollo/server (standalone), on type definitions equivalent to
// hemigraph's schema.graphqls for the fields the benchmark asks, against
// the same Neo4j and the same data. Started by cmd/hemigraph-bench.
//
//   NEO4J_URI    Bolt URI (bolt://127.0.0.1:7807)
//   PORT         HTTP port on 127.0.0.1
//   COUNT_STATEMENTS=1  count the statements sent (driver debug log,
//                which costs time: used only for the statements-per-request
//                pass, never while measuring throughput); GET /stats
//                answers the count.
import http from "node:http";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const typeDefs = /* GraphQL */ `
  type Provenance @relationshipProperties {
    verb: String
    source: String
    evidence: String
    document: String
  }

  type Instrument @node(labels: ["Instrument", "Entity"]) @fulltext(indexes: [{ indexName: "entity_text", queryName: "searchInstruments", fields: ["title", "symbol"] }]) {
    id: ID!
    kind: String!
    symbol: String
    title: String!
    date: String
    year: Int
    place: String
    source: String
    cites: [Instrument!]! @relationship(type: "CITES", direction: OUT, properties: "Provenance")
    citedBy: [Instrument!]! @relationship(type: "CITES", direction: IN, properties: "Provenance")
    convenes: [Conference!]! @relationship(type: "CONVENES", direction: OUT, properties: "Provenance")
    instructs: [Body!]! @relationship(type: "INSTRUCTS", direction: OUT, properties: "Provenance")
    adoptedAt: [Session!]! @relationship(type: "ADOPTED_AT", direction: OUT, properties: "Provenance")
    adoptedBy: [Body!]! @relationship(type: "ADOPTED_BY", direction: OUT, properties: "Provenance")
    producedBy: [Conference!]! @relationship(type: "PRODUCED", direction: IN, properties: "Provenance")
  }

  type Conference @node(labels: ["Conference", "Entity"]) {
    id: ID!
    kind: String!
    title: String!
    date: String
    year: Int
    place: String
    source: String
    convenedBy: [Instrument!]! @relationship(type: "CONVENES", direction: IN, properties: "Provenance")
    produced: [Instrument!]! @relationship(type: "PRODUCED", direction: OUT, properties: "Provenance")
    followsUp: [Conference!]! @relationship(type: "FOLLOWS_UP", direction: OUT, properties: "Provenance")
  }

  type Session @node(labels: ["Session", "Entity"]) {
    id: ID!
    kind: String!
    title: String!
    date: String
  }

  type Body @node(labels: ["Body", "Entity"]) {
    id: ID!
    kind: String!
    title: String!
  }

  # hemigraph's lineage, as a user of @neo4j/graphql would write it: the same
  # traversal in a @cypher field (the library has no variable-length
  # traversal of its own).
  type Query {
    instrumentsLeadingTo(conference: ID!): [Instrument!]!
      @cypher(
        statement: """
        MATCH (c:Entity {id: $conference})
        MATCH p = ANY SHORTEST (c)((a)-[r:CONVENES|CITES|PRODUCED|FOLLOWS_UP|REQUESTS|INSTRUCTS]-(b)
              WHERE (type(r) IN ['CITES', 'FOLLOWS_UP']) = (startNode(r) = a)
                AND NOT (a:Body AND a.id <> $conference)){1,4}(src)
        WHERE src <> c AND src:Instrument AND (src.year IS NULL OR c.year IS NULL OR src.year <= c.year)
        WITH src, length(p) AS d ORDER BY d, src.id LIMIT 50
        RETURN src
        """
        columnName: "src"
      )
  }
`;

const counting = process.env.COUNT_STATEMENTS === "1";
let statements = 0;
const driver = neo4j.driver(
  process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687",
  neo4j.auth.basic(process.env.NEO4J_USER ?? "neo4j", process.env.NEO4J_PASSWORD ?? "neo4j"),
  {
    maxConnectionPoolSize: 64,
    logging: counting
      ? {
          level: "debug",
          logger: (level, message) => {
            if (/ C: RUN /.test(message)) statements++;
          },
        }
      : undefined,
  },
);

const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
const schema = await neoSchema.getSchema();
const server = new ApolloServer({ schema });
const port = Number(process.env.PORT ?? 4000);
const { url } = await startStandaloneServer(server, {
  listen: { host: "127.0.0.1", port },
  context: async () => ({ sessionConfig: { database: process.env.NEO4J_DATABASE ?? "neo4j" } }),
});

// The statement count, on the next port.
http
  .createServer((req, res) => res.end(String(statements)))
  .listen(port + 1, "127.0.0.1");

console.log(`ready ${url}`);
