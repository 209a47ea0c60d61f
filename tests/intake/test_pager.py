"""The intake's pager: a page at a time, Enter or space for the next, q stops."""

from wmo_dsl.intake.pager import page, pages


def run(lines, keys, hoogte=20):
    shown, asked = [], []

    def key(message):
        asked.append(message)
        return keys.pop(0)

    return page(lines, hoogte, shown.append, key), shown, asked


def test_enter_and_space_show_every_page_and_the_last_page_asks_nothing():
    lines = [f"regel {i}" for i in range(45)]
    done, shown, asked = run(lines, ["", " "])
    assert done and shown == lines
    assert asked == ["── Enter of spatie: verder · q: stoppen (1/3) ── ", "── Enter of spatie: verder · q: stoppen (2/3) ── "]


def test_q_stops_after_the_page_shown():
    lines = [f"regel {i}" for i in range(45)]
    done, shown, asked = run(lines, ["q"])
    assert not done and shown == lines[:20] and len(asked) == 1


def test_text_that_fits_on_one_page_is_shown_without_a_question():
    done, shown, asked = run(["a", "b"], [])
    assert done and shown == ["a", "b"] and asked == []
    assert pages([], 20) == [[]] and len(pages(list("abcdefgh"), 2)[0]) == 5  # a page is never under 5 lines


def test_the_toolbar_offers_later_only_at_a_new_question():
    from wmo_dsl.intake.screen import toolbar
    from wmo_dsl.plugins import load_region

    vraag = next(iter(load_region("tsd").model.vragen.values()))
    assert "later" in toolbar(vraag)().value
    assert "later" not in toolbar(vraag, wijzigen=True)().value and "later" not in toolbar(None)().value
