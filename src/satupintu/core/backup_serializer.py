"""Django's JSON serialisation for backups, with times to the microsecond.

The stock encoder cuts datetimes to milliseconds; the audit chain's hashes cover the exact
times, so a restore from it would break the chain. Registered as the "spjson" format."""

import datetime

from django.core.serializers.json import Deserializer as JsonDeserializer
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JsonSerializer


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JsonSerializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactEncoder)
        super()._init_options()


Deserializer = JsonDeserializer
