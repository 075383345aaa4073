"""The exchange's matcher: which wants could use an offer (and which offers a want
could use), each suggestion with a score in 0..1 and its reasons in words.

Pure functions over `ListingFacts`; no database (listings/suggestions.py is the bridge).
The method, its knowledge base and how well it does: docs/matching.md.
"""

from listings.matching.facts import ListingFacts
from listings.matching.score import Reason, Suggestion, suggest, suggest_all

__all__ = ["ListingFacts", "Reason", "Suggestion", "suggest", "suggest_all"]
