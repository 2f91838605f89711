"""The programme letter: staff send it for a company; contacts unsubscribe without an account."""

from django.urls import path

from kollegium.programme.views import letter

urlpatterns = [
    path("letter/unsubscribe/<str:token>/", letter.unsubscribe, name="letter_unsubscribe"),
    path("letter/companies/<str:org_number>/send/", letter.send, name="letter_send"),
]
