"""Demo data respects consent: a seller who did not agree to show its ethnic group sells no
product whose title, short name or description names that group (defect 11)."""

import re

from marketplace.demo import data
from marketplace.demo.builders import Plan
from marketplace.demo.privacy import ETHNIC_NAMES, publishes_ethnic_group


def _names_group(text, code):
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) for name in ETHNIC_NAMES[code])


def test_products_of_sellers_without_consent_do_not_name_their_group():
    plan = Plan.build()
    ethnic_of = {row[0]: row[7] for row in data.SELLERS}
    hidden = [p for p in plan.products if not publishes_ethnic_group(p.seller_slug)]
    assert len(hidden) >= 5  # the rule is exercised
    leaks = [
        (p.seller_slug, p.title)
        for p in hidden
        if ethnic_of[p.seller_slug] in ETHNIC_NAMES
        and any(_names_group(text, ethnic_of[p.seller_slug]) for text in (p.title, p.short, p.description))
    ]
    assert leaks == []


def test_sellers_who_consent_keep_their_products_names():
    plan = Plan.build()
    shown = {p.title for p in plan.products if publishes_ethnic_group(p.seller_slug)}
    assert any("Thái" in title for title in shown) and any("H'Mông" in title for title in shown)
