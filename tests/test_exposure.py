"""Nothing private is reachable over HTTP: no .git, no settings, no database, no .env.

Asked of real gunicorn processes with production settings (DEBUG off), with Django
serving uploads (SERVE_MEDIA on) and without (nginx's job), static files through
whitenoise, as an attacker would ask: plain, with `..`, and with encoded variants.
"""

import pytest
from django.conf import settings

from tests.test_production import Server, manage, production_env

BASE_DIR = settings.BASE_DIR
PNG_1PX = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7"
    b"5\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)
# What the private files contain: none of it may appear in any answer.
TELLTALES = [
    b"[core]",  # .git/config
    b"ref: refs/",  # .git/HEAD
    b"SECRET_KEY",  # settings.py, .env
    b"execute_from_command_line",  # manage.py
    b"SQLite format 3",  # db.sqlite3
    b"bait-not-secret",  # the .env dropped in MEDIA_ROOT below
    b"staticfiles/",  # .gitignore
    b"Django==",  # requirements.txt
]
PRIVATE_PATHS = [
    "/.git/config",
    "/.git/HEAD",
    "/.env",
    "/.env.example",
    "/symbiosis/settings.py",
    "/manage.py",
    "/db.sqlite3",
    "/requirements.txt",
    "/.gitignore",
    "/node_modules/axe-core/package.json",
    "/static/.gitignore",
    "/static/../symbiosis/settings.py",
    "/static/%2e%2e/symbiosis/settings.py",
    "/static/..%2fsymbiosis%2fsettings.py",
    "/static/%2e%2e%2fmanage.py",
    "/static/%252e%252e/manage.py",
    "/static/..%5cmanage.py",
    "/static/css/../../manage.py",
    "/media/../manage.py",
    "/media/..%2f.env",
    "/media/..%2fmanage.py",
    "/media/%2e%2e/manage.py",
    "/media/%2e%2e%2f%2e%2e%2fmanage.py",
    "/media/%252e%252e/manage.py",
    "/media/..%5cmanage.py",
    "/media/press/../../symbiosis/settings.py",
    "/media//etc/passwd",
    "/media/%2fetc%2fpasswd",
    "/media/.env",
    "/media/press/.git/config",
    "/%2e%2e/manage.py",
    "/favicon.ico/../manage.py",
    "/.well-known/../.git/HEAD",
]


@pytest.fixture(scope="module", params=["on", "off"], ids=["SERVE_MEDIA=on", "SERVE_MEDIA=off"])
def site(request, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp(f"exposure-media-{request.param}")
    env = production_env(tmp_path, SERVE_MEDIA=request.param)
    result = manage(env, "migrate", "--noinput")
    assert result.returncode == 0, result.stderr
    media = tmp_path / "media"
    (media / "press/.git").mkdir(parents=True)
    (media / "press/photo.png").write_bytes(PNG_1PX)
    # Files nobody should have put there, as if somebody had.
    (media / ".env").write_text("SECRET_KEY=bait-not-secret\n")
    (media / "press/.git/config").write_text("[core]\n\tbare = false\n")
    server = Server(env, tmp_path / "gunicorn.log")
    server.serve_media = request.param == "on"
    yield server
    server.stop()


@pytest.mark.slow
@pytest.mark.parametrize("path", PRIVATE_PATHS)
def test_private_files_answer_not_found(site, path):
    response = site.get(path)
    assert response.status == 404, f"{path} answered {response.status}"
    for telltale in TELLTALES:
        assert telltale not in response.body, f"{path} shows {telltale!r}"


@pytest.mark.slow
def test_uploads_are_served_only_when_django_serves_media(site):
    response = site.get("/media/press/photo.png")
    if site.serve_media:
        assert response.status == 200
        assert response.body == PNG_1PX
        assert response.getheader("Content-Type") == "image/png"
        assert response.getheader("X-Content-Type-Options") == "nosniff"
    else:  # nginx or object storage serves /media/; Django answers nothing there
        assert response.status == 404


def test_the_files_whitenoise_serves_are_all_public():
    """WHITENOISE_ROOT (public/) and STATIC_ROOT hold no hidden, source or secret files."""
    private = {".py", ".pyc", ".env", ".sqlite3", ".pem", ".key", ".cfg", ".ini", ".toml", ".sh"}
    roots = [settings.WHITENOISE_ROOT, settings.STATIC_ROOT]
    assert settings.WHITENOISE_ROOT == BASE_DIR / "public"
    for root in roots:
        files = [p.relative_to(root) for p in root.rglob("*") if p.is_file()]
        assert files, f"{root} is empty: run collectstatic"
        hidden = [f for f in files if any(part.startswith(".") for part in f.parts)]
        assert hidden == [], f"hidden files served from {root}"
        assert [f for f in files if f.suffix in private] == [], f"private files in {root}"


@pytest.mark.slow
def test_the_root_files_are_served_and_nothing_beside_them(site):
    assert site.get("/favicon.ico").status == 200
    for path in ("/public/favicon.ico", "/favicon.ico/", "/static/css/"):
        assert site.get(path).status == 404, path
