//! Storage failures, classified so that the layers above can answer with Fineract's statuses without
//! looking at driver messages.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused the write; `detail` names the table/column or constraint.
    #[error("duplicate value: {detail}")]
    Duplicate { detail: String },
    /// Lock timeout, deadlock or serialization failure: the write may succeed when retried.
    #[error("concurrent modification: {0}")]
    Conflict(String),
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    #[error("tenant database is not reachable: {0}")]
    Unavailable(String),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Database(sqlx::Error),
    #[error("{0}")]
    Config(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &err {
            let code = db.code().map(|c| c.into_owned()).unwrap_or_default();
            let message = db.message().to_string();
            // PostgreSQL: 23505 unique_violation; SQLite: 2067 (UNIQUE) / 1555 (PRIMARY KEY).
            if code == "23505" || code == "2067" || code == "1555" {
                let detail = db.constraint().map(str::to_string).unwrap_or(message);
                return StoreError::Duplicate { detail };
            }
            // PostgreSQL serialization failure / deadlock / lock timeout; SQLite BUSY / LOCKED.
            if matches!(
                code.as_str(),
                "40001" | "40P01" | "55P03" | "5" | "6" | "517" | "262"
            ) {
                return StoreError::Conflict(message);
            }
        }
        match err {
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) => {
                StoreError::Unavailable(err.to_string())
            }
            sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_) => {
                StoreError::Corrupt(err.to_string())
            }
            other => StoreError::Database(other),
        }
    }
}

impl StoreError {
    pub fn is_retryable(&self) -> bool {
        matches!(self, StoreError::Conflict(_))
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
