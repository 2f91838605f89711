from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "kollegium.referrals"
    label = "referrals"
