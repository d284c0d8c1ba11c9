"""ESCO, the European classification of occupations and skills (European Commission): the
curated crosswalk (data/esco-crosswalk.sssom.tsv, SSSOM), its triples in the graph, and a
curator's helper that suggests ESCO concepts from the full offline snapshot (never the graph)."""
