"""Model: the fact files' shapes (pydantic), their vocabularies, dates and source texts. Imports no other stage."""
