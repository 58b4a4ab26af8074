//! Client identifiers: `GET/POST /clients/{clientId}/identifiers`, `GET …/identifiers/template`,
//! `GET/PUT/DELETE …/identifiers/{identifierId}`. Document types are values of "Customer Identifier".

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use kassa_app::clients::identifiers::{
    self, CreateClientIdentifier, DeleteClientIdentifier, UpdateClientIdentifier,
};
use kassa_app::{AppError, ParamError};
use kassa_domain::clients::detail::{
    ClientIdentifier, IdentifierChanges, IdentifierDraft, IdentifierStatus,
};
use kassa_domain::organisation::code::CodeValue;
use serde::Serialize;
use serde_json::Value;
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
        .routes(routes!(list_identifiers, create_identifier))
        .routes(routes!(identifier_template))
        .routes(routes!(
            get_identifier,
            update_identifier,
            delete_identifier
        ))
}

/// Fineract's `fields` whitelist (it does not name `status`).
const SUPPORTED_FIELDS: &[&str] = &[
    "id",
    "clientId",
    "documentType",
    "documentKey",
    "description",
    "allowedDocumentTypes",
];
const WRITE_PARAMS: &[&str] = &["documentTypeId", "documentKey", "status", "description"];
const RESOURCE: &str = "clientIdentifier";
/// Fineract's column limits.
const KEY_MAX: usize = 1000;
const DESCRIPTION_MAX: usize = 1000;

/// Fineract's `ClientIdentifierData`, fields in its order.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct ClientIdentifierData {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    document_type: Option<DocumentType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    document_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allowed_document_types: Option<Vec<DocumentType>>,
}

/// Fineract's `CodeValueData`: an identifier's own type carries only id and name (with `active` and
/// `mandatory` false, as Fineract's two-argument constructor leaves them); template options are full.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DocumentType {
    id: i64,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    active: bool,
    mandatory: bool,
}

impl From<CodeValue> for DocumentType {
    fn from(v: CodeValue) -> Self {
        DocumentType {
            id: v.id,
            name: v.name,
            position: Some(v.position),
            description: v.description,
            active: v.is_active,
            mandatory: v.is_mandatory,
        }
    }
}

impl From<ClientIdentifier> for ClientIdentifierData {
    fn from(i: ClientIdentifier) -> Self {
        ClientIdentifierData {
            id: Some(i.id),
            client_id: Some(i.client_id),
            document_type: Some(DocumentType {
                id: i.document_type_id,
                name: i.document_type_name,
                position: None,
                description: None,
                active: false,
                mandatory: false,
            }),
            document_key: Some(i.document_key),
            description: i.description,
            status: Some(i.status.code()),
            allowed_document_types: None,
        }
    }
}

/// The identifiers of a client, oldest first.
#[utoipa::path(get, path = "/clients/{clientId}/identifiers", tag = "Client Identifier",
    params(("clientId" = i64, Path), ("fields" = Option<String>, Query, description = "Comma-separated fields to return")),
    responses((status = 200, description = "Array of ClientIdentifierData"), (status = 404, description = "No such client")))]
async fn list_identifiers(
    caller: Caller,
    Path(client_id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let client_id = path_id(&client_id, "Client")?;
    let rows = identifiers::list(&caller.tenant, &caller.principal, client_id).await?;
    let data: Vec<ClientIdentifierData> =
        rows.into_iter().map(ClientIdentifierData::from).collect();
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// The document types a new identifier may have (`allowedDocumentTypes`: code "Customer Identifier").
#[utoipa::path(get, path = "/clients/{clientId}/identifiers/template", tag = "Client Identifier",
    params(("clientId" = i64, Path)),
    responses((status = 200, description = "`{allowedDocumentTypes}`"), (status = 404, description = "No such client")))]
async fn identifier_template(
    caller: Caller,
    Path(client_id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let client_id = path_id(&client_id, "Client")?;
    let types = identifiers::document_types(&caller.tenant, &caller.principal, client_id).await?;
    let data = ClientIdentifierData {
        allowed_document_types: Some(types.into_iter().map(DocumentType::from).collect()),
        ..Default::default()
    };
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// One identifier; `template=true` adds `allowedDocumentTypes`.
#[utoipa::path(get, path = "/clients/{clientId}/identifiers/{identifierId}", tag = "Client Identifier",
    params(("clientId" = i64, Path), ("identifierId" = i64, Path), ("template" = Option<bool>, Query)),
    responses((status = 200, description = "ClientIdentifierData"), (status = 404, description = "No such client or identifier")))]
