"""Read the forms of a page as a browser would, so a test can post them back with hostile values."""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"action": attrs.get("action", ""), "method": (attrs.get("method") or "get").lower()}
            self._form["fields"] = []  # (name, value, kind)
            self.forms.append(self._form)
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self._form["fields"].append((name, attrs.get("value", "on"), kind))
                elif not any(n == name for n, _v, _k in self._form["fields"]):
                    self._form["fields"].append((name, None, kind))  # known, unchecked
            elif kind not in {"submit", "button", "image", "reset"}:
                self._form["fields"].append((name, attrs.get("value", ""), kind))
        elif tag == "select" and name:
            self._select = [name, None, None]
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select[2] is None and value:
                self._select[2] = value
            if "selected" in attrs:
                self._select[1] = value
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, selected, first = self._select
            self._form["fields"].append((name, selected if selected is not None else first or "", "select"))
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form["fields"].append((self._textarea[0], self._textarea[1], "textarea"))
            self._textarea = None


def page_forms(html: str) -> list[dict]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def form_data(form) -> dict:
    """What the browser would send for the form as drawn (checked boxes, selected options)."""
    data = {}
    for name, value, kind in form["fields"]:
        if value is None or kind == "file":  # no file chosen: nothing sent
            continue
        data.setdefault(name, [])
        data[name].append(value)
    return data
