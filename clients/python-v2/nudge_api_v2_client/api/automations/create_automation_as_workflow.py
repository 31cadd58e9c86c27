from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.automation_in import AutomationIn
from ...models.automation_in_document import AutomationInDocument
from ...models.automations_document import AutomationsDocument
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: AutomationIn | AutomationInDocument | Unset = UNSET,
    fieldsautomations: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["fields[automations]"] = fieldsautomations

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v2/workflows",
        "params": params,
    }

    if isinstance(body, AutomationIn):
        if not isinstance(body, Unset):
            _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, AutomationInDocument):
        if not isinstance(body, Unset):
            _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/vnd.api+json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AutomationsDocument | V2Error | None:
    if response.status_code == 201:
        response_201 = AutomationsDocument.from_dict(response.json())

        return response_201

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

    if response.status_code == 415:
        response_415 = V2Error.from_dict(response.json())

        return response_415

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
) -> Response[AutomationsDocument | V2Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: AutomationIn | AutomationInDocument | Unset = UNSET,
    fieldsautomations: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[AutomationsDocument | V2Error]:
    """Create an automation

     A draft: start it to run it. Every bad field of the trigger and the steps is a 422 at its pointer
    (`/data/attributes/workflow/steps/2/delay`), with a template, campaign or list of no one here, or of
    the wrong channel, among them; nothing is saved. At most 100 automations (a 403 ERR_QUOTA_EXCEEDED).

    Scope: `automations:write`; role: editor or above.

    Args:
        fieldsautomations (str | Unset):
        idempotency_key (str | Unset):
        body (AutomationIn | Unset): An automation in seed 001's words. POST and PUT need name,
            trigger and workflow (PUT replaces them and the
            description); PATCH changes the attributes given.
        body (AutomationInDocument | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AutomationsDocument | V2Error]
    """

    kwargs = _get_kwargs(
        body=body,
        fieldsautomations=fieldsautomations,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: AutomationIn | AutomationInDocument | Unset = UNSET,
    fieldsautomations: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> AutomationsDocument | V2Error | None:
    """Create an automation

     A draft: start it to run it. Every bad field of the trigger and the steps is a 422 at its pointer
    (`/data/attributes/workflow/steps/2/delay`), with a template, campaign or list of no one here, or of
    the wrong channel, among them; nothing is saved. At most 100 automations (a 403 ERR_QUOTA_EXCEEDED).

    Scope: `automations:write`; role: editor or above.

    Args:
        fieldsautomations (str | Unset):
        idempotency_key (str | Unset):
        body (AutomationIn | Unset): An automation in seed 001's words. POST and PUT need name,
            trigger and workflow (PUT replaces them and the
            description); PATCH changes the attributes given.
        body (AutomationInDocument | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AutomationsDocument | V2Error
    """

    return sync_detailed(
        client=client,
        body=body,
        fieldsautomations=fieldsautomations,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: AutomationIn | AutomationInDocument | Unset = UNSET,
    fieldsautomations: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[AutomationsDocument | V2Error]:
    """Create an automation

     A draft: start it to run it. Every bad field of the trigger and the steps is a 422 at its pointer
    (`/data/attributes/workflow/steps/2/delay`), with a template, campaign or list of no one here, or of
    the wrong channel, among them; nothing is saved. At most 100 automations (a 403 ERR_QUOTA_EXCEEDED).

    Scope: `automations:write`; role: editor or above.

    Args:
        fieldsautomations (str | Unset):
        idempotency_key (str | Unset):
        body (AutomationIn | Unset): An automation in seed 001's words. POST and PUT need name,
            trigger and workflow (PUT replaces them and the
            description); PATCH changes the attributes given.
        body (AutomationInDocument | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AutomationsDocument | V2Error]
    """

    kwargs = _get_kwargs(
        body=body,
        fieldsautomations=fieldsautomations,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: AutomationIn | AutomationInDocument | Unset = UNSET,
    fieldsautomations: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> AutomationsDocument | V2Error | None:
    """Create an automation

     A draft: start it to run it. Every bad field of the trigger and the steps is a 422 at its pointer
    (`/data/attributes/workflow/steps/2/delay`), with a template, campaign or list of no one here, or of
    the wrong channel, among them; nothing is saved. At most 100 automations (a 403 ERR_QUOTA_EXCEEDED).

    Scope: `automations:write`; role: editor or above.

    Args:
        fieldsautomations (str | Unset):
        idempotency_key (str | Unset):
        body (AutomationIn | Unset): An automation in seed 001's words. POST and PUT need name,
            trigger and workflow (PUT replaces them and the
            description); PATCH changes the attributes given.
        body (AutomationInDocument | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AutomationsDocument | V2Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            fieldsautomations=fieldsautomations,
            idempotency_key=idempotency_key,
        )
    ).parsed