async fn get_identifier(
    caller: Caller,
    Path((client_id, id)): Path<(String, String)>,
    query: Query,
) -> ApiResult<Response> {
    let client_id = path_id(&client_id, "Client")?;
    let id = path_id(&id, "ClientIdentifier")?;
    let identifier = identifiers::get(&caller.tenant, &caller.principal, client_id, id).await?;
    let mut data = ClientIdentifierData::from(identifier);
    if query.flag("template") {
        let types =
            identifiers::document_types(&caller.tenant, &caller.principal, client_id).await?;
        data.allowed_document_types = Some(types.into_iter().map(DocumentType::from).collect());
    }
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// Adds an identifier. Answers `{officeId, clientId, resourceId}`.
#[utoipa::path(post, path = "/clients/{clientId}/identifiers", tag = "Client Identifier",
    params(("clientId" = i64, Path)),
    request_body(content = String, description = "`{\"documentTypeId\", \"documentKey\", \"status\"?: \"active\"|\"inactive\", \"description\"?}`", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, resourceId}`"), (status = 400, description = "Validation errors"),
              (status = 403, description = "Duplicate document key, or no permission"),
              (status = 404, description = "No such client or document type")))]
async fn create_identifier(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(client_id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let client_id = path_id(&client_id, "Client")?;
    let href = format!("/clients/{client_id}/identifiers");
    let spec = spec(&state, &headers, "CREATE", href, &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let mut r = Reader::new(&json, RESOURCE);
    let document_type_id = r.required_long("documentTypeId");
    positive(&mut r, "documentTypeId", document_type_id);
    let document_key = r.required_string("documentKey", KEY_MAX);
    let status = read_status(&mut r).unwrap_or(IdentifierStatus::Active);
    let description = r.string("description", DESCRIPTION_MAX);
    r.finish()?;
    let (Some(document_type_id), Some(document_key)) = (document_type_id, document_key) else {
        return Err(internal("validated identifier fields went missing"));
    };
    let command = CreateClientIdentifier {
        client_id,
        draft: IdentifierDraft {
            document_type_id,
            document_key,
            status,
            description,
        },
    };
    run(&state, &caller, spec, &command).await
}

/// Updates an identifier; `documentTypeId` or `documentKey` must be given, as in Fineract.
#[utoipa::path(put, path = "/clients/{clientId}/identifiers/{identifierId}", tag = "Client Identifier",
    params(("clientId" = i64, Path), ("identifierId" = i64, Path)),
    request_body(content = String, description = "Any of the creation fields", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, resourceId, changes}`"), (status = 400, description = "Validation errors"),
              (status = 403, description = "Duplicate document key"), (status = 404, description = "No such client, identifier or document type")))]
async fn update_identifier(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path((client_id, id)): Path<(String, String)>,
    body: Body,
) -> ApiResult<Response> {
    let client_id = path_id(&client_id, "Client")?;
    let id = path_id(&id, "ClientIdentifier")?;
    let href = format!("/clients/{client_id}/identifiers/{id}");
    let spec = spec(&state, &headers, "UPDATE", href, &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let changes = read_changes(&json)?;
    let command = UpdateClientIdentifier {
        client_id,
        id,
        changes,
    };
    run(&state, &caller, spec, &command).await
}

/// Deletes an identifier. Answers `{officeId, clientId, resourceId}`.
#[utoipa::path(delete, path = "/clients/{clientId}/identifiers/{identifierId}", tag = "Client Identifier",
    params(("clientId" = i64, Path), ("identifierId" = i64, Path)),
    responses((status = 200, description = "`{officeId, clientId, resourceId}`"), (status = 404, description = "No such client or identifier")))]
async fn delete_identifier(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path((client_id, id)): Path<(String, String)>,
    body: Body,
) -> ApiResult<Response> {
    let client_id = path_id(&client_id, "Client")?;
    let id = path_id(&id, "ClientIdentifier")?;
    let href = format!("/clients/{client_id}/identifiers/{id}");
    let spec = spec(&state, &headers, "DELETE", href, &body);
    run(
        &state,
        &caller,
        spec,
        &DeleteClientIdentifier { client_id, id },
    )
    .await
}

fn read_changes(json: &JsonBody) -> ApiResult<IdentifierChanges> {
    let mut r = Reader::new(json, RESOURCE);
    let mut changes = IdentifierChanges::default();
    if r.present("documentTypeId") {
        changes.document_type_id = r.long("documentTypeId");
        positive(&mut r, "documentTypeId", changes.document_type_id);
    }
    // Fineract: a documentKey that is given must not be blank.
    let key_given = r.present("documentKey") && json.value("documentKey") != Some(Value::Null);
    if key_given {
        if r.has("documentKey") {
            changes.document_key = r.string("documentKey", KEY_MAX);
        } else {
            r.mandatory_missing("documentKey");
        }
    }
    changes.status = read_status(&mut r);
    if r.present("description") {
        changes.description = Some(r.string("description", DESCRIPTION_MAX));
    }
    if !r.has("documentTypeId") && !key_given {
        r.error(ParamError::new(
            "id",
            format!("validation.msg.{RESOURCE}.no.parameters.for.update"),
            "No parameters passed for update.",
        ));
    }
    r.finish()?;
    Ok(changes)
}

/// `status`: "active" or "inactive" in any case; absent when not given.
fn read_status(r: &mut Reader) -> Option<IdentifierStatus> {
    let text = r.string("status", 20)?;
    let status = IdentifierStatus::parse(&text);
    if status.is_none() {
        r.error(
            ParamError::new(
                "status",
                format!("validation.msg.{RESOURCE}.status.is.not.one.of.expected.enumerations"),
                "The parameter `status` must be one of [ active, inactive ] .",
            )
            .with_value(Value::from(text))
            .with_args(vec![Value::from("active"), Value::from("inactive")]),
        );
    }
    status
}

fn positive(r: &mut Reader, name: &str, value: Option<i64>) {
    if let Some(v) = value.filter(|v| *v < 1) {
        r.error(
            ParamError::new(
                name,
                format!("validation.msg.{RESOURCE}.{name}.not.greater.than.zero"),
                format!("The parameter `{name}` must be greater than 0."),
            )
            .with_value(Value::from(v))
            .with_args(vec![Value::from(v), Value::from(0)]),
        );
    }
}

entity_spec!(identifiers::ENTITY);

fn internal(message: &str) -> ApiError {
    ApiError(AppError::Internal(message.to_string()))
}
