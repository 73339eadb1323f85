from loaders.word_automaton import WordAutomaton


def test_every_occurrence_with_its_value_overlapping_ones_included():
    automaton = WordAutomaton({"export": "trade", "export controls": "export_control", "controls": "control"})
    text = "new export controls"
    found = sorted(automaton.find(text))
    assert found == [(4, 10, "trade"), (4, 19, "export_control"), (11, 19, "control")]
    assert all(text[first:stop] in ("export", "export controls", "controls") for first, stop, _ in found)


def test_a_window_reports_positions_in_the_whole_text_and_only_words_inside_it():
    automaton = WordAutomaton(["欧盟", "委员会", "قطر"])
    text = "在欧盟委员会。وزارة قطر"
    assert sorted(automaton.find(text, 1, 4)) == [(1, 3, None)]  # 委员会 runs past the window
    assert sorted(automaton.find(text, 0, len(text))) == [(1, 3, None), (3, 6, None), (13, 16, None)]
    assert text[13:16] == "قطر"


def test_no_words_find_nothing():
    automaton = WordAutomaton({})
    assert len(automaton) == 0 and automaton.find("anything") == []
