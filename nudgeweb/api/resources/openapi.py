"""The OpenAPI 3.1 document of the API, as JSON and YAML."""
import yaml
from flask import Response, jsonify

from nudgeweb.api import api_route
from nudgeweb.api.openapi import build_document

DOCUMENT = {"application/json": {"schema": {"type": "object"}}}


@api_route("/openapi.json", "GET", summary="The OpenAPI document (JSON)", tags=["Meta"], auth=False,
           response=DOCUMENT)
def openapi_json():
    return jsonify(build_document())


@api_route("/openapi.yaml", "GET", summary="The OpenAPI document (YAML)", tags=["Meta"], auth=False,
           response={"application/yaml": {"schema": {"type": "object"}}})
def openapi_yaml():
    text = yaml.safe_dump(build_document(), sort_keys=False, allow_unicode=True)
    return Response(text, mimetype="application/yaml")
