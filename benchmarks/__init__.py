"""Build-performance benchmark: `python -m build_tools bench` (see docs/handbook/performance.md)."""
