"""The indicator groups this app builds; each module registers its functions in report.py."""
