"""Admin login security: lockout after failed logins (django-axes), the client's
address behind the proxy, idle session expiry and two-factor codes (django-otp).
How each works and the tests that prove it: docs/security.md, "Admin login and sessions".
"""
