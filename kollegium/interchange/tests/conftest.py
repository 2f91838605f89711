import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def _write(tmp_path, document) -> str:
    path = tmp_path / "network.json"
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def import_document(tmp_path, db):
    """Import a document (dict or JSON text) with the command; return what it printed."""

    def run(document) -> str:
        out, err = StringIO(), StringIO()
        call_command("import_network", _write(tmp_path, document), stdout=out, stderr=err)
        assert err.getvalue() == ""
        return out.getvalue()

    return run


@pytest.fixture
def import_fails(tmp_path, db):
    """Import a document that must be refused; return the problem lines printed on stderr."""

    def run(document) -> list[str]:
        out, err = StringIO(), StringIO()
        with pytest.raises(CommandError, match="nothing was imported"):
            call_command("import_network", _write(tmp_path, document), stdout=out, stderr=err)
        assert out.getvalue() == ""
        return err.getvalue().splitlines()

    return run


@pytest.fixture
def export_document(db):
    """Run export_network; return its output (the document as text)."""

    def run() -> str:
        out = StringIO()
        call_command("export_network", stdout=out)
        return out.getvalue()

    return run
