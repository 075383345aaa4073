"""Study visits: the request form, the days that can be asked for, the invitation."""

from enquiries.forms import EnquiryForm
from enquiries.views import EnquiryFormView


class VisitRequestForm(EnquiryForm):
    kind = "visit"


class VisitRequestView(EnquiryFormView):
    form_class = VisitRequestForm
    template_name = "enquiries/visit.html"
    sent_url = "enquiries:visit-sent"
