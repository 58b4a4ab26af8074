//! Accounting: the chart of accounts (`/glaccounts`), accounting rules (`/accountingrules`), financial
//! activity accounts (`/financialactivityaccounts`), accounting closures (`/glclosures`) and journal entries
//! (`/journalentries`).

mod closures;
mod data;
mod financial_activities;
mod gl_account_request;
mod gl_accounts;
mod journal_entries;
mod journal_entry_data;
mod journal_entry_request;
mod rule_request;
mod rules;

use utoipa_axum::router::OpenApiRouter;

use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .merge(gl_accounts::routes())
        .merge(rules::routes())
        .merge(financial_activities::routes())
        .merge(closures::routes())
        .merge(journal_entries::routes())
}

/// What a write answers (Fineract's `CommandProcessingResult`); a write held for a checker answers
/// `{commandId, …}` instead.
#[derive(serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct CommandAnswer {
    resource_id: Option<i64>,
    office_id: Option<i64>,
    /// The request's values of the parameters that changed (updates only).
    #[schema(value_type = Option<Object>)]
    changes: Option<serde_json::Value>,
}
