"""Sign-in throttled against brute force; failures are counted in the database so every
process and server sees the same count."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kollegium.core.forms import StyledFormMixin
from kollegium.core.models import LoginFailure
from kollegium.core.tasks import send_email


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def is_throttled(email: str, ip: str | None) -> bool:
    since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    recent = LoginFailure.objects.filter(at__gte=since)
    by_email = recent.filter(email=email).count()
    # A client address gets more room than one account: offices share addresses.
    by_ip = recent.filter(ip=ip).count() if ip else 0
    limit = settings.LOGIN_FAILURE_LIMIT
    return by_email >= limit or by_ip >= limit * 4


class ThrottledAuthenticationForm(StyledFormMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Wrong e-mail address or password."),
        "throttled": _("Too many failed attempts. Wait a few minutes and try again."),
    }

    def clean(self):
        email = (self.cleaned_data.get("username") or "").strip().lower()
        self.cleaned_data["username"] = email
        ip = client_ip(self.request) if self.request else None
        if email and is_throttled(email, ip):
            raise ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            return super().clean()
        except ValidationError:
            if email:
                LoginFailure.objects.create(email=email, ip=ip)
            raise


def clear_failures(email: str) -> None:
    LoginFailure.objects.filter(Q(email=email)).delete()


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    template_name = "network/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        clear_failures(form.get_user().email)
        return super().form_valid(form)


class QueuedPasswordResetForm(StyledFormMixin, PasswordResetForm):
    """Password reset e-mails go out through the task queue like every other notice."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        from django.template import loader

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_email.enqueue(to=[to_email], subject=subject, body=body)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm
    template_name = "network/password_reset_form.html"
    email_template_name = "network/email/password_reset_body.txt"
    subject_template_name = "network/email/password_reset_subject.txt"
