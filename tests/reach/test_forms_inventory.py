"""Every form a person can submit is submitted in Chromium by some browser test.

Each `<form>` in our templates carries a name (`data-form="…"`, or its `id`); the forms Oscar
draws that people meet are known by their `id` or their action. docs/reach.md lists them all,
each with the test that submits it. The browser tests record every real submit event
(tests/conftest.py, SUBMIT_RECORDER), and this test, run last, fails when

- a template has a `<form>` without a name, or one the list does not know;
- the list names a form no template has;
- a listed form was not submitted by any browser test of this run.

The last check needs the whole suite; on a partial run it is skipped.
"""

import re
import subprocess
from pathlib import Path

import pytest

from tests import conftest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "reach.md"
FORM_TAG = re.compile(r"<form\b[^>]*>", re.S)
DATA_FORM = re.compile(r'\bdata-form="([^"]+)"')
FORM_ID = re.compile(r'\bid="([^"]+)"')
# A row of the table in docs/reach.md: | `name` | `template` | `test` |
ROW = re.compile(r"^\| `([^`]+)` \| `([^`]+)` \| `([^`]+)` \|", re.M)


def listed_forms():
    return {name: (template, test) for name, template, test in ROW.findall(DOC.read_text(encoding="utf-8"))}


def our_templates():
    names = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.html"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [n for n in names if not n.startswith("benchmarks/")]


def template_forms():
    """{template path: [form names]} with None for a form that has no name."""
    found = {}
    for path in our_templates():
        for tag in FORM_TAG.findall((ROOT / path).read_text(encoding="utf-8")):
            match = DATA_FORM.search(tag) or FORM_ID.search(tag)  # as SUBMIT_RECORDER names it
            found.setdefault(path, []).append(match.group(1) if match else None)
    return found


def test_every_form_in_our_templates_is_named_and_listed():
    listed = listed_forms()
    unnamed, unlisted = [], []
    for path, names in template_forms().items():
        for name in names:
            if name is None:
                unnamed.append(path)
            elif "{{" not in name and name not in listed:
                unlisted.append(f"{name} ({path})")
    assert unnamed == [], f"forms without data-form or id: {unnamed}"
    assert unlisted == [], f"forms missing from docs/reach.md's list: {unlisted}"


def test_the_list_names_real_forms_and_real_tests():
    templates = {path: names for path, names in template_forms().items()}
    wrong = []
    for name, (template, test) in listed_forms().items():
        if not template.startswith("oscar:"):
            names = templates.get(template, [])
            if name not in names and not any(n and "{{" in n for n in names):
                wrong.append(f"{name}: no such form in {template}")
        test_file, _, test_name = test.partition("::")
        if not (ROOT / test_file).exists() or f"def {test_name}(" not in (ROOT / test_file).read_text():
            wrong.append(f"{name}: no test {test}")
    assert wrong == []


@pytest.mark.run_last
def test_every_listed_form_was_submitted_in_a_browser(request):
    if not request.config.stash.get(conftest.WHOLE_SUITE, False):
        pytest.skip("needs the whole suite: the browser tests record what they submit")
    missing = sorted(set(listed_forms()) - conftest.SUBMITTED_FORMS)
    assert missing == [], (
        f"never submitted in Chromium: {missing}; submitted: {sorted(conftest.SUBMITTED_FORMS)}"
    )
