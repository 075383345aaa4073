"""Scoring an offer against a want, and ranking: the suggestions with their reasons.

Each listing is read once (`Profile`): its stems, the concepts of the knowledge base
its words and codes name, its amount a year, its dates and place. A pair of an offer
and a want then gets its signals:

- the same resource on both sides ("both about fly ash");
- a known use: the offer's resource goes to what the want does, by the want's words or
  by its industry ("fly ash replaces part of the clinker in cement");
- the same EWC code, or the same EWC chapter;
- words in common (TF-IDF cosine over stems and concepts, so a Danish and an English
  listing share the concepts' tokens even where they share no word);
- then, weaker: the same category, quantities that fit, time that overlaps, nearness.

The evidence signals combine as independent chances (1 − Π(1 − wᵢ·xᵢ)); a pair with
no evidence is not suggested, however near or well-timed. A category mismatch (heat
for a want of gypsum) and periods that never meet weigh the score down. Every signal
that adds to a score gives its reason, in Danish and English. Deterministic: ties go
to the key. Fast: candidates come from an inverted index of tokens and known uses,
not from every pair (docs/matching.md, `bench/matching.py`).
"""

import math
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import get_language

from listings import codes
from listings.matching import knowledge as knowledge_base
from listings.matching import text

# Weights of the evidence (combined as independent chances) and of the extras.
SAME_RESOURCE = 0.55
KNOWN_USE = 0.6
KNOWN_USE_BY_INDUSTRY = 0.4
SAME_EWC = 0.35
SAME_EWC_CHAPTER = 0.12
WORDS = 0.6
SAME_CATEGORY = 0.05
QUANTITY_FIT = 0.05
TIME_OVERLAP = 0.03
NEARBY = 0.06
NEARBY_KM = 300  # beyond this, nearness adds nothing
# What weighs a score down.
OTHER_CATEGORY = 0.35
NO_TIME_OVERLAP = 0.5
# Below these a pair is not worth suggesting.
LEAST_EVIDENCE = 0.1
LEAST_SCORE = 0.12
# Words shown in the "words in common" reason.
SHOWN_WORDS = 3


@dataclass(frozen=True)
class Reason:
    """One reason for a suggestion, in both languages."""

    da: str
    en: str

    def text(self, language):
        return self.en if (language or "da").startswith("en") else self.da

    def __str__(self):
        return self.text(get_language())


@dataclass(frozen=True)
class Suggestion:
    key: str
    score: float
    reasons: tuple


@dataclass
class Profile:
    facts: object
    stems: tuple
    surface: dict
    resources: frozenset  # resource keys its words or EWC code name
    uses: frozenset  # use keys its words name
    industry_uses: frozenset  # use keys its industry (NACE) does
    tokens: tuple  # stems and concept tokens, for the words' vector
    vector: dict = None
    amount: object = None


# How many listings' readings a knowledge base keeps (a listing edited is a new one).
KEPT_READINGS = 50_000
# Words in more than this share of the candidates find no candidates by themselves
# ("tonnes", "year"); concepts always do.
COMMON_WORD = 0.2


def profile(facts, knowledge):
    """The listing as the matcher compares it; its reading is kept for the next time."""
    kept = knowledge.readings.get(facts)
    if kept is None:
        if len(knowledge.readings) >= KEPT_READINGS:
            knowledge.readings.clear()
        kept = knowledge.readings[facts] = _profile(facts, knowledge)
    return Profile(**{**kept.__dict__, "vector": None})


def _profile(facts, knowledge):
    reading = text.read(f"{facts.title}\n{facts.description}", facts.language, knowledge)
    resources = {t[3:] for t in reading.concepts if t.startswith("@r:")}
    uses = {t[3:] for t in reading.concepts if t.startswith("@u:")}
    resources |= knowledge.resources_of_ewc(facts.ewc)
    concept_tokens = {knowledge.resources[r].token for r in resources} | {
        knowledge.uses[u].token for u in uses
    }
    return Profile(
        facts=facts,
        stems=reading.stems,
        surface=reading.surface,
        resources=frozenset(resources),
        uses=frozenset(uses),
        industry_uses=frozenset(knowledge.uses_of_nace(facts.nace)),
        tokens=tuple(sorted(set(reading.stems) | concept_tokens)),
        amount=facts.amount(),
    )


def _weigh(profiles):
    """TF-IDF vectors (unit length) of `profiles`, over them as the corpus."""
    documents = defaultdict(int)
    for p in profiles:
        for token in p.tokens:
            documents[token] += 1
    count = len(profiles) or 1
    for p in profiles:
        weights = {}
        for token in p.tokens:
            idf = math.log((1 + count) / (1 + documents[token])) + 1
            # A concept says more than a word: it is what both sides mean.
            weights[token] = idf * (2.0 if token.startswith("@") else 1.0)
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        p.vector = {t: w / norm for t, w in weights.items()}


def _cosine(a, b):
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


