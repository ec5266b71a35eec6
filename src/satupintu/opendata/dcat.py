"""The catalogue as DCAT (W3C Data Catalog Vocabulary) in JSON-LD, at /data/catalog.jsonld.

The context is inline (no remote document to fetch), so any JSON-LD processor reads it offline.
Satu Data Indonesia's metadata map to: producer OPD → dct:publisher, walidata →
dcat:contactPoint's organisation and `satudata:walidata`, update frequency →
dct:accrualPeriodicity, period → dct:temporal, licence → dct:license."""

from django.conf import settings
from django.urls import reverse

from satupintu.opendata import ckan_dicts

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "satudata": "https://satudata.go.id/ns#",
    "dct:issued": {"@type": "xsd:dateTime"},
    "dct:modified": {"@type": "xsd:dateTime"},
    "dcat:startDate": {"@type": "xsd:date"},
    "dcat:endDate": {"@type": "xsd:date"},
    "dcat:byteSize": {"@type": "xsd:nonNegativeInteger"},
    "dcat:downloadURL": {"@type": "@id"},
    "dcat:accessURL": {"@type": "@id"},
    "dcat:landingPage": {"@type": "@id"},
    "dct:license": {"@type": "@id"},
    "dct:accrualPeriodicity": {"@type": "@id"},
    "vcard:hasEmail": {"@type": "@id"},
}
# Satu Data frequencies → the EU frequency vocabulary DCAT-AP uses.
FREQUENCIES = {
    "harian": "DAILY",
    "mingguan": "WEEKLY",
    "bulanan": "MONTHLY",
    "triwulanan": "QUARTERLY",
    "semesteran": "BIANNUAL",
    "tahunan": "ANNUAL",
    "tidak-tentu": "IRREG",
}
LICENSES = {
    "cc-by": "https://creativecommons.org/licenses/by/4.0/",
    "cc-zero": "https://creativecommons.org/publicdomain/zero/1.0/",
    "odc-by": "https://opendatacommons.org/licenses/by/1-0/",
    "other-open": "https://opendefinition.org/licenses/",
}


def _uri(request, name, *args) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


def dataset_node(request, dataset) -> dict:
    uri = _uri(request, "opendata:detail", dataset.slug)
    node = {
        "@id": uri,
        "@type": "dcat:Dataset",
        "dct:identifier": str(dataset.uuid),
        "dct:title": {"@value": dataset.title, "@language": "id"},
        "dct:description": {"@value": dataset.description, "@language": "id"},
        "dct:issued": dataset.created_at.isoformat(),
        "dct:modified": dataset.modified_at.isoformat(),
        "dct:publisher": {
            "@id": f"{uri}#produsen",
            "@type": "foaf:Organization",
            "foaf:name": dataset.org_unit.name,
        },
        "satudata:walidata": dataset.walidata,
        "dct:license": LICENSES.get(dataset.license, LICENSES["other-open"]),
        "dct:accrualPeriodicity": "http://publications.europa.eu/resource/authority/frequency/"
        + FREQUENCIES.get(dataset.frequency, "IRREG"),
        "dcat:landingPage": uri,
        "dcat:keyword": [t.name for t in dataset.tags.all()],
        "dcat:theme": [
            {"@id": f"{_uri(request, 'opendata:list')}?grup={g.slug}", "dct:title": g.title}
            for g in dataset.groups.all()
        ],
        "dcat:contactPoint": {
            "@id": f"{uri}#narahubung",
            "@type": "vcard:Organization",
            "vcard:fn": dataset.contact_name,
            "vcard:hasEmail": f"mailto:{dataset.contact_email}",
        },
        "dcat:distribution": [
            {
                "@id": f"{uri}#{resource.format.lower()}",
                "@type": "dcat:Distribution",
                "dct:identifier": str(resource.uuid),
                "dct:title": f"{dataset.title} ({resource.format})",
                "dct:format": resource.format,
                "dcat:mediaType": ckan_dicts.MIMETYPES.get(resource.format, ""),
                "dcat:downloadURL": ckan_dicts.download_url(request, resource),
                "dcat:accessURL": ckan_dicts.download_url(request, resource),
                "dcat:byteSize": resource.size,
                "dct:modified": resource.modified_at.isoformat(),
            }
            for resource in dataset.resources.all()
        ],
    }
    if dataset.period_start or dataset.period_end:
        temporal = {"@id": f"{uri}#periode", "@type": "dct:PeriodOfTime"}
        if dataset.period_start:
            temporal["dcat:startDate"] = dataset.period_start.isoformat()
        if dataset.period_end:
            temporal["dcat:endDate"] = dataset.period_end.isoformat()
        node["dct:temporal"] = temporal
    return node


def catalog(request, datasets) -> dict:
    home = _uri(request, "opendata:list")
    return {
        "@context": CONTEXT,
        "@id": home,
        "@type": "dcat:Catalog",
        "dct:title": {"@value": f"Data terbuka {settings.SITE_NAME}", "@language": "id"},
        "dct:description": {
            "@value": "Katalog data terbuka pemerintah kota (Satu Data Indonesia).",
            "@language": "id",
        },
        "dct:publisher": {"@id": f"{home}#walidata", "@type": "foaf:Organization",
                          "foaf:name": settings.OPEN_DATA_WALIDATA},
        "dcat:dataset": [dataset_node(request, d) for d in datasets],
    }  # fmt: skip
