"""Reading pages in tests of kept pages (core/freshness.py)."""

import re

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def page_html(client, url, **extra) -> str:
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response.content.decode()


def main_content(html: str) -> str:
    """The page's own content, without the per-request CSRF tokens."""
    return TOKEN.sub("", html[html.index("<main") : html.index("</main>")])