def _number(value, language):
    text_ = f"{value:,.0f}" if value >= 10 else f"{value:,.1f}".rstrip("0").rstrip(".")
    if language == "da":
        text_ = text_.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text_


UNIT_LABELS = {"t": "t", "m3": "m³", "MWh": "MWh"}


def _amount_text(amount, language):
    number = _number(float(amount.value), language)
    unit = UNIT_LABELS.get(str(amount.unit.value), str(amount.unit.value))
    if amount.once:
        return f"{number} {unit}"
    return f"{number} {unit}/{'år' if language == 'da' else 'year'}"


def _pair(offer, want, knowledge, mine):
    """The score and reasons of `offer` with `want`; `mine` is the side asking ("your")."""
    evidence = []  # (weight × strength, Reason)
    extras = []
    factor = 1.0
    names = {}

    shared = sorted(offer.resources & want.resources)
    if shared:
        resource = knowledge.resources[shared[0]]
        evidence.append(
            (
                SAME_RESOURCE,
                Reason(
                    f"begge handler om {resource.name('da')}",
                    f"both about {resource.name('en')}",
                ),
            )
        )
    known = []
    for key in sorted(offer.resources):
        for pair in knowledge.pairs.get(key, ()):
            if pair.use in want.uses:
                known.append((KNOWN_USE, pair))
            elif pair.use in want.industry_uses:
                known.append((KNOWN_USE_BY_INDUSTRY, pair))
    if known:
        known.sort(key=lambda item: (-item[0], item[1].resource, item[1].use))
        weight, pair = known[0]
        evidence.append((weight, Reason(pair.reason["da"], pair.reason["en"])))
        if weight == KNOWN_USE_BY_INDUSTRY:
            industry = _industry(want.facts.nace)
            if industry:
                names["industry"] = industry

    o, w = offer.facts, want.facts
    if o.ewc and w.ewc:
        if o.ewc == w.ewc:
            entry = codes.ewc_entry(o.ewc)
            evidence.append(
                (
                    SAME_EWC,
                    Reason(
                        f"begge EWC {entry.display}: {entry.title('da')}",
                        f"both EWC {entry.display}: {entry.title('en')}",
                    ),
                )
            )
        elif o.ewc[:2] == w.ewc[:2]:
            chapter = codes.ewc_chapter(o.ewc[:2])
            evidence.append(
                (
                    SAME_EWC_CHAPTER,
                    Reason(
                        f"begge EWC-kapitel {chapter.code}: {chapter.title('da').lower()}",
                        f"both EWC chapter {chapter.code}: {chapter.title('en').lower()}",
                    ),
                )
            )

    similarity = _cosine(offer.vector, want.vector)
    if similarity > 0.05:
        common = [t for t in want.stems if t in offer.vector and not t.startswith("@")]
        common.sort(key=lambda t: -want.vector.get(t, 0))
        shown = [want.surface.get(t, t) for t in common[:SHOWN_WORDS]]
        if shown:
            words = ", ".join(shown)
            reason = Reason(f"fælles ord: {words}", f"words in common: {words}")
        else:
            reason = Reason("beskrevet med de samme begreber", "described in the same terms")
        evidence.append((WORDS * similarity, reason))

    strength = 1.0
    for weight, _ in evidence:
        strength *= 1 - weight
    strength = 1 - strength
    if strength < LEAST_EVIDENCE:
        return 0.0, ()

    if o.category and w.category:
        if o.category == w.category:
            label = {"energy": ("energi", "energy"), "water": ("vand", "water")}.get(
                o.category, ("materialer", "materials")
            )
            extras.append((SAME_CATEGORY, Reason(f"begge {label[0]}", f"both {label[1]}")))
        else:
            factor *= OTHER_CATEGORY

    fit = _quantity_fit(offer.amount, want.amount, mine)
    if fit:
        extras.append(fit)
    overlap = _time(o, w)
    if overlap is False:
        factor *= NO_TIME_OVERLAP
    elif overlap:
        extras.append((TIME_OVERLAP, overlap))
    if None not in (o.latitude, o.longitude, w.latitude, w.longitude):
        km = codes.distance_km(o.latitude, o.longitude, w.latitude, w.longitude)
        nearness = max(0.0, 1 - km / NEARBY_KM)
        if nearness > 0:
            shown = f"{km:.0f}" if km >= 1 else "under 1"
            da_shown = shown.replace("under 1", "under 1")
            extras.append(
                (NEARBY * nearness, Reason(f"{da_shown} km fra hinanden", f"{shown} km apart"))
            )

    score = min(1.0, (strength + sum(weight for weight, _ in extras)) * factor)
    reasons = [reason for _, reason in sorted(evidence, key=lambda e: -e[0])]
    if "industry" in names:
        code, title_da, title_en = names["industry"]
        reasons.append(
            Reason(f"deres branche: {code} {title_da}", f"their industry: {code} {title_en}")
        )
    reasons += [reason for _, reason in extras]
    return round(score, 3), tuple(reasons)


def _industry(nace):
    try:
        entry = codes.nace_entry(nace)
    except codes.CodeError:
        return None
    return entry.code, entry.title("da").lower(), entry.title("en").lower()


