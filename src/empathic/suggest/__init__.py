"""Better replies: template suggestions, rewrites of a draft, an optional LLM backend; all verified by the analyzer."""

from empathic.suggest.generate import Suggestion, SuggestionSet, suggest
from empathic.suggest.rewrite import RewriteResult, rewrite

__all__ = ["RewriteResult", "Suggestion", "SuggestionSet", "rewrite", "suggest"]
