"""Nothing deleted is beyond repair: the state of an item just before it is deleted
is kept as a version, whoever deletes it and however (the admin's delete page, the
bulk "delete selected" action, a cascade from its parent, the shell).

django-reversion keeps a version when an item is saved through a versioned admin;
an item that was never saved that way (demo content, an import) would otherwise
leave nothing to recover.
"""

import reversion
from django.utils.translation import gettext


def keep_before_delete(sender, instance, **kwargs):
    if not reversion.is_registered(sender):
        return
    if reversion.is_active():
        reversion.add_to_revision(instance)
        if not reversion.get_comment():
            reversion.set_comment(gettext("Deleted"))
        return
    with reversion.create_revision():
        reversion.add_to_revision(instance)
        reversion.set_comment(gettext("Deleted"))
