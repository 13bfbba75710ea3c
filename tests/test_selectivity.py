"""A search's share of the passages, from its lexemes' shares: a likely figure and a bound."""

import pytest

from statements.search.selectivity import Share, parse

SHARES = {"nato": 0.2, "russia": 0.5, "sens": 0.1}
RARE = 0.01


def share(tsquery: str) -> Share:
    return parse(tsquery, SHARES, RARE).share


def test_a_listed_lexeme_matches_its_own_share():
    assert share("'nato'") == Share(0.2, 0.2)


def test_an_unlisted_lexeme_is_rarer_than_the_rarest_listed():
    assert share("'thalerhof'") == Share(RARE / 2, RARE)


def test_both_words_are_likely_independent_and_at_most_the_rarer():
    assert share("'nato' & 'russia'") == Share(pytest.approx(0.1), 0.2)


def test_a_phrase_is_bounded_like_both_words():
    assert share("'common' <-> 'sens'").at_most == RARE


def test_either_word_adds_up_to_at_most_everything():
    assert share("'nato' | 'russia'") == Share(pytest.approx(0.6), pytest.approx(0.7))
    assert share("'russia' | 'russia' | 'russia'").at_most == 1.0


def test_a_negated_word_bounds_nothing():
    assert share("!'nato'") == Share(pytest.approx(0.8), 1.0)
    assert share("'sens' & !'nato'") == Share(pytest.approx(0.08), 0.1)


def test_not_binds_tighter_than_followed_by_than_and_than_or():
    assert share("'nato' | 'russia' & 'sens'") == share("'nato' | ( 'russia' & 'sens' )")
    assert share("( 'nato' | 'russia' ) & 'sens'").likely == pytest.approx(0.6 * 0.1)
    assert share("!'nato' & 'sens'") == Share(pytest.approx(0.8 * 0.1), 0.1)


def test_the_lexemes_come_back_in_order_with_quotes_undone():
    assert parse("'o''brien' & !( 'nato' | 'sens' )", SHARES, RARE).lexemes == ("o'brien", "nato", "sens")


def test_an_empty_query_matches_nothing():
    assert share("") == Share(0.0, 0.0)


def test_a_prefix_is_bounded_by_nothing():
    assert share("'rus':*").at_most == 1.0


@pytest.mark.parametrize("text", ["'nato' &", "( 'nato'", "'nato' )", "& 'nato'", "nato"])
def test_text_that_is_not_a_tsquery_is_refused(text):
    with pytest.raises(ValueError):
        parse(text, SHARES, RARE)


def test_a_share_becomes_numbers_of_passages():
    assert Share(0.1, 0.5).of(1000) == Share(100.0, 500.0)
