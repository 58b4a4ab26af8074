//! Rule failures of the organisation's set-up (maker-checker, offices, users, roles, configuration, calendar,
//! staff, codes, currencies, payment types) as Fineract reports them.

use axum::http::StatusCode;
use kassa_domain::organisation::calendar::CalendarError;
use kassa_domain::organisation::code::CodeError;
use kassa_domain::organisation::currency::CurrencyError;
use kassa_domain::organisation::office::OfficeError;
use kassa_domain::organisation::payment_type::PaymentTypeError;
use kassa_domain::organisation::staff::StaffError;
use kassa_domain::organisation::user::{RoleError, RoleUse, UserError};
use kassa_domain::platform::command::CheckerError;
use kassa_domain::platform::configuration::ConfigurationError;
use serde_json::Value;

use super::*;

pub(super) fn checker(e: &CheckerError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    match e {
        CheckerError::NotFound(id) => {
            not_found("error.msg.command.id.invalid", &message, Value::from(*id))
        }
        CheckerError::NotAwaitingApproval(id) => domain_rule(
            "error.msg.command.id.not.awaiting.approval",
            &message,
            "id",
            vec![Value::from(*id)],
        ),
        CheckerError::NotAChecker(_) => not_authorized(&message),
        CheckerError::SameUser(code) => envelope(
            StatusCode::BAD_REQUEST,
            &message,
            &message,
            "error.msg.command.unsupported",
            Some(vec![item(
                "error.msg.command.unsupported",
                &message,
                "command",
                vec![Value::from(code.as_str())],
            )]),
        ),
        CheckerError::SecretCannotWait(code) => domain_rule(
            "error.msg.command.secret.cannot.await.approval",
            &message,
            "password",
            vec![Value::from(code.as_str())],
        ),
        CheckerError::NotReplayable(id) => domain_rule(
            "error.msg.command.not.replayable",
            &message,
            "id",
            vec![Value::from(*id)],
        ),
    }
}

pub(super) fn office(e: &OfficeError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    match e {
        OfficeError::NotFound(id) => {
            not_found("error.msg.office.id.invalid", &message, Value::from(*id))
        }
        OfficeError::ExternalIdNotFound(ext) => not_found(
            "error.msg.office.external.id.invalid",
            &message,
            Value::from(ext.as_str()),
        ),
        OfficeError::DuplicateName(name) => integrity(
            "error.msg.office.duplicate.name",
            &message,
            "name",
            Value::from(name.as_str()),
        ),
        OfficeError::DuplicateExternalId(ext) => integrity(
            "error.msg.office.duplicate.externalId",
            &message,
            "externalId",
            Value::from(ext.as_str()),
        ),
        OfficeError::OutsideHierarchy => not_authorized(&message),
        OfficeError::RootParentCannotBeUpdated => domain_rule(
            "error.msg.office.cannot.update.parent.office.of.root.office",
            &message,
            "parentId",
            vec![],
        ),
        OfficeError::ParentIsSelf(id) => domain_rule(
            "error.msg.office.parentId.same.as.id",
            &message,
            "parentId",
            vec![Value::from(*id)],
        ),
        OfficeError::ParentIsDescendant { parent, .. } => domain_rule(
            "error.msg.office.parentId.is.descendant",
            &message,
            "parentId",
            vec![Value::from(*parent)],
        ),
        OfficeError::OpeningBeforeParent {
            opening,
            parent_opening,
        } => domain_rule(
            "error.msg.office.openingDate.before.parent.openingDate",
            &message,
            "openingDate",
            vec![
                Value::from(opening.to_string()),
                Value::from(parent_opening.to_string()),
            ],
        ),
        OfficeError::OpeningAfterChild {
            opening,
            child_opening,
        } => domain_rule(
            "error.msg.office.openingDate.after.child.openingDate",
            &message,
            "openingDate",
            vec![
                Value::from(opening.to_string()),
                Value::from(child_opening.to_string()),
            ],
        ),
    }
}

