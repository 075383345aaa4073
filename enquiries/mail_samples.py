"""What the admin's mail preview shows the enquiries' mail with: made-up people and
unsaved rows, never a real enquiry (symbiosis.registry.mail_samples)."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from enquiries import visits
from enquiries.models import Enquiry, Kind, PartnerApplication, VisitRequest
from symbiosis.registry import mail_samples


def _person(kind, **fields):
    return Enquiry(
        pk=1234,
        kind=kind,
        name="Ingrid Larsen",
        email="ingrid.larsen@example.org",
        organisation=fields.pop("organisation", "Roskilde Gymnasium"),
        message=fields.pop("message", "Må vi komme forbi med en 2.g-klasse i foråret?"),
        **fields,
    )


def _visit():
    return VisitRequest(
        enquiry=_person(Kind.VISIT),
        group_size=24,
        country="Norge",
        visit_language="en",
        date_1=date(2027, 3, 10),
        date_2=date(2027, 3, 17),
        interests=["energy", "water"],
        accessibility="En deltager bruger kørestol.",
        confirmed_date=date(2027, 3, 10),
    )


def _application():
    return PartnerApplication(
        enquiry=_person(Kind.APPLICATION, organisation="Grøn Kemi A/S", message=""),
        cvr="24256790",
        street="Industrivej 12",
        postcode="4400",
        town="Kalundborg",
        nace="20.14",
        shares="Overskudsvarme, ca. 40 °C, 2 MW hele året.",
        needs="Procesvand og damp.",
    )


@mail_samples.register("contact_receipt")
def contact_receipt():
    return {"enquiry": _person(Kind.CONTACT), "detail": None}


@mail_samples.register("enquiry_notification")
def enquiry_notification():
    application = _application()
    return {
        "enquiry": application.enquiry,
        "detail": application,
        "admin_url": "https://symbiosis.example.org/admin/enquiries/enquiry/1234/change/",
    }


@mail_samples.register("visit_receipt")
def visit_receipt():
    visit = _visit()
    return {"enquiry": visit.enquiry, "detail": visit}


@mail_samples.register("visit_confirmed")
def visit_confirmed():
    visit = _visit()
    start = datetime.combine(visit.confirmed_date, time(10), timezone.get_default_timezone())
    return {
        "enquiry": visit.enquiry,
        "visit": visit,
        "comment": "Vi mødes i receptionen; parkering ved port 2.",
        "start": start,
        "end": start + timedelta(minutes=visit.duration_minutes),
        "address": visits.secretariat_address(),
    }


@mail_samples.register("visit_declined")
def visit_declined():
    visit = _visit()
    return {
        "enquiry": visit.enquiry,
        "visit": visit,
        "reason": "Vi tager imod højst 40 gæster ad gangen; kan I dele gruppen på to dage?",
    }


def _step():
    application = _application()
    return {"enquiry": application.enquiry, "detail": application, "comment": ""}


for _name in ("application_receipt", "application_in_review", "application_board"):
    mail_samples.register(_name, _step)


def _decision():
    application = _application()
    return {
        "enquiry": application.enquiry,
        "application": application,
        "meeting": date(2027, 3, 2),
        "note": "Bestyrelsen glæder sig til samarbejdet.",
        "comment": "",
    }


for _name in ("application_approved", "application_declined"):
    mail_samples.register(_name, _decision)
