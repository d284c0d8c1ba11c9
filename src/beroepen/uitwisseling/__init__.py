"""Exchange formats for a competence profile: the xlsx workbook its owner edits (werkboek)."""