pub(super) fn user(e: &UserError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    match e {
        UserError::NotFound(id) => {
            not_found("error.msg.user.id.invalid", &message, Value::from(*id))
        }
        UserError::DuplicateUsername(name) => integrity(
            "error.msg.user.duplicate.username",
            &message,
            "username",
            Value::from(name.as_str()),
        ),
        UserError::SystemUserRename
        | UserError::SystemUserDelete
        | UserError::PasswordNotModifiable => not_authorized(&message),
        UserError::FieldsNeedUpdatePermission(fields) => validation(vec![item(
            "not.enough.permission.to.update.fields",
            &message,
            &fields.join(","),
            vec![],
        )]),
        UserError::LastSuperUser => {
            domain_rule("error.msg.user.last.super.user", &message, "id", vec![])
        }
    }
}

pub(super) fn role(e: &RoleError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    match e {
        RoleError::NotFound(id) => {
            not_found("error.msg.role.id.invalid", &message, Value::from(*id))
        }
        RoleError::DuplicateName(name) => integrity(
            "error.msg.role.duplicate.name",
            &message,
            "name",
            Value::from(name.as_str()),
        ),
        RoleError::Disabled(id) => domain_rule(
            "error.msg.role.disabled.cannot.be.assigned",
            &message,
            "roles",
            vec![Value::from(*id)],
        ),
        RoleError::AssociatedWithUsers { id, refused } => {
            let code = match refused {
                RoleUse::Delete => "error.msg.role.associated.with.users.deleted",
                RoleUse::Disable => "error.msg.role.associated.with.users.disabled",
            };
            domain_rule(code, &message, "id", vec![Value::from(*id)])
        }
        RoleError::PermissionNotFound(code) => not_found(
            "error.msg.permission.code.invalid",
            &message,
            Value::from(code.as_str()),
        ),
    }
}

pub(super) fn configuration(e: &ConfigurationError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    match e {
        ConfigurationError::NotFound(id) => not_found(
            "error.msg.configuration.id.invalid",
            &message,
            Value::from(*id),
        ),
        ConfigurationError::NameNotFound(name) => not_found(
            "error.msg.configuration.property.invalid",
            &message,
            Value::from(name.as_str()),
        ),
        ConfigurationError::NotModifiable(id) => domain_rule(
            "error.msg.configuration.id.not.modifiable",
            &message,
            "id",
            vec![Value::from(*id)],
        ),
        ConfigurationError::ForcePasswordResetDaysZero => domain_rule(
            "error.msg.password.reset.days.value.must.be.greater.than.zero",
            &message,
            "value",
            vec![],
        ),
        ConfigurationError::PasswordPolicyNotFound(id) => not_found(
            "error.msg.password.validation.policy.id.invalid",
            &message,
            Value::from(*id),
        ),
        ConfigurationError::NoActivePasswordPolicy => not_found(
            "error.msg.password.validation.policy.not.found",
            &message,
            Value::Null,
        ),
    }
}

