"""Employees in the API (seed 004): list, get, create, update, delete."""
from datetime import timezone

from pydantic import Field
from sqlalchemy import select

from nudgeweb.api import Attributes, Body, ListSpec, ResourceType, api_route, documents
from nudgeweb.api.credentials import current_credential
from nudgeweb.api.errors import bad_parameter, not_found
from nudgeweb.api.prepared import rows_with
from nudgeweb.models.employees import EMPLOYEE_CHANNELS, Employee
from nudgeweb.nudges import operations

TAGS = ["Employees"]


def millis(value):
    """ISO 8601 UTC with milliseconds and Z, as seed 004 writes its timestamps."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value.isoformat(timespec="milliseconds") + "Z"  # (isoformat is several times faster than strftime)


class EmployeeAttributes(Attributes):
    name: str | None = Field(None, examples=["Maria Lopez"])
    email: str | None = Field(None, examples=["maria@example.com"])
    phone: str | None = Field(None, examples=["+12125551234"], description="E.164")
    title: str | None = Field(None, examples=["Technician"])
    location: str | None = Field(None, examples=["Downtown"])
    preferred_channel: str | None = Field(None, examples=["email"], description="email or sms")
    active: bool | None = None
    sms_opted_out: bool | None = Field(None, description="Replied STOP: no SMS nudges")
    user_id: str | None = Field(None, description="The team member (user) the employee is, if any")
    created_at: str | None = Field(None, examples=["2026-03-05T16:00:00.000Z"])
    updated_at: str | None = Field(None, examples=["2026-03-05T16:00:00.000Z"])


class EmployeeIn(Body):
    name: str | None = Field(None, max_length=200, examples=["Maria Lopez"])
    email: str | None = Field(None, max_length=254, examples=["maria@example.com"])
    phone: str | None = Field(None, max_length=40, examples=["+12125551234"])
    title: str | None = Field(None, max_length=100, examples=["Technician"])
    location: str | None = Field(None, max_length=100)
    preferred_channel: str | None = Field(None, description=", ".join(EMPLOYEE_CHANNELS))
    active: bool | None = None
    user_id: str | None = Field(None, max_length=36, description="A member of your team, or null")


def _attributes(e):
    return {"name": e.name, "email": e.email, "phone": e.phone, "title": e.title, "location": e.location,
            "preferred_channel": e.preferred_channel, "active": e.active,
            "sms_opted_out": e.sms_opted_out_at is not None, "user_id": str(e.user_id) if e.user_id else None,
            "created_at": millis(e.created_at), "updated_at": millis(e.updated_at)}


EMPLOYEE_COLUMNS = (Employee.id, Employee.name, Employee.email, Employee.phone, Employee.title, Employee.location,
                    Employee.preferred_channel, Employee.active, Employee.sms_opted_out_at, Employee.user_id,
                    Employee.created_at, Employee.updated_at)


def included_employees(organization_id, employee_ids):
    """The resources of these employees, read as plain rows (included with nudges)."""
    rows = rows_with(EMPLOYEE_COLUMNS, Employee.id, Employee.organization_id, organization_id, employee_ids)
    return [EMPLOYEES.resource(row) for row in rows]


EMPLOYEES = ResourceType("employees", _attributes, EmployeeAttributes, path="/employees")
EMPLOYEE_LIST = ListSpec(
    filters={"active": "true or false", "email": "Exact email address"},
    sorts={"name": Employee.name, "created_at": Employee.created_at, "updated_at": Employee.updated_at},
    default_sort="name", id_column=Employee.id)


def _employee(employee_id):
    found = operations.employee_of(current_credential().organization_id, employee_id)
    if found is None:
        raise not_found()
    return found


@api_route("/employees", "GET", summary="List employees", tags=TAGS, scope="employees:read",
           list_spec=EMPLOYEE_LIST, response=EMPLOYEES, many=True)
def list_employees(params):
    statement = select(Employee).where(Employee.organization_id == current_credential().organization_id)
    if "active" in params.filters:
        value = params.filters["active"].lower()
        if value not in ("true", "false"):
            raise bad_parameter("filter[active]", "filter[active] is true or false.")
        statement = statement.where(Employee.active.is_(value == "true"))
    if "email" in params.filters:
        statement = statement.where(Employee.email == params.filters["email"].strip().lower())
    return documents.list_response(EMPLOYEES, statement, EMPLOYEE_LIST, params)


@api_route("/employees", "POST", summary="Add an employee", tags=TAGS, scope="employees:write", body=EmployeeIn,
           response=EMPLOYEES, status=201, description="A name, and an email or a mobile phone (or both).")
def create_employee(body):
    organization = current_credential().membership.organization
    employee = operations.create_employee(organization, body.model_dump(exclude_unset=True))
    return documents.single(EMPLOYEES, employee, status=201,
                            headers={"Location": f"{documents.api_root()}/employees/{employee.id}"})


@api_route("/employees/<employee_id>", "GET", summary="Get an employee", tags=TAGS, scope="employees:read",
           response=EMPLOYEES)
def get_employee(employee_id):
    return documents.single(EMPLOYEES, _employee(employee_id))


@api_route("/employees/<employee_id>", "PATCH", summary="Update an employee", tags=TAGS, scope="employees:write",
           body=EmployeeIn, response=EMPLOYEES, description="Only the attributes given change; "
           "active: false stops their nudges and keeps their history.")
def update_employee(employee_id, body):
    employee = operations.update_employee(_employee(employee_id), body.model_dump(exclude_unset=True))
    return documents.single(EMPLOYEES, employee)


@api_route("/employees/<employee_id>", "DELETE", summary="Delete an employee", tags=TAGS, scope="employees:write",
           status=204, description="Deletes the employee and their nudges; the review requests credited to "
           "them are kept. To stop nudging someone but keep their history, PATCH active: false.")
def delete_employee(employee_id):
    operations.delete_employee(_employee(employee_id))
    return None
