//! The one table from failures to HTTP: status, Fineract's envelope and its globalisation codes. Handlers
//! never choose a status; they return an [`ApiError`].

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use kassa_app::{AppError, ParamError};
use kassa_domain::calendar::CalendarError;
use kassa_domain::charge::ChargeError;
use kassa_domain::client::ClientError;
use kassa_domain::client_detail::ClientDetailError;
use kassa_domain::code::CodeError;
use kassa_domain::command::CheckerError;
use kassa_domain::configuration::ConfigurationError;
use kassa_domain::currency::CurrencyError;
use kassa_domain::loan_product::LoanProductError;
use kassa_domain::office::OfficeError;
use kassa_domain::payment_type::PaymentTypeError;
use kassa_domain::staff::StaffError;
use kassa_domain::user::{RoleError, RoleUse, UserError};
use serde::Serialize;
use serde_json::Value;

pub const SERVED_FROM_CACHE: &str = "x-served-from-cache";

#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Envelope {
    pub developer_message: String,
    pub http_status_code: String,
    pub default_user_message: String,
    pub user_message_globalisation_code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<ErrorItem>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorItem {
    pub developer_message: String,
    pub default_user_message: String,
    pub user_message_globalisation_code: String,
    pub parameter_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    pub args: Vec<Arg>,
}

