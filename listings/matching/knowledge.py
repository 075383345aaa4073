"""The knowledge base: known resources, the uses they go to, and the pairs between them.

Kept as data in `knowledge.toml` (one file, both languages, each pair with a public
source; docs/matching.md says how it was made). Read once, into indexes the matcher
looks terms up in: each term is folded and stemmed as listings are (listings/matching/
text.py), so "Flyveasken" finds "flyveaske" and "pulverised fuel ash" finds "PFA".
"""

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from listings.matching import text

KNOWLEDGE = Path(__file__).with_name("knowledge.toml")
LANGUAGES = ("da", "en")


@dataclass(frozen=True)
class Concept:
    """A resource (what an offer has) or a use (what a want does with one)."""

    key: str
    kind: str  # "resource" or "use"
    terms: dict  # language -> tuple of terms as written
    category: str = ""
    ewc: tuple = ()
    nace: tuple = ()

    @property
    def token(self):
        """The concept as a token of the text vectors: the same in both languages."""
        return f"@{self.kind[0]}:{self.key}"

    def name(self, language):
        terms = self.terms.get(language) or self.terms.get("en") or self.terms.get("da")
        return terms[0] if terms else self.key.replace("_", " ")


@dataclass(frozen=True)
class Pair:
    resource: str
    use: str
    reason: dict  # language -> the clause
    source: str


@dataclass
class Knowledge:
    resources: dict = field(default_factory=dict)
    uses: dict = field(default_factory=dict)
    pairs: dict = field(default_factory=dict)  # resource key -> [Pair]
    # language -> {stems tuple: {concept key tokens}}; the first stem indexes the tuples.
    phrases: dict = field(default_factory=dict)
    # language -> {stem of a one-word term: {concept tokens}} for Danish compounds.
    words: dict = field(default_factory=dict)
    by_ewc: dict = field(default_factory=dict)  # code or sub-chapter -> {resource keys}
    # What the matcher read of each listing's facts, kept: facts -> its profile's parts.
    readings: dict = field(default_factory=dict, repr=False)

    def concept(self, token):
        kind, key = token[1:].split(":", 1)
        return (self.resources if kind == "r" else self.uses)[key]

    def resources_of_ewc(self, code):
        if not code:
            return set()
        return self.by_ewc.get(code, set()) | self.by_ewc.get(code[:4], set())

    def uses_of_nace(self, nace):
        """Uses whose industries include `nace` (a prefix such as "23" matches 23.51)."""
        if not nace:
            return set()
        return {key for key, use in self.uses.items() if any(_within(nace, n) for n in use.nace)}

    def resources_of_nace(self, nace):
        if not nace:
            return set()
        return {
            key for key, res in self.resources.items() if any(_within(nace, n) for n in res.nace)
        }


def _within(code, prefix):
    """NACE `code` (e.g. "23.51") is `prefix` or lies under it ("23", "23.5")."""
    return code == prefix or (code.startswith(prefix) and not prefix.endswith("."))


def _add_terms(knowledge, concept):
    for language in LANGUAGES:
        for term in concept.terms.get(language, ()):
            stems = tuple(text.stems(term, language))
            if not stems:
                continue
            phrases = knowledge.phrases.setdefault(language, {})
            phrases.setdefault(stems[0], {}).setdefault(stems, set()).add(concept.token)
            if len(stems) == 1:
                knowledge.words.setdefault(language, {}).setdefault(stems[0], set()).add(
                    concept.token
                )


def build(data):
    """A Knowledge from the parsed TOML (tests build small ones)."""
    knowledge = Knowledge()
    for kind, table in (("resource", "resources"), ("use", "uses")):
        for key, entry in data.get(table, {}).items():
            concept = Concept(
                key=key,
                kind=kind,
                terms={lang: tuple(entry.get(lang, ())) for lang in LANGUAGES},
                category=entry.get("category", ""),
                ewc=tuple(entry.get("ewc", ())),
                nace=tuple(entry.get("nace", ())),
            )
            (knowledge.resources if kind == "resource" else knowledge.uses)[key] = concept
            _add_terms(knowledge, concept)
            for code in concept.ewc:
                knowledge.by_ewc.setdefault(code, set()).add(key)
    for entry in data.get("pairs", ()):
        if entry["resource"] not in knowledge.resources or entry["use"] not in knowledge.uses:
            raise ValueError(f"knowledge.toml: a pair names an unknown concept: {entry}")
        knowledge.pairs.setdefault(entry["resource"], []).append(
            Pair(
                entry["resource"],
                entry["use"],
                {lang: entry.get(lang, "") for lang in LANGUAGES},
                entry.get("source", ""),
            )
        )
    return knowledge


@cache
def load(path=KNOWLEDGE):
    with open(path, "rb") as file:
        return build(tomllib.load(file))
