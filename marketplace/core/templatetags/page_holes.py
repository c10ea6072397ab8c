"""`{% hole "basket" %}`: a visitor's own fragment, left as a marker in shared cached pages."""

from django import template

from marketplace.core import holes

register = template.Library()


@register.simple_tag(takes_context=True)
def hole(context, name, arg=""):
    if context.get(holes.RECORDING):
        return holes.marker(name, arg)
    request = context.get("request")
    if request is None:  # e.g. Django's bare 500 page: no visitor to fill in
        return ""
    return holes.render_hole(request, name, arg)
