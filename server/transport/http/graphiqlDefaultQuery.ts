/** The operation GraphiQL opens with: a live query to watch, and the mutation that changes it. */
export const GRAPHIQL_DEFAULT_QUERY = `# Live queries: results update in place as the data changes.
# Edit the document from another tab with the mutation below (or from psql) and watch.
query Welcome @live {
  document(id: "welcome") {
    id
    title
    revision
    sections { id heading }
  }
}

# mutation Rename {
#   updateDocument(id: "welcome", input: { title: "Hello, live world" }) { id title revision }
# }

# Lists are windows: the 10 largest values of the sample dataset, live. A value change that moves a
# row into them is one remove and one add; changes elsewhere send nothing. Next page: after: endCursor.
# query Top10 @live {
#   dataset(id: "sample") {
#     rows(first: 10, orderBy: VALUE_DESC) { nodes { id label value } pageInfo { endCursor hasNextPage } totalCount }
#   }
# }
`;
