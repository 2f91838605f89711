from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kollegium.methods.models import Method
from kollegium.methods.packages import package_build, package_filename


class Command(BaseCommand):
    help = (
        "Write a method as a package (a zip with method.json and its files) that another "
        "Kollegium installation can import with import_method_package."
    )

    def add_arguments(self, parser):
        parser.add_argument("ref", help="the method's reference (as in its address)")
        parser.add_argument("-o", "--output", help="the zip file to write (default: <ref>.zip)")

    def handle(self, *args, ref, output, **options):
        method = Method.objects.select_related("owner").filter(ref=ref).first()
        if method is None:
            raise CommandError(f'There is no method "{ref}".')
        path = Path(output or package_filename(method))
        try:
            path.write_bytes(package_build(method))
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc.strerror}") from None
        self.stdout.write(f"Wrote {path} ({method.title}).")
