"""The private storage: documents and co-branded copies, never at a public URL."""

from django.core.files.storage import storages
from django.utils.functional import LazyObject, empty


class PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


private_storage = PrivateStorage()


def get_private_storage():
    return private_storage


def reset_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        private_storage._wrapped = empty
