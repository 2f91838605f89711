from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from kollegium.methods.packages import PackageInvalid, max_package_bytes
from kollegium.methods.services.packages import package_import
from kollegium.network.models import Garden


class Command(BaseCommand):
    help = (
        "Import a method package from another Kollegium installation into a garden, keeping "
        "its provenance; importing the same package again updates that method. A damaged or "
        "foreign file is refused and nothing is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the package (.zip)")
        parser.add_argument("--garden", required=True, help="slug of the garden it goes into")

    def handle(self, *args, file, garden, **options):
        target = Garden.objects.filter(slug=garden).first()
        if target is None:
            raise CommandError(f'There is no garden "{garden}".')
        try:
            with open(file, "rb") as handle:
                data = handle.read(max_package_bytes() + 1)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from None
        # Messages are read by operators and scripts: always English.
        with translation.override("en"):
            try:
                result = package_import(actor=None, data=data, garden=target)
            except PackageInvalid as exc:
                raise CommandError(f"{file}: {exc.message} Nothing was imported.") from None
        if result.created:
            self.stdout.write(f'Imported "{result.method.title}" as {result.method.ref}.')
        elif result.changed:
            changed = ", ".join(result.changed)
            self.stdout.write(f'Updated "{result.method.title}" ({result.method.ref}): {changed}.')
        else:
            self.stdout.write(f'"{result.method.title}" ({result.method.ref}) was up to date.')
