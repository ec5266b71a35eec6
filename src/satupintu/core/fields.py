from django.db import models

from satupintu.core import crypto


class EncryptedTextField(models.TextField):
    """Stores a Fernet token; Python code only ever sees the plain value.

    Encrypted values cannot be filtered or ordered on: pair the field with a blind index
    column (see `crypto.blind_index`) for exact-match lookups.
    """

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value)
