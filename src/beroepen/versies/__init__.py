"""Versions of a competence profile: which versions the graph knows, and what changed between two.

A version is data (bo:Profielversie: dct:isVersionOf, owl:versionInfo, dct:issued, dct:valid,
prov:wasRevisionOf, source). Versions live in different files with the same IRIs for unchanged
parts: the shipped profile in data/ (whose content the graph holds), an invented example in
data/examples/, an imported workbook's Turtle. `vergelijking.vergelijk` compares two of them.
"""
