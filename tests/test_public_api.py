"""The small public API in ``dyad/__init__.py``."""
import dyad


def test_public_names_resolve():
    for name in dyad.__all__:
        assert getattr(dyad, name) is not None


def test_process_one_document():
    text = (
        "Kazakh Deputy Foreign Minister Aigerim Tulegenova visited Tehran on Monday.\n\n"
        "Tulegenova said the visit was a success for both countries.\n"
    )
    result = dyad.process(dyad.RawDocument(source="api-test.txt", kind="text", text=text))
    assert result.article.text.startswith("Kazakh")
    assert [s.index for s in result.sentences] == list(range(len(result.sentences)))
    people = [a for a in result.actors if a.type == "person"]
    assert any(a.name.endswith("Tulegenova") for a in people)
    for m in result.mentions:
        assert result.article.text[m.start:m.end] == m.text
