"""The command-line face: parses arguments, calls a pillar, renders a table or JSON."""
