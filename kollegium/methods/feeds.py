"""The Atom feed of methods shared publicly, newest first, at /feeds/methods.atom."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from kollegium.methods import selectors
from kollegium.network.models import NetworkSettings

FEED_SIZE = 50


class MethodFeed(Feed):
    feed_type = Atom1Feed

    def title(self) -> str:
        return _("New methods from %(network)s") % {"network": NetworkSettings.load().name}

    def subtitle(self) -> str:
        return _("Working methods and tools shared publicly by the network's gardens.")

    def link(self) -> str:
        return reverse("library:list")

    def feed_url(self) -> str:
        return reverse("methods_feed")

    def items(self):
        return selectors.library()[:FEED_SIZE]

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.summary

    def item_link(self, item) -> str:
        return item.get_public_url()

    def item_guid(self, item) -> str:
        # Stable whatever the title or address becomes: the method's own id.
        return f"urn:uuid:{item.uid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.shared_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item) -> str:
        return item.owner.name

    def item_categories(self, item) -> list[str]:
        return [area.name for area in item.areas.all()]

    def item_copyright(self, item) -> str:
        return item.licence
