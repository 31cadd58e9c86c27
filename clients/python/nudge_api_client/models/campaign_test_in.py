from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_test_in_personalization_type_0 import CampaignTestInPersonalizationType0


T = TypeVar("T", bound="CampaignTestIn")


@_attrs_define
class CampaignTestIn:
    """
    Attributes:
        recipients (list[str]):
        personalization (CampaignTestInPersonalizationType0 | None | Unset):
    """

    recipients: list[str]
    personalization: CampaignTestInPersonalizationType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.campaign_test_in_personalization_type_0 import CampaignTestInPersonalizationType0  # noqa: PLC0415

        recipients = self.recipients

        personalization: dict[str, Any] | None | Unset
        if isinstance(self.personalization, Unset):
            personalization = UNSET
        elif isinstance(self.personalization, CampaignTestInPersonalizationType0):
            personalization = self.personalization.to_dict()
        else:
            personalization = self.personalization

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "recipients": recipients,
            }
        )
        if personalization is not UNSET:
            field_dict["personalization"] = personalization

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign_test_in_personalization_type_0 import CampaignTestInPersonalizationType0  # noqa: PLC0415

        d = dict(src_dict)
        recipients = cast(list[str], d.pop("recipients"))

        def _parse_personalization(data: object) -> CampaignTestInPersonalizationType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                personalization_type_0 = CampaignTestInPersonalizationType0.from_dict(data)

                return personalization_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CampaignTestInPersonalizationType0 | None | Unset, data)

        personalization = _parse_personalization(d.pop("personalization", UNSET))

        campaign_test_in = cls(
            recipients=recipients,
            personalization=personalization,
        )

        campaign_test_in.additional_properties = d
        return campaign_test_in

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
