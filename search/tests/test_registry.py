"""The engine lists no app: each app registers what it puts in the index."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import translation
from django.utils.module_loading import module_has_submodule

from news.tests.factories_events import EventFactory, SessionFactory, SpeakerFactory
from partners.tests.factories import PartnerFactory
from search import documents, queries

CONTENT_APPS = {
    "partners",
    "exchanges",
    "news",
    "pages",
    "timeline",
    "projects",
    "network",
    "listings",
}
SEARCH = Path(documents.__file__).parent


def _imported_packages(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module.split(".")[0]


def test_no_module_of_search_imports_a_content_app():
    registering = {
        config.name
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "search_documents")
    }
    assert registering == CONTENT_APPS - {"network"}  # the network has nothing to find
    modules = [p for p in SEARCH.rglob("*.py") if "tests" not in p.relative_to(SEARCH).parts]
    assert SEARCH / "views.py" in modules
    crossing = {
        (str(path.relative_to(SEARCH)), package)
        for path in modules
        for package in _imported_packages(path)
        if package in CONTENT_APPS | registering
    }
    assert crossing == set()


def test_the_groups_keep_their_order_and_headings():
    with translation.override("en"):
        groups = [(s.kind, str(s.label)) for s in documents.sources()]
    assert groups == [
        ("partner", "Partners"),
        ("flow", "Flows"),
        ("resource", "Resources"),
        ("listing", "Side-stream listings"),
        ("article", "News"),
        ("event", "Events"),
        ("page", "Pages"),
        ("press", "Press assets"),
        ("person", "People"),
        ("project", "Projects"),
        ("milestone", "History"),
        ("speaker", "Speakers"),
    ]
    with translation.override("da"):
        assert str(documents.label("partner")) == "Partnere"


def test_a_kind_is_registered_once():
    partners = documents.SOURCES["partner"]
    with pytest.raises(ValueError, match="partner"):
        documents.register("partner", "Partners", order=1, model=partners.model)(partners.entry)
    assert documents.SOURCES["partner"] is partners


def found(text):
    return {(e.kind, e.title_da) for e in queries.matching(queries.parse(text), "da")}


@pytest.mark.django_db
def test_deleting_an_event_reindexes_the_speakers_it_had():
    """Its sessions and their speakers are looked up before the delete, gone after it."""
    speaker = SpeakerFactory(name="Yrsa Quist")
    SessionFactory(event=EventFactory()).speakers.add(speaker)
    assert found("yrsa") == {("speaker", "Yrsa Quist")}

    speaker.sessions.get().event.delete()

    assert found("yrsa") == set()


@pytest.mark.django_db
def test_deleting_a_partner_reindexes_its_speakers():
    partner = PartnerFactory(name="Quorumværket")
    speaker = SpeakerFactory(name="Yrsa Quist", partner=partner)
    SessionFactory(event=EventFactory()).speakers.add(speaker)
    assert found("quorumværket") == {("partner", "Quorumværket"), ("speaker", "Yrsa Quist")}

    partner.delete()

    assert found("quorumværket") == set()
    assert found("yrsa") == {("speaker", "Yrsa Quist")}
