"""Demo enquiries: messages, study-visit requests and applications in every status.

Made as rows directly (no mail goes out for them), each found again by a fixed
submission id so that loading the demo twice changes nothing. Dates of visits are
counted from today, so the calendar always has visits to show.
"""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from enquiries.models import (
    ClosedPeriod,
    Enquiry,
    Kind,
    Note,
    PartnerApplication,
    Status,
    StatusChange,
    TopicInbox,
    VisitCalendar,
    VisitRequest,
)
from partners.models import Partner
from symbiosis.demo import upsert

DEMO = uuid.UUID("5f1c9f0e-8d1e-4a57-9a43-6c0e2f7d1a00")


@dataclass(frozen=True)
class DemoEnquiry:
    key: str
    kind: str
    status: str
    name: str
    email: str
    organisation: str = ""
    topic: str = "general"
    language: str = "da"
    message: str = ""
    note: str = ""
    visit: dict = field(default_factory=dict)
    application: dict = field(default_factory=dict)


ENQUIRIES = [
    DemoEnquiry(
        "press-photos",
        Kind.CONTACT,
        Status.RECEIVED,
        "Mette Holm",
        "mette.holm@avis.example.dk",
        "Nordvestnyt",
        topic="press",
        message="Må vi bruge jeres luftfoto af Kalundborg i en artikel om overskudsvarme?",
    ),
    DemoEnquiry(
        "student-thesis",
        Kind.CONTACT,
        Status.IN_REVIEW,
        "Jonas Berg",
        "jonas.berg@student.example.dk",
        "Roskilde Universitet",
        message="Jeg skriver speciale om vandgenbrug og vil gerne interviewe en partner.",
        note="Spørg Kalundborg Forsyning, om de har tid i januar.",
    ),
    DemoEnquiry(
        "heat-question",
        Kind.CONTACT,
        Status.ANSWERED,
        "Anna Schmidt",
        "anna.schmidt@example.de",
        "Stadtwerke Flensburg",
        topic="partnership",
        language="en",
        message="How do partners agree on the price of surplus heat?",
    ),
    DemoEnquiry(
        "old-question",
        Kind.CONTACT,
        Status.CLOSED,
        "Peter Lund",
        "peter.lund@example.dk",
        message="Hvornår er næste åbent hus?",
    ),
    DemoEnquiry(
        "visit-japan",
        Kind.VISIT,
        Status.RECEIVED,
        "Yuki Tanaka",
        "y.tanaka@example.jp",
        "Kitakyushu Eco-Town Office",
        topic="study_visit",
        language="en",
        visit={
            "group_size": 18,
            "country": "Japan",
            "visit_language": "en",
            "days": (40, 41, 47),
            "interests": ["energy", "history", "policy"],
        },
    ),
    DemoEnquiry(
        "visit-aarhus",
        Kind.VISIT,
        Status.CONFIRMED,
        "Sofie Kjær",
        "sofie.kjaer@example.dk",
        "Aarhus Universitet, Institut for Miljøvidenskab",
        topic="study_visit",
        visit={
            "group_size": 25,
            "country": "Danmark",
            "visit_language": "da",
            "days": (21, 28),
            "interests": ["water", "materials"],
            "accessibility": "To deltagere bruger kørestol.",
            "confirmed": 21,
        },
    ),
    DemoEnquiry(
        "visit-declined",
        Kind.VISIT,
        Status.DECLINED,
        "Lucas Martin",
        "lucas.martin@example.fr",
        "Lycée technique de Dunkerque",
        topic="study_visit",
        language="en",
        visit={
            "group_size": 60,
            "country": "France",
            "visit_language": "other",
            "days": (30,),
            "interests": ["energy"],
            "decline": "We can receive at most 40 guests at a time; two visits on two days?",
        },
    ),
    DemoEnquiry(
        "apply-biogas",
        Kind.APPLICATION,
        Status.RECEIVED,
        "Henrik Madsen",
        "hm@biogas.example.dk",
        "Vestsjællands Biogas ApS",
        topic="partnership",
        application={
            "cvr": "10403782",
            "street": "Industrivej 12",
            "postcode": "4400",
            "town": "Kalundborg",
            "nace": "35.21",
            "shares": "Afgasset biomasse som gødning, ca. 40.000 t om året; CO₂ fra opgraderingen.",
            "needs": "Restvarme til rådnetankene og organisk restprodukt fra fødevareindustrien.",
        },
    ),
    DemoEnquiry(
        "apply-insulation",
        Kind.APPLICATION,
        Status.BOARD,
        "Camilla Vestergaard",
        "cv@isolering.example.dk",
        "Isolering Vest A/S",
        topic="partnership",
        note="Sættes på dagsordenen til bestyrelsesmødet i marts.",
        application={
            "cvr": "25313763",
            "street": "Havnevej 3",
            "postcode": "4400",
            "town": "Kalundborg",
            "nace": "23.99",
            "membership": "associate",
            "shares": "Overskudsvarme fra ovnene, 2 MW.",
            "needs": "Gips- og stenuldsrester til genanvendelse.",
        },
    ),
    DemoEnquiry(
        "apply-approved",
        Kind.APPLICATION,
        Status.APPROVED,
        "Rasmus Kofoed",
        "rk@proteinfabrik.example.dk",
        "Kalundborg Proteinfabrik ApS",
        topic="partnership",
        application={
            "cvr": "24256790",
            "street": "Biovej 1",
            "postcode": "4400",
            "town": "Kalundborg",
            "nace": "10.91",
            "shares": "Proteinrige restprodukter til foder.",
            "needs": "Damp og restvarme.",
            "decision": "Godkendt enstemmigt; velkommen i symbiosen.",
        },
    ),
    DemoEnquiry(
        "apply-declined",
        Kind.APPLICATION,
        Status.DECLINED,
        "Erik Sand",
        "erik@sand.example.dk",
        "Sand og Grus Holbæk",
        topic="partnership",
        application={
            "cvr": "12345674",
            "street": "Grusgravvej 8",
            "postcode": "4300",
            "town": "Holbæk",
            "shares": "Overskudsjord.",
            "decision": "Foreningen optager virksomheder i Kalundborg Kommune; prøv Holbæks netværk.",
        },
    ),
]


