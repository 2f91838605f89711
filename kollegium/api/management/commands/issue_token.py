from django.core.management.base import BaseCommand, CommandError

from kollegium.api.services import token_issue
from kollegium.network.models import User


class Command(BaseCommand):
    help = "Print a new personal API token for the user with this e-mail address."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="issued by command")

    def handle(self, *args, email, name, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user with e-mail {email}")
        if not user.is_active:
            raise CommandError(f"The account {email} is deactivated")
        _token, raw = token_issue(actor=None, user=user, name=name)
        self.stdout.write(raw)
