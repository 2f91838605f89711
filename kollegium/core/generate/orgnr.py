"""MOD11-valid organisation numbers, handed out in order."""

from kollegium.core.validators import org_number_check_digit


class OrgNumbers:
    """Hands out distinct valid numbers starting with 9 (as Enhetsregisteret's do)."""

    def __init__(self, start: int = 0):
        self.counter = start

    def next(self) -> str:
        while True:
            first = f"9{self.counter:07d}"
            self.counter += 1
            digit = org_number_check_digit(first)
            if digit is not None:
                return first + str(digit)
