"""The access matrix: every URL pattern × every role × GET and a state-changing POST.

Expectations live in access_rules.py (read its docstring to add a URL). Each request runs in a
savepoint rolled back afterwards, so one role's successful POST does not change what the next
role sees, and the whole matrix runs against one world.
"""

import re
from collections import defaultdict

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from . import access_rules as rules
from .world import Browsers, build_world, request

pytestmark = pytest.mark.django_db

# Our views that take the place of stock Oscar ones at the same path (marketplace/security/urls.py).
SHADOWING = ("marketplace.security.urls.",)
LOGIN_PATHS = ("/accounts/login/", "/seller/login/", "/admin/login/", "/cms/login/", "/dashboard/login/")
AREAS = {
    "admin": ("admin/",),
    "cms": ("cms/",),
    "dashboard": ("dashboard/",),
    "seller-and-officials": ("seller/", "officials/"),
    "accounts": ("accounts/",),
    "storefront": ("",),
}


def url_patterns(resolver=None, prefix="", namespace=None):
    """(pattern string, URL name or None, pattern) for every endpoint, depth first."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from url_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, entry


def area_of(pattern):
    pattern = pattern.lstrip("^")
    for area, prefixes in AREAS.items():
        if area != "storefront" and pattern.startswith(prefixes):
            return area
    return "storefront"


# --- building a concrete path for a pattern ----------------------------------------------------

_ROUTE_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
_NAMED_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>(?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)")
GENERIC = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


def _regex_value(body, given):
    if given is not None:
        return str(given)
    for candidate in ("1", "x", "default_for_shipping", "x/", ""):
        if re.fullmatch(body, candidate):
            return candidate
    return "1"


def example_path(pattern, kwargs):
    def route(match):
        given = kwargs.get(match["name"])
        return str(given) if given is not None else GENERIC.get(match["conv"] or "str", "x")

    path = _NAMED_GROUP.sub(lambda m: _regex_value(m["body"], kwargs.get(m["name"])), pattern)
    path = _ROUTE_PARAM.sub(route, path)
    path = re.sub(r"\(\?:[^()]*\)\?", "", path)  # optional non-capturing groups: left out
    path = re.sub(r"\((?!\?)[^()]*\)", "1", path)  # unnamed groups, e.g. Wagtail's document id
    path = path.replace("^", "").replace("$", "").replace("\\", "")
    return "/" + path


def cases_for(pattern, name):
    named = [c for c in rules.CASES if c.url in {name, pattern}]
    if named:
        return named
    for default in rules.DEFAULTS:
        if pattern.lstrip("^").startswith(default.prefix):
            return [default.case(name or pattern)]
    return []


# --- judging a response ------------------------------------------------------------------------


def is_denied(response, case):
    # 401: a webhook without a valid signature or API key (payments/methods/vietqr.py) is refused
    # with 401 Unauthorized, as the bank services expect; it changes nothing, like a 403.
    if response.status_code in (400, 401, 403, 404, 405, 410):
        return True
    if response.status_code not in (301, 302):
        return False
    target = response["Location"].split("?")[0]
    return target.endswith(LOGIN_PATHS) or bool(case.refused_to and target.startswith(case.refused_to))


def is_allowed(response, case):
    return response.status_code < 400 and not is_denied(response, case)


@pytest.mark.parametrize("area", list(AREAS))
def test_access_matrix(area):
    world = build_world()
    browsers = Browsers(world)
    problems = defaultdict(list)
    checked = 0
    for pattern, name, _entry in url_patterns():
        if area_of(pattern) != area:
            continue
        cases = cases_for(pattern, name)
        if not cases:
            problems[pattern].append("no expectation: add a Case in tests/security/access_rules.py")
            continue
        for case in cases:
            kwargs = case.kwargs(world) if callable(case.kwargs) else (case.kwargs or {})
            path = case.path or example_path(pattern, kwargs)
            try:
                match = resolve(path)
            except Resolver404:
                match = None
            shadowed = match is not None and match.view_name.startswith(SHADOWING)
            if match is None or (name and match.view_name != name and not shadowed):
                problems[pattern].append(f"cannot build a path ({path}): give the Case kwargs")
                continue
            post = case.post(world) if callable(case.post) else case.post
            for role in rules.ROLES:
                for method in ("GET", "POST"):
                    if method == "GET" and not case.get:  # a POST-only view: GET opens nothing, no 500
                        response = request(browsers, role, "GET", path, None)
                        checked += 1
                        if response.status_code >= 500 or is_allowed(response, case):
                            problems[pattern].append(f"{role} GET {path}: {response.status_code}")
                        continue
                    response = request(browsers, role, method, path, post if method == "POST" else None)
                    checked += 1
                    status = response.status_code
                    where = f"{role} {method} {path} ({case.note or name}): {status}"
                    if status >= 500 and not (role in rules.STAFF and pattern in rules.KNOWN_STAFF_500S):
                        problems[pattern].append(f"{where} server error")
                    elif status >= 500:
                        pass
                    elif role in case.denied_roles() and not is_denied(response, case):
                        problems[pattern].append(f"{where} should be refused")
                    elif (
                        role in case.allow
                        and (method == "GET" or post is not None)
                        and not is_allowed(response, case)
                    ):
                        problems[pattern].append(f"{where} should be allowed")
    report = "\n".join(f"{pattern}\n    " + "\n    ".join(lines) for pattern, lines in problems.items())
    assert not problems, f"{len(problems)} URL patterns break their expectations:\n{report}"
    assert checked > 0
