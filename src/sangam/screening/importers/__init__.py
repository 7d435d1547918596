"""List importers: one module per official format, registered by name.

`sangam lists import --format FORMAT PATH` looks the format up here, so adding a list
format is adding a module that calls :func:`register` (the extension point the bundled
formats use themselves).
"""

from __future__ import annotations

from sangam.screening.importers import jp_meti, ofac_sdn, un_xml, us_csl  # noqa: F401  (registers)
from sangam.screening.importers.base import FORMATS, Importer, ImportOptions, get_importer, register

__all__ = ["FORMATS", "ImportOptions", "Importer", "get_importer", "register"]
