class CrossOriginResourcePolicyMiddleware:
    """Send `Cross-Origin-Resource-Policy: same-origin` (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
