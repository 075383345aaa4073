"""The public forms and their confirmation pages.

Each form page is never cached (it carries a CSRF token) and each post is counted
against the client's limit before anything else happens (symbiosis/spam.py). A post
that passes becomes an enquiry through `workflow.receive()`, then the browser is sent
to the confirmation page (Post/Redirect/Get: reloading it sends nothing again); the
confirmation's address carries nothing about the person.
"""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from enquiries import privacy, workflow
from enquiries.forms import ContactForm
from enquiries.models import Topic
from symbiosis.bilingual import active_language
from symbiosis.spam import limit_posts


@method_decorator(never_cache, name="dispatch")
@method_decorator(limit_posts("enquiries"), name="dispatch")
class EnquiryFormView(FormView):
    """A public form that makes one enquiry; `sent_url` names its confirmation page."""

    sent_url = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def get_context_data(self, **kwargs):
        return super().get_context_data(retention_months=privacy.retention_months(), **kwargs)

    def form_valid(self, form):
        if not form.is_spam:
            workflow.receive(form.enquiry(active_language()), form.detail(), request=self.request)
        # A trapped bot is told what a person is told, so it learns nothing.
        return redirect(reverse(self.sent_url))

    def form_invalid(self, form):
        # A filled honeypot makes the form invalid too (symbiosis/spam.py): thank it all the same.
        if form.is_spam:
            return redirect(reverse(self.sent_url))
        return super().form_invalid(form)


class ContactView(EnquiryFormView):
    form_class = ContactForm
    template_name = "enquiries/contact.html"
    sent_url = "enquiries:contact-sent"

    def get_initial(self):
        # The contact page's links may choose the topic: ?topic=press.
        topic = self.request.GET.get("topic")
        return {"topic": topic} if topic in Topic.values else {}


class SentView(TemplateView):
    """ "Thank you": the same page for everyone, so it may be cached like any other."""

    kind = None

    def get_template_names(self):
        return [f"enquiries/{self.kind}_sent.html"]


class PrivacyView(TemplateView):
    """What the site keeps about people, why and for how long: every form links here."""

    template_name = "enquiries/privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            retention_months=privacy.retention_months(), version=privacy.VERSION, **kwargs
        )
