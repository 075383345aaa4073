"""Factories of the enquiries' tests: messages and applications, study visits."""

import datetime

import factory

from enquiries.models import (
    ClosedPeriod,
    Enquiry,
    Kind,
    PartnerApplication,
    Status,
    VisitRequest,
)
from partners.models import Partner


class EnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enquiry

    kind = Kind.CONTACT
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    message = "Hvordan bliver man partner?"
    language = "da"
    consent_version = "2026-12-07"


# Applications to join (enquiries/applications.py).

# Real CVR numbers pass the modulus-11 rule; these are made up and pass it too.
VALID_CVR_NUMBERS = ["24256790", "10000009", "10000017", "10000025"]


class ApplicationEnquiryFactory(EnquiryFactory):
    kind = Kind.APPLICATION
    topic = "partnership"
    organisation = factory.Sequence(lambda n: f"Grøn Kemi {n} A/S")
    message = ""


class PartnerApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerApplication

    enquiry = factory.SubFactory(ApplicationEnquiryFactory)
    cvr = "24256790"
    street = "Industrivej 12"
    postcode = "4400"
    town = "Kalundborg"
    nace = "20.14"
    membership = Partner.Membership.FULL
    shares = "Overskudsvarme, ca. 40 °C"
    needs = "Procesvand"

    class Params:
        at_the_board = factory.Trait(enquiry__status=Status.BOARD)


# Study visits (enquiries/visits.py, enquiries/admin_visits.py).


class VisitEnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enquiry

    kind = Kind.VISIT
    topic = "study_visit"
    name = "Ingrid Larsen"
    email = factory.Sequence(lambda n: f"visitor{n}@school.example.org")
    organisation = factory.Sequence(lambda n: f"Roskilde Gymnasium {n}")
    language = "en"
    consent_version = "2026-12-07"


class VisitRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisitRequest

    enquiry = factory.SubFactory(VisitEnquiryFactory)
    group_size = 24
    country = "Norway"
    date_1 = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=40))


class ConfirmedVisitFactory(VisitRequestFactory):
    enquiry = factory.SubFactory(VisitEnquiryFactory, status=Status.CONFIRMED)
    confirmed_date = factory.SelfAttribute("date_1")


class ClosedPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClosedPeriod

    start = datetime.date(2027, 3, 15)
    end = datetime.date(2027, 3, 19)
    reason = "Easter"
