from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.contact_imports_document import ContactImportsDocument
from ...models.create_import_body import CreateImportBody
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CreateImportBody,
    fieldscontact_imports: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["fields[contact_imports]"] = fieldscontact_imports

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v2/contacts/import",
        "params": params,
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ContactImportsDocument | V2Error | None:
    if response.status_code == 202:
        response_202 = ContactImportsDocument.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = V2Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = V2Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = V2Error.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = V2Error.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = V2Error.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = V2Error.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ContactImportsDocument | V2Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateImportBody,
    fieldscontact_imports: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ContactImportsDocument | V2Error]:
    """Import contacts from a CSV file

     Small files are imported at once (status completed); larger ones run in the background (status
    processing): poll GET /contacts/import/{id}.

    Scope: `contacts:write`; role: editor or above.

    Args:
        fieldscontact_imports (str | Unset):
        idempotency_key (str | Unset):
        body (CreateImportBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ContactImportsDocument | V2Error]
    """

    kwargs = _get_kwargs(
        body=body,
        fieldscontact_imports=fieldscontact_imports,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CreateImportBody,
    fieldscontact_imports: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ContactImportsDocument | V2Error | None:
    """Import contacts from a CSV file

     Small files are imported at once (status completed); larger ones run in the background (status
    processing): poll GET /contacts/import/{id}.

    Scope: `contacts:write`; role: editor or above.

    Args:
        fieldscontact_imports (str | Unset):
        idempotency_key (str | Unset):
        body (CreateImportBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ContactImportsDocument | V2Error
    """

    return sync_detailed(
        client=client,
        body=body,
        fieldscontact_imports=fieldscontact_imports,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateImportBody,
    fieldscontact_imports: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ContactImportsDocument | V2Error]:
    """Import contacts from a CSV file

     Small files are imported at once (status completed); larger ones run in the background (status
    processing): poll GET /contacts/import/{id}.

    Scope: `contacts:write`; role: editor or above.

    Args:
        fieldscontact_imports (str | Unset):
        idempotency_key (str | Unset):
        body (CreateImportBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ContactImportsDocument | V2Error]
    """

    kwargs = _get_kwargs(
        body=body,
        fieldscontact_imports=fieldscontact_imports,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateImportBody,
    fieldscontact_imports: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ContactImportsDocument | V2Error | None:
    """Import contacts from a CSV file

     Small files are imported at once (status completed); larger ones run in the background (status
    processing): poll GET /contacts/import/{id}.

    Scope: `contacts:write`; role: editor or above.

    Args:
        fieldscontact_imports (str | Unset):
        idempotency_key (str | Unset):
        body (CreateImportBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ContactImportsDocument | V2Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            fieldscontact_imports=fieldscontact_imports,
            idempotency_key=idempotency_key,
        )
    ).parsed