/// A message argument; a null argument is `{}` on the wire, as Fineract writes it.
#[derive(Debug, Serialize)]
pub struct Arg {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

fn args(values: Vec<Value>) -> Vec<Arg> {
    values
        .into_iter()
        .map(|v| Arg {
            value: (!v.is_null()).then_some(v),
        })
        .collect()
}

fn item(code: &str, message: &str, parameter: &str, arg_values: Vec<Value>) -> ErrorItem {
    ErrorItem {
        developer_message: message.to_string(),
        default_user_message: message.to_string(),
        user_message_globalisation_code: code.to_string(),
        parameter_name: parameter.to_string(),
        value: None,
        args: args(arg_values),
    }
}

fn from_param(e: ParamError) -> ErrorItem {
    ErrorItem {
        developer_message: e.message.clone(),
        default_user_message: e.message,
        user_message_globalisation_code: e.code,
        parameter_name: e.parameter,
        value: e.value,
        args: args(e.args),
    }
}

fn envelope(
    status: StatusCode,
    dev: &str,
    user: &str,
    code: &str,
    errors: Option<Vec<ErrorItem>>,
) -> (StatusCode, Envelope) {
    (
        status,
        Envelope {
            developer_message: dev.to_string(),
            http_status_code: status.as_u16().to_string(),
            default_user_message: user.to_string(),
            user_message_globalisation_code: code.to_string(),
            errors,
        },
    )
}

const VALIDATION_DEV: &str = "The request was invalid. This typically will happen due to validation errors which are provided.";

fn validation(items: Vec<ErrorItem>) -> (StatusCode, Envelope) {
    envelope(
        StatusCode::BAD_REQUEST,
        VALIDATION_DEV,
        "Validation errors exist.",
        "validation.msg.validation.errors.exist",
        Some(items),
    )
}

fn not_authorized(reason: &str) -> (StatusCode, Envelope) {
    envelope(
        StatusCode::FORBIDDEN,
        "The user associated with credentials passed on this request does not have sufficient privileges to perform this action.",
        "Insufficient privileges to perform this action.",
        "error.msg.not.authorized",
        Some(vec![item("error.msg.not.authorized", reason, "id", vec![])]),
    )
}

fn domain_rule(
    code: &str,
    message: &str,
    parameter: &str,
    arg_values: Vec<Value>,
) -> (StatusCode, Envelope) {
    envelope(
        StatusCode::FORBIDDEN,
        "Request was understood but caused a domain rule violation.",
        "Errors contain reason for domain rule violation.",
        "validation.msg.domain.rule.violation",
        Some(vec![item(code, message, parameter, arg_values)]),
    )
}

/// Fineract's data-integrity shape: the specific code at the top and in the single item.
fn integrity(code: &str, message: &str, parameter: &str, value: Value) -> (StatusCode, Envelope) {
    envelope(
        StatusCode::FORBIDDEN,
        message,
        message,
        code,
        Some(vec![item(code, message, parameter, vec![value])]),
    )
}

fn not_found(code: &str, message: &str, id: Value) -> (StatusCode, Envelope) {
    envelope(
        StatusCode::NOT_FOUND,
        "The requested resource is not available.",
        "The requested resource is not available.",
        "error.msg.resource.not.found",
        Some(vec![item(code, message, "id", vec![id])]),
    )
}

/// The table. Every [`AppError`] variant has exactly one row.
pub fn describe(err: &AppError) -> (StatusCode, Envelope) {
    match err {
        AppError::Validation(errors) => validation(errors.iter().cloned().map(from_param).collect()),
        AppError::InvalidBody(detail) => validation(vec![item("error.msg.invalid.request.body", detail, "body", vec![])]),
        AppError::UnsupportedQueryValue { parameter, value, supported } => {
            let message = format!("The query parameter {parameter} has an unsupported value of: {value}");
            let mut values = vec![Value::from(parameter.as_str()), Value::from(value.as_str())];
            if !supported.is_empty() {
                values.push(Value::from(supported.clone()));
            }
            validation(vec![item("error.msg.query.parameter.value.unsupported", &message, parameter, values)])
        }
        AppError::Unauthenticated => envelope(
            StatusCode::UNAUTHORIZED,
            "Invalid authentication details were passed in api request.",
            "Unauthenticated. Please login.",
            "error.msg.not.authenticated",
            None,
        ),
        AppError::InvalidTenant(message) => envelope(
            StatusCode::UNAUTHORIZED,
            message,
            "Invalid tenant identifier provided with request.",
            "error.msg.invalid.tenant.identifier",
            None,
        ),
        AppError::PermissionDenied(denied) => not_authorized(&denied.to_string()),
        AppError::SqlInjection { parameter, pattern } => domain_rule(
            "error.msg.sql.validation",
            &format!("SQL validation error: invalid SQL statement (detected '{pattern}' pattern)"),
            parameter,
            vec![],
        ),
        AppError::Office(e) => office(e),
        AppError::User(e) => user(e),
        AppError::Role(e) => role(e),
        AppError::Checker(e) => checker(e),
        AppError::Staff(e) => staff(e),
        AppError::Client(e) => client(e),
        AppError::ClientDetail(e) => client_detail(e),
        AppError::Code(e) => code(e),
        AppError::Currency(e) => currency(e),
        AppError::PaymentType(e) => payment_type(e),
        AppError::LoanProduct(e) => loan_product(e),
        AppError::Charge(e) => charge(e),
        AppError::Configuration(e) => configuration(e),
        AppError::Calendar(e) => calendar(e),
        AppError::NotFound { entity, id } => not_found(
            &format!("error.msg.{}.id.invalid", entity.to_ascii_lowercase()),
            &format!("{entity} with identifier {id} does not exist"),
            id.parse::<i64>().map(Value::from).unwrap_or_else(|_| Value::from(id.as_str())),
        ),
        AppError::Rule { code, message, parameter, args } => {
            domain_rule(code, message, parameter.as_deref().unwrap_or("id"), args.clone())
        }
        AppError::Conflict(_) => envelope(
            StatusCode::CONFLICT,
            "The server is currently unable to handle the request due to concurrent modification of the resource, please try again.",
            "The server is currently unable to handle the request due to concurrent modification of the resource, please try again.",
            "error.msg.platform.service.concurrency.conflict",
            None,
        ),
        // The body of a 425 is the request itself (see `IntoResponse`); this row is for logs and audits.
        AppError::InFlight { .. } => envelope(
            StatusCode::TOO_EARLY,
            "The request with the same idempotency key is still being processed.",
            "The request with the same idempotency key is still being processed.",
            "error.msg.idempotent.request.in.process",
            None,
        ),
        AppError::UnknownRoute(path) => envelope(
            StatusCode::NOT_FOUND,
            &format!("No resource exists at {path}."),
            "The requested resource is not available.",
            "error.msg.resource.not.found",
            Some(vec![item("error.msg.route.not.found", &format!("No resource exists at {path}."), "path", vec![Value::from(path.as_str())])]),
        ),
        AppError::MethodNotAllowed { method, path } => {
            let message = format!("The method {method} is not supported for {path}.");
            envelope(
                StatusCode::METHOD_NOT_ALLOWED,
                &message,
                &message,
                "error.msg.method.not.allowed",
                Some(vec![item("error.msg.method.not.allowed", &message, "method", vec![Value::from(method.as_str())])]),
            )
        }
        AppError::PayloadTooLarge { limit_bytes } => {
            let message = format!("The request body exceeds the limit of {limit_bytes} bytes.");
            envelope(
                StatusCode::PAYLOAD_TOO_LARGE,
                &message,
                &message,
                "error.msg.request.body.too.large",
                Some(vec![item("error.msg.request.body.too.large", &message, "body", vec![Value::from(*limit_bytes)])]),
            )
        }
        AppError::Unavailable(_) => envelope(
            StatusCode::SERVICE_UNAVAILABLE,
            "The service is temporarily unavailable.",
            "The service is temporarily unavailable.",
            "error.msg.platform.service.unavailable",
            None,
        ),
        AppError::Internal(_) => envelope(
            StatusCode::INTERNAL_SERVER_ERROR,
            "An unexpected error occurred on the platform server.",
            "An unexpected error occurred on the platform server.",
            "error.msg.platform.server.side.error",
            None,
        ),
    }
}

fn checker(e: &CheckerError) -> (StatusCode, Envelope) {
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

fn office(e: &OfficeError) -> (StatusCode, Envelope) {
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

fn user(e: &UserError) -> (StatusCode, Envelope) {
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
    }
}

fn role(e: &RoleError) -> (StatusCode, Envelope) {
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

fn configuration(e: &ConfigurationError) -> (StatusCode, Envelope) {
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

fn calendar(e: &CalendarError) -> (StatusCode, Envelope) {
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

fn client(e: &ClientError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    let id_rule = |code: &str, id: &i64| domain_rule(code, &message, "id", vec![Value::from(*id)]);
    match e {
        ClientError::NotFound(id) => {
            not_found("error.msg.client.id.invalid", &message, Value::from(*id))
        }
        ClientError::ExternalIdNotFound(ext) => not_found(
            "error.msg.client.external.id.invalid",
            &message,
            Value::from(ext.as_str()),
        ),
        ClientError::DuplicateExternalId(v) => integrity(
            "error.msg.client.duplicate.externalId",
            &message,
            "externalId",
            Value::from(v.as_str()),
        ),
        ClientError::DuplicateAccountNo(v) => integrity(
            "error.msg.client.duplicate.accountNo",
            &message,
            "accountNo",
            Value::from(v.as_str()),
        ),
        ClientError::DuplicateMobileNo(v) => integrity(
            "error.msg.client.duplicate.mobileNo",
            &message,
            "mobileNo",
            Value::from(v.as_str()),
        ),
        ClientError::Transition {
            action,
            reason,
            dates,
            ..
        } => domain_rule(
            &format!("error.msg.client.{action}.{reason}"),
            &message,
            "id",
            dates.iter().map(|d| Value::from(d.to_string())).collect(),
        ),
        // Fineract reports these two as parameter errors (400), not as domain rules.
        ClientError::AlreadyActive => validation(vec![item(
            "error.msg.clients.already.active",
            &message,
            "activationDate",
            vec![],
        )]),
        ClientError::DateRule {
            code,
            parameter,
            date,
            ..
        } => validation(vec![item(
            code,
            &message,
            parameter,
            vec![Value::from(date.to_string())],
        )]),
        ClientError::NotPendingForDelete(id) => id_rule("error.msg.clients.cannot.be.deleted", id),
        ClientError::NotActive(id) => id_rule("error.msg.client.not.active.exception", id),
        ClientError::NotAwaitingTransfer(id) => id_rule(
            "error.msg.client.not.awaiting.transfer.approval.exception",
            id,
        ),
        ClientError::NotAwaitingTransferOrOnHold(id) => id_rule(
            "error.msg.client.not.awaiting.transfer.approval.or.on.hold.exception",
            id,
        ),
        ClientError::TransferToSameOffice(office) => domain_rule(
            "error.msg.cannot.transfer.client.as.selected.office.and.current.office.are.same",
            &message,
            "destinationOfficeId",
            vec![Value::from(office.as_str())],
        ),
        ClientError::HasNoStaff(id) => id_rule("error.msg.client.has.no.staff", id),
    }
}

fn client_detail(e: &ClientDetailError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    let text = |s: &str| Value::from(s);
    match e {
        ClientDetailError::IdentifierNotFound(id) => not_found(
            "error.msg.clientIdentifier.id.invalid",
            &message,
            Value::from(*id),
        ),
        ClientDetailError::DuplicateIdentifierKey {
            client_name,
            office_name,
            document_type,
            document_key,
        } => domain_rule(
            "error.msg.clientIdentifier.identityKey.duplicate",
            &message,
            "documentKey",
            vec![
                text(client_name),
                text(office_name),
                text(document_type),
                text(document_key),
            ],
        ),
        ClientDetailError::IdentifierKeyTaken {
            document_type,
            document_key,
        } => domain_rule(
            "error.msg.clientIdentifier.identityKey.duplicate",
            &message,
            "documentKey",
            vec![text(document_type), text(document_key)],
        ),
        ClientDetailError::DuplicateActiveIdentifier(t) => domain_rule(
            "error.msg.clientIdentifier.type.duplicate",
            &message,
            "documentTypeId",
            vec![text(t)],
        ),
        ClientDetailError::NoteNotFound { id, client_id } => envelope(
            StatusCode::NOT_FOUND,
            "The requested resource is not available.",
            "The requested resource is not available.",
            "error.msg.resource.not.found",
            Some(vec![item(
                "error.msg.client.note.id.invalid",
                &message,
                "id",
                vec![Value::from(*id), Value::from(*client_id)],
            )]),
        ),
        ClientDetailError::ImageNotFound(client_id) => envelope(
            StatusCode::NOT_FOUND,
            "The requested resource is not available.",
            "The requested resource is not available.",
            "error.msg.resource.not.found",
            Some(vec![item(
                "error.msg.entity.image.invalid",
                &message,
                "id",
                vec![text("clients"), Value::from(*client_id)],
            )]),
        ),
        ClientDetailError::InvalidDataUrl => {
            domain_rule("error.msg.dataURL.save", &message, "id", vec![])
        }
        // Fineract never looks inside the bytes; Kassa's decoding check is a parameter error.
        ClientDetailError::NotAnImage(declared) => validation(vec![item(
            "error.msg.image.type.upload",
            &message,
            "file",
            vec![text(declared)],
        )]),
        ClientDetailError::ImageTooLarge {
            size_bytes,
            limit_bytes,
        } => domain_rule(
            "error.msg.document.file.too.big",
            &message,
            "file",
            vec![Value::from(*size_bytes), Value::from(*limit_bytes)],
        ),
        ClientDetailError::ImageDimensionsTooLarge {
            width,
            height,
            max_side,
        } => domain_rule(
            "error.msg.image.dimensions.too.big",
            &message,
            "file",
            vec![
                Value::from(*width),
                Value::from(*height),
                Value::from(*max_side),
            ],
        ),
        ClientDetailError::ImageCannotWaitForApproval(permission) => domain_rule(
            "error.msg.image.cannot.await.approval",
            &message,
            "id",
            vec![text(permission)],
        ),
    }
}

fn staff(e: &StaffError) -> (StatusCode, Envelope) {
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

fn code(e: &CodeError) -> (StatusCode, Envelope) {
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

fn currency(e: &CurrencyError) -> (StatusCode, Envelope) {
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

fn payment_type(e: &PaymentTypeError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    match e {
        PaymentTypeError::NotFound(id) => {
            not_found("error.msg.payment.type.invalid", &message, Value::from(*id))
        }
    }
}

fn loan_product(e: &LoanProductError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    match e {
        LoanProductError::NotFound(id) => not_found(
            "error.msg.loanproduct.id.invalid",
            &message,
            id.parse::<i64>()
                .map(Value::from)
                .unwrap_or_else(|_| Value::from(id.as_str())),
        ),
        LoanProductError::DuplicateName(name) => integrity(
            "error.msg.product.loan.duplicate.name",
            &message,
            "name",
            Value::from(name.as_str()),
        ),
        LoanProductError::DuplicateShortName(name) => integrity(
            "error.msg.product.loan.duplicate.short.name",
            &message,
            "shortName",
            Value::from(name.as_str()),
        ),
        LoanProductError::DuplicateExternalId(ext) => integrity(
            "error.msg.product.loan.duplicate.externalId",
            &message,
            "externalId",
            Value::from(ext.as_str()),
        ),
    }
}

fn charge(e: &ChargeError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    match e {
        ChargeError::NotFound(id) => {
            not_found("error.msg.charge.id.invalid", &message, Value::from(*id))
        }
        ChargeError::DuplicateName(name) => integrity(
            "error.msg.charge.duplicate.name",
            &message,
            "name",
            Value::from(name.as_str()),
        ),
        ChargeError::DisbursementCannotBePenalty(name) => domain_rule(
            "error.msg.charge.due.at.disbursement.cannot.be.penalty",
            &message,
            "id",
            vec![Value::from(name.as_str()), Value::from(name.as_str())],
        ),
        ChargeError::MustBePenalty(name) => domain_rule(
            "error.msg.charge.must.be.penalty",
            &message,
            "id",
            vec![Value::from(name.as_str()), Value::from(name.as_str())],
        ),
        ChargeError::AppliesToNotUpdatable => domain_rule(
            "error.msg.charge.update.of.charge.applies.to.is.not.supported",
            &message,
            "id",
            vec![],
        ),
        ChargeError::DeleteInUse(_) => domain_rule(
            "error.msg.charge.cannot.be.deleted.it.is.already.used.in.loan",
            &message,
            "id",
            vec![],
        ),
        ChargeError::DeactivateInUse(_) => domain_rule(
            "error.msg.charge.cannot.be.updated.it.is.used.in.loan",
            &message,
            "id",
            vec![],
        ),
        ChargeError::FrequencyInUse(_) => domain_rule(
            "error.msg.charge.frequency.cannot.be.updated.it.is.used.in.loan",
            &message,
            "id",
            vec![],
        ),
        ChargeError::NotActive { id, name } => domain_rule(
            "error.msg.charge.is.not.active",
            &message,
            "id",
            vec![Value::from(name.as_str()), Value::from(*id)],
        ),
        ChargeError::ProductCurrencyMismatch => domain_rule(
            "error.msg.charge.attach.to.loan.product.invalid.currency",
            &message,
            "id",
            vec![],
        ),
    }
}

/// Status and body exactly as answered; the pipeline stores them for idempotent replays.
pub fn render(err: &AppError) -> (u16, String) {
    let (status, body) = describe(err);
    (
        status.as_u16(),
        serde_json::to_string(&body).unwrap_or_default(),
    )
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let AppError::InFlight { request_json } = self.0 {
            let mut resp = (StatusCode::TOO_EARLY, request_json).into_response();
            let headers = resp.headers_mut();
            headers.insert(
                http::header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            headers.insert(SERVED_FROM_CACHE, HeaderValue::from_static("true"));
            return resp;
        }
        if let AppError::Internal(cause) = &self.0 {
            tracing::error!(%cause, "internal error");
        }
        let (status, body) = render(&self.0);
        json_response(
            StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            body,
        )
    }
}

pub fn json_response(status: StatusCode, body: String) -> Response {
    let mut resp = (status, body).into_response();
    resp.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}
