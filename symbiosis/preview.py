"""Staff preview of unpublished content at its public address, never cached."""

from django.utils.cache import add_never_cache_headers, patch_cache_control


class StaffPreviewMixin:
    """For a DetailView: staff with `preview_permission` also see drafts (the view
    puts `is_preview` in its context); what they see never sits in a shared cache."""

    preview_permission = None

    def can_preview(self):
        return self.request.user.has_perm(self.preview_permission)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"] or self.can_preview():
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