def _submission(key):
    return uuid.uuid5(DEMO, key)


def load():
    """Create the demo enquiries that are missing; returns how many rows were made."""
    created = 0
    _, made = upsert(VisitCalendar, {"pk": 1}, visits_per_day=2, days_ahead=14)
    created += made
    today = timezone.localdate()
    christmas = today.replace(month=12, day=22)
    _, made = upsert(
        ClosedPeriod,
        {"start": christmas},
        end=christmas + timedelta(days=12),
        reason="Jul og nytår",
    )
    created += made
    _, made = upsert(TopicInbox, {"topic": "press"}, email="presse@symbiosis.example.org")
    created += made
    for record in ENQUIRIES:
        if Enquiry.objects.filter(submission=_submission(record.key)).exists():
            continue
        enquiry = Enquiry.objects.create(
            kind=record.kind,
            status=record.status,
            topic=record.topic,
            name=record.name,
            email=record.email,
            organisation=record.organisation,
            message=record.message,
            language=record.language,
            consent_version="demo",
            submission=_submission(record.key),
        )
        StatusChange.objects.create(enquiry=enquiry, new_status=Status.RECEIVED)
        if record.status != Status.RECEIVED:
            StatusChange.objects.create(
                enquiry=enquiry, old_status=Status.RECEIVED, new_status=record.status
            )
        if record.note:
            Note.objects.create(enquiry=enquiry, text=record.note)
        if record.visit:
            _visit(enquiry, record.visit, today)
        if record.application:
            _application(enquiry, record.application)
        created += 1
    return created


def _weekday(day):
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _visit(enquiry, data, today):
    days = [_weekday(today + timedelta(days=n)) for n in data["days"]]
    VisitRequest.objects.create(
        enquiry=enquiry,
        group_size=data["group_size"],
        country=data["country"],
        visit_language=data["visit_language"],
        date_1=days[0],
        date_2=days[1] if len(days) > 1 else None,
        date_3=days[2] if len(days) > 2 else None,
        interests=data["interests"],
        accessibility=data.get("accessibility", ""),
        confirmed_date=_weekday(today + timedelta(days=data["confirmed"]))
        if "confirmed" in data
        else None,
        decline_reason=data.get("decline", ""),
    )


def _application(enquiry, data):
    fields = {k: v for k, v in data.items() if k not in ("membership", "decision")}
    application = PartnerApplication(
        enquiry=enquiry,
        membership=data.get("membership", Partner.Membership.FULL),
        decision_note=data.get("decision", ""),
        **fields,
    )
    if enquiry.status in (Status.APPROVED, Status.DECLINED):
        application.board_meeting = timezone.localdate() - timedelta(days=20)
    if enquiry.status == Status.APPROVED:
        # The draft the approval made: not on the site until the secretariat publishes it.
        application.partner, _ = upsert(
            Partner,
            {"slug": "kalundborg-proteinfabrik"},
            name=enquiry.organisation,
            cvr=application.cvr,
            nace=application.nace,
            street=application.street,
            postcode=application.postcode,
            town=application.town,
            is_public=False,
            summary_da="Udkast fra ansøgningen: skriv en kort beskrivelse.",
        )
    application.save()
