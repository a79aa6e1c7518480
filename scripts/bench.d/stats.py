"""Order statistics shared by the helpers and the report."""

import statistics


def percentile(values, fraction):
    """The nearest-rank percentile of values (fraction in 0..1)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def spread(values):
    """{"median", "min", "max"} of the values that are not None, or None when there are none."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return {"median": statistics.median(present), "min": min(present), "max": max(present)}
