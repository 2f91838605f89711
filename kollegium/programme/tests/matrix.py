"""The programme letter's URLs for the permission matrix (kollegium/core/tests/plugged.py)."""

from kollegium.programme.services.letter import unsubscribe_token

URLS = {
    # The signed link in the letter: anyone holding it may unsubscribe that one contact.
    "programme:letter_unsubscribe": (
        "public",
        lambda c: {"token": unsubscribe_token(c["contact_b"])},
    ),
    # Only staff of a garden serving the company send it.
    "programme:letter_send": ("denied", lambda c: {"org_number": c["company_b"].org_number}),
}
