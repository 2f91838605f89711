from django.core.management.base import BaseCommand

from kollegium.interchange.exporter import network_export, render


class Command(BaseCommand):
    help = "Print the network as a kollegium.network/1 document (JSON) on standard output."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="write to this file (UTF-8) instead")

    def handle(self, *args, output, **options):
        text = render(network_export())
        if output:
            with open(output, "w", encoding="utf-8") as f:
                f.write(text)
        else:
            self.stdout.write(text, ending="")
