"""Sign-up, capacity and waitlist: the public form, the participant's link, many at once."""

from django.urls import path

from kollegium.programme.views import registration, signup, signup_many

urlpatterns = [
    path("events/<slug:ref>/sign-up/", signup.signup, name="signup"),
    path("events/<slug:ref>/sign-up/many/", signup_many.signup_many, name="signup_many"),
    path("sign-up/companies/", signup.company_lookup, name="signup_company_lookup"),
    path("privacy/", signup.privacy, name="privacy"),
    path("r/<str:token>/", registration.registration_detail, name="registration"),
    path(
        "r/<str:token>/cancel/", registration.registration_cancel_view, name="registration_cancel"
    ),
    path("r/<str:token>/erase/", registration.registration_erase_view, name="registration_erase"),
    path("r/<str:token>/accept/", registration.registration_accept, name="registration_accept"),
]
