"""The history of a method's text: who changed what, with a readable diff."""

from django.urls import reverse

from kollegium.methods.diff import line_diff, version_diff
from kollegium.methods.models import Stage
from kollegium.methods.services import method_update


def test_the_diff_marks_added_and_removed_lines_with_context():
    old = "a\nb\nc\nd\ne\nf\ng\nh"
    new = "a\nb\nC\nd\ne\nf\ng\nh\ni"

    lines = [(line.op, line.text) for line in line_diff(old, new)]

    assert lines == [
        ("same", "a"),
        ("same", "b"),
        ("remove", "c"),
        ("add", "C"),
        ("same", "d"),
        ("same", "e"),
        ("gap", "…"),
        ("same", "g"),
        ("same", "h"),
        ("add", "i"),
    ]


def test_a_first_version_is_all_new():
    class V:
        title, summary, body = "T", "", "linje"

    diffs = version_diff(None, V())

    assert [(d.name, d.added, d.removed) for d in diffs] == [("title", 1, 0), ("body", 1, 0)]


def test_the_history_lists_versions_and_shows_the_diff(
    signed_in, alice, bob, charlie, method_a, at_stage
):
    at_stage(method_a, Stage.PILOT)
    method_a.body = "Steg 1\nSteg 2"
    method_a.save()
    method_update(actor=bob.user, method=method_a, body="Steg 1\nSteg 2 <b>bedre</b>\nSteg 3")
    client = signed_in(charlie)

    history = client.get(reverse("methods:versions", args=[method_a.ref])).content.decode()
    diff = client.get(reverse("methods:version", args=[method_a.ref, 2])).content.decode()

    assert "Version 2" in history and "Bob Berg" in history
    assert "Compared with version 1." in diff
    assert '<del><span class="ds-sr-only">Removed: </span>− Steg 2</del>' in diff
    assert "+ Steg 2 &lt;b&gt;bedre&lt;/b&gt;</ins>" in diff
    assert "+ Steg 3</ins>" in diff


def test_an_unknown_version_answers_404(signed_in, alice, method_a):
    response = signed_in(alice).get(reverse("methods:version", args=[method_a.ref, 7]))

    assert response.status_code == 404
