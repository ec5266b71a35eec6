"""GeoReport v2 documents in JSON or XML, from the same Python lists and dicts.

XML is built with ElementTree, which escapes text; characters XML 1.0 cannot carry at all
(control characters) are dropped first.
"""

import json
import re
import xml.etree.ElementTree as ET

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse

FORMATS = ("json", "xml")
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
# In XML, a list under these keys repeats the child element named here.
LIST_CHILDREN = {"attributes": "attribute", "values": "value"}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _fill(element: ET.Element, value) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _fill(ET.SubElement(element, key), item)
    elif isinstance(value, list | tuple):
        child_tag = LIST_CHILDREN.get(element.tag, "item")
        for item in value:
            _fill(ET.SubElement(element, child_tag), item)
    else:
        element.text = _text(value)


def to_xml(root_tag: str, item_tag: str | None, data) -> bytes:
    """A list becomes <root><item>…</item>…</root>; a dict becomes <root>…</root>."""
    root = ET.Element(root_tag)
    if isinstance(data, list):
        for item in data:
            _fill(ET.SubElement(root, item_tag), item)
    else:
        _fill(root, data)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def document(fmt: str, data, *, root: str, item: str | None = None, status: int = 200):
    if fmt == "xml":
        body = to_xml(root, item, data)
    else:
        body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode("utf-8")
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def error(fmt: str, status: int, description: str):
    """JSON `[{"code": 400, "description": "…"}]`, XML `<errors><error>…</error></errors>`."""
    fmt = fmt if fmt in FORMATS else "json"
    return document(
        fmt,
        [{"code": status, "description": str(description)}],
        root="errors",
        item="error",
        status=status,
    )
