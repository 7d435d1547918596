"""Knowledge base: entities and statements with provenance and markings; ingest; search.

The public functions other pillars and the faces use are re-exported here.
"""

from sangam.kb.query import EntityView, conflicts, export_lines, get_entity
from sangam.kb.search import Hit, plain_snippet, search
from sangam.kb.store import LoadReport, load_path, stats

__all__ = ["EntityView", "Hit", "LoadReport", "conflicts", "export_lines", "get_entity",
           "load_path", "plain_snippet", "search", "stats"]
