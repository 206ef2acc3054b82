package graphiql

// Tab is a tab GraphiQL opens with: its query and, as JSON, its variables.
type Tab struct {
	Query     string `json:"query"`
	Variables string `json:"variables,omitempty"`
}

// ExampleTabs are the example queries of the README, each in its own tab,
// named by its operation; the package's tests keep them equal to the
// README's.
var ExampleTabs = []Tab{
	{Query: `# Which instruments led to the San Salvador Regional Conference of 1998,
# and why: each entry with its distance and one chain of sourced relations.
# See it drawn: /explore?conference=san-salvador-regional-conference-csbm-1998
query LeadingToSanSalvador {
  instrumentsLeadingTo(conference: "san-salvador-regional-conference-csbm-1998", maxDepth: 4) {
    target { id title }
    truncated
    entries {
      distance
      node { id kind title ... on Instrument { symbol } }
      path { type verb from { id } to { id } source evidence clause { number text } }
    }
  }
}
`},
	{Query: `# A resolution by any printed variant of its symbol, with what it cites
# and convenes. See it drawn: /explore?node=ag-res-1412-xxvi-o-96
query InstrumentBySymbol {
  instrumentBySymbol(symbol: "AG/RES.1412 (XXVI-O/96)") {
    id title date
    cites { verb node { id title } source clause { index kind text } }
    convenes { node { id title } evidence }
    instructs { node { id title } verb clause { number text } }
  }
}
`},
	{Query: `# A page of conferences whose title mentions "confidence"; pass
# pageInfo.endCursor as after for the next page.
query ConfidenceConferences {
  conferences(first: 5, filter: { title: "confidence" }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id title date place convenedBy { node { id } } } }
  }
}
`},
}
