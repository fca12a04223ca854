"""Pure reading and checking of Gegevensportaal files (no database, no views).

The import services (preview / commit) build on this package; see docs/import-formats.md.
"""
