"""Attacks from issue 16, each performed through HTTP as an outsider or a lesser member would, and
each failing before its fix: one module per family."""
