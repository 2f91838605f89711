from kollegium.network import permissions
from kollegium.network.models import NetworkSettings


def network(request):
    """The network's name and the signed-in staff member, for the page chrome."""
    user = getattr(request, "user", None)
    return {
        "network": NetworkSettings.load(),
        "me": permissions.person_of(user) if user is not None else None,
        "is_staff_member": user is not None and permissions.is_staff_member(user),
    }
