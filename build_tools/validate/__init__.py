"""Validate stage: typed models, cross-references, quotes, dates and hostile-input rules, all problems at once; builds the Site."""
