//! Staff: `GET/POST /staff`, `GET/PUT /staff/{id}` (`template=true` adds `allowedOffices`). Fineract lists
//! staff as a plain array, active ones unless `status` says otherwise.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::NaiveDate;
use kassa_app::organisation::staff::{self, CreateStaff, StaffQuery, UpdateStaff};
use kassa_app::{AppError, ParamError};
use kassa_domain::organisation::office::name_decorated;
use kassa_domain::organisation::staff::{StaffChanges, StaffDraft, StaffStatus};
use kassa_store::repo::organisation::staff::StaffListing;
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
use crate::wire::{ser, JsonBody, Reader};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_staff, create_staff))
        .routes(routes!(get_staff, update_staff))
}

/// Fineract's `fields` whitelist for staff.
const SUPPORTED_FIELDS: &[&str] = &[
    "id",
    "firstname",
    "lastname",
    "displayName",
    "officeId",
    "officeName",
    "isLoanOfficer",
    "externalId",
    "mobileNo",
    "allowedOffices",
    "isActive",
    "joiningDate",
];
const WRITE_PARAMS: &[&str] = &[
    "firstname",
    "lastname",
    "officeId",
    "externalId",
    "mobileNo",
    "isLoanOfficer",
    "isActive",
    "joiningDate",
    "dateFormat",
    "locale",
    "forceStatus",
];
const STATUSES: &[(&str, StaffStatus)] = &[
    ("all", StaffStatus::All),
    ("active", StaffStatus::Active),
    ("inactive", StaffStatus::Inactive),
];
/// Fineract's column limits.
const NAME_MAX: usize = 50;
const MOBILE_MAX: usize = 50;
const EXTERNAL_ID_MAX: usize = 100;

/// Fineract's `StaffData`, fields in its order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct StaffData {
    id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_id: Option<String>,
    firstname: String,
    lastname: String,
    display_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    mobile_no: Option<String>,
    office_id: i64,
    office_name: String,
    is_loan_officer: bool,
    is_active: bool,
    #[serde(serialize_with = "ser::date")]
    joining_date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    allowed_offices: Option<Vec<OfficeOption>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OfficeOption {
    id: i64,
    name: String,
    name_decorated: String,
}

impl From<StaffListing> for StaffData {
    fn from(l: StaffListing) -> Self {
        let s = l.staff;
        StaffData {
            id: s.id,
            external_id: s.external_id,
            firstname: s.firstname,
            lastname: s.lastname,
            display_name: s.display_name,
            mobile_no: s.mobile_no,
            office_id: s.office_id,
            office_name: l.office_name,
            is_loan_officer: s.is_loan_officer,
            is_active: s.is_active,
            joining_date: s.joining_date,
            allowed_offices: None,
        }
    }
}

/// Staff of the caller's office subtree, by last name.
#[utoipa::path(get, path = "/staff", tag = "Staff",
    params(("officeId" = Option<i64>, Query, description = "Only staff of this office"),
           ("staffInOfficeHierarchy" = Option<bool>, Query, description = "Active staff of `officeId` and of the offices above it"),
           ("loanOfficersOnly" = Option<bool>, Query, description = "Only loan officers"),
           ("status" = Option<String>, Query, description = "active (default), inactive or all"),
           ("fields" = Option<String>, Query, description = "Comma-separated fields to return")),
    responses((status = 200, description = "Array of staff"), (status = 400, description = "Unknown status")))]
async fn list_staff(caller: Caller, query: Query) -> ApiResult<Response> {
    let status = match query.text("status")? {
        None => StaffStatus::default(),
        Some(value) => STATUSES
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(value))
            .map(|(_, s)| *s)
            .ok_or_else(|| {
                ApiError(AppError::UnsupportedQueryValue {
                    parameter: "status".into(),
                    value: value.to_string(),
                    supported: STATUSES.iter().map(|(n, _)| n.to_string()).collect(),
                })
            })?,
    };
    let q = StaffQuery {
        office_id: query.long("officeId")?,
        in_office_hierarchy: query.flag("staffInOfficeHierarchy"),
        loan_officers_only: query.flag("loanOfficersOnly"),
        status,
    };
    let rows = staff::list(&caller.tenant, &caller.principal, q).await?;
    let data: Vec<StaffData> = rows.into_iter().map(StaffData::from).collect();
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// One staff member; with `template=true` also the offices it may belong to.
#[utoipa::path(get, path = "/staff/{staffId}", tag = "Staff",
    params(("staffId" = i64, Path), ("template" = Option<bool>, Query)),
    responses((status = 200, description = "The staff member"), (status = 404, description = "No such staff member")))]
