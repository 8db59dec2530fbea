from rebellab.directory.collation import initial, sort_key, sort_text


def test_umlauts_sort_with_their_base_letter():
    names = ["Zora", "Özlem", "Otto", "Anna", "Äneas", "Bea", "Ute", "Ümit"]
    assert sorted(names, key=sort_key) == ["Äneas", "Anna", "Bea", "Otto", "Özlem", "Ümit",
                                           "Ute", "Zora"]


def test_sharp_s_sorts_as_ss():
    names = ["Strauch", "Straß", "Strasser", "Strabo"]
    assert sorted(names, key=sort_key) == ["Strabo", "Straß", "Strasser", "Strauch"]


def test_case_is_ignored_and_ties_are_total():
    assert sorted(["anna", "Anna", "ANNA"], key=sort_key) == ["ANNA", "Anna", "anna"]
    assert sorted(["Müller", "Muller"], key=sort_key) == ["Muller", "Müller"]


def test_sort_text_is_a_plain_string_with_the_same_order():
    names = ["Zora", "Özlem", "Otto", "Äneas", "Anna", "Straß", "Strasser"]
    assert sorted(names, key=sort_text) == sorted(names, key=sort_key)


def test_initial():
    assert [initial(n) for n in ("Özlem", "anna", "3D-Druck", "ßa")] == ["O", "A", "#", "S"]
