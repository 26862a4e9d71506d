"""Disjoint sets (union-find): articles joined by relations into stories and sources,
quotes into clusters. One implementation for every stage and the store."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any, Generic, TypeVar

Item = TypeVar("Item", bound=Hashable)


class DisjointSets(Generic[Item]):
    def __init__(self, items: Iterable[Item] = ()) -> None:
        self.parent: dict[Item, Item] = {item: item for item in items}

    def find(self, item: Item) -> Item:
        parent = self.parent
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]  # path halving
            item = parent[item]
        return item

    def union(self, a: Item, b: Item) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[Any]]:
        """Every set, sorted, in the order of their smallest member."""
        found: dict[Item, list[Item]] = {}
        for item in list(self.parent):
            found.setdefault(self.find(item), []).append(item)
        return sorted((sorted(g) for g in found.values()), key=lambda g: g[0])  # type: ignore[type-var]
