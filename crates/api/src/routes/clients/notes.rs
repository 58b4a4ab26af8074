//! Client notes: `GET/POST /clients/{clientId}/notes`, `GET/PUT/DELETE /clients/{clientId}/notes/{noteId}`.
//! Fineract serves notes of other resources under the same pattern; Kassa has clients so far.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::{DateTime, SecondsFormat, Utc};
use kassa_app::clients::notes::{self, CreateClientNote, DeleteClientNote, UpdateClientNote};
use kassa_app::AppError;
use kassa_domain::clients::detail::{NoteType, NOTE_MAX};
use kassa_store::repo::clients::note::NoteRecord;
use serde::{Serialize, Serializer};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::body::Body;
use crate::error::{ApiError, ApiResult};
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::{path_id, run_command as run};
use crate::wire::{JsonBody, Reader};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_notes, create_note))
        .routes(routes!(get_note, update_note, delete_note))
}

/// Fineract's `fields` whitelist for notes.
const SUPPORTED_FIELDS: &[&str] = &[
    "id",
    "resourceId",
    "clientId",
    "groupId",
    "loanId",
    "loanTransactionId",
    "depositAccountId",
    "savingAccountId",
    "noteType",
    "note",
    "createdById",
    "createdByUsername",
    "createdOn",
    "updatedById",
    "updatedByUsername",
    "updatedOn",
];
const WRITE_PARAMS: &[&str] = &["note"];

/// Fineract's `NoteData`, fields in its order; instants as ISO offset date-times (its `OffsetDateTime`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NoteData {
    id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_id: Option<i64>,
    note_type: NoteTypeData,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created_by_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created_by_username: Option<String>,
    #[serde(serialize_with = "iso_instant")]
    created_on: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated_by_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated_by_username: Option<String>,
    #[serde(serialize_with = "iso_instant")]
    updated_on: DateTime<Utc>,
}

/// Fineract's `EnumOptionData` of the note type.
#[derive(Serialize)]
struct NoteTypeData {
    id: i64,
    code: &'static str,
    value: &'static str,
}

fn iso_instant<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

impl From<NoteRecord> for NoteData {
    fn from(n: NoteRecord) -> Self {
        let t = NoteType::Client;
        NoteData {
            id: n.id,
            client_id: n.client_id,
            note_type: NoteTypeData {
                id: t.id(),
                code: t.code(),
                value: t.value(),
            },
            note: n.note,
            created_by_id: n.created_by,
            created_by_username: n.created_by_username,
            created_on: n.created_on_utc,
            updated_by_id: n.last_modified_by,
            updated_by_username: n.last_modified_by_username,
            updated_on: n.last_modified_on_utc,
        }
    }
}

/// The client's notes, newest first.
#[utoipa::path(get, path = "/clients/{clientId}/notes", tag = "Notes",
    params(("clientId" = i64, Path), ("fields" = Option<String>, Query, description = "Comma-separated fields to return")),
    responses((status = 200, description = "Array of NoteData"), (status = 404, description = "No such client")))]
async fn list_notes(
    caller: Caller,
    Path(client_id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let client_id = path_id(&client_id, "Client")?;
    let rows = notes::list(&caller.tenant, &caller.principal, client_id).await?;
    let data: Vec<NoteData> = rows.into_iter().map(NoteData::from).collect();
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// One note of the client.
#[utoipa::path(get, path = "/clients/{clientId}/notes/{noteId}", tag = "Notes",
    params(("clientId" = i64, Path), ("noteId" = i64, Path)),
    responses((status = 200, description = "NoteData"), (status = 404, description = "No such client or note")))]
async fn get_note(
    caller: Caller,
    Path((client_id, id)): Path<(String, String)>,
    query: Query,
) -> ApiResult<Response> {
    let client_id = path_id(&client_id, "Client")?;
    let id = path_id(&id, "Note")?;
    let note = notes::get(&caller.tenant, &caller.principal, client_id, id).await?;
    respond::ok(&query, SUPPORTED_FIELDS, &NoteData::from(note))
}

/// Adds a note. Answers `{officeId, clientId, resourceId}`.
#[utoipa::path(post, path = "/clients/{clientId}/notes", tag = "Notes",
    params(("clientId" = i64, Path)),
    request_body(content = String, description = "`{\"note\"}` (at most 1000 characters)", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, resourceId}`"), (status = 400, description = "Validation errors"),
              (status = 404, description = "No such client")))]
async fn create_note(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(client_id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let client_id = path_id(&client_id, "Client")?;
    let spec = spec(
        &state,
        &headers,
        "CREATE",
        format!("/clients/{client_id}/notes"),
        &body,
    );
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let note = read_note(&body.json()?)?;
    run(&state, &caller, spec, &CreateClientNote { client_id, note }).await
}

/// Changes a note's text. Answers `{officeId, clientId, resourceId, changes}`.
#[utoipa::path(put, path = "/clients/{clientId}/notes/{noteId}", tag = "Notes",
    params(("clientId" = i64, Path), ("noteId" = i64, Path)),
    request_body(content = String, description = "`{\"note\"}`", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, resourceId, changes}`"), (status = 400, description = "Validation errors"),
              (status = 404, description = "No such client or note")))]
async fn update_note(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path((client_id, id)): Path<(String, String)>,
    body: Body,
) -> ApiResult<Response> {
    let client_id = path_id(&client_id, "Client")?;
    let id = path_id(&id, "Note")?;
    let href = format!("/clients/{client_id}/notes/{id}");
    let spec = spec(&state, &headers, "UPDATE", href, &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let note = read_note(&body.json()?)?;
    let command = UpdateClientNote {
        client_id,
        id,
        note,
    };
    run(&state, &caller, spec, &command).await
}

/// Deletes a note. Answers `{resourceId}`, as Fineract does.
#[utoipa::path(delete, path = "/clients/{clientId}/notes/{noteId}", tag = "Notes",
    params(("clientId" = i64, Path), ("noteId" = i64, Path)),
    responses((status = 200, description = "`{resourceId}`"), (status = 404, description = "No such client or note")))]
async fn delete_note(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path((client_id, id)): Path<(String, String)>,
    body: Body,
) -> ApiResult<Response> {
    let client_id = path_id(&client_id, "Client")?;
    let id = path_id(&id, "Note")?;
    let href = format!("/clients/{client_id}/notes/{id}");
    let spec = spec(&state, &headers, "DELETE", href, &body);
    run(&state, &caller, spec, &DeleteClientNote { client_id, id }).await
}

/// `note`: mandatory, at most 1000 characters (Fineract's `validateNote`).
fn read_note(json: &JsonBody) -> ApiResult<String> {
    json.check_supported(WRITE_PARAMS)?;
    let mut r = Reader::new(json, "note");
    let note = r.required_string("note", NOTE_MAX);
    r.finish()?;
    note.ok_or_else(|| ApiError(AppError::Internal("validated note went missing".into())))
}

entity_spec!(notes::ENTITY);
