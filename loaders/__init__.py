"""Report files -> records: read (encodings, manifest), segment (sections, sentences, periods),
extract (entities, relations), resolve (aliases, regions, cross-report identity), load (batched,
idempotent). Loaders write only through a `GraphStore` they are given.
"""
