"""Contains all the data models used in inputs/outputs"""

from .activity_attributes import ActivityAttributes
from .activity_attributes_data_type_0 import ActivityAttributesDataType0
from .add_contact_in import AddContactIn
from .add_contact_in_metadata import AddContactInMetadata
from .add_contact_out import AddContactOut
from .api_key_attributes import ApiKeyAttributes
from .api_key_in import ApiKeyIn
from .api_key_in_document import ApiKeyInDocument
from .api_key_in_resource import ApiKeyInResource
from .api_keys_document import ApiKeysDocument
from .api_keys_list_document import ApiKeysListDocument
from .api_keys_resource import ApiKeysResource
from .api_keys_resource_type import ApiKeysResourceType
from .auth_type import AuthType
from .branding import Branding
from .connection_out import ConnectionOut
from .contact_activities_document import ContactActivitiesDocument
from .contact_activities_list_document import ContactActivitiesListDocument
from .contact_activities_resource import ContactActivitiesResource
from .contact_activities_resource_type import ContactActivitiesResourceType
from .contact_attributes import ContactAttributes
from .contact_attributes_custom_fields_type_0 import ContactAttributesCustomFieldsType0
from .contact_exports_document import ContactExportsDocument
from .contact_exports_list_document import ContactExportsListDocument
from .contact_exports_resource import ContactExportsResource
from .contact_exports_resource_type import ContactExportsResourceType
from .contact_imports_document import ContactImportsDocument
from .contact_imports_list_document import ContactImportsListDocument
from .contact_imports_resource import ContactImportsResource
from .contact_imports_resource_type import ContactImportsResourceType
from .contact_in import ContactIn
from .contact_in_custom_fields_type_0 import ContactInCustomFieldsType0
from .contact_in_document import ContactInDocument
from .contact_in_resource import ContactInResource
from .contact_source import ContactSource
from .contact_status import ContactStatus
from .contacts_document import ContactsDocument
from .contacts_list_document import ContactsListDocument
from .contacts_resource import ContactsResource
from .contacts_resource_type import ContactsResourceType
from .create_import_body import CreateImportBody
from .create_import_body_update_existing import CreateImportBodyUpdateExisting
from .document_links import DocumentLinks
from .document_meta import DocumentMeta
from .error import Error
from .error_document import ErrorDocument
from .error_meta import ErrorMeta
from .error_source import ErrorSource
from .export_attributes import ExportAttributes
from .export_attributes_filters import ExportAttributesFilters
from .export_in import ExportIn
from .export_in_document import ExportInDocument
from .export_in_filters import ExportInFilters
from .export_in_resource import ExportInResource
from .import_attributes import ImportAttributes
from .import_attributes_mapping_type_0 import ImportAttributesMappingType0
from .import_status import ImportStatus
from .included_resource import IncludedResource
from .included_resource_attributes import IncludedResourceAttributes
from .input_field import InputField
from .input_fields_out import InputFieldsOut
from .invitation_attributes import InvitationAttributes
from .invitations_document import InvitationsDocument
from .invitations_list_document import InvitationsListDocument
from .invitations_resource import InvitationsResource
from .invitations_resource_type import InvitationsResourceType
from .invite_in import InviteIn
from .invite_in_document import InviteInDocument
from .invite_in_resource import InviteInResource
from .invite_in_role import InviteInRole
from .list_links import ListLinks
from .list_meta import ListMeta
from .login_in import LoginIn
from .me_out import MeOut
from .message_attributes import MessageAttributes
from .message_attributes_events_type_0_item import MessageAttributesEventsType0Item
from .message_channel import MessageChannel
from .message_in import MessageIn
from .message_in_channel import MessageInChannel
from .message_in_document import MessageInDocument
from .message_in_resource import MessageInResource
from .message_in_variables import MessageInVariables
from .message_status import MessageStatus
from .messages_document import MessagesDocument
from .messages_list_document import MessagesListDocument
from .messages_resource import MessagesResource
from .messages_resource_type import MessagesResourceType
from .open_api_document import OpenApiDocument
from .open_api_document_info import OpenApiDocumentInfo
from .open_api_document_paths import OpenApiDocumentPaths
from .organization_attributes import OrganizationAttributes
from .organization_in import OrganizationIn
from .organization_in_document import OrganizationInDocument
from .organization_in_resource import OrganizationInResource
from .organization_settings import OrganizationSettings
from .organization_stats import OrganizationStats
from .organizations_document import OrganizationsDocument
from .organizations_list_document import OrganizationsListDocument
from .organizations_resource import OrganizationsResource
from .organizations_resource_type import OrganizationsResourceType
from .page_meta import PageMeta
from .preview_attributes import PreviewAttributes
from .preview_in import PreviewIn
from .preview_in_document import PreviewInDocument
from .preview_in_resource import PreviewInResource
from .preview_in_variables_type_0 import PreviewInVariablesType0
from .refresh_in import RefreshIn
from .relationship import Relationship
from .relationship_links import RelationshipLinks
from .relationships import Relationships
from .resource_identifier import ResourceIdentifier
from .resource_links import ResourceLinks
from .review_request_attributes import ReviewRequestAttributes
from .review_request_attributes_metadata_type_0 import ReviewRequestAttributesMetadataType0
from .review_request_channel import ReviewRequestChannel
from .review_request_status import ReviewRequestStatus
from .review_requests_document import ReviewRequestsDocument
from .review_requests_list_document import ReviewRequestsListDocument
from .review_requests_resource import ReviewRequestsResource
from .review_requests_resource_type import ReviewRequestsResourceType
from .role_in import RoleIn
from .role_in_document import RoleInDocument
from .role_in_resource import RoleInResource
from .role_in_role import RoleInRole
from .seed_004_unauthorized_document import Seed004UnauthorizedDocument
from .subscription import Subscription
from .template_attributes import TemplateAttributes
from .template_category import TemplateCategory
from .template_channel import TemplateChannel
from .template_in import TemplateIn
from .template_in_document import TemplateInDocument
from .template_in_resource import TemplateInResource
from .template_previews_document import TemplatePreviewsDocument
from .template_previews_list_document import TemplatePreviewsListDocument
from .template_previews_resource import TemplatePreviewsResource
from .template_previews_resource_type import TemplatePreviewsResourceType
from .templates_document import TemplatesDocument
from .templates_list_document import TemplatesListDocument
from .templates_resource import TemplatesResource
from .templates_resource_type import TemplatesResourceType
from .token_out import TokenOut
from .token_user import TokenUser
from .unsubscribe_in import UnsubscribeIn
from .unsubscribe_in_document import UnsubscribeInDocument
from .unsubscribe_in_resource import UnsubscribeInResource
from .user_attributes import UserAttributes
from .users_document import UsersDocument
from .users_list_document import UsersListDocument
from .users_resource import UsersResource
from .users_resource_type import UsersResourceType
from .variable import Variable

