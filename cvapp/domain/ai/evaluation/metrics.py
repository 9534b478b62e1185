"""Counting: precision, recall and F1 per category, accuracy."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Ratio:
    good: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.good += int(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.good / self.total if self.total else 1.0


@dataclass
class PerCategory:
    counts: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))

    def __getitem__(self, category: str) -> Counts:
        return self.counts[category]

    def total(self) -> Counts:
        return Counts(
            tp=sum(c.tp for c in self.counts.values()),
            fp=sum(c.fp for c in self.counts.values()),
            fn=sum(c.fn for c in self.counts.values()),
        )
