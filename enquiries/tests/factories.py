import datetime

import factory

from enquiries.models import ClosedPeriod, Enquiry, Kind, Status, VisitRequest

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
