"""Forms as a browser sees them, and hostile values to put in them: for tests/portal/test_bad_input.py.

A form is read from the page that shows it (its action, its fields and their defaults), so a new form is fuzzed
the day it appears, without anyone listing it here.
"""

import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from django.db import connection

from tests.portal.crawling import local_url

# Values no form should choke on. Each is sent alone, in one field, with every other field as the page had it.
TEXT = [
    "",
    "   ",
    "x" * 100_000,
    "nul\x00byte",
    "<script>alert('xss')</script>",
    "' OR 1=1; DROP TABLE accounts_user; --",
    "\u202eevil\u202c \ufeff 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀" * 50,
    "{{ request.user.password }}{% debug %}",
    "../../../../etc/passwd",
]
NUMBER = ["-1", "0", "1e309", "NaN", "-inf", "9" * 400, "1,5", "twee", "0x1F"]
IDENTIFIER = ["", "0", "-1", "99999999999999999999", "abc", "1 OR 1=1", "nul\x00byte", "x" * 10_000]
CHOICE = ["", "geen-keuze", "x" * 10_000, "nul\x00byte"]

# Tables a refused request may still write: the session (Django renews it, messages live in it) and the
# record of a person's sessions. Nothing else.
SESSION_TABLES = ("django_session", "usersessions_usersession")
WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I)


@dataclass
class Field:
    name: str
    kind: str  # text, number, hidden, choice, file
    default: str | None  # None: a browser would not send it (an unticked box)


@dataclass
class Form:
    action: str
    fields: list[Field] = field(default_factory=list)

    def data(self, **replaced):
        """What a browser sends when nobody changes anything, with `replaced` values instead."""
        sent = {f.name: f.default for f in self.fields if f.default is not None and f.kind != "file"}
        return {**sent, **replaced}

    @property
    def shape(self):
        """One form per shape: the per-row forms of a table differ only in the number in their action."""
        return re.sub(r"\d+", "N", self.action), tuple(sorted(f.name for f in self.fields))


def _kind(tag):
    if tag.name in ("select",) or tag.get("type", "").lower() in ("radio", "checkbox"):
        return "choice"
    if tag.name == "textarea":
        return "text"
    kind = tag.get("type", "text").lower()
    if kind == "hidden":
        return "hidden"
    if kind == "number":
        return "number"
    if kind == "file":
        return "file"
    return "text"


def _default(tag, soup_form):
    if tag.name == "select":
        option = tag.find("option", selected=True) or tag.find("option")
        return option.get("value", option.get_text()) if option else ""
    if tag.name == "textarea":
        return tag.get_text()
    if tag.get("type", "").lower() in ("radio", "checkbox"):
        if tag.has_attr("checked"):
            return tag.get("value", "on")
        group = soup_form.find_all("input", attrs={"name": tag["name"]})
        chosen = any(other.has_attr("checked") for other in group)
        # A person answers a radio question; an unticked box is not sent.
        is_first_radio = tag.get("type").lower() == "radio" and group[0] is tag
        return tag.get("value", "on") if is_first_radio and not chosen else None
    return tag.get("value", "")


def post_forms(page_html, base):
    """Every POST form on the page, with the fields a browser would send."""
    return forms_in(page_html, base, "post")


def get_forms(page_html, base):
    """Every GET form on the page (searches and filters), with the fields a browser would send."""
    return forms_in(page_html, base, "get")


def forms_in(page_html, base, method):
    forms = []
    soup = BeautifulSoup(page_html, "html.parser")
    for tag in soup.find_all("form"):
        if tag.get("method", "get").lower() != method:
            continue
        action = local_url(tag.get("action") or base, base)
        if action is None:
            continue
        form, seen = Form(action), set()
        for control in tag.find_all(["input", "select", "textarea", "button"]):
            name = control.get("name")
            kind = control.get("type", "submit" if control.name == "button" else "text").lower()
            if not name or control.has_attr("disabled") or name == "csrfmiddlewaretoken":
                continue
            if kind in ("submit", "image", "reset", "button"):
                if name not in seen and control.get("value") is not None:
                    form.fields.append(Field(name, "choice", control.get("value")))
                    seen.add(name)
                continue
            default = _default(control, tag)
            if name in seen:  # the rest of a radio or checkbox group: its ticked answer is the one sent
                known = next(f for f in form.fields if f.name == name)
                known.default = known.default if known.default is not None else default
                continue
            seen.add(name)
            form.fields.append(Field(name, _kind(control), default))
        forms.append(form)
    return forms


def hostile_values(field_):
    return {"number": NUMBER, "hidden": IDENTIFIER, "choice": CHOICE}.get(field_.kind, TEXT)


@contextmanager
def writes():
    """The tables written in this block (INSERT, UPDATE, DELETE), sessions aside."""
    written = []

    def record(execute, sql, params, many, context):
        match = WRITE.match(sql)
        if match and match[2] not in SESSION_TABLES:
            written.append(match[2])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield written
