"""The consolidated layer's parts (issue 21): what a document contributes (summary), which per-document
nodes are one real thing (identity), and which of several reported values is preferred (cascade)."""
