"""The public read-only SPARQL 1.1 endpoint: the gate every query passes, the worker
processes that evaluate it, and the answer formats."""
