"""Staff preview of unpublished content at its public address, never cached."""

from django.utils.cache import add_never_cache_headers, patch_cache_control

from symbiosis.security.login import second_factor_done


class StaffPreviewMixin:
    """For a DetailView: staff with `preview_permission` also see drafts (the view
    puts `is_preview` in its context); what they see never sits in a shared cache.
    A session that still owes the admin its two-factor code sees no drafts either: the
    password alone opens no more here than it does in the admin."""

    preview_permission = None

    def can_preview(self):
        user = self.request.user
        return user.has_perm(self.preview_permission) and second_factor_done(user)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"] or self.can_preview():
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
