"""MkDocs glue: the `explainer` plugin and its fixes to the theme's HTML. The only package that imports MkDocs."""
