"""Equal scores are ranked by the documented tie-breaks, not by the last bit of a float."""

from __future__ import annotations

from sangam.screening.index import ScreeningIndex
from sangam.screening.screen import screen_name


def test_equal_scores_prefer_the_name_without_extra_words(index: ScreeningIndex) -> None:
    """Both Tikhomirov names score 0.9634 (one differs in the 16th decimal); the one without
    the initial "V." the query does not have comes first."""
    result = screen_name("АО тихомиров скиентифик ресеарч институте оф инструменц десигн",
                         index=index, lists="us-ofac-sdn,us-csl")
    top, second = result.matches[:2]
    assert top.score == second.score
    assert top.matched_name == "Tikhomirov Scientific Research Institute of Instrument Design, JSC"


def test_an_article_written_apart_is_not_an_extra_word(index: ScreeningIndex) -> None:
    """القاعدة carries its article: "AL QA'IDA" has no word the query lacks, so it ranks
    before the one-word "Kaida" at the same score."""
    result = screen_name("القاعدة", index=index, lists="us-ofac-sdn,us-csl")
    assert result.matches
    assert result.matches[0].matched_name == "AL QA'IDA"
