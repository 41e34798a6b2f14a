"""Load stage: find and safely read the fact files, the source texts and the change history into located documents."""
