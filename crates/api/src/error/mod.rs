//! The one table from failures to HTTP: status, Fineract's envelope and its globalisation codes. Handlers
//! never choose a status; they return an [`ApiError`].

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use kassa_app::{AppError, ParamError};
use serde::Serialize;
use serde_json::Value;

mod accounting;
mod accounts;
mod loan_posting;
mod organisation;
use accounting::accounting;
use accounts::{charge, client, client_detail, loan_product};
use loan_posting::loan_posting;
mod journal_entry;
use journal_entry::journal_entry;
use organisation::{
    calendar, checker, code, configuration, currency, office, payment_type, role, staff, user,
};

pub const SERVED_FROM_CACHE: &str = "x-served-from-cache";

#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// Fineract's error answer: one message for the whole request, and one item per problem.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Envelope {
    pub developer_message: String,
    pub http_status_code: String,
    pub default_user_message: String,
    pub user_message_globalisation_code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<ErrorItem>>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ErrorItem {
    pub developer_message: String,
    pub default_user_message: String,
    pub user_message_globalisation_code: String,
    pub parameter_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub value: Option<Value>,
    pub args: Vec<Arg>,
}

/// A message argument; a null argument is `{}` on the wire, as Fineract writes it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Arg {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
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
        AppError::Accounting(e) => accounting(e),
        AppError::LoanPosting(e) => loan_posting(e),
        AppError::JournalEntry(e) => journal_entry(e),
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
        AppError::IdempotencyKeyReused { key } => {
            let message = format!(
                "The idempotency key {key} was already used for this request with a different body; send a new key for a new request."
            );
            envelope(
                StatusCode::CONFLICT,
                &message,
                "The idempotency key was already used with a different request body.",
                "error.msg.idempotency.key.reused.with.different.body",
                Some(vec![item(
                    "error.msg.idempotency.key.reused.with.different.body",
                    &message,
                    "Idempotency-Key",
                    vec![Value::from(key.as_str())],
                )]),
            )
        }
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

/// The envelope of an error answered below the handlers, where only the status is known: axum's
/// rejections, the timeout layer, and hyper's own answers to requests it cannot parse.
pub fn for_status(status: StatusCode, detail: &str) -> (StatusCode, Envelope) {
    let (code, message) = match status.as_u16() {
        400 => (
            "error.msg.invalid.request",
            "The request could not be understood.",
        ),
        401 => (
            "error.msg.not.authenticated",
            "Unauthenticated. Please login.",
        ),
        403 => (
            "error.msg.not.authorized",
            "Insufficient privileges to perform this action.",
        ),
        404 => (
            "error.msg.resource.not.found",
            "The requested resource is not available.",
        ),
        405 => (
            "error.msg.method.not.allowed",
            "The method is not supported for this resource.",
        ),
        408 => (
            "error.msg.request.timeout",
            "The request took longer than the server allows.",
        ),
        413 => (
            "error.msg.request.body.too.large",
            "The request body is larger than the server allows.",
        ),
        414 => (
            "error.msg.request.uri.too.long",
            "The request URI is longer than the server allows.",
        ),
        415 => (
            "error.msg.unsupported.media.type",
            "The request's content type is not supported.",
        ),
        431 => (
            "error.msg.request.header.fields.too.large",
            "The request's headers are larger than the server allows.",
        ),
        500..=599 => (
            "error.msg.platform.server.side.error",
            "An unexpected error occurred on the platform server.",
        ),
        _ => ("error.msg.request.failed", "The request failed."),
    };
    // A server error's own text stays in the log, never in the answer.
    let developer = if detail.is_empty() || status.is_server_error() {
        message
    } else {
        detail
    };
    envelope(status, developer, message, code, None)
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
