"""The OpenAPI 3.1 document of the API, as JSON and YAML."""
import yaml
from flask import Response, jsonify, request

from nudgeweb.api import api_route
from nudgeweb.api.openapi import build_document, json_content

YAML_TYPES = ("application/yaml", "text/yaml")
# The document as YAML: what YAML-reading tools take it for, or plain text for a generator that
# reads only text/* (openapi-python-client); the latter gets it with Accept: text/yaml.
YAML_CONTENT = {"application/yaml": {"schema": {"$ref": "#/components/schemas/OpenApiDocument"}},
                "text/yaml": {"schema": {"type": "string"}}}


@api_route("/openapi.json", "GET", summary="The OpenAPI document (JSON)", tags=["Meta"], auth=False,
           response=json_content("OpenApiDocument"))
def openapi_json():
    return jsonify(build_document())


@api_route("/openapi.yaml", "GET", summary="The OpenAPI document (YAML)", tags=["Meta"], auth=False,
           response=YAML_CONTENT)
def openapi_yaml():
    text = yaml.safe_dump(build_document(), sort_keys=False, allow_unicode=True)
    return Response(text, mimetype=request.accept_mimetypes.best_match(YAML_TYPES, YAML_TYPES[0]))
