"""For training institutes: routes into a profession and curriculum coverage."""
