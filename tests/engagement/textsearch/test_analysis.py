"""What is indexed for a text and what a query asks for."""

from engagement.textsearch.analysis import QueryTerm, index_text, query_terms


def test_kazakh_text_is_folded_then_followed_by_its_stems():
    assert index_text("Талғардағы жастар", "kk") == "талгардагы жастар талгар жас"


def test_other_languages_are_only_folded():
    # Russian forms are PostgreSQL's "russian" configuration's business.
    assert index_text("Молодёжь Талғара", "ru") == "молодежь талгара"
    assert index_text("Молодёжь", None) == "молодежь"


def test_every_query_word_is_a_prefix_and_long_stems_are_prefixes_too():
    assert query_terms("Конференц Талгарда") == [
        QueryTerm("конференц", (("конференц", True),)),
        QueryTerm("талгарда", (("талгарда", True), ("талгар", True))),
    ]


def test_a_short_stem_is_asked_for_only_as_a_whole_word():
    assert query_terms("жастарға") == [
        QueryTerm("жастарга", (("жастарга", True), ("жас", False))),
    ]
