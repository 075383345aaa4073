"""The base of every content admin: the rich-text editor, versions, compare and restore.

History is kept by django-reversion rather than django-simple-history: reversion stores
one *revision* per save with the object, the inlines that were saved with it (a
project's grants, a flow's yearly figures) and its many-to-many links, so a restore
brings the whole edit back in one step, and its admin recovers deleted items. Simple
history keeps one table per model and restores a single row without its relations.
"""

from django_prose_editor.widgets import AdminProseEditorWidget
from reversion.admin import VersionAdmin

from symbiosis.richtext import RichTextField

# The editor offers exactly what symbiosis.richtext keeps after sanitising.
EDITOR_CONFIG = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Underline": True,
        "Strike": True,
        "Subscript": True,
        "Superscript": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HorizontalRule": True,
        "HardBreak": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
        "Table": True,
        "TableRow": True,
        "TableHeader": True,
        "TableCell": True,
        "History": True,
        "HTML": True,
        "Typographic": True,
    }
}


class HistoryAdmin(VersionAdmin):
    """Admin for public content: every save is a version (who, when, what), with
    history, compare, restore and "recover deleted" in the admin."""

    history_latest_first = True
    formfield_overrides = {
        RichTextField: {
            "widget": AdminProseEditorWidget(config=EDITOR_CONFIG, preset="configurable")
        },
    }
