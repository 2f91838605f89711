"""Sign-up's objects for the permission matrix (kollegium/core/tests): the link of a
participant of garden B's published event (engineer C's ``matrix_day`` registration)."""

from kollegium.programme.tests import matrix_day


def registration_link_b(cast) -> dict:
    """URL kwargs of the participant's own link: the token is the key, no account needed."""
    return {"token": matrix_day.registration_b_object(cast).token}
