//! Every way a use case can fail, as typed values. The API crate owns the single table that turns them
//! into HTTP statuses and Fineract error codes.

use kassa_domain::accounting::{AccountingError, JournalEntryError};
use kassa_domain::charges::ChargeError;
use kassa_domain::clients::detail::ClientDetailError;
use kassa_domain::clients::ClientError;
use kassa_domain::loan_products::LoanProductError;
use kassa_domain::organisation::calendar::CalendarError;
use kassa_domain::organisation::code::CodeError;
use kassa_domain::organisation::currency::CurrencyError;
use kassa_domain::organisation::office::OfficeError;
use kassa_domain::organisation::payment_type::PaymentTypeError;
use kassa_domain::organisation::staff::StaffError;
use kassa_domain::organisation::user::PermissionDenied;
use kassa_domain::organisation::user::{RoleError, UserError};
use kassa_domain::platform::command::CheckerError;
use kassa_domain::platform::configuration::ConfigurationError;
use kassa_store::StoreError;
use serde_json::Value;

/// One problem with one parameter, as Fineract reports it in `errors[]`.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamError {
    pub parameter: String,
    /// Fineract's `userMessageGlobalisationCode`, e.g. `validation.msg.office.name.cannot.be.blank`.
    pub code: String,
    pub message: String,
    pub value: Option<Value>,
    pub args: Vec<Value>,
}

impl ParamError {
    pub fn new(
        parameter: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> ParamError {
        ParamError {
            parameter: parameter.into(),
            code: code.into(),
            message: message.into(),
            value: None,
            args: vec![],
        }
    }

    pub fn with_value(mut self, value: Value) -> ParamError {
        self.value = Some(value);
        self
    }

    pub fn with_args(mut self, args: Vec<Value>) -> ParamError {
        self.args = args;
        self
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 400 with every parameter problem at once.
    #[error("validation failed: {0:?}")]
    Validation(Vec<ParamError>),
    /// 400: body is not JSON (or not an object).
    #[error("invalid request body: {0}")]
    InvalidBody(String),
    /// 400: a query parameter's value is not one of the accepted values (`command`, …).
    #[error("unsupported value `{value}` for query parameter `{parameter}`")]
    UnsupportedQueryValue {
        parameter: String,
        value: String,
        supported: Vec<String>,
    },
    #[error("not authenticated")]
    Unauthenticated,
    /// 401: no tenant given, or no such tenant (the product document asks for 401, Fineract sends 400).
    #[error("{0}")]
    InvalidTenant(String),
    #[error("{0}")]
    PermissionDenied(#[from] PermissionDenied),
    /// 403: input that looks like an SQL injection attempt (`error.msg.sql.validation`).
    #[error("SQL validation error: invalid SQL statement (detected '{pattern}' pattern)")]
    SqlInjection {
        parameter: String,
        pattern: &'static str,
    },
    #[error("{0}")]
    Office(#[from] OfficeError),
    #[error("{0}")]
    User(#[from] UserError),
    #[error("{0}")]
    Role(#[from] RoleError),
    #[error("{0}")]
    Checker(#[from] CheckerError),
    #[error("{0}")]
    Configuration(#[from] ConfigurationError),
    #[error("{0}")]
    Calendar(#[from] CalendarError),
    #[error("{0}")]
    Staff(#[from] StaffError),
    #[error("{0}")]
    Client(#[from] ClientError),
    #[error("{0}")]
    ClientDetail(#[from] ClientDetailError),
    #[error("{0}")]
    Code(#[from] CodeError),
    #[error("{0}")]
    Charge(#[from] ChargeError),
    #[error("{0}")]
    Currency(#[from] CurrencyError),
    #[error("{0}")]
    PaymentType(#[from] PaymentTypeError),
    #[error("{0}")]
    LoanProduct(#[from] LoanProductError),
    #[error("{0}")]
    Accounting(#[from] AccountingError),
    #[error("{0}")]
    JournalEntry(#[from] JournalEntryError),
    /// 404 for resources without their own error type yet: `entity` names it (`audit`, `user`, …).
    #[error("{entity} with identifier {id} does not exist")]
    NotFound { entity: &'static str, id: String },
    /// 403: a domain rule that has no typed error yet, with its Fineract code.
    #[error("{message}")]
    Rule {
        code: String,
        message: String,
        parameter: Option<String>,
        args: Vec<Value>,
    },
    /// 409: retried and still conflicting.
    #[error("concurrent modification: {0}")]
    Conflict(String),
    /// 409: the caller reused an idempotency key of its own for the same request with another body.
    #[error("the idempotency key {key} was already used with a different request body")]
    IdempotencyKeyReused { key: String },
    /// 425: the same idempotency key is still being processed; carries the request body.
    #[error("a request with the same idempotency key is still being processed")]
    InFlight { request_json: String },
    /// 404 for a path no route serves.
    #[error("no route for {0}")]
    UnknownRoute(String),
    /// 405: the path exists, the method does not.
    #[error("method {method} is not supported on {path}")]
    MethodNotAllowed { method: String, path: String },
    /// 413: the body exceeds the configured limit.
    #[error("request body larger than {limit_bytes} bytes")]
    PayloadTooLarge { limit_bytes: usize },
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(String),
    /// Loan product GL mappings and the journal entries of loan transactions.
    #[error("{0}")]
    LoanPosting(#[from] kassa_domain::accounting::loan_posting::LoanPostingError),
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Conflict(m) => AppError::Conflict(m),
            StoreError::Unavailable(m) => AppError::Unavailable(m),
            // A duplicate that slipped past the explicit checks (a race on PostgreSQL) is still a 403.
            StoreError::Duplicate { detail } => AppError::Rule {
                code: "error.msg.data.integrity.issue".into(),
                message: format!("The request conflicts with existing data ({detail})."),
                parameter: None,
                args: vec![],
            },
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl AppError {
    pub fn validation(error: ParamError) -> AppError {
        AppError::Validation(vec![error])
    }

    pub fn rule(code: impl Into<String>, message: impl Into<String>) -> AppError {
        AppError::Rule {
            code: code.into(),
            message: message.into(),
            parameter: None,
            args: vec![],
        }
    }

    pub fn is_retryable(&self) -> bool {
        matches!(self, AppError::Conflict(_))
    }
}

pub type AppResult<T> = Result<T, AppError>;
