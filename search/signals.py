"""Keep the index in step with every save and delete (connected in SearchConfig.ready).

An entry holds text of other objects (a flow names its partners and resource; a
person names their organisation; an event lists its sessions) and their visibility
(a flow of a hidden partner is hidden), so saving one object may re-index others.
Bulk writes that send no signals (QuerySet.update, bulk_create: the bench's
generator) are followed by `manage.py rebuild_search_index`. Rows loaded by
`loaddata` (raw) are skipped: `manage.py restore` rebuilds the whole index after
loading (backups leave the index out).
"""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from exchanges.models import Flow, Resource
from news.models import Article, Event, PressAsset, Session, Speaker
from pages.models import Page
from partners.models import FormerName, Partner, Person
from projects.models import Project
from search import index
from search.models import Kind
from timeline.models import Milestone

# Models whose entry is only their own.
SIMPLE = {
    Article: Kind.ARTICLE,
    Page: Kind.PAGE,
    PressAsset: Kind.PRESS_ASSET,
    Project: Kind.PROJECT,
    Milestone: Kind.MILESTONE,
    Person: Kind.PERSON,
    Flow: Kind.FLOW,
    Speaker: Kind.SPEAKER,
}


def _ids(queryset):
    return list(queryset.values_list("pk", flat=True))


def simple_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index.reindex(SIMPLE[sender], [instance.pk])


def simple_deleted(sender, instance, **kwargs):
    index.remove(SIMPLE[sender], [instance.pk])


def partner_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    partner = instance
    index.reindex(Kind.PARTNER, [partner.pk])
    # Their names and visibility are in these entries too.
    index.reindex(Kind.FLOW, _ids(Flow.objects.filter(Q(supplier=partner) | Q(receiver=partner))))
    index.reindex(Kind.PERSON, _ids(partner.people.all()))
    index.reindex(Kind.SPEAKER, _ids(partner.speakers.all()))


def partner_deleted(sender, instance, **kwargs):
    index.remove(Kind.PARTNER, [instance.pk])


def former_name_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        index.reindex(Kind.PARTNER, [instance.partner_id])


def resource_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    index.reindex(Kind.RESOURCE, [instance.pk])
    index.reindex(Kind.FLOW, _ids(instance.flows.all()))


def resource_deleted(sender, instance, **kwargs):
    index.remove(Kind.RESOURCE, [instance.pk])


def _speakers_of(events=None, sessions=None):
    sessions = Session.objects.filter(event__in=events) if events is not None else sessions
    return _ids(Speaker.objects.filter(sessions__in=sessions).distinct())


def event_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    index.reindex(Kind.EVENT, [instance.pk])
    # A speaker is public while one of their events is.
    index.reindex(Kind.SPEAKER, _speakers_of(events=[instance.pk]))


def before_event_deleted(sender, instance, **kwargs):
    # After the delete its sessions and their speakers are gone: remember them now.
    instance._search_speakers = _speakers_of(events=[instance.pk])


def event_deleted(sender, instance, **kwargs):
    index.remove(Kind.EVENT, [instance.pk])
    index.reindex(Kind.SPEAKER, getattr(instance, "_search_speakers", []))


def session_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    index.reindex(Kind.EVENT, [instance.event_id])
    index.reindex(Kind.SPEAKER, _ids(instance.speakers.all()))


def before_session_deleted(sender, instance, **kwargs):
    instance._search_speakers = _ids(instance.speakers.all())


def session_deleted(sender, instance, **kwargs):
    index.reindex(Kind.EVENT, [instance.event_id])
    index.reindex(Kind.SPEAKER, getattr(instance, "_search_speakers", []))


def session_speakers_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear":
        if not reverse:
            instance._search_cleared = _ids(instance.speakers.all())
        return
    if not action.startswith("post_"):
        return
    if reverse:  # speaker.sessions.add(…): this speaker's visibility may change
        index.reindex(Kind.SPEAKER, [instance.pk])
    elif action == "post_clear":
        index.reindex(Kind.SPEAKER, getattr(instance, "_search_cleared", []))
    else:
        index.reindex(Kind.SPEAKER, pk_set or [])


def connect():
    uid = "search-index"
    for model in SIMPLE:
        post_save.connect(simple_saved, sender=model, dispatch_uid=f"{uid}-{model.__name__}")
        post_delete.connect(simple_deleted, sender=model, dispatch_uid=f"{uid}-{model.__name__}")
    post_save.connect(partner_saved, sender=Partner, dispatch_uid=uid)
    post_delete.connect(partner_deleted, sender=Partner, dispatch_uid=uid)
    post_save.connect(former_name_changed, sender=FormerName, dispatch_uid=uid)
    post_delete.connect(former_name_changed, sender=FormerName, dispatch_uid=uid)
    post_save.connect(resource_saved, sender=Resource, dispatch_uid=uid)
    post_delete.connect(resource_deleted, sender=Resource, dispatch_uid=uid)
    post_save.connect(event_saved, sender=Event, dispatch_uid=uid)
    pre_delete.connect(before_event_deleted, sender=Event, dispatch_uid=uid)
    post_delete.connect(event_deleted, sender=Event, dispatch_uid=uid)
    post_save.connect(session_saved, sender=Session, dispatch_uid=uid)
    pre_delete.connect(before_session_deleted, sender=Session, dispatch_uid=uid)
    post_delete.connect(session_deleted, sender=Session, dispatch_uid=uid)
    m2m_changed.connect(session_speakers_changed, sender=Session.speakers.through, dispatch_uid=uid)
