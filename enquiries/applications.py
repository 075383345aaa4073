"""Applications to join: the form, and the board's decision that makes a partner draft."""

from enquiries.forms import EnquiryForm
from enquiries.views import EnquiryFormView


class ApplicationForm(EnquiryForm):
    kind = "application"


class ApplicationView(EnquiryFormView):
    form_class = ApplicationForm
    template_name = "enquiries/application.html"
    sent_url = "enquiries:apply-sent"
