"""Backend families and their providers, registered by name.

A family (the code executors, the interviewers, the transcribers...) keeps a registry. Each
provider module registers a factory for itself when imported; the family's interface never
imports a provider: it names its built-in provider modules as strings, and the registry imports
them the first time a provider is asked for (as simonw/llm loads its default plugins).
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from ava_core.errors import ConfigError

if TYPE_CHECKING:
    from ava_core.settings import Settings

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, family: str, builtins: tuple[str, ...], *,
                 unknown: str = "There is no {family} named {name!r}: use one of {choices}."):
        self.family = family  # "code executor": how error messages name a provider
        self.builtins = builtins  # modules that register the built-in providers
        self.unknown = unknown  # the message for a name nothing registered
        self._factories: dict[str, Callable[[Settings], T]] = {}
        self._loaded = False
        self._loading = False
        self._lock = threading.RLock()

    def register(self, name: str, factory: Callable[[Settings], T]) -> None:
        """Make ``create(name, settings)`` call ``factory(settings)``. A name registered before
        the built-ins load keeps its factory: a built-in never replaces it."""
        if self._loading and name in self._factories:
            return
        self._factories[name] = factory

    def _load_builtins(self) -> None:
        with self._lock:
            if not self._loaded:
                self._loading = True
                try:
                    for module in self.builtins:
                        importlib.import_module(module)
                finally:
                    self._loading = False
                self._loaded = True

    def names(self) -> list[str]:
        """The registered names, in the order they were registered (the built-ins first)."""
        self._load_builtins()
        return list(self._factories)

    def create(self, name: str, settings: Settings) -> T:
        """The provider ``name``, made for ``settings``; a ConfigError names the choices."""
        self._load_builtins()
        factory = self._factories.get(name)
        if factory is None:
            raise ConfigError(self.unknown.format(family=self.family, name=name,
                                                  choices=", ".join(self.names())))
        return factory(settings)
