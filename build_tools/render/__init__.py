"""Render stage: the validated Site as pages (Markdown with inline HTML), through Jinja templates."""
