"""Private collections: where material files live so that only the portal's checked views hand them out."""

from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction

PRIVATE_COLLECTION = "Materialen"


def is_private(document):
    """A document is private when its collection (or one above it) admits only some groups."""
    restrictions = document.collection.get_view_restrictions()
    return any(restriction.restriction_type == restriction.GROUPS for restriction in restrictions)


def ensure_private_collection(group_name):
    """The collection for materials, open at Wagtail's document URL only to the given group (and superusers).

    Made after every migrate, so a real deployment has it too; running it again changes nothing.
    """
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=PRIVATE_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=PRIVATE_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.get_or_create(name=group_name)[0])
    return collection
