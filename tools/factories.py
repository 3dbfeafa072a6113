"""Building tool pages in tests and the demo: stream data written as plain dicts, as an editor fills it in."""

from uuid import uuid4

from .models import CalculatorPage, ChecklistPage, ToolIndexPage


def tool_index(home_page, title="Hulpmiddelen", slug="hulpmiddelen"):
    existing = ToolIndexPage.objects.child_of(home_page).first()
    if existing:
        return existing
    page = home_page.add_child(instance=ToolIndexPage(title=title, slug=slug))
    page.save_revision().publish()
    return page


def _decimal(number):
    return None if number is None else str(number)  # as the editor's form stores it: no float on the way


def number(name, label, *, unit="", minimum=None, maximum=None, step=None, default=None, help=""):
    value = {"name": name, "label": label, "unit": unit, "help": help}
    value.update(minimum=_decimal(minimum), maximum=_decimal(maximum), step=_decimal(step), default=_decimal(default))
    return {"type": "number", "value": value}


def choice(name, label, options, *, help=""):
    return {
        "type": "choice",
        "value": {
            "name": name,
            "label": label,
            "options": [{"label": text, "value": _decimal(value)} for text, value in options],
            "help": help,
        },
    }


def yes_no(name, label, *, default=False, help=""):
    return {"type": "yes_no", "value": {"name": name, "label": label, "default": default, "help": help}}


def intermediate(name, formula, description=""):
    return {"type": "intermediate", "value": {"name": name, "formula": formula, "description": description}}


def output(name, label, formula, *, format="money", decimals=2, help=""):
    value = {"name": name, "label": label, "formula": formula, "format": format, "decimals": decimals, "help": help}
    return {"type": "output", "value": value}


def test_case(description, inputs, expected):
    return {
        "type": "test_case",
        "value": {
            "description": description,
            "inputs": [{"name": name, "value": str(value)} for name, value in inputs.items()],
            "expected": [{"name": name, "value": str(value)} for name, value in expected.items()],
        },
    }


def add_tool(index, model, title, *, audiences=(), publish=True, **fields):
    """A tool page under the tool index, published unless asked otherwise, as fresh from the database."""
    page = model(
        title=title, slug=fields.pop("slug", None) or title.lower().replace(" ", "-")[:50], live=False, **fields
    )
    index.add_child(instance=page)
    page.audiences.set(list(audiences))
    revision = page.save_revision()
    if publish:
        revision.publish()
    return model.objects.get(pk=page.pk)


def calculator(index, title, *, inputs, calculations, test_cases=(), **fields):
    return add_tool(
        index,
        CalculatorPage,
        title,
        inputs=list(inputs),
        calculations=list(calculations),
        test_cases=list(test_cases),
        **fields,
    )


def section(title, items):
    """items: (text, required) or (text, required, help); each item gets its id, as the editor gives it."""
    rows = []
    for item in items:
        value = {"text": item[0], "required": item[1], "help": item[2] if len(item) > 2 else ""}
        rows.append({"type": "item", "id": str(uuid4()), "value": value})
    return {"type": "section", "value": {"title": title, "items": rows}}


def checklist(index, title, *, sections, **fields):
    return add_tool(index, ChecklistPage, title, sections=list(sections), **fields)
