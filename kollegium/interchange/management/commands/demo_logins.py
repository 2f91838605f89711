from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kollegium.network.models import Person, Role, User

DEMO_PASSWORD = "kollegium-demo"
OPERATOR_EMAIL = "admin@kollegium.example"


class Command(BaseCommand):
    help = (
        "Give the first leader, the first advisor and the coordinator the password "
        f'"{DEMO_PASSWORD}", create the operator {OPERATOR_EMAIL} with it, and print the '
        "log-ins. For demo data only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="run even when DEBUG is off (never in production)"
        )

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "demo_logins sets a well-known password, so it only runs with DEBUG on; "
                "pass --force if this really is a demo installation."
            )
        with transaction.atomic():
            rows = [*self._staff(), ("operator", _operator().email)]
        width = max(len(email) for _role, email in rows)
        self.stdout.write(f"{'role':<12} {'e-mail':<{width}} password")
        for role, email in rows:
            self.stdout.write(f"{role:<12} {email:<{width}} {DEMO_PASSWORD}")

    def _staff(self) -> list[tuple[str, str]]:
        rows = []
        for role in (Role.LEADER, Role.ADVISOR, Role.COORDINATOR):
            person = (
                Person.objects.filter(role=role, user__is_active=True)
                .select_related("user")
                .order_by("user__email")
                .first()
            )
            if person is None:
                self.stderr.write(f"No active {role.value} in the database; skipped.")
                continue
            person.user.set_password(DEMO_PASSWORD)
            person.user.save(update_fields=["password"])
            rows.append((role.value, person.user.email))
        return rows


def _operator() -> User:
    user = User.objects.filter(email=OPERATOR_EMAIL).first() or User(email=OPERATOR_EMAIL)
    user.name = user.name or "Operator"
    user.is_staff = user.is_superuser = user.is_active = True
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user
