"""Tooling around the pipeline: the `explainer` command, init, new, export, reverify, synth."""
