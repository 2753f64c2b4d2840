"""The msgspec reader of edition 2019: generated from the model by
``python -m disclosure_model._compiled`` and checked by tests/test_compiled.py; do not edit."""

# mypy: ignore-errors

import msgspec

from disclosure_model._fastpath import Fallback as F
from disclosure_model.enums import Edition
from disclosure_model.meta import ValueKind
from disclosure_model.enums import OrganKind as E_disclosure_model_enums_OrganKind
from disclosure_model.enums import OrganLevel as E_disclosure_model_enums_OrganLevel

EDITION = Edition('2019')
T_YEAR = ValueKind.YEAR.spec.msgspec_type()
T_NAME = ValueKind.NAME.spec.msgspec_type()
T_DIVISION_CODE = ValueKind.DIVISION_CODE.spec.msgspec_type()
T_DATE = ValueKind.DATE.spec.msgspec_type()
T_TEXT = ValueKind.TEXT.spec.msgspec_type()
T_COUNT = ValueKind.COUNT.spec.msgspec_type()
T_SIGNED_COUNT = ValueKind.SIGNED_COUNT.spec.msgspec_type()
T_AMOUNT = ValueKind.AMOUNT.spec.msgspec_type()
AMOUNT = ValueKind.AMOUNT.spec.fast_names['AMOUNT']


class Organ2019(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    name: T_NAME
    kind: E_disclosure_model_enums_OrganKind = None
    level: E_disclosure_model_enums_OrganLevel = None
    division_code: T_DIVISION_CODE = None


class Narrative2019(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    overview: T_TEXT = None
    problems_and_improvements: T_TEXT = None
    other_matters: T_TEXT = None


class DocumentCounts20192019(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    produced: T_COUNT
    published: T_COUNT
    total_published: T_COUNT


class ItemCounts2019(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    previous_year_items: T_COUNT
    change: T_SIGNED_COUNT
    decisions: T_COUNT


class FeeItems2019(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    previous_year_items: T_COUNT
    change: T_SIGNED_COUNT


class Procurement2019(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    projects: T_COUNT
    amount: T_AMOUNT


class ProactiveDisclosure20192019(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    rules: DocumentCounts20192019
    normative_documents: DocumentCounts20192019
    administrative_licensing: ItemCounts2019
    other_management_services: ItemCounts2019
    administrative_penalty: ItemCounts2019
    administrative_coercion: ItemCounts2019
    administrative_fees: FeeItems2019
    centralized_procurement: Procurement2019


class ApplicantRow2019(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    natural_person: T_COUNT
    commercial_enterprise: T_COUNT
    research_institution: T_COUNT
    social_welfare_organization: T_COUNT
    legal_service_organization: T_COUNT
    other_organization: T_COUNT
    total: T_COUNT


class Withheld2019(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    state_secret: ApplicantRow2019
    prohibited_by_law: ApplicantRow2019
    security_and_stability: ApplicantRow2019
    third_party_rights: ApplicantRow2019
    internal_affairs: ApplicantRow2019
    process_information: ApplicantRow2019
    enforcement_case_files: ApplicantRow2019
    administrative_inquiry: ApplicantRow2019


class Unavailable2019(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    not_held: ApplicantRow2019
    requires_compilation: ApplicantRow2019
    unclear_after_correction: ApplicantRow2019


class NotProcessed2019(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    petition_or_complaint: ApplicantRow2019
    duplicate: ApplicantRow2019
    publication_requested: ApplicantRow2019
    excessive: ApplicantRow2019
    confirmation_requested: ApplicantRow2019


class Outcomes2019(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    disclosed: ApplicantRow2019
    partially_disclosed: ApplicantRow2019
    withheld: Withheld2019
    unavailable: Unavailable2019
    not_processed: NotProcessed2019
    other: ApplicantRow2019
    total: ApplicantRow2019


class Requests2019(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    new_received: ApplicantRow2019
    carried_over: ApplicantRow2019
    outcomes: Outcomes2019
    carried_forward: ApplicantRow2019


class ReviewGroup2019(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    upheld: T_COUNT
    corrected: T_COUNT
    other: T_COUNT
    pending: T_COUNT
    total: T_COUNT


class ReviewsAndLitigation2019(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    administrative_review: ReviewGroup2019
    litigation_without_review: ReviewGroup2019
    litigation_after_review: ReviewGroup2019


class AnnualReport2019(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False, tag_field='edition', tag='2019'):
    year: T_YEAR
    organ: Organ2019
    proactive_disclosure: ProactiveDisclosure20192019
    requests: Requests2019
    reviews_and_litigation: ReviewsAndLitigation2019
    published_on: T_DATE = None
    source_url: T_TEXT = None
    narrative: Narrative2019 = None
    edition = EDITION


def verify_disclosure_model_report_Organ(s, n):
    n[0] += 1
    v = s.name
    n[1] += v.count(':')
    v = s.kind
    if v is not None:
        n[0] += 1
    v = s.level
    if v is not None:
        n[0] += 1
    v = s.division_code
    if v is not None:
        n[0] += 1
        n[1] += v.count(':')


def verify_disclosure_model_report_Narrative(s, n):
    n[0] += 0
    v = s.overview
    if v is not None:
        n[0] += 1
        n[1] += v.count(':')
    v = s.problems_and_improvements
    if v is not None:
        n[0] += 1
        n[1] += v.count(':')
    v = s.other_matters
    if v is not None:
        n[0] += 1
        n[1] += v.count(':')


def verify_disclosure_model_proactive_Procurement(s, n):
    n[0] += 2
    v = s.amount
    v = AMOUNT(v)
    s.amount = v


def verify_disclosure_model_proactive_ProactiveDisclosure2019(s, n):
    n[0] += 28
    v = s.centralized_procurement
    verify_disclosure_model_proactive_Procurement(v, n)


def verify_disclosure_model_report_AnnualReport(s, n):
    n[0] += 212; n[1] += 0
    v = s.organ
    verify_disclosure_model_report_Organ(v, n)
    v = s.published_on
    if v is not None:
        n[0] += 1
    v = s.source_url
    if v is not None:
        n[0] += 1
        n[1] += v.count(':')
    v = s.narrative
    if v is not None:
        n[0] += 1
        verify_disclosure_model_report_Narrative(v, n)
    v = s.proactive_disclosure
    verify_disclosure_model_proactive_ProactiveDisclosure2019(v, n)


ROOT = AnnualReport2019
verify = verify_disclosure_model_report_AnnualReport
