"""A ``BeschikkingInhoud`` to JSON and back, losslessly, so a stored beschikking can be rendered again.

Generic over the dataclasses in ``inhoud.py`` (dates as ISO strings, amounts as strings, enums by
value, tuples as lists), so an optional field added there is stored without a change here.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from .inhoud import BeschikkingInhoud


def inhoud_naar_json(inhoud: BeschikkingInhoud) -> dict[str, Any]:
    return _naar(inhoud)


def inhoud_uit_json(gegevens: dict[str, Any]) -> BeschikkingInhoud:
    return _uit(BeschikkingInhoud, gegevens)


def _naar(waarde: Any) -> Any:
    if dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
        return {f.name: _naar(getattr(waarde, f.name)) for f in dataclasses.fields(waarde)}
    if isinstance(waarde, Enum):
        return waarde.value
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, Decimal):
        return str(waarde)
    if isinstance(waarde, (tuple, list)):
        return [_naar(v) for v in waarde]
    if isinstance(waarde, dict):
        return {str(k): _naar(v) for k, v in waarde.items()}
    return waarde


@cache
def _typen(cls) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _uit(typ: Any, waarde: Any) -> Any:
    if waarde is None:
        return None
    herkomst = typing.get_origin(typ)
    if herkomst in (typing.Union, types.UnionType):
        opties = [a for a in typing.get_args(typ) if a is not type(None)]
        return _uit(opties[0], waarde)
    if herkomst is tuple:
        element = typing.get_args(typ)[0]
        return tuple(_uit(element, v) for v in waarde)
    if herkomst is dict:
        return {str(k): v for k, v in waarde.items()}
    if dataclasses.is_dataclass(typ):
        velden = {f.name for f in dataclasses.fields(typ)}
        hints = _typen(typ)
        # Keys a later version no longer knows are ignored rather than failing an old reissue.
        return typ(**{k: _uit(hints[k], v) for k, v in waarde.items() if k in velden})
    if isinstance(typ, type) and issubclass(typ, Enum):
        return typ(waarde)
    if typ is date:
        return date.fromisoformat(waarde)
    if typ is Decimal:
        return Decimal(waarde)
    return waarde
