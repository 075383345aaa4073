"""What happens to a data round, as plain functions: who is asked, the opening mail,
accepting (publishing) and returning an answer, which pairs of figures disagree.

The views (workspace/rounds.py), the admin (workspace/admin_rounds.py) and the nightly
work (workspace/retention.py) call these; nothing else changes an answer's status.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from exchanges.models import Flow, FlowFigure
from exchanges.units import Quantity, UnitMismatch
from partners.models import Partner
from symbiosis.addresses import absolute
from symbiosis.mail import send_templated
from workspace.models import Answer, DataRound, Invitation, Membership, ReportedFigure

# A change on last year's figure beyond this share asks for a comment.
CHANGE_NEEDING_COMMENT = Decimal("0.5")
# Two ends of a flow whose figures differ by more than this share are flagged.
DISAGREEMENT = Decimal("0.1")
# The answers whose figures count as reported (for flagging and publishing).
REPORTED = (Answer.Status.SUBMITTED, Answer.Status.ACCEPTED)


def flows_of(partner, year):
    """The flows into or out of `partner` running in `year`, with their ends."""
    return (
        Flow.objects.in_year(year)
        .filter(Q(supplier=partner) | Q(receiver=partner))
        .with_related()
        .order_by("resource__name_da", "pk")
    )


def expected_partners(data_round):
    """The partners asked to answer: each with a flow running in the round's year."""
    running = Flow.objects.in_year(data_round.year)
    return Partner.objects.filter(
        Q(pk__in=running.values("supplier")) | Q(pk__in=running.values("receiver"))
    ).order_by("name")


def editors_of(partner):
    return (
        Membership.objects.editors()
        .active()
        .filter(partner=partner)
        .exclude(user__email="")
        .select_related("user")
    )


def language_of(user):
    """The person's language: that of the invitation they accepted, else Danish."""
    invitation = (
        Invitation.objects.filter(user=user, accepted__isnull=False).order_by("-accepted").first()
    )
    return invitation.language if invitation else "da"


def form_url(partner, year, language):
    with translation.override(language):
        path = reverse("workspace:round", kwargs={"organisation": partner.slug, "year": year})
    return absolute(path)


def mail_editors(partner, data_round, name, key, extra=None):
    """Mail `name` to every editor of `partner`, once per key and person."""
    sent = 0
    for membership in editors_of(partner):
        user = membership.user
        language = language_of(user)
        context = {
            "name": user.get_full_name() or user.get_username(),
            "organisation": partner.name,
            "year": data_round.year,
            "deadline": data_round.deadline,
            "message": data_round.message_en if language == "en" else data_round.message_da,
            "url": form_url(partner, data_round.year, language),
            **(extra or {}),
        }
        send_templated(name, context, to=[user.email], language=language, key=f"{key}-{user.pk}")
        sent += 1
    return sent


@transaction.atomic
def open_round(data_round):
    """Mail every editor of every partner asked; set `opened`. Returns the mails queued.
    A second call sends nothing a first one sent (one key per round and person)."""
    if not data_round.is_open:
        return 0
    sent = 0
    for partner in expected_partners(data_round):
        sent += mail_editors(
            partner, data_round, "workspace_round_opened", f"round-{data_round.pk}-opened"
        )
    if data_round.opened is None:
        data_round.opened = timezone.now()
        DataRound.objects.filter(pk=data_round.pk).update(opened=data_round.opened)
    return sent


def amount(quantity, unit):
    if quantity is None or not unit:
        return None
    return Quantity(quantity, unit)


def relative_change(new, old):
    """|new − old| / old for two Quantities (old's unit), or None if they do not compare.
    From nothing to something is an infinite change."""
    if new is None or old is None:
        return None
    try:
        value = new.to(old.unit).value
    except UnitMismatch:
        return None
    if old.value == 0:
        return Decimal(0) if value == 0 else Decimal("Infinity")
    return abs(value - old.value) / old.value


def needs_comment(new, last_year):
    change = relative_change(new, last_year)
    return change is not None and change > CHANGE_NEEDING_COMMENT


@dataclass(frozen=True)
class Disagreement:
    flow: Flow
    supplier_figure: ReportedFigure
    receiver_figure: ReportedFigure
    change: Decimal  # the receiver's figure against the supplier's


