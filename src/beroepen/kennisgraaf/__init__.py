"""The knowledge graph: loading, stores, named queries, and what is read from it (show, matrix,
compare, search), and the build that checks and releases it."""
