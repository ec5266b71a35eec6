"""Shared OpenAPI response descriptions for the REST API (drf-spectacular)."""

from drf_spectacular.utils import OpenApiResponse

# A 400 answer is either one Indonesian message (`detail`, from a service's refusal) or DRF's
# messages per field (`{"subject": ["…"]}`, from serializer validation). Both are documented,
# so clients (and the schemathesis run in tests/security/) can rely on the schema.
INVALID_INPUT_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "Pesan dalam bahasa Indonesia"}},
    "additionalProperties": {
        "description": "Pesan per isian",
        "oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "object"}],
    },
}


def invalid_input(description: str = "Isian tidak valid") -> OpenApiResponse:
    return OpenApiResponse(INVALID_INPUT_SCHEMA, description=description)
