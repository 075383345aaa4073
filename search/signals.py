"""Keep the index in step with every save and delete (connected in SearchConfig.ready).

One generic set of receivers for every model the apps registered (`search.documents`):
an object's own entry, if its model is a source, and the entries that hold its text
or visibility (a flow of a hidden partner is hidden), from the registered
dependencies. Those are looked up before a delete, while the rows that lead to them
(an event's sessions and their speakers) still exist, and re-indexed after it.

Bulk writes that send no signals (QuerySet.update, bulk_create: the bench's
generator) are followed by `manage.py rebuild_search_index`. Rows loaded by
`loaddata` (raw) are skipped: `manage.py restore` rebuilds the whole index after
loading (backups leave the index out).
"""

from django.db.models.signals import post_delete, post_save, pre_delete

from search import index
from search.documents import DEPENDENCIES, SOURCES

UID = "search-index"


def _own_kind(model):
    return next((s.kind for s in SOURCES.values() if s.model is model), None)


def _dependents(model, instance):
    """{kind: ids} of the entries that hold something of this object."""
    found = {}
    for dependency in DEPENDENCIES:
        if dependency.model is model:
            found.setdefault(dependency.kind, []).extend(dependency.ids(instance))
    return found


def saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if kind := _own_kind(sender):
        index.reindex(kind, [instance.pk])
    for kind, ids in _dependents(sender, instance).items():
        index.reindex(kind, ids)


def before_delete(sender, instance, **kwargs):
    instance._search_dependents = _dependents(sender, instance)


def deleted(sender, instance, **kwargs):
    if kind := _own_kind(sender):
        index.remove(kind, [instance.pk])
    for kind, ids in getattr(instance, "_search_dependents", {}).items():
        index.reindex(kind, ids)


def connect():
    """Connect the receivers to every registered model (after the apps registered theirs)."""
    models = {source.model for source in SOURCES.values()}
    models |= {dependency.model for dependency in DEPENDENCIES}
    for model in models:
        uid = f"{UID}-{model._meta.label}"
        post_save.connect(saved, sender=model, dispatch_uid=uid)
        post_delete.connect(deleted, sender=model, dispatch_uid=uid)
        if any(dependency.model is model for dependency in DEPENDENCIES):
            pre_delete.connect(before_delete, sender=model, dispatch_uid=uid)
