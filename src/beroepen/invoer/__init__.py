"""Reading outside input safely: upload limits and the sandboxed RDF parser."""
