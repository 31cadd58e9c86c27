"""Contains all the data models used in inputs/outputs"""

from .activity_attributes import ActivityAttributes
from .activity_attributes_data_type_0 import ActivityAttributesDataType0
from .add_contact_in import AddContactIn
from .add_contact_in_metadata import AddContactInMetadata
from .add_contact_out import AddContactOut
from .analytics_out import AnalyticsOut
from .analytics_out_data import AnalyticsOutData
from .analytics_out_meta_type_0 import AnalyticsOutMetaType0
from .analytics_query import AnalyticsQuery
from .api_key_attributes import ApiKeyAttributes
from .api_key_in import ApiKeyIn
from .api_key_in_document import ApiKeyInDocument
from .api_key_in_document_meta import ApiKeyInDocumentMeta
from .api_key_in_resource import ApiKeyInResource
from .api_keys_document import ApiKeysDocument
from .api_keys_document_meta import ApiKeysDocumentMeta
from .api_keys_list_document import ApiKeysListDocument
from .api_keys_list_document_links import ApiKeysListDocumentLinks
from .api_keys_list_document_meta import ApiKeysListDocumentMeta
from .api_keys_resource import ApiKeysResource
from .auth_type import AuthType
from .automation_activities_document import AutomationActivitiesDocument
from .automation_activities_document_meta import AutomationActivitiesDocumentMeta
from .automation_activities_list_document import AutomationActivitiesListDocument
from .automation_activities_list_document_links import AutomationActivitiesListDocumentLinks
from .automation_activities_list_document_meta import AutomationActivitiesListDocumentMeta
from .automation_activities_resource import AutomationActivitiesResource
from .automation_activities_resource_type import AutomationActivitiesResourceType
from .automation_activity_attributes import AutomationActivityAttributes
from .automation_attributes import AutomationAttributes
from .automation_attributes_trigger_type_0 import AutomationAttributesTriggerType0
from .automation_attributes_workflow_type_0 import AutomationAttributesWorkflowType0
from .automation_enroll_in import AutomationEnrollIn
from .automation_enroll_in_document import AutomationEnrollInDocument
from .automation_enroll_in_document_meta import AutomationEnrollInDocumentMeta
from .automation_enroll_in_metadata_type_0 import AutomationEnrollInMetadataType0
from .automation_enroll_in_resource import AutomationEnrollInResource
from .automation_enrollment_attributes import AutomationEnrollmentAttributes
from .automation_enrollment_attributes_metadata_type_0 import AutomationEnrollmentAttributesMetadataType0
from .automation_enrollment_status import AutomationEnrollmentStatus
from .automation_enrollments_document import AutomationEnrollmentsDocument
from .automation_enrollments_document_meta import AutomationEnrollmentsDocumentMeta
from .automation_enrollments_list_document import AutomationEnrollmentsListDocument
from .automation_enrollments_list_document_links import AutomationEnrollmentsListDocumentLinks
from .automation_enrollments_list_document_meta import AutomationEnrollmentsListDocumentMeta
from .automation_enrollments_resource import AutomationEnrollmentsResource
from .automation_enrollments_resource_type import AutomationEnrollmentsResourceType
from .automation_entry_rule import AutomationEntryRule
from .automation_in import AutomationIn
from .automation_in_document import AutomationInDocument
from .automation_in_document_meta import AutomationInDocumentMeta
from .automation_in_resource import AutomationInResource
from .automation_in_trigger_type_0 import AutomationInTriggerType0
from .automation_in_workflow_type_0 import AutomationInWorkflowType0
from .automation_stats import AutomationStats
from .automation_status import AutomationStatus
from .automations_document import AutomationsDocument
from .automations_document_meta import AutomationsDocumentMeta
from .automations_list_document import AutomationsListDocument
from .automations_list_document_links import AutomationsListDocumentLinks
from .automations_list_document_meta import AutomationsListDocumentMeta
from .automations_resource import AutomationsResource
from .automations_resource_type import AutomationsResourceType
from .branding import Branding
from .campaign_attributes import CampaignAttributes
from .campaign_attributes_settings_type_0 import CampaignAttributesSettingsType0
from .campaign_in import CampaignIn
from .campaign_in_document import CampaignInDocument
from .campaign_in_document_meta import CampaignInDocumentMeta
from .campaign_in_resource import CampaignInResource
from .campaign_in_settings_type_0 import CampaignInSettingsType0
from .campaign_periods_document import CampaignPeriodsDocument
from .campaign_periods_document_meta import CampaignPeriodsDocumentMeta
from .campaign_periods_list_document import CampaignPeriodsListDocument
from .campaign_periods_list_document_links import CampaignPeriodsListDocumentLinks
from .campaign_periods_list_document_meta import CampaignPeriodsListDocumentMeta
from .campaign_periods_resource import CampaignPeriodsResource
from .campaign_periods_resource_type import CampaignPeriodsResourceType
from .campaign_test_in import CampaignTestIn
from .campaign_test_in_document import CampaignTestInDocument
from .campaign_test_in_document_meta import CampaignTestInDocumentMeta
from .campaign_test_in_personalization_type_0 import CampaignTestInPersonalizationType0
from .campaign_test_in_resource import CampaignTestInResource
from .campaigns_document import CampaignsDocument
from .campaigns_document_meta import CampaignsDocumentMeta
from .campaigns_list_document import CampaignsListDocument
from .campaigns_list_document_links import CampaignsListDocumentLinks
from .campaigns_list_document_meta import CampaignsListDocumentMeta
from .campaigns_resource import CampaignsResource
from .campaigns_resource_type import CampaignsResourceType
from .connection_out import ConnectionOut
from .contact_activities_document import ContactActivitiesDocument
from .contact_activities_document_meta import ContactActivitiesDocumentMeta
from .contact_activities_list_document import ContactActivitiesListDocument
from .contact_activities_list_document_links import ContactActivitiesListDocumentLinks
from .contact_activities_list_document_meta import ContactActivitiesListDocumentMeta
from .contact_activities_resource import ContactActivitiesResource
from .contact_activities_resource_metadata import ContactActivitiesResourceMetadata
from .contact_attributes import ContactAttributes
from .contact_attributes_custom_fields_type_0 import ContactAttributesCustomFieldsType0
from .contact_exports_document import ContactExportsDocument
from .contact_exports_document_meta import ContactExportsDocumentMeta
from .contact_exports_list_document import ContactExportsListDocument
from .contact_exports_list_document_links import ContactExportsListDocumentLinks
from .contact_exports_list_document_meta import ContactExportsListDocumentMeta
from .contact_exports_resource import ContactExportsResource
from .contact_exports_resource_type import ContactExportsResourceType
from .contact_imports_document import ContactImportsDocument
from .contact_imports_document_meta import ContactImportsDocumentMeta
from .contact_imports_list_document import ContactImportsListDocument
from .contact_imports_list_document_links import ContactImportsListDocumentLinks
from .contact_imports_list_document_meta import ContactImportsListDocumentMeta
from .contact_imports_resource import ContactImportsResource
from .contact_in import ContactIn
from .contact_in_custom_fields_type_0 import ContactInCustomFieldsType0
from .contact_in_document import ContactInDocument
from .contact_in_document_meta import ContactInDocumentMeta
from .contact_in_resource import ContactInResource
from .contact_source import ContactSource
from .contact_status import ContactStatus
from .contacts_document import ContactsDocument
from .contacts_document_meta import ContactsDocumentMeta
from .contacts_list_document import ContactsListDocument
from .contacts_list_document_links import ContactsListDocumentLinks
from .contacts_list_document_meta import ContactsListDocumentMeta
from .contacts_resource import ContactsResource
from .contacts_resource_attributes import ContactsResourceAttributes
from .contacts_resource_attributes_stats import ContactsResourceAttributesStats
from .contacts_resource_type import ContactsResourceType
from .create_import_body import CreateImportBody
from .create_import_body_trigger_automations import CreateImportBodyTriggerAutomations
from .create_import_body_update_existing import CreateImportBodyUpdateExisting
from .document_links import DocumentLinks
from .document_meta import DocumentMeta
from .duplicate_in import DuplicateIn
from .duplicate_in_document import DuplicateInDocument
from .duplicate_in_document_meta import DuplicateInDocumentMeta
from .duplicate_in_resource import DuplicateInResource
from .employee_attributes import EmployeeAttributes
from .employee_in import EmployeeIn
from .employee_in_document import EmployeeInDocument
from .employee_in_document_meta import EmployeeInDocumentMeta
from .employee_in_resource import EmployeeInResource
from .employees_document import EmployeesDocument
from .employees_document_meta import EmployeesDocumentMeta
from .employees_list_document import EmployeesListDocument
from .employees_list_document_links import EmployeesListDocumentLinks
from .employees_list_document_meta import EmployeesListDocumentMeta
from .employees_resource import EmployeesResource
from .employees_resource_type import EmployeesResourceType
from .error import Error
from .error_document import ErrorDocument
from .error_meta import ErrorMeta
from .error_source import ErrorSource
from .event_attributes import EventAttributes
from .event_attributes_properties_type_0 import EventAttributesPropertiesType0
from .event_batch_in import EventBatchIn
from .event_batch_in_document import EventBatchInDocument
from .event_batch_in_document_meta import EventBatchInDocumentMeta
from .event_batch_in_resource import EventBatchInResource
from .event_in import EventIn
from .event_in_document import EventInDocument
from .event_in_document_meta import EventInDocumentMeta
from .event_in_properties import EventInProperties
from .event_in_resource import EventInResource
from .events_document import EventsDocument
from .events_document_meta import EventsDocumentMeta
from .events_list_document import EventsListDocument
from .events_list_document_links import EventsListDocumentLinks
from .events_list_document_meta import EventsListDocumentMeta
from .events_resource import EventsResource
from .events_resource_type import EventsResourceType
from .export_attributes import ExportAttributes
from .export_attributes_filters import ExportAttributesFilters
from .export_in import ExportIn
from .export_in_document import ExportInDocument
from .export_in_document_meta import ExportInDocumentMeta
from .export_in_filters import ExportInFilters
from .export_in_resource import ExportInResource
from .import_attributes import ImportAttributes
from .import_attributes_mapping_type_0 import ImportAttributesMappingType0
from .import_attributes_notes_type_0_item import ImportAttributesNotesType0Item
from .import_status import ImportStatus
from .included_resource import IncludedResource
from .included_resource_attributes import IncludedResourceAttributes
from .input_field import InputField
from .input_fields_out import InputFieldsOut
from .invitation_attributes import InvitationAttributes
from .invitations_document import InvitationsDocument
from .invitations_document_meta import InvitationsDocumentMeta
from .invitations_list_document import InvitationsListDocument
from .invitations_list_document_links import InvitationsListDocumentLinks
from .invitations_list_document_meta import InvitationsListDocumentMeta
from .invitations_resource import InvitationsResource
from .invitations_resource_type import InvitationsResourceType
from .invite_in import InviteIn
from .invite_in_document import InviteInDocument
from .invite_in_document_meta import InviteInDocumentMeta
from .invite_in_resource import InviteInResource
from .invite_in_role import InviteInRole
from .list_attributes import ListAttributes
from .list_in import ListIn
from .list_in_document import ListInDocument
from .list_in_document_meta import ListInDocumentMeta
from .list_in_resource import ListInResource
from .list_links import ListLinks
from .list_meta import ListMeta
from .lists_document import ListsDocument
from .lists_document_meta import ListsDocumentMeta
from .lists_list_document import ListsListDocument
from .lists_list_document_links import ListsListDocumentLinks
from .lists_list_document_meta import ListsListDocumentMeta
from .lists_resource import ListsResource
from .lists_resource_type import ListsResourceType
from .log_attributes import LogAttributes
from .log_attributes_request_type_0 import LogAttributesRequestType0
from .log_attributes_response_type_0 import LogAttributesResponseType0
from .login_in import LoginIn
from .me_out import MeOut
from .members_in import MembersIn
from .members_in_document import MembersInDocument
from .members_in_document_meta import MembersInDocumentMeta
from .members_in_resource import MembersInResource
from .message_attributes import MessageAttributes
from .message_attributes_events_type_0_item import MessageAttributesEventsType0Item
from .message_channel import MessageChannel
from .message_in import MessageIn
from .message_in_channel import MessageInChannel
from .message_in_document import MessageInDocument
from .message_in_document_meta import MessageInDocumentMeta
from .message_in_resource import MessageInResource
from .message_in_variables import MessageInVariables
from .message_status import MessageStatus
from .messages_document import MessagesDocument
from .messages_document_meta import MessagesDocumentMeta
from .messages_list_document import MessagesListDocument
from .messages_list_document_links import MessagesListDocumentLinks
from .messages_list_document_meta import MessagesListDocumentMeta
from .messages_resource import MessagesResource
from .messages_resource_type import MessagesResourceType
from .nudge_attributes import NudgeAttributes
from .nudges_document import NudgesDocument
from .nudges_document_meta import NudgesDocumentMeta
from .nudges_list_document import NudgesListDocument
from .nudges_list_document_links import NudgesListDocumentLinks
from .nudges_list_document_meta import NudgesListDocumentMeta
from .nudges_resource import NudgesResource
from .nudges_resource_type import NudgesResourceType
from .open_api_document import OpenApiDocument
from .open_api_document_info import OpenApiDocumentInfo
from .open_api_document_paths import OpenApiDocumentPaths
from .organization_attributes import OrganizationAttributes
from .organization_in import OrganizationIn
from .organization_in_document import OrganizationInDocument
from .organization_in_document_meta import OrganizationInDocumentMeta
from .organization_in_resource import OrganizationInResource
from .organization_settings import OrganizationSettings
from .organization_stats import OrganizationStats
from .organizations_document import OrganizationsDocument
from .organizations_document_meta import OrganizationsDocumentMeta
from .organizations_list_document import OrganizationsListDocument
from .organizations_list_document_links import OrganizationsListDocumentLinks
from .organizations_list_document_meta import OrganizationsListDocumentMeta
from .organizations_resource import OrganizationsResource
from .organizations_resource_type import OrganizationsResourceType
from .page_meta import PageMeta
from .period_attributes import PeriodAttributes
from .period_in import PeriodIn
from .period_in_document import PeriodInDocument
from .period_in_document_meta import PeriodInDocumentMeta
from .period_in_resource import PeriodInResource
from .period_in_status import PeriodInStatus
from .period_query import PeriodQuery
from .preview_attributes import PreviewAttributes
from .preview_in import PreviewIn
from .preview_in_document import PreviewInDocument
from .preview_in_document_meta import PreviewInDocumentMeta
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
from .review_requests_document_meta import ReviewRequestsDocumentMeta
from .review_requests_list_document import ReviewRequestsListDocument
from .review_requests_list_document_links import ReviewRequestsListDocumentLinks
from .review_requests_list_document_meta import ReviewRequestsListDocumentMeta
from .review_requests_resource import ReviewRequestsResource
from .review_requests_resource_type import ReviewRequestsResourceType
from .role_in import RoleIn
from .role_in_document import RoleInDocument
from .role_in_document_meta import RoleInDocumentMeta
from .role_in_resource import RoleInResource
from .role_in_role import RoleInRole
from .schedule_in import ScheduleIn
from .schedule_in_document import ScheduleInDocument
from .schedule_in_document_meta import ScheduleInDocumentMeta
from .schedule_in_resource import ScheduleInResource
from .seed_004_error import Seed004Error
from .seed_004_unauthorized_document import Seed004UnauthorizedDocument
from .seed_004_unauthorized_document_meta import Seed004UnauthorizedDocumentMeta
from .segment_attributes import SegmentAttributes
from .segment_attributes_filters_type_0 import SegmentAttributesFiltersType0
from .segment_in import SegmentIn
from .segment_in_document import SegmentInDocument
from .segment_in_document_meta import SegmentInDocumentMeta
from .segment_in_filters_type_0 import SegmentInFiltersType0
from .segment_in_resource import SegmentInResource
from .segments_document import SegmentsDocument
from .segments_document_meta import SegmentsDocumentMeta
from .segments_list_document import SegmentsListDocument
from .segments_list_document_links import SegmentsListDocumentLinks
from .segments_list_document_meta import SegmentsListDocumentMeta
from .segments_resource import SegmentsResource
from .segments_resource_type import SegmentsResourceType
from .send_in import SendIn
from .send_in_document import SendInDocument
from .send_in_document_meta import SendInDocumentMeta
from .send_in_resource import SendInResource
from .stats import Stats
from .subscription import Subscription
from .template_attributes import TemplateAttributes
from .template_channel import TemplateChannel
from .template_in import TemplateIn
from .template_in_document import TemplateInDocument
from .template_in_document_meta import TemplateInDocumentMeta
from .template_in_resource import TemplateInResource
from .template_previews_document import TemplatePreviewsDocument
from .template_previews_document_meta import TemplatePreviewsDocumentMeta
from .template_previews_list_document import TemplatePreviewsListDocument
from .template_previews_list_document_links import TemplatePreviewsListDocumentLinks
from .template_previews_list_document_meta import TemplatePreviewsListDocumentMeta
from .template_previews_resource import TemplatePreviewsResource
from .template_previews_resource_type import TemplatePreviewsResourceType
from .templates_document import TemplatesDocument
from .templates_document_meta import TemplatesDocumentMeta
from .templates_list_document import TemplatesListDocument
from .templates_list_document_links import TemplatesListDocumentLinks
from .templates_list_document_meta import TemplatesListDocumentMeta
from .templates_resource import TemplatesResource
from .templates_resource_type import TemplatesResourceType
from .token_out import TokenOut
from .token_user import TokenUser
from .unsubscribe_in import UnsubscribeIn
from .unsubscribe_in_document import UnsubscribeInDocument
from .unsubscribe_in_document_meta import UnsubscribeInDocumentMeta
from .unsubscribe_in_resource import UnsubscribeInResource
from .user_attributes import UserAttributes
from .users_document import UsersDocument
from .users_document_meta import UsersDocumentMeta
from .users_list_document import UsersListDocument
from .users_list_document_links import UsersListDocumentLinks
from .users_list_document_meta import UsersListDocumentMeta
from .users_resource import UsersResource
from .v2_error import V2Error
from .v2_error_error import V2ErrorError
from .v2_error_error_details_item import V2ErrorErrorDetailsItem
from .v2_error_error_type import V2ErrorErrorType
from .variable import Variable
from .webhook_attributes import WebhookAttributes
from .webhook_in import WebhookIn
from .webhook_in_document import WebhookInDocument
from .webhook_in_document_meta import WebhookInDocumentMeta
from .webhook_in_resource import WebhookInResource
from .webhook_logs_document import WebhookLogsDocument
from .webhook_logs_document_meta import WebhookLogsDocumentMeta
from .webhook_logs_list_document import WebhookLogsListDocument
from .webhook_logs_list_document_links import WebhookLogsListDocumentLinks
from .webhook_logs_list_document_meta import WebhookLogsListDocumentMeta
from .webhook_logs_resource import WebhookLogsResource
from .webhook_logs_resource_type import WebhookLogsResourceType
from .webhook_test_in import WebhookTestIn
from .webhook_test_in_document import WebhookTestInDocument
from .webhook_test_in_document_meta import WebhookTestInDocumentMeta
from .webhook_test_in_resource import WebhookTestInResource
from .webhooks_document import WebhooksDocument
from .webhooks_document_meta import WebhooksDocumentMeta
from .webhooks_list_document import WebhooksListDocument
from .webhooks_list_document_links import WebhooksListDocumentLinks
from .webhooks_list_document_meta import WebhooksListDocumentMeta
from .webhooks_resource import WebhooksResource
from .webhooks_resource_type import WebhooksResourceType

