"""Validate stage: typed models, cross-references, quotes, dates and hostile-input rules, all problems at once.

Its result is the Site, the validated content with the lookups the pages need.
"""
