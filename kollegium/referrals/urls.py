from django.urls import path

from kollegium.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.referral_list, name="list"),
    path("ask/<str:org_number>/<int:pk>/", views.referral_create, name="create"),
    path("<int:pk>/", views.referral_detail, name="detail"),
    path("<int:pk>/answer/", views.referral_answer, name="answer"),
    path("<int:pk>/message/", views.referral_message, name="message"),
    path("<int:pk>/complete/", views.referral_complete, name="complete"),
]
