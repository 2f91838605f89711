"""``kollegium generate``: fill an empty database with a deterministic Norwegian network."""

import time

from django.core.management.base import BaseCommand, CommandError

from kollegium.core.generate import PRESETS, Config, generate
from kollegium.core.generate.base import Progress
from kollegium.network.models import Garden

SIZES = ("gardens", "people", "companies", "events", "registrations", "methods")


class Command(BaseCommand):
    help = (
        "Fill an EMPTY database with a realistic, deterministic network (same seed, same "
        "data): gardens, people, companies, events with registrations, methods. For demos and "
        "benchmarks; refuses when gardens exist."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(PRESETS), default="demo")
        parser.add_argument("--seed", type=int, default=1)
        for size in SIZES:
            parser.add_argument(f"--{size}", type=int, help=f"number of {size} (overrides scale)")
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        if Garden.objects.exists():
            raise CommandError(
                "The database already has gardens: generate only fills an empty database."
            )
        sizes = dict(PRESETS[options["scale"]])
        for size in SIZES:
            if options.get(size) is not None:
                if options[size] < 0 or (size == "gardens" and options[size] < 1):
                    raise CommandError(f"--{size} must be at least {int(size == 'gardens')}.")
                sizes[size] = options[size]
        if sizes["people"] < 1:
            raise CommandError("--people must be at least 1.")
        config = Config(seed=options["seed"], **sizes)
        started = time.monotonic()
        progress = Progress(None if options["quiet"] else self.stderr._out)
        counts = generate(config, progress)
        elapsed = time.monotonic() - started
        for kind, count in counts.items():
            self.stdout.write(f"{kind:<16} {count:>9,}")
        self.stdout.write(f"done in {elapsed:.1f} s (seed {config.seed})")
