"""The msgspec reader of edition 2021: generated from the model by
``python -m disclosure_model._compiled`` and checked by tests/test_compiled.py; do not edit."""

# mypy: ignore-errors

import msgspec

from disclosure_model._fastpath import Fallback as F
from disclosure_model.enums import Edition
from disclosure_model.meta import ValueKind
from disclosure_model.enums import OrganKind as E_disclosure_model_enums_OrganKind
from disclosure_model.enums import OrganLevel as E_disclosure_model_enums_OrganLevel

EDITION = Edition('2021')
T_YEAR = ValueKind.YEAR.spec.msgspec_type()
T_NAME = ValueKind.NAME.spec.msgspec_type()
T_DIVISION_CODE = ValueKind.DIVISION_CODE.spec.msgspec_type()
T_DATE = ValueKind.DATE.spec.msgspec_type()
T_TEXT = ValueKind.TEXT.spec.msgspec_type()
T_COUNT = ValueKind.COUNT.spec.msgspec_type()
T_AMOUNT = ValueKind.AMOUNT.spec.msgspec_type()
AMOUNT = ValueKind.AMOUNT.spec.fast_names['AMOUNT']


class Organ2021(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    name: T_NAME
    kind: E_disclosure_model_enums_OrganKind = None
    level: E_disclosure_model_enums_OrganLevel = None
    division_code: T_DIVISION_CODE = None


class Narrative2021(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    overview: T_TEXT = None
    problems_and_improvements: T_TEXT = None
    other_matters: T_TEXT = None


class DocumentCounts20212021(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    issued: T_COUNT
    repealed: T_COUNT
    in_force: T_COUNT


class DecisionCount2021(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    decisions: T_COUNT


class FeeAmount2021(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    amount: T_AMOUNT


class ProactiveDisclosure20212021(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    rules: DocumentCounts20212021
    normative_documents: DocumentCounts20212021
    administrative_licensing: DecisionCount2021
    administrative_penalty: DecisionCount2021
    administrative_coercion: DecisionCount2021
    administrative_fees: FeeAmount2021


class ApplicantRow2021(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    natural_person: T_COUNT
    commercial_enterprise: T_COUNT
    research_institution: T_COUNT
    social_welfare_organization: T_COUNT
    legal_service_organization: T_COUNT
    other_organization: T_COUNT
    total: T_COUNT


class Withheld2021(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    state_secret: ApplicantRow2021
    prohibited_by_law: ApplicantRow2021
    security_and_stability: ApplicantRow2021
    third_party_rights: ApplicantRow2021
    internal_affairs: ApplicantRow2021
    process_information: ApplicantRow2021
    enforcement_case_files: ApplicantRow2021
    administrative_inquiry: ApplicantRow2021


class Unavailable2021(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    not_held: ApplicantRow2021
    requires_compilation: ApplicantRow2021
    unclear_after_correction: ApplicantRow2021


class NotProcessed2021(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    petition_or_complaint: ApplicantRow2021
    duplicate: ApplicantRow2021
    publication_requested: ApplicantRow2021
    excessive: ApplicantRow2021
    confirmation_requested: ApplicantRow2021


class OtherOutcomes2021(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    no_correction: ApplicantRow2021
    fee_unpaid: ApplicantRow2021
    other: ApplicantRow2021


class Outcomes2021(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    disclosed: ApplicantRow2021
    partially_disclosed: ApplicantRow2021
    withheld: Withheld2021
    unavailable: Unavailable2021
    not_processed: NotProcessed2021
    other: OtherOutcomes2021
    total: ApplicantRow2021


class Requests2021(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    new_received: ApplicantRow2021
    carried_over: ApplicantRow2021
    outcomes: Outcomes2021
    carried_forward: ApplicantRow2021


class ReviewGroup2021(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    upheld: T_COUNT
    corrected: T_COUNT
    other: T_COUNT
    pending: T_COUNT
    total: T_COUNT


class ReviewsAndLitigation2021(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    administrative_review: ReviewGroup2021
    litigation_without_review: ReviewGroup2021
    litigation_after_review: ReviewGroup2021


class AnnualReport2021(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, gc=False, tag_field='edition', tag='2021'):
    year: T_YEAR
    organ: Organ2021
    proactive_disclosure: ProactiveDisclosure20212021
    requests: Requests2021
    reviews_and_litigation: ReviewsAndLitigation2021
    published_on: T_DATE = None
    source_url: T_TEXT = None
    narrative: Narrative2021 = None
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


def verify_disclosure_model_proactive_FeeAmount(s, n):
    n[0] += 1
    v = s.amount
    v = AMOUNT(v)
    s.amount = v


def verify_disclosure_model_proactive_ProactiveDisclosure2021(s, n):
    n[0] += 15
    v = s.administrative_fees
    verify_disclosure_model_proactive_FeeAmount(v, n)


def verify_disclosure_model_report_AnnualReport(s, n):
    n[0] += 229; n[1] += 0
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
    verify_disclosure_model_proactive_ProactiveDisclosure2021(v, n)


ROOT = AnnualReport2021
verify = verify_disclosure_model_report_AnnualReport
