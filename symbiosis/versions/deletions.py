"""Nothing deleted is beyond repair: the state of an item just before it is deleted
is kept as a version, whoever deletes it and however (the admin's delete page, the
bulk "delete selected" action, a cascade from its parent, the shell).

django-reversion keeps a version when an item is saved through a versioned admin,
and its "recover deleted" list offers the last version of items that no longer
exist. An item never saved that way (demo content, an import) would leave nothing
to recover, and reversion itself only saves versions of rows that still exist when
its revision closes: so the version of a deleted item is written here, at once,
with the rows saved with it (a partner's people, a flow's figures), as one revision.
"""

import contextlib
import contextvars

import reversion
from django.core import serializers
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext
from reversion.models import Revision, Version

# Pinned django-reversion (requirements.txt): these helpers read its registration
# (fields, format, followed relations). symbiosis/tests/test_versions.py covers them.
from reversion.revisions import _follow_relations_recursive, _get_content_type, _get_options


def _version(obj, using, revision):
    options = _get_options(obj.__class__)
    return Version(
        revision=revision,
        content_type=_get_content_type(obj.__class__, using),
        object_id=force_str(getattr(obj, options.object_id_field)),
        db=using,
        format=options.format,
        serialized_data=serializers.serialize(
            options.format,
            (obj,),
            fields=options.fields,
            use_natural_foreign_keys=options.use_natural_foreign_keys,
        ),
        object_repr=force_str(obj)[:191],
    )


_paused = contextvars.ContextVar("deletion_history_paused", default=False)


@contextlib.contextmanager
def without_deletion_history():
    """Delete without keeping versions: only for rows that are not content (the bench's
    generated symbiosis), where a version per deleted row would cost minutes."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def keep_before_delete(sender, instance, using, **kwargs):
    if _paused.get() or not reversion.is_registered(sender) or instance.pk is None:
        return
    user = reversion.get_user() if reversion.is_active() else None
    revision = Revision.objects.using(using).create(
        date_created=timezone.now(), user=user, comment=gettext("Deleted")
    )
    Version.objects.using(using).bulk_create(
        _version(obj, using, revision)
        for obj in _follow_relations_recursive(instance)
        if reversion.is_registered(obj.__class__)
    )
