"""Dividing participants among events: exact totals, plausible sizes, breakdowns by group."""

from engagement.models import BREAKDOWN_FIELDS


class SeedError(Exception):
    """The requested data cannot be made (the message says why)."""


def split_total(total, count, cap, rng):
    """``count`` non-negative integers, none above ``cap``, that add up to exactly ``total``.

    Sizes follow a log-normal spread (most events are small, a few are large).
    """
    if total < 0:
        raise SeedError("The number of participants cannot be negative.")
    if count == 0:
        if total:
            raise SeedError("There is no held event to give participants to.")
        return []
    if total > count * cap:
        raise SeedError(
            f"{total} participants over {count} held events exceeds {cap} per event."
        )
    weights = [rng.lognormvariate(0, 0.9) for _ in range(count)]
    scale = total / sum(weights)
    raw = [weight * scale for weight in weights]
    counts = [int(value) for value in raw]
    # Largest remainders first, so that the total is exact.
    by_remainder = sorted(range(count), key=lambda i: raw[i] - counts[i], reverse=True)
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    excess = 0
    for i, value in enumerate(counts):
        if value > cap:
            excess += value - cap
            counts[i] = cap
    while excess:
        room = [i for i, value in enumerate(counts) if value < cap]
        share = max(1, excess // len(room))
        for i in room:
            given = min(share, cap - counts[i], excess)
            counts[i] += given
            excess -= given
            if not excess:
                break
    return counts


def split_breakdown(headcount, rng):
    """A random breakdown by group that never adds up to more than ``headcount``."""
    weights = [rng.random() for _ in BREAKDOWN_FIELDS]
    unclassified = rng.random() * 2
    total = sum(weights) + unclassified
    return {name: int(headcount * weight / total) for name, weight in zip(
        BREAKDOWN_FIELDS, weights, strict=True)}
