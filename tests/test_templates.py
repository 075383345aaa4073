"""Template hygiene, over every file in templates/ (admin overrides included)."""

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SUFFIXES = {".html", ".txt", ".xml"}
MAX_LINE = 120


def long_lines(root, limit=MAX_LINE):
    """`path:line (n characters)` for each template line under `root` longer than `limit`."""
    found = []
    for path in sorted(p for p in root.rglob("*") if p.suffix in SUFFIXES and p.is_file()):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            if len(line) > limit:
                found.append(f"{path.relative_to(root.parent)}:{number} ({len(line)} characters)")
    return found


def test_no_template_line_is_longer_than_120_characters():
    found = long_lines(TEMPLATES)

    assert not found, f"Template lines over {MAX_LINE} characters:\n" + "\n".join(found)


def test_a_line_over_the_limit_is_named_by_file_and_line(tmp_path):
    root = tmp_path / "templates"
    (root / "news").mkdir(parents=True)
    (root / "news" / "card.html").write_text("<p>short</p>\n" + "x" * 121 + "\n" + "é" * 120 + "\n")
    (root / "feed.xml").write_text("<rss>" + "y" * 120 + "</rss>\n")
    (root / "robots.txt").write_text("z" * 120 + "\n")
    (root / "notes.md").write_text("w" * 200 + "\n")

    found = long_lines(root)

    assert found == [
        "templates/feed.xml:1 (131 characters)",
        "templates/news/card.html:2 (121 characters)",
    ]
