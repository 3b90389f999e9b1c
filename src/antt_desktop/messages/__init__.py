"""Domain errors phrased as Vietnamese sentences, for the UI and the command line.

Each area registers its phrasings in a submodule with `@phrases(ErrorType)`;
`describe(error)` finds the phrasing of the error's class (or of a base class).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

E = TypeVar("E", bound=BaseException)

_PHRASINGS: dict[type, Callable[[BaseException], str]] = {}


def phrases(error_type: type[E]) -> Callable[[Callable[[E], str]], Callable[[E], str]]:
    """Register the Vietnamese sentence for one error type."""

    def register(function: Callable[[E], str]) -> Callable[[E], str]:
        _PHRASINGS[error_type] = function  # type: ignore[assignment]
        return function

    return register


def describe(error: BaseException) -> str:
    """The Vietnamese sentence a user sees for `error`."""
    _load_phrasings()
    for klass in type(error).__mro__:
        if klass in _PHRASINGS:
            return _PHRASINGS[klass](error)
    return f"Lỗi không mong đợi: {error}"


_loaded = False


def _load_phrasings() -> None:
    global _loaded
    if _loaded:
        return
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    _loaded = True
