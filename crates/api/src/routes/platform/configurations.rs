//! Global configuration: `GET /configurations`, `GET|PUT /configurations/{configId}`,
//! `GET|PUT /configurations/name/{name}`.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::NaiveDate;
use kassa_app::platform::configuration::{self, UpdateConfiguration};
use kassa_app::platform::pipeline::CommandSpec;
use kassa_app::ParamError;
use kassa_domain::platform::configuration::{ConfigurationUpdate, GlobalConfiguration};
use serde::Serialize;
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::body::Body;
use crate::error::ApiResult;
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::{command_response, path_id};
use crate::wire::{ser, JsonBody, Reader};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_configurations))
        .routes(routes!(get_configuration, update_configuration))
        .routes(routes!(
            get_configuration_by_name,
            update_configuration_by_name
        ))
}

const WRITE_PARAMS: &[&str] = &[
    "enabled",
    "value",
    "dateValue",
    "stringValue",
    "dateFormat",
    "locale",
];
/// Fineract's `string_value` is a VARCHAR(100).
const STRING_VALUE_MAX: usize = 100;

/// Fineract's `GlobalConfigurationPropertyData`, fields in its order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ConfigurationData {
    name: String,
    enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<i64>,
    #[serde(
        serialize_with = "ser::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    date_value: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    string_value: Option<String>,
    id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    trap_door: bool,
}

impl From<GlobalConfiguration> for ConfigurationData {
    fn from(c: GlobalConfiguration) -> Self {
        ConfigurationData {
            name: c.name,
            enabled: c.enabled,
            value: c.value,
            date_value: c.date_value,
            string_value: c.string_value,
            id: c.id,
            description: c.description,
            trap_door: c.trap_door,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ConfigurationList {
    global_configuration: Vec<ConfigurationData>,
}

/// Every global configuration, by id. `survey=true` lists survey configurations, of which Kassa has none.
#[utoipa::path(get, path = "/configurations", tag = "Global Configuration",
    params(("survey" = Option<bool>, Query, description = "List survey configurations instead")),
    responses((status = 200, description = "`{\"globalConfiguration\": [{name, enabled, value, dateValue, stringValue, id, description, trapDoor}]}`")))]
async fn list_configurations(caller: Caller, query: Query) -> ApiResult<Response> {
    let all = configuration::list(&caller.tenant, &caller.principal).await?;
    let items = if query.flag("survey") {
        vec![]
    } else {
        all.into_iter().map(ConfigurationData::from).collect()
    };
    respond::ok(
        &query,
        &[],
        &ConfigurationList {
            global_configuration: items,
        },
    )
}

/// One configuration by id.
#[utoipa::path(get, path = "/configurations/{configId}", tag = "Global Configuration",
    params(("configId" = i64, Path)),
    responses((status = 200, description = "The configuration"), (status = 404, description = "No such configuration")))]
async fn get_configuration(
    caller: Caller,
    Path(id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let id = path_id(&id, "Configuration")?;
    let found = configuration::get(&caller.tenant, &caller.principal, id).await?;
    respond::ok(&query, &[], &ConfigurationData::from(found))
}

/// One configuration by name (the web app reads `enable-business-date` this way on every page).
#[utoipa::path(get, path = "/configurations/name/{name}", tag = "Global Configuration",
    params(("name" = String, Path)),
    responses((status = 200, description = "The configuration"), (status = 404, description = "No such configuration")))]
async fn get_configuration_by_name(
    caller: Caller,
    Path(name): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let found = configuration::get_by_name(&caller.tenant, &caller.principal, &name).await?;
    respond::ok(&query, &[], &ConfigurationData::from(found))
}

/// Updates a configuration; `changes` holds the new values. Trap-door configurations cannot be changed.
#[utoipa::path(put, path = "/configurations/{configId}", tag = "Global Configuration",
    params(("configId" = i64, Path)),
    request_body(content = String, description = "Any of `enabled`, `value`, `stringValue`, `dateValue` (+`dateFormat`, `locale`)", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId, changes}`"), (status = 400, description = "Validation errors"),
              (status = 403, description = "No permission, or a trap-door configuration"), (status = 404, description = "No such configuration")))]
async fn update_configuration(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "Configuration")?;
    update(
        &state,
        &caller,
        &headers,
        id,
        format!("/configurations/{id}"),
        &body,
    )
    .await
}

#[utoipa::path(put, path = "/configurations/name/{name}", tag = "Global Configuration",
    params(("name" = String, Path)),
    request_body(content = String, description = "Any of `enabled`, `value`, `stringValue`, `dateValue` (+`dateFormat`, `locale`)", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId, changes}`"), (status = 404, description = "No such configuration")))]
async fn update_configuration_by_name(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(name): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    caller
        .principal
        .permissions
        .check_write("UPDATE_CONFIGURATION")?;
    let id = configuration::id_of_name(&caller.tenant, &name).await?;
    update(
        &state,
        &caller,
        &headers,
        id,
        format!("/configurations/name/{name}"),
        &body,
    )
    .await
}

async fn update(
    state: &ApiState,
    caller: &Caller,
    headers: &HeaderMap,
    id: i64,
    href: String,
    body: &Body,
) -> ApiResult<Response> {
    let spec = CommandSpec {
        action: "UPDATE",
        entity: configuration::ENTITY,
        href,
        json: body.0.clone(),
        idempotency_key: crate::routes::idempotency_key(state, headers),
    };
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let update = read_update(&json)?;
    let outcome = state
        .app
        .execute(
            &caller.tenant,
            &caller.principal,
            spec,
            crate::error::render,
            &UpdateConfiguration { id, update },
        )
        .await?;
    Ok(command_response(outcome))
}

fn read_update(json: &JsonBody) -> ApiResult<ConfigurationUpdate> {
    let mut r = Reader::new(json, "globalConfiguration");
    let mut update = ConfigurationUpdate {
        enabled: r.boolean("enabled"),
        ..Default::default()
    };
    if r.present("value") {
        let value = r.long("value");
        if let Some(v) = value.filter(|v| *v < 0) {
            r.error(
                ParamError::new(
                    "value",
                    "validation.msg.globalConfiguration.value.not.zero.or.greater",
                    "The parameter `value` must be greater than or equal to 0.",
                )
                .with_value(Value::from(v))
                .with_args(vec![Value::from(v), Value::from(0)]),
            );
        }
        update.value = Some(value);
    }
    if r.present("dateValue") {
        update.date_value = r.required_date("dateValue");
    }
    if r.present("stringValue") {
        update.string_value = r.required_string("stringValue", STRING_VALUE_MAX);
    }
    r.finish()?;
    Ok(update)
}