__all__ = (
    "ActivityAttributes",
    "ActivityAttributesDataType0",
    "AddContactIn",
    "AddContactInMetadata",
    "AddContactOut",
    "ApiKeyAttributes",
    "ApiKeyIn",
    "ApiKeyInDocument",
    "ApiKeyInResource",
    "ApiKeysDocument",
    "ApiKeysListDocument",
    "ApiKeysResource",
    "ApiKeysResourceType",
    "AuthType",
    "Branding",
    "ConnectionOut",
    "ContactActivitiesDocument",
    "ContactActivitiesListDocument",
    "ContactActivitiesResource",
    "ContactActivitiesResourceType",
    "ContactAttributes",
    "ContactAttributesCustomFieldsType0",
    "ContactExportsDocument",
    "ContactExportsListDocument",
    "ContactExportsResource",
    "ContactExportsResourceType",
    "ContactImportsDocument",
    "ContactImportsListDocument",
    "ContactImportsResource",
    "ContactImportsResourceType",
    "ContactIn",
    "ContactInCustomFieldsType0",
    "ContactInDocument",
    "ContactInResource",
    "ContactsDocument",
    "ContactsListDocument",
    "ContactSource",
    "ContactsResource",
    "ContactsResourceType",
    "ContactStatus",
    "CreateImportBody",
    "CreateImportBodyUpdateExisting",
    "DocumentLinks",
    "DocumentMeta",
    "Error",
    "ErrorDocument",
    "ErrorMeta",
    "ErrorSource",
    "ExportAttributes",
    "ExportAttributesFilters",
    "ExportIn",
    "ExportInDocument",
    "ExportInFilters",
    "ExportInResource",
    "ImportAttributes",
    "ImportAttributesMappingType0",
    "ImportStatus",
    "IncludedResource",
    "IncludedResourceAttributes",
    "InputField",
    "InputFieldsOut",
    "InvitationAttributes",
    "InvitationsDocument",
    "InvitationsListDocument",
    "InvitationsResource",
    "InvitationsResourceType",
    "InviteIn",
    "InviteInDocument",
    "InviteInResource",
    "InviteInRole",
    "ListLinks",
    "ListMeta",
    "LoginIn",
    "MeOut",
    "MessageAttributes",
    "MessageAttributesEventsType0Item",
    "MessageChannel",
    "MessageIn",
    "MessageInChannel",
    "MessageInDocument",
    "MessageInResource",
    "MessageInVariables",
    "MessagesDocument",
    "MessagesListDocument",
    "MessagesResource",
    "MessagesResourceType",
    "MessageStatus",
    "OpenApiDocument",
    "OpenApiDocumentInfo",
    "OpenApiDocumentPaths",
    "OrganizationAttributes",
    "OrganizationIn",
    "OrganizationInDocument",
    "OrganizationInResource",
    "OrganizationsDocument",
    "OrganizationSettings",
    "OrganizationsListDocument",
    "OrganizationsResource",
    "OrganizationsResourceType",
    "OrganizationStats",
    "PageMeta",
    "PreviewAttributes",
    "PreviewIn",
    "PreviewInDocument",
    "PreviewInResource",
    "PreviewInVariablesType0",
    "RefreshIn",
    "Relationship",
    "RelationshipLinks",
    "Relationships",
    "ResourceIdentifier",
    "ResourceLinks",
    "ReviewRequestAttributes",
    "ReviewRequestAttributesMetadataType0",
    "ReviewRequestChannel",
    "ReviewRequestsDocument",
    "ReviewRequestsListDocument",
    "ReviewRequestsResource",
    "ReviewRequestsResourceType",
    "ReviewRequestStatus",
    "RoleIn",
    "RoleInDocument",
    "RoleInResource",
    "RoleInRole",
    "Seed004UnauthorizedDocument",
    "Subscription",
    "TemplateAttributes",
    "TemplateCategory",
    "TemplateChannel",
    "TemplateIn",
    "TemplateInDocument",
    "TemplateInResource",
    "TemplatePreviewsDocument",
    "TemplatePreviewsListDocument",
    "TemplatePreviewsResource",
    "TemplatePreviewsResourceType",
    "TemplatesDocument",
    "TemplatesListDocument",
    "TemplatesResource",
    "TemplatesResourceType",
    "TokenOut",
    "TokenUser",
    "UnsubscribeIn",
    "UnsubscribeInDocument",
    "UnsubscribeInResource",
    "UserAttributes",
    "UsersDocument",
    "UsersListDocument",
    "UsersResource",
    "UsersResourceType",
    "Variable",
)