__all__ = (
    "ActivityAttributes",
    "ActivityAttributesDataType0",
    "AddContactIn",
    "AddContactInMetadata",
    "AddContactOut",
    "AnalyticsOut",
    "AnalyticsOutData",
    "AnalyticsOutMetaType0",
    "AnalyticsQuery",
    "ApiKeyAttributes",
    "ApiKeyIn",
    "ApiKeyInDocument",
    "ApiKeyInDocumentMeta",
    "ApiKeyInResource",
    "ApiKeysDocument",
    "ApiKeysDocumentMeta",
    "ApiKeysListDocument",
    "ApiKeysListDocumentLinks",
    "ApiKeysListDocumentMeta",
    "ApiKeysResource",
    "AuthType",
    "AutomationActivitiesDocument",
    "AutomationActivitiesDocumentMeta",
    "AutomationActivitiesListDocument",
    "AutomationActivitiesListDocumentLinks",
    "AutomationActivitiesListDocumentMeta",
    "AutomationActivitiesResource",
    "AutomationActivitiesResourceType",
    "AutomationActivityAttributes",
    "AutomationAttributes",
    "AutomationAttributesTriggerType0",
    "AutomationAttributesWorkflowType0",
    "AutomationEnrollIn",
    "AutomationEnrollInDocument",
    "AutomationEnrollInDocumentMeta",
    "AutomationEnrollInMetadataType0",
    "AutomationEnrollInResource",
    "AutomationEnrollmentAttributes",
    "AutomationEnrollmentAttributesMetadataType0",
    "AutomationEnrollmentsDocument",
    "AutomationEnrollmentsDocumentMeta",
    "AutomationEnrollmentsListDocument",
    "AutomationEnrollmentsListDocumentLinks",
    "AutomationEnrollmentsListDocumentMeta",
    "AutomationEnrollmentsResource",
    "AutomationEnrollmentsResourceType",
    "AutomationEnrollmentStatus",
    "AutomationEntryRule",
    "AutomationIn",
    "AutomationInDocument",
    "AutomationInDocumentMeta",
    "AutomationInResource",
    "AutomationInTriggerType0",
    "AutomationInWorkflowType0",
    "AutomationsDocument",
    "AutomationsDocumentMeta",
    "AutomationsListDocument",
    "AutomationsListDocumentLinks",
    "AutomationsListDocumentMeta",
    "AutomationsResource",
    "AutomationsResourceType",
    "AutomationStats",
    "AutomationStatus",
    "Branding",
    "CampaignAttributes",
    "CampaignAttributesSettingsType0",
    "CampaignIn",
    "CampaignInDocument",
    "CampaignInDocumentMeta",
    "CampaignInResource",
    "CampaignInSettingsType0",
    "CampaignPeriodsDocument",
    "CampaignPeriodsDocumentMeta",
    "CampaignPeriodsListDocument",
    "CampaignPeriodsListDocumentLinks",
    "CampaignPeriodsListDocumentMeta",
    "CampaignPeriodsResource",
    "CampaignPeriodsResourceType",
    "CampaignsDocument",
    "CampaignsDocumentMeta",
    "CampaignsListDocument",
    "CampaignsListDocumentLinks",
    "CampaignsListDocumentMeta",
    "CampaignsResource",
    "CampaignsResourceType",
    "CampaignTestIn",
    "CampaignTestInDocument",
    "CampaignTestInDocumentMeta",
    "CampaignTestInPersonalizationType0",
    "CampaignTestInResource",
    "ConnectionOut",
    "ContactActivitiesDocument",
    "ContactActivitiesDocumentMeta",
    "ContactActivitiesListDocument",
    "ContactActivitiesListDocumentLinks",
    "ContactActivitiesListDocumentMeta",
    "ContactActivitiesResource",
    "ContactActivitiesResourceMetadata",
    "ContactAttributes",
    "ContactAttributesCustomFieldsType0",
    "ContactExportsDocument",
    "ContactExportsDocumentMeta",
    "ContactExportsListDocument",
    "ContactExportsListDocumentLinks",
    "ContactExportsListDocumentMeta",
    "ContactExportsResource",
    "ContactExportsResourceType",
    "ContactImportsDocument",
    "ContactImportsDocumentMeta",
    "ContactImportsListDocument",
    "ContactImportsListDocumentLinks",
    "ContactImportsListDocumentMeta",
    "ContactImportsResource",
    "ContactIn",
    "ContactInCustomFieldsType0",
    "ContactInDocument",
    "ContactInDocumentMeta",
    "ContactInResource",
    "ContactsDocument",
    "ContactsDocumentMeta",
    "ContactsListDocument",
    "ContactsListDocumentLinks",
    "ContactsListDocumentMeta",
    "ContactSource",
    "ContactsResource",
    "ContactsResourceAttributes",
    "ContactsResourceAttributesStats",
    "ContactsResourceType",
    "ContactStatus",
    "CreateImportBody",
    "CreateImportBodyTriggerAutomations",
    "CreateImportBodyUpdateExisting",
    "DocumentLinks",
    "DocumentMeta",
    "DuplicateIn",
    "DuplicateInDocument",
    "DuplicateInDocumentMeta",
    "DuplicateInResource",
    "EmployeeAttributes",
    "EmployeeIn",
    "EmployeeInDocument",
    "EmployeeInDocumentMeta",
    "EmployeeInResource",
    "EmployeesDocument",
    "EmployeesDocumentMeta",
    "EmployeesListDocument",
    "EmployeesListDocumentLinks",
    "EmployeesListDocumentMeta",
    "EmployeesResource",
    "EmployeesResourceType",
    "Error",
    "ErrorDocument",
    "ErrorMeta",
    "ErrorSource",
    "EventAttributes",
    "EventAttributesPropertiesType0",
    "EventBatchIn",
    "EventBatchInDocument",
    "EventBatchInDocumentMeta",
    "EventBatchInResource",
    "EventIn",
    "EventInDocument",
    "EventInDocumentMeta",
    "EventInProperties",
    "EventInResource",
    "EventsDocument",
    "EventsDocumentMeta",
    "EventsListDocument",
    "EventsListDocumentLinks",
    "EventsListDocumentMeta",
    "EventsResource",
    "EventsResourceType",
    "ExportAttributes",
    "ExportAttributesFilters",
    "ExportIn",
    "ExportInDocument",
    "ExportInDocumentMeta",
    "ExportInFilters",
    "ExportInResource",
    "ImportAttributes",
    "ImportAttributesMappingType0",
    "ImportAttributesNotesType0Item",
    "ImportStatus",
    "IncludedResource",
    "IncludedResourceAttributes",
    "InputField",
    "InputFieldsOut",
    "InvitationAttributes",
    "InvitationsDocument",
    "InvitationsDocumentMeta",
    "InvitationsListDocument",
    "InvitationsListDocumentLinks",
    "InvitationsListDocumentMeta",
    "InvitationsResource",
    "InvitationsResourceType",
    "InviteIn",
    "InviteInDocument",
    "InviteInDocumentMeta",
    "InviteInResource",
    "InviteInRole",
    "ListAttributes",
    "ListIn",
    "ListInDocument",
    "ListInDocumentMeta",
    "ListInResource",
    "ListLinks",
    "ListMeta",
    "ListsDocument",
    "ListsDocumentMeta",
    "ListsListDocument",
    "ListsListDocumentLinks",
    "ListsListDocumentMeta",
    "ListsResource",
    "ListsResourceType",
    "LogAttributes",
    "LogAttributesRequestType0",
    "LogAttributesResponseType0",
    "LoginIn",
    "MembersIn",
    "MembersInDocument",
    "MembersInDocumentMeta",
    "MembersInResource",
    "MeOut",
    "MessageAttributes",
    "MessageAttributesEventsType0Item",
    "MessageChannel",
    "MessageIn",
    "MessageInChannel",
    "MessageInDocument",
    "MessageInDocumentMeta",
    "MessageInResource",
    "MessageInVariables",
    "MessagesDocument",
    "MessagesDocumentMeta",
    "MessagesListDocument",
    "MessagesListDocumentLinks",
    "MessagesListDocumentMeta",
    "MessagesResource",
    "MessagesResourceType",
    "MessageStatus",
    "NudgeAttributes",
    "NudgesDocument",
    "NudgesDocumentMeta",
    "NudgesListDocument",
    "NudgesListDocumentLinks",
    "NudgesListDocumentMeta",
    "NudgesResource",
    "NudgesResourceType",
    "OpenApiDocument",
    "OpenApiDocumentInfo",
    "OpenApiDocumentPaths",
    "OrganizationAttributes",
    "OrganizationIn",
    "OrganizationInDocument",
    "OrganizationInDocumentMeta",
    "OrganizationInResource",
    "OrganizationsDocument",
    "OrganizationsDocumentMeta",
    "OrganizationSettings",
    "OrganizationsListDocument",
    "OrganizationsListDocumentLinks",
    "OrganizationsListDocumentMeta",
    "OrganizationsResource",
    "OrganizationsResourceType",
    "OrganizationStats",
    "PageMeta",
    "PeriodAttributes",
    "PeriodIn",
    "PeriodInDocument",
    "PeriodInDocumentMeta",
    "PeriodInResource",
    "PeriodInStatus",
    "PeriodQuery",
    "PreviewAttributes",
    "PreviewIn",
    "PreviewInDocument",
    "PreviewInDocumentMeta",
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
    "ReviewRequestsDocumentMeta",
    "ReviewRequestsListDocument",
    "ReviewRequestsListDocumentLinks",
    "ReviewRequestsListDocumentMeta",
    "ReviewRequestsResource",
    "ReviewRequestsResourceType",
    "ReviewRequestStatus",
    "RoleIn",
    "RoleInDocument",
    "RoleInDocumentMeta",
    "RoleInResource",
    "RoleInRole",
    "ScheduleIn",
    "ScheduleInDocument",
    "ScheduleInDocumentMeta",
    "ScheduleInResource",
    "Seed004Error",
    "Seed004UnauthorizedDocument",
    "Seed004UnauthorizedDocumentMeta",
    "SegmentAttributes",
    "SegmentAttributesFiltersType0",
    "SegmentIn",
    "SegmentInDocument",
    "SegmentInDocumentMeta",
    "SegmentInFiltersType0",
    "SegmentInResource",
    "SegmentsDocument",
    "SegmentsDocumentMeta",
    "SegmentsListDocument",
    "SegmentsListDocumentLinks",
    "SegmentsListDocumentMeta",
    "SegmentsResource",
    "SegmentsResourceType",
    "SendIn",
    "SendInDocument",
    "SendInDocumentMeta",
    "SendInResource",
    "Stats",
    "Subscription",
    "TemplateAttributes",
    "TemplateChannel",
    "TemplateIn",
    "TemplateInDocument",
    "TemplateInDocumentMeta",
    "TemplateInResource",
    "TemplatePreviewsDocument",
    "TemplatePreviewsDocumentMeta",
    "TemplatePreviewsListDocument",
    "TemplatePreviewsListDocumentLinks",
    "TemplatePreviewsListDocumentMeta",
    "TemplatePreviewsResource",
    "TemplatePreviewsResourceType",
    "TemplatesDocument",
    "TemplatesDocumentMeta",
    "TemplatesListDocument",
    "TemplatesListDocumentLinks",
    "TemplatesListDocumentMeta",
    "TemplatesResource",
    "TemplatesResourceType",
    "TokenOut",
    "TokenUser",
    "UnsubscribeIn",
    "UnsubscribeInDocument",
    "UnsubscribeInDocumentMeta",
    "UnsubscribeInResource",
    "UserAttributes",
    "UsersDocument",
    "UsersDocumentMeta",
    "UsersListDocument",
    "UsersListDocumentLinks",
    "UsersListDocumentMeta",
    "UsersResource",
    "V2Error",
    "V2ErrorError",
    "V2ErrorErrorDetailsItem",
    "V2ErrorErrorType",
    "Variable",
    "WebhookAttributes",
    "WebhookIn",
    "WebhookInDocument",
    "WebhookInDocumentMeta",
    "WebhookInResource",
    "WebhookLogsDocument",
    "WebhookLogsDocumentMeta",
    "WebhookLogsListDocument",
    "WebhookLogsListDocumentLinks",
    "WebhookLogsListDocumentMeta",
    "WebhookLogsResource",
    "WebhookLogsResourceType",
    "WebhooksDocument",
    "WebhooksDocumentMeta",
    "WebhooksListDocument",
    "WebhooksListDocumentLinks",
    "WebhooksListDocumentMeta",
    "WebhooksResource",
    "WebhooksResourceType",
    "WebhookTestIn",
    "WebhookTestInDocument",
    "WebhookTestInDocumentMeta",
    "WebhookTestInResource",
)
