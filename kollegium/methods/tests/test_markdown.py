"""User-written Markdown is rendered, and only safe HTML comes out."""

import pytest
from django.template import Context, Template

from kollegium.core.markdown import render_markdown


def test_it_renders_lists_emphasis_tables_and_links():
    html = render_markdown(
        "Tekst med **fet** skrift.\n\n- en\n- to\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "[Siva](https://www.siva.no)"
    )

    assert "<strong>fet</strong>" in html
    assert "<ul>\n<li>en</li>" in html
    assert "<td>1</td>" in html
    assert '<a href="https://www.siva.no" rel="noopener noreferrer nofollow">Siva</a>' in html


def test_the_texts_highest_heading_becomes_h3():
    assert render_markdown("# A\n\n## B") == "<h3>A</h3>\n<h4>B</h4>"
    assert render_markdown("## A\n\n### B") == "<h3>A</h3>\n<h4>B</h4>"


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[x](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        '<iframe src="https://evil.example"></iframe>',
        '<p style="position:fixed">x</p>',
        "<h1>Second h1</h1>",
    ],
)
def test_it_removes_what_could_run_or_break_the_page(attack):
    html = render_markdown(attack).lower()

    for bad in ("<script", "onerror", "javascript:", "<iframe", "style=", "<h1", "<img"):
        assert bad not in html


def test_the_template_filter_marks_only_sanitised_html_safe():
    template = Template("{% load method_tags %}{{ text|markdown }}")

    html = template.render(Context({"text": "**ok** <script>x</script>"}))

    assert "<strong>ok</strong>" in html and "<script>" not in html
