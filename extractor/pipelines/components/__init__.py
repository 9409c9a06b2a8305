"""Pipeline components, one module per entity family.

Importing this package registers every factory. A module that fails to import
is a bug: nothing here is optional.
"""

from __future__ import annotations

import importlib
import pkgutil

for _mod in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_mod.name}")