def disagreements(data_round):
    """The flows whose two ends both reported in the round and differ by more than 10 %
    (after converting units), measured against the supplier's figure."""
    figures = (
        ReportedFigure.objects.filter(
            answer__round=data_round, answer__status__in=REPORTED, quantity__isnull=False
        )
        .exclude(unit="")
        .select_related("answer__partner", "flow__supplier", "flow__receiver", "flow__resource")
    )
    ends = {}
    for figure in figures:
        if figure.answer.partner_id == figure.flow.supplier_id:
            ends.setdefault(figure.flow_id, {})["supplier"] = figure
        elif figure.answer.partner_id == figure.flow.receiver_id:
            ends.setdefault(figure.flow_id, {})["receiver"] = figure
    found = []
    for pair in ends.values():
        if len(pair) < 2:
            continue
        supplier, receiver = pair["supplier"], pair["receiver"]
        change = relative_change(
            amount(receiver.quantity, receiver.unit), amount(supplier.quantity, supplier.unit)
        )
        if change is not None and change > DISAGREEMENT:
            found.append(Disagreement(supplier.flow, supplier, receiver, change))
    return found


def flagged_answer_ids(data_round=None):
    """The answers with a figure in a flagged pair (of one round, or of every round)."""
    rounds = [data_round] if data_round else DataRound.objects.all()
    ids = set()
    for each in rounds:
        for pair in disagreements(each):
            ids.update({pair.supplier_figure.answer_id, pair.receiver_figure.answer_id})
    return ids


SOURCE_MAX = FlowFigure._meta.get_field("source").max_length


def source_text(partner, year, method):
    """'Reported by <organisation> in the data round <year>: <method>' within 300
    characters: the method is cut at a word with an ellipsis, then the name if need be."""
    with translation.override(settings.LANGUAGE_CODE):
        head = gettext("Reported by %(organisation)s in the data round %(year)s") % {
            "organisation": partner.name,
            "year": year,
        }
    text = f"{head}: {method}" if method else head
    if len(text) <= SOURCE_MAX:
        return text
    room = SOURCE_MAX - len(head) - 3
    if room > 10:
        cut = method[:room].rsplit(" ", 1)[0] if " " in method[:room] else method[:room]
        return f"{head}: {cut}…"
    return text[: SOURCE_MAX - 1] + "…"


def publish(answer):
    """Make the answer's publishable figures the flows' realised figures of the year.
    Where both ends reported, the supplier's figure wins; the receiver's is published
    only while the supplier has none. Returns the FlowFigures written."""
    year = answer.round.year
    figures = answer.figures.filter(may_publish=True, quantity__isnull=False).exclude(unit="")
    figures = figures.select_related("flow")
    written = []
    for figure in figures:
        flow = figure.flow
        if answer.partner_id == flow.receiver_id:
            supplier_has = ReportedFigure.objects.filter(
                answer__round=answer.round,
                answer__partner_id=flow.supplier_id,
                answer__status=Answer.Status.ACCEPTED,
                flow=flow,
                may_publish=True,
                quantity__isnull=False,
            ).exclude(unit="")
            if supplier_has.exists():
                continue
        elif answer.partner_id != flow.supplier_id:
            continue
        published, _created = FlowFigure.objects.get_or_create(
            flow=flow,
            year=year,
            kind=FlowFigure.Kind.REALISED,
            defaults={"source": source_text(answer.partner, year, figure.method)},
        )
        published.quantity = figure.quantity
        published.unit = figure.unit
        published.source = source_text(answer.partner, year, figure.method)
        published.save()
        written.append(published)
    return written


@transaction.atomic
def accept(answer, *, by):
    """Accept a submitted answer and publish its figures."""
    answer.status = Answer.Status.ACCEPTED
    answer.reviewed = timezone.now()
    answer.reviewed_by = by
    answer.save()
    return publish(answer)


@transaction.atomic
def return_for_changes(answer, *, by, comment):
    """Send the answer back to the partner with the secretariat's comment, mailed to
    its editors; they may change it and submit again."""
    answer.status = Answer.Status.RETURNED
    answer.reviewed = timezone.now()
    answer.reviewed_by = by
    answer.comment = comment
    answer.save()
    stamp = f"{answer.reviewed:%Y%m%d%H%M%S}"
    return mail_editors(
        answer.partner,
        answer.round,
        "workspace_round_returned",
        f"answer-{answer.pk}-returned-{stamp}",
        extra={"comment": comment},
    )
