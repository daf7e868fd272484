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
`;
