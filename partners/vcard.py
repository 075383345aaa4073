"""vCard 4.0 (RFC 6350) contact cards for people shown on the site."""

from django.utils.text import slugify

DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def vcard_filename(person):
    """A readable ASCII file name: "Mette Holm Sørensen" → mette-holm-soerensen.vcf."""
    return f"{slugify(person.name.translate(DANISH_LETTERS)) or 'contact'}.vcf"


def _escape(value):
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace("\n", "\\n")
        .replace(",", "\\,")
        .replace(";", "\\;")
    )


def _fold(line):
    """Fold lines longer than 75 octets (RFC 6350 section 3.2)."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)


def vcard_for(person):
    organisation = person.organisation
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"FN:{_escape(person.name)}",
        f"N:{_escape(person.name.rsplit(' ', 1)[-1])};{_escape(person.name.rsplit(' ', 1)[0])};;;",
        f"ORG:{_escape(organisation.name)}",
    ]
    if person.role_da or person.role_en:
        lines.append(f"TITLE:{_escape(person.role)}")
    if person.email:
        lines.append(f"EMAIL;TYPE=work:{_escape(person.email)}")
    if person.phone:
        lines.append(f"TEL;TYPE=work,voice;VALUE=uri:tel:{person.phone.replace(' ', '')}")
    if person.linkedin:
        lines.append(f"URL;TYPE=linkedin:{person.linkedin}")
    if organisation.street or organisation.town:
        lines.append(
            "ADR;TYPE=work:;;"
            + ";".join(
                _escape(v)
                for v in (
                    organisation.street,
                    organisation.town,
                    "",
                    organisation.postcode,
                    "Danmark",
                )
            )
        )
    lines.append("END:VCARD")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
