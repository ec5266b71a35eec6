from django.urls import re_path

from satupintu.open311 import views

app_name = "open311"

# Category codes are slugs and tracking codes letters, digits and "-": no dots, so the last
# dot separates the format (json or xml; anything else gets a JSON 404).
FORMAT = r"\.(?P<fmt>[A-Za-z0-9]+)$"
ID = r"(?P<{}>[A-Za-z0-9_\-]+)"

urlpatterns = [
    re_path(r"^services" + FORMAT, views.service_list, name="services"),
    re_path(r"^services/" + ID.format("code") + FORMAT, views.service_definition, name="service"),
    re_path(r"^requests" + FORMAT, views.service_requests, name="requests"),
    re_path(r"^requests/" + ID.format("code") + FORMAT, views.request_detail, name="request"),
    re_path(r"^tokens/" + ID.format("token") + FORMAT, views.token_lookup, name="token"),
]