async fn get_staff(caller: Caller, Path(id): Path<String>, query: Query) -> ApiResult<Response> {
    let id = path_id(&id, "Staff")?;
    let listing = staff::get(&caller.tenant, &caller.principal, id).await?;
    let mut data = StaffData::from(listing);
    if query.flag("template") {
        let offices = staff::allowed_offices(&caller.tenant, &caller.principal).await?;
        data.allowed_offices = Some(
            offices
                .into_iter()
                .map(|l| OfficeOption {
                    name_decorated: name_decorated(&l.office.hierarchy, &l.office.name),
                    id: l.office.id,
                    name: l.office.name,
                })
                .collect(),
        );
    }
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// Creates a staff member in an office of the caller's subtree. Answers `{officeId, resourceId}`.
#[utoipa::path(post, path = "/staff", tag = "Staff",
    request_body(content = String, description = "`{\"officeId\", \"firstname\", \"lastname\", \"joiningDate\", \"dateFormat\", \"locale\", \"isLoanOfficer\"?, \"isActive\"?, \"mobileNo\"?, \"externalId\"?}`", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, resourceId}`"), (status = 400, description = "Validation errors"),
              (status = 403, description = "Duplicate externalId, display name or mobile number, or no permission")))]
async fn create_staff(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let spec = spec(&state, &headers, "CREATE", "/staff".into(), &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let mut r = Reader::new(&json, "staff");
    let office_id = r.required_long("officeId");
    positive(&mut r, "officeId", office_id);
    let firstname = r.required_string("firstname", NAME_MAX);
    let lastname = r.required_string("lastname", NAME_MAX);
    let mobile_no = r.string("mobileNo", MOBILE_MAX);
    let is_loan_officer = r.boolean("isLoanOfficer").unwrap_or(false);
    let is_active = r.boolean("isActive").unwrap_or(true);
    r.boolean("forceStatus");
    let joining_date = r.required_date("joiningDate");
    let external_id = read_external_id(&mut r);
    r.finish()?;
    let (Some(office_id), Some(firstname), Some(lastname), Some(joining_date)) =
        (office_id, firstname, lastname, joining_date)
    else {
        return Err(internal("validated staff fields went missing"));
    };
    let command = CreateStaff {
        draft: StaffDraft {
            office_id,
            firstname,
            lastname,
            mobile_no,
            external_id,
            is_loan_officer,
            is_active,
            joining_date,
        },
    };
    run(&state, &caller, spec, &command).await
}

/// Updates a staff member; `changes` lists what changed.
#[utoipa::path(put, path = "/staff/{staffId}", tag = "Staff", params(("staffId" = i64, Path)),
    request_body(content = String, description = "Any of the creation fields, and `forceStatus`", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, resourceId, changes}`"), (status = 400, description = "Validation errors"),
              (status = 404, description = "No such staff member")))]
async fn update_staff(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "Staff")?;
    let spec = spec(&state, &headers, "UPDATE", format!("/staff/{id}"), &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let changes = read_changes(&json)?;
    let command = UpdateStaff {
        id,
        changes,
        joining_date_raw: json.value("joiningDate"),
    };
    run(&state, &caller, spec, &command).await
}

fn read_changes(json: &JsonBody) -> ApiResult<StaffChanges> {
    let mut r = Reader::new(json, "staff");
    let mut changes = StaffChanges::default();
    if r.present("officeId") {
        changes.office_id = r.required_long("officeId");
        positive(&mut r, "officeId", changes.office_id);
    }
    if r.present("firstname") {
        changes.firstname = r.required_string("firstname", NAME_MAX);
    }
    if r.present("lastname") {
        changes.lastname = r.required_string("lastname", NAME_MAX);
    }
    if r.present("mobileNo") {
        changes.mobile_no = Some(r.string("mobileNo", MOBILE_MAX));
    }
    changes.is_loan_officer = r.boolean("isLoanOfficer");
    if r.present("isActive") {
        changes.is_active = r.boolean("isActive");
        if changes.is_active.is_none() && !r.has("isActive") {
            r.mandatory_missing("isActive");
        }
    }
    // Nothing can be assigned to a staff member yet, so deactivation never needs `forceStatus`.
    r.boolean("forceStatus");
    if r.present("joiningDate") {
        changes.joining_date = r.required_date("joiningDate");
    }
    changes.external_id = read_external_id(&mut r);
    r.finish()?;
    Ok(changes)
}

/// `externalId`: optional, but a present value may not be blank (Fineract's rule).
fn read_external_id(r: &mut Reader) -> Option<String> {
    if !r.present("externalId") {
        return None;
    }
    r.required_string("externalId", EXTERNAL_ID_MAX)
}

fn positive(r: &mut Reader, name: &str, value: Option<i64>) {
    if let Some(v) = value.filter(|v| *v < 1) {
        r.error(
            ParamError::new(
                name,
                format!("validation.msg.staff.{name}.not.greater.than.zero"),
                format!("The parameter `{name}` must be greater than 0."),
            )
            .with_value(Value::from(v))
            .with_args(vec![Value::from(v), Value::from(0)]),
        );
    }
}

entity_spec!(staff::ENTITY);

fn internal(message: &str) -> ApiError {
    ApiError(AppError::Internal(message.to_string()))
}
