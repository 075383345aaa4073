"""Submitting an admin form the way a browser would: every field as the page shows it."""

from tests.html import soup


def form_fields(response, form_selector="#content-main form"):
    """The data a browser would send for the form on the page, unchanged (file
    inputs are left out: no file chosen)."""
    form = soup(response).select_one(form_selector)
    assert form is not None, "no form on the page"
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name = field["name"]
        if field.name == "input":
            kind = field.get("type", "text")
            if kind in ("file", "submit", "button", "image", "reset"):
                continue
            if kind in ("checkbox", "radio"):
                if field.has_attr("checked"):
                    data.setdefault(name, []).append(field.get("value", "on"))
                continue
            data.setdefault(name, []).append(field.get("value", ""))
        elif field.name == "textarea":
            text = field.get_text()
            data.setdefault(name, []).append(text[1:] if text.startswith("\n") else text)
        else:
            chosen = [o.get("value", o.get_text()) for o in field.select("option[selected]")]
            if not chosen and not field.has_attr("multiple"):
                first = field.select_one("option")
                chosen = [first.get("value", first.get_text())] if first else []
            data.setdefault(name, []).extend(chosen)
    return data