pub(super) fn calendar(e: &CalendarError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    let date = |d: &chrono::NaiveDate| Value::from(d.to_string());
    match e {
        CalendarError::BusinessDateDisabled => domain_rule(
            "business.date.is.not.enabled",
            &message,
            "id",
            vec![Value::from("business.date.is.not.enabled")],
        ),
        CalendarError::BusinessDateTypeUnknown(kind) => not_found(
            "error.msg.businessdate.type.not.exist",
            &message,
            Value::from(kind.as_str()),
        ),
        CalendarError::BusinessDateNotSet(kind) => not_found(
            "error.msg.businessdate.not.found",
            &message,
            Value::from(kind.as_str()),
        ),
        CalendarError::WorkingDaysNotConfigured => {
            not_found("error.msg.working.days.not.configured", &message, Value::Null)
        }
        CalendarError::InvalidRecurrence(rule) => integrity(
            "error.msg.invalid.recurring.rule",
            &message,
            "recurrence",
            Value::from(rule.as_str()),
        ),
        CalendarError::RecurrenceParse(rule) => integrity(
            "error.msg.recurring.rule.parsing.error",
            &message,
            "recurrence",
            Value::from(rule.as_str()),
        ),
        CalendarError::HolidayNotFound(id) => {
            not_found("error.msg.holiday.id.invalid", &message, Value::from(*id))
        }
        CalendarError::DuplicateHolidayName(name) => integrity(
            "error.msg.holiday.duplicate.name",
            &message,
            "name",
            Value::from(name.as_str()),
        ),
        CalendarError::ToDateBeforeFromDate { from, to } => domain_rule(
            "error.msg.holiday.to.date.cannot.be.before.from.date",
            &message,
            "toDate",
            vec![date(from), date(to)],
        ),
        CalendarError::RescheduledDateInsideHoliday(d) => domain_rule(
            "error.msg.holiday.repayments.rescheduled.date.should.be.before.from.date.or.after.to.date",
            &message,
            "repaymentsRescheduledTo",
            vec![date(d)],
        ),
        CalendarError::RescheduledDateOnNonWorkingDay(d) => domain_rule(
            "error.msg.holiday.repayments.rescheduled.date.should.not.fall.on.non.working.day",
            &message,
            "repaymentsRescheduledTo",
            vec![date(d)],
        ),
        CalendarError::RescheduledDateOutOfRange {
            from,
            to,
            rescheduled_to,
        } => domain_rule(
            "error.msg.holiday.repayments.rescheduled.to.must.be.within.range",
            &message,
            "repaymentsRescheduledTo",
            vec![date(from), date(to), date(rescheduled_to)],
        ),
        CalendarError::RescheduledDateMissing => validation(vec![item(
            "validation.msg.holiday.repaymentsRescheduledTo.cannot.be.blank",
            &message,
            "repaymentsRescheduledTo",
            vec![Value::Null],
        )]),
        CalendarError::HolidayNotEditable(params) => validation(
            params
                .iter()
                .map(|p| {
                    item(
                        &format!("validation.msg.holiday.update.{p}.cannot.edit.holiday.in.active.state"),
                        &message,
                        p,
                        vec![],
                    )
                })
                .collect(),
        ),
        CalendarError::HolidayNotPending => validation(vec![item(
            "validation.msg.holiday.activate.not.in.pending.for.activation.state",
            &message,
            "id",
            vec![],
        )]),
        CalendarError::HolidayAlreadyDeleted => validation(vec![item(
            "validation.msg.holiday.delete.already.in.deleted.state",
            &message,
            "id",
            vec![],
        )]),
    }
}

pub(super) fn staff(e: &StaffError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    match e {
        StaffError::NotFound(id) => {
            not_found("error.msg.staff.id.invalid", &message, Value::from(*id))
        }
        StaffError::DuplicateExternalId(ext) => integrity(
            "error.msg.staff.duplicate.externalId",
            &message,
            "externalId",
            Value::from(ext.as_str()),
        ),
        StaffError::DuplicateDisplayName(name) => integrity(
            "error.msg.staff.duplicate.displayName",
            &message,
            "displayName",
            Value::from(name.as_str()),
        ),
        StaffError::DuplicateMobileNo(no) => integrity(
            "error.msg.staff.duplicate.mobileNo",
            &message,
            "mobileNo",
            Value::from(no.as_str()),
        ),
    }
}

pub(super) fn code(e: &CodeError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    match e {
        CodeError::NotFound(id) => not_found(
            "error.msg.code.identifier.not.found",
            &message,
            Value::from(*id),
        ),
        CodeError::ValueNotFound(id) => {
            not_found("error.msg.codevalue.id.invalid", &message, Value::from(*id))
        }
        CodeError::SystemDefined => {
            domain_rule("error.msg.code.systemdefined", &message, "id", vec![])
        }
        CodeError::DuplicateName(name) => integrity(
            "error.msg.code.duplicate.name",
            &message,
            "name",
            Value::from(name.as_str()),
        ),
        CodeError::DuplicateValueLabel(name) => integrity(
            "error.msg.code.value.duplicate.label",
            &message,
            "name",
            Value::from(name.as_str()),
        ),
    }
}

pub(super) fn currency(e: &CurrencyError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    match e {
        CurrencyError::NotFound(code) => not_found(
            "error.msg.currency.currencyCode.invalid",
            &message,
            Value::from(code.as_str()),
        ),
        CurrencyError::NotEnabled(code) => not_found(
            "error.msg.currency.currencyCode.invalid.or.not.supported",
            &message,
            Value::from(code.as_str()),
        ),
        CurrencyError::InUse(code) => domain_rule(
            "error.msg.currency.currencyCode.inUse",
            &message,
            "id",
            vec![Value::from(code.as_str())],
        ),
    }
}

pub(super) fn payment_type(e: &PaymentTypeError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    match e {
        PaymentTypeError::NotFound(id) => {
            not_found("error.msg.payment.type.invalid", &message, Value::from(*id))
        }
    }
}
