"""Fact-driven generator for explainer sites: load → validate → render, no MkDocs import.

The generator knows no project of its own: the plugin is given the folder of its mkdocs.yml, and the
command finds the nearest one at or above the folder it runs in (build_tools/load/project.py).
"""
