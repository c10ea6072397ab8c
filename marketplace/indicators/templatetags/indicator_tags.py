from django import template

register = template.Library()


@register.filter
def lagging(row, points):
    """Codes of the indicators on which a commune row is behind this year's trajectory."""
    return row.lagging_codes(points)


@register.filter
def zip_public(figures, public):
    """Pairs each figure with its suppressed public form (same order)."""
    return list(zip(figures, public, strict=True))


@register.filter
def projection_of(report, code):
    """The indicator's projection to 2030 on this report (None when not applicable)."""
    return report.projections.get(code)