def _quantity_fit(offered, wanted, mine):
    """A reason when both amounts are of one kind (a year's worth, or once, in one unit)."""
    if offered is None or wanted is None:
        return None
    if offered.unit != wanted.unit or offered.once != wanted.once or not wanted.value:
        return None
    ratio = float(min(offered.value, wanted.value) / max(offered.value, wanted.value))
    if ratio < Decimal("0.02"):
        return None
    yours, theirs = (offered, wanted) if mine == "offer" else (wanted, offered)
    texts = {lang: (_amount_text(yours, lang), _amount_text(theirs, lang)) for lang in ("da", "en")}
    if yours.value <= theirs.value:
        reason = Reason(
            f"jeres {texts['da'][0]} kan rummes i deres {texts['da'][1]}",
            f"your {texts['en'][0]} fits in their {texts['en'][1]}",
        )
    else:
        reason = Reason(
            f"jeres {texts['da'][0]} dækker deres {texts['da'][1]}",
            f"your {texts['en'][0]} covers their {texts['en'][1]}",
        )
    return QUANTITY_FIT * ratio, reason


def _time(o, w):
    """A Reason when both are available at one time, False when they never meet, None
    when it is not known."""
    start = (
        max(d for d in (o.available_from, w.available_from) if d)
        if (o.available_from or w.available_from)
        else None
    )
    ends = [d for d in (o.available_until, w.available_until) if d]
    end = min(ends) if ends else None
    if start is None and end is None:
        return None
    if start and end and end < start:
        return False
    if o.available_from and w.available_from and o.available_from.year == w.available_from.year:
        year = o.available_from.year
        return Reason(f"begge fra {year}", f"both available from {year}")
    return Reason("til rådighed på samme tid", "available at the same time")


def _index(profiles, knowledge):
    """token -> positions, and use -> positions, for finding candidates."""
    by_token = defaultdict(list)
    by_use = defaultdict(list)
    by_chapter = defaultdict(list)
    for i, p in enumerate(profiles):
        for token in p.tokens:
            by_token[token].append(i)
        for use in p.uses | p.industry_uses:
            by_use[use].append(i)
        if p.facts.ewc:
            by_chapter[p.facts.ewc[:2]].append(i)
    return by_token, by_use, by_chapter


def _candidates(query, index, knowledge, query_is_offer, size):
    by_token, by_use, by_chapter = index
    found = set()
    common = max(3, size * COMMON_WORD)
    for token in query.tokens:
        holders = by_token.get(token, ())
        if token.startswith("@") or len(holders) <= common:
            found.update(holders)
    if query_is_offer:
        for key in query.resources:
            for pair in knowledge.pairs.get(key, ()):
                found.update(by_use.get(pair.use, ()))
    else:
        # A want: offers whose resources go to what it does.
        for use in query.uses | query.industry_uses:
            found.update(by_use.get(("resource-of", use), ()))
    if query.facts.ewc:
        found.update(by_chapter.get(query.facts.ewc[:2], ()))
    return found


def _rank(query, others, index, knowledge, limit):
    query_is_offer = query.facts.kind == "offer"
    results = []
    for i in sorted(_candidates(query, index, knowledge, query_is_offer, len(others))):
        other = others[i]
        if other.facts.key == query.facts.key:
            continue
        offer, want = (query, other) if query_is_offer else (other, query)
        score, reasons = _pair(offer, want, knowledge, query.facts.kind)
        if score >= LEAST_SCORE:
            results.append(Suggestion(other.facts.key, score, reasons))
    results.sort(key=lambda s: (-s.score, s.key))
    return results[:limit]


def _prepare(queries, candidates, knowledge):
    query_profiles = [profile(f, knowledge) for f in queries]
    candidate_profiles = [profile(f, knowledge) for f in candidates]
    _weigh(query_profiles + candidate_profiles)
    index = _index(candidate_profiles, knowledge)
    by_use = index[1]
    # For wants asking: which offers' resources go to each use.
    for i, p in enumerate(candidate_profiles):
        for key in p.resources:
            for pair in knowledge.pairs.get(key, ()):
                by_use[("resource-of", pair.use)].append(i)
    return query_profiles, candidate_profiles, index


def suggest(listing, candidates, *, limit=10, knowledge=None):
    """The best `limit` listings among `candidates` (of the opposite kind) for `listing`."""
    knowledge = knowledge or knowledge_base.load()
    candidates = [c for c in candidates if c.kind != listing.kind]
    (query,), others, index = _prepare([listing], candidates, knowledge)
    return _rank(query, others, index, knowledge, limit)


def suggest_all(offers, wants, *, limit=10, knowledge=None):
    """For every offer, its best `limit` wants: {offer key: [Suggestion, …]}."""
    knowledge = knowledge or knowledge_base.load()
    queries, others, index = _prepare(list(offers), list(wants), knowledge)
    return {q.facts.key: _rank(q, others, index, knowledge, limit) for q in queries}
