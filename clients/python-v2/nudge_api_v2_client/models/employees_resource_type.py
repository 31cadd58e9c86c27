from enum import StrEnum


class EmployeesResourceType(StrEnum):
    EMPLOYEES = "employees"

    def __str__(self) -> str:
        return str(self.value)
