"""Export-control pathfinder: which approvals a collaboration needs, from whom, how long, why.

Public API: :func:`pathfind_args` (raw arguments in, :class:`Answer` out), :func:`pathfind`
with a validated :class:`Query`, :func:`get_rulebook` for the compiled rule tables, and
:func:`table_infos` for `sangam rules`.
"""

from sangam.regulatory.model import Answer, Determination, Query
from sangam.regulatory.pathfinder import normalise, pathfind, pathfind_args
from sangam.regulatory.rulebook import get_rulebook
from sangam.regulatory.tables import table_infos

__all__ = ["Answer", "Determination", "Query", "get_rulebook", "normalise", "pathfind",
           "pathfind_args", "table_infos"]
