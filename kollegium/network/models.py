from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kollegium.core.validators import (
    validate_image_size,
    validate_municipality,
    validate_org_number,
)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)  # None gives an unusable password
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account, identified by e-mail. Staff members also have a Person in a garden."""

    email = models.EmailField(_("e-mail"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Django admin access (the operator); unrelated to being a garden's staff member.
    is_staff = models.BooleanField(_("admin access"), default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class NetworkSettings(models.Model):
    """The one network this installation serves (always pk=1)."""

    name = models.CharField(_("name"), max_length=200, default="Kollegium")
    description = models.TextField(_("description"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("network settings")
        verbose_name_plural = _("network settings")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def load(cls) -> "NetworkSettings":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj


class CompetenceArea(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("competence area")
        verbose_name_plural = _("competence areas")

    def __str__(self) -> str:
        return self.name


class Garden(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    org_number = models.CharField(
        _("organisation number"), max_length=9, blank=True, validators=[validate_org_number]
    )
    municipality = models.CharField(
        _("municipality"), max_length=4, blank=True, validators=[validate_municipality]
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(
        _("logo"), upload_to="gardens/", blank=True, validators=[validate_image_size]
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("garden")
        verbose_name_plural = _("gardens")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("public:garden", args=[self.slug])


class Role(models.TextChoices):
    ADVISOR = "advisor", _("Advisor")
    LEADER = "leader", _("Managing director")
    COORDINATOR = "coordinator", _("Network coordinator")


class Capacity(models.TextChoices):
    """How much time a staff member has for requests from other gardens."""

    AVAILABLE = "available", _("Available")
    LIMITED = "limited", _("Limited")
    NOT_NOW = "not_now", _("Not now")


class Person(models.Model):
    """A staff member: one account bound to one garden."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    garden = models.ForeignKey(Garden, on_delete=models.PROTECT, related_name="people")
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.ADVISOR)
    title = models.CharField(_("title"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    bio = models.TextField(_("short bio"), blank=True, max_length=2000)
    photo = models.ImageField(
        _("photo"), upload_to="people/", blank=True, validators=[validate_image_size]
    )
    show_public = models.BooleanField(_("show on public pages"), default=False)
    # Comma-separated, so plain text search finds them on SQLite and PostgreSQL alike.
    keywords = models.CharField(_("keywords"), max_length=500, blank=True)
    capacity = models.CharField(
        _("capacity for requests from other gardens"),
        max_length=10,
        choices=Capacity,
        default=Capacity.AVAILABLE,
    )

    class Meta:
        ordering = ["user__name"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in Role]), name="person_role_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__in=[c.value for c in Capacity]),
                name="person_capacity_valid",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("network:person", args=[self.pk])

    @property
    def name(self) -> str:
        return self.user.name or self.user.email

    @property
    def email(self) -> str:
        return self.user.email

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(",") if k.strip()]

    @property
    def is_leader(self) -> bool:
        return self.role == Role.LEADER

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR


class Level(models.IntegerChoices):
    SOME = 1, _("Some experience")
    SOLID = 2, _("Solid")
    EXPERT = 3, _("Expert")


class Competence(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="competences")
    area = models.ForeignKey(CompetenceArea, on_delete=models.PROTECT, related_name="competences")
    level = models.PositiveSmallIntegerField(
        _("level"),
        choices=Level,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-level", "area__name"]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        constraints = [
            models.UniqueConstraint(fields=["person", "area"], name="competence_unique_area"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=3), name="competence_level_1_3"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} ({self.level})"
