"""Checks every browser test runs on each page it visits (used by `PhonePage` in conftest.py).

- accessibility: axe-core (npm, installed by tests/setup_machine.py) is evaluated in the page
  and every *serious* or *critical* violation is a problem;
- storefront pages only (our site frame, not the Wagtail admin or Oscar dashboard):
  no sideways scroll, no Oscar or jQuery script (every control is a plain form post), and on
  the Vietnamese site no English sentence that Oscar, Django or Wagtail ship (their gettext
  catalogues are the list of "known messages").
"""

import functools
import re
from pathlib import Path

import django
import oscar
import wagtail

ROOT = Path(__file__).resolve().parent.parent
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = ("serious", "critical")

# Staff tools drawn by Wagtail and Oscar: checked by axe, not for width or language.
STAFF_PREFIXES = ("/cms/", "/dashboard/", "/admin/")

# Short English labels that the catalogues' longer sentences would not catch.
ENGLISH_WORDS = (
    "Re-order",
    "In stock",
    "Out of stock",
    "Add to basket",
    "Basket",
    "Checkout",
    "Sign in",
    "Log in",
    "Log out",
    "Register",
    "Password",
    "Previous",
    "Order history",
    "Remove",
    "Quantity",
    "Forbidden",
    "Not Found",
    "Server Error",
    "Bad Request",
)

_RUN_AXE = """async () => {
    const result = await axe.run(document, {resultTypes: ["violations"]});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
    }));
}"""


@functools.cache
def _axe_source():
    if not AXE_SCRIPT.exists():
        raise RuntimeError(f"{AXE_SCRIPT} is missing: run `python -m tests.setup_machine` (npm ci).")
    return AXE_SCRIPT.read_text()


def axe_violations(page):
    """Serious and critical axe-core violations on the page as it is now, as readable lines.

    The script is evaluated through the DevTools protocol, so a Content-Security-Policy that
    forbids inline scripts does not stop the check.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    found = page.evaluate(_RUN_AXE)
    return [
        f"{v['impact']} {v['id']} ({v['help']}): {', '.join(v['targets'])}"
        for v in found
        if v["impact"] in FAILING_IMPACTS
    ]


def _catalogue_msgids(path):
    """The English msgids of a gettext .po file (plural forms included)."""
    text = path.read_text(encoding="utf-8")
    ids = []
    for match in re.finditer(r'^msgid(?:_plural)? ((?:".*"\n?)+)', text, re.M):
        parts = re.findall(r'"(.*)"', match.group(1))
        ids.append("".join(parts).encode().decode("unicode_escape", errors="ignore"))
    return ids


@functools.cache
def known_english_sentences():
    """Sentences of three words or more from the English catalogues of Oscar, Django and Wagtail.

    Placeholders and HTML split a message into pieces; each piece of 3+ plain English words is
    something a Vietnamese page must never show.
    """
    sources = [
        Path(oscar.__file__).parent / "locale/vi/LC_MESSAGES/django.po",
        Path(django.__file__).parent / "conf/locale/vi/LC_MESSAGES/django.po",
        Path(django.__file__).parent / "contrib/auth/locale/vi/LC_MESSAGES/django.po",
        Path(wagtail.__file__).parent / "locale/vi/LC_MESSAGES/django.po",
    ]
    sentences = set()
    for source in sources:
        if not source.exists():
            continue
        for msgid in _catalogue_msgids(source):
            plain = re.sub(r"<[^>]+>|%(\(\w+\))?[sdf]|\{[^}]*\}|&\w+;", "\n", msgid)
            for piece in re.split(r"[\n.:!?;()\"'“”]+", plain):
                piece = " ".join(piece.split())
                if len(piece.split()) >= 3 and re.fullmatch(r"[A-Za-z][A-Za-z ,\-']+", piece):
                    sentences.add(piece)
    # Django's stale Vietnamese catalogue misses the password rules' current wording.
    sentences.add("This password is too short")
    return frozenset(sentences)


def english_on_page(text):
    """Known English messages found in the visible text of a Vietnamese page."""
    found = [s for s in known_english_sentences() if s in text]
    found += [w for w in ENGLISH_WORDS if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
    return sorted(found)


def storefront_problems(page):
    """Sideways scroll and English on a storefront page; nothing for staff tools."""
    from urllib.parse import urlsplit

    path = urlsplit(page.url).path
    if path.startswith(STAFF_PREFIXES):
        return []
    problems = []
    width, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if width > viewport:
        problems.append(f"{path} is {width}px wide on a {viewport}px screen")
    vendor_scripts = page.evaluate(
        "[...document.scripts].map(s => s.src).filter(src => /\\/static\\/oscar\\/|jquery/i.test(src))"
    )
    if vendor_scripts:
        problems.append(f"{path} loads Oscar's or jQuery's scripts: {vendor_scripts}")
    if page.get_attribute("html", "lang") == "vi":
        text = page.evaluate("document.title + '\\n' + document.body.innerText")
        english = english_on_page(text)
        if english:
            problems.append(f"{path} shows English on the Vietnamese site: {english}")
    return problems


# Controls a thumb must hit: at least 44 × 44 px (links inside a sentence are exempt, as in WCAG 2.5.5).
_TARGETS = ", ".join(
    ("main a[href]", "main button", "main input:not([type=hidden])", "main select", "main summary")
    + ("header a", "header button")
)
_SMALL_TARGETS = """() => [...document.querySelectorAll(TARGETS)].filter(e => {
    if (e.offsetParent === null) return false;
    const parent = e.parentElement;
    const inSentence = e.tagName === 'A' && parent && ['P', 'SPAN', 'SMALL', 'DD'].includes(parent.tagName)
        && parent.innerText.trim() !== e.innerText.trim();
    if (inSentence || e.classList.contains('skip-link')) return false;
    const r = e.getBoundingClientRect();
    return Math.round(r.height) < 44 || Math.round(r.width) < 44;
}).map(e => {
    const r = e.getBoundingClientRect(), text = (e.innerText || e.name || '').trim().slice(0, 30);
    return `${e.tagName.toLowerCase()} "${text}" ${Math.round(r.width)}×${Math.round(r.height)}`;
})""".replace("TARGETS", repr(_TARGETS))


def small_tap_targets(page):
    """Buttons, fields and stand-alone links in the header and main content under 44 × 44 px."""
    return page.evaluate(_SMALL_TARGETS)
