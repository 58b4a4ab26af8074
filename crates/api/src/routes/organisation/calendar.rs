//! Working days (`GET|PUT /workingdays`, `GET /workingdays/template`) and holidays (`GET|POST /holidays`,
//! `GET /holidays/template`, `GET|PUT|DELETE /holidays/{id}`, `POST /holidays/{id}?command=activate`).

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::NaiveDate;
use kassa_app::organisation::calendar::{
    self, enum_option, ActivateHoliday, CreateHoliday, DeleteHoliday, UpdateHoliday,
    UpdateWorkingDays, HOLIDAY_ENTITY, WORKING_DAYS_ENTITY,
};
use kassa_app::platform::pipeline::CommandSpec;
use kassa_app::{AppError, ParamError};
use kassa_domain::organisation::calendar::{
    Holiday, HolidayChanges, HolidayDraft, HolidayRescheduleType, RepaymentRescheduleType,
    WeekDays, WorkingDaysChanges,
};
use kassa_store::repo::organisation::calendar::HolidayFilter;
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::body::Body;
use crate::error::{ApiError, ApiResult};
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::path_id;
use crate::routes::{command_spec as spec, run_command as run};
use crate::wire::{ser, JsonBody, Reader};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(get_working_days, update_working_days))
        .routes(routes!(working_days_template))
        .routes(routes!(list_holidays, create_holiday))
        .routes(routes!(holiday_template))
        .routes(routes!(
            get_holiday,
            update_holiday,
            delete_holiday,
            holiday_command
        ))
}

const WORKING_DAYS_PARAMS: &[&str] = &[
    "recurrence",
    "repaymentRescheduleType",
    "locale",
    "extendTermForDailyRepayments",
    "extendTermForRepaymentsOnHolidays",
];
const HOLIDAY_PARAMS: &[&str] = &[
    "locale",
    "dateFormat",
    "name",
    "fromDate",
    "toDate",
    "description",
    "offices",
    "repaymentsRescheduledTo",
    "reschedulingType",
];
const HOLIDAY_FIELDS: &[&str] = &[
    "id",
    "name",
    "fromDate",
    "description",
    "toDate",
    "repaymentsRescheduledTo",
    "status",
];

fn reschedule_options() -> Vec<Value> {
    RepaymentRescheduleType::OPTIONS
        .into_iter()
        .map(enum_option)
        .collect()
}

/// Fineract's `WorkingDaysData`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WorkingDaysData {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recurrence: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    repayment_reschedule_type: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extend_term_for_daily_repayments: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extend_term_for_repayments_on_holidays: Option<bool>,
    repayment_reschedule_options: Vec<Value>,
}

/// The organisation's working days, with the reschedule options.
#[utoipa::path(get, path = "/workingdays", tag = "Working days",
    responses((status = 200, description = "`{id, recurrence, repaymentRescheduleType, extendTermForDailyRepayments, extendTermForRepaymentsOnHolidays, repaymentRescheduleOptions}`")))]
async fn get_working_days(caller: Caller, query: Query) -> ApiResult<Response> {
    let w = calendar::working_days(&caller.tenant, &caller.principal).await?;
    let data = WorkingDaysData {
        id: Some(w.id),
        recurrence: Some(w.recurrence),
        repayment_reschedule_type: Some(enum_option(w.reschedule_type)),
        extend_term_for_daily_repayments: Some(w.extend_term_for_daily_repayments),
        extend_term_for_repayments_on_holidays: Some(w.extend_term_for_repayments_on_holidays),
        repayment_reschedule_options: reschedule_options(),
    };
    respond::ok(&query, &[], &data)
}

/// The reschedule options for non-working days.
#[utoipa::path(get, path = "/workingdays/template", tag = "Working days",
    responses((status = 200, description = "`{repaymentRescheduleOptions}`")))]
async fn working_days_template(caller: Caller, query: Query) -> ApiResult<Response> {
    calendar::check_working_days_read(&caller.principal)?;
    let data = WorkingDaysData {
        id: None,
        recurrence: None,
        repayment_reschedule_type: None,
        extend_term_for_daily_repayments: None,
        extend_term_for_repayments_on_holidays: None,
        repayment_reschedule_options: reschedule_options(),
    };
    respond::ok(&query, &[], &data)
}

/// Changes the working days. `recurrence` is a weekly RRULE naming the working weekdays.
#[utoipa::path(put, path = "/workingdays", tag = "Working days",
    request_body(content = String, description = "`{\"recurrence\": \"FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR\", \"repaymentRescheduleType\": 1..4, \"extendTermForDailyRepayments\", \"extendTermForRepaymentsOnHolidays\", \"locale\"}`", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId, changes}`"), (status = 400, description = "Validation errors"),
              (status = 403, description = "No permission, or a recurrence Kassa cannot use")))]
async fn update_working_days(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let spec = spec(
        &state,
        &headers,
        "UPDATE",
        WORKING_DAYS_ENTITY,
        "/workingdays".into(),
        &body,
    );
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WORKING_DAYS_PARAMS)?;
    let mut r = Reader::new(&json, "workingdays");
    let recurrence = r.required_string("recurrence", 100);
    let reschedule_type = match r.long("repaymentRescheduleType") {
        Some(id) if (1..=4).contains(&id) => RepaymentRescheduleType::from_id(id),
        Some(id) => {
            r.error(
                ParamError::new(
                    "repaymentRescheduleType",
                    "validation.msg.workingdays.repaymentRescheduleType.is.not.within.expected.range",
                    "The parameter `repaymentRescheduleType` must be between 1 and 4.",
                )
                .with_value(Value::from(id))
                .with_args(vec![Value::from(id), Value::from(1), Value::from(4)]),
            );
            None
        }
        None => None,
    };
    let changes = WorkingDaysChanges {
        recurrence: None,
        reschedule_type,
        extend_term_for_daily_repayments: r.boolean("extendTermForDailyRepayments"),
        extend_term_for_repayments_on_holidays: r.boolean("extendTermForRepaymentsOnHolidays"),
    };
    r.finish()?;
    let Some(recurrence) = recurrence else {
        return Err(internal("validated recurrence went missing"));
    };
    let days = WeekDays::from_recurrence(&recurrence)?;
    let command = UpdateWorkingDays {
        changes: WorkingDaysChanges {
            recurrence: Some((recurrence, days)),
            ..changes
        },
    };
    run(&state, &caller, spec, &command).await
}

/// Fineract's `HolidayData` (its `officeId` is never filled in).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct HolidayData {
    id: i64,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(serialize_with = "ser::date")]
    from_date: NaiveDate,
    #[serde(serialize_with = "ser::date")]
    to_date: NaiveDate,
    #[serde(
        serialize_with = "ser::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    repayments_rescheduled_to: Option<NaiveDate>,
    status: Value,
    rescheduling_type: i64,
}

fn holiday_data(h: Holiday) -> HolidayData {
    use kassa_domain::organisation::calendar::EnumOption;
    HolidayData {
        id: h.id,
        name: h.name,
        description: h.description,
        from_date: h.from_date,
        to_date: h.to_date,
        repayments_rescheduled_to: h.repayments_rescheduled_to,
        status: enum_option(h.status),
        rescheduling_type: h.rescheduling_type.id(),
    }
}

/// Holidays of the caller's offices; `officeId` narrows to one office, `fromDate`/`toDate` (with
/// `dateFormat` and `locale`) to holidays inside the range.
#[utoipa::path(get, path = "/holidays", tag = "Holidays",
    params(("officeId" = Option<i64>, Query), ("fromDate" = Option<String>, Query), ("toDate" = Option<String>, Query),
           ("dateFormat" = Option<String>, Query), ("locale" = Option<String>, Query)),
    responses((status = 200, description = "Array of holidays")))]
async fn list_holidays(caller: Caller, query: Query) -> ApiResult<Response> {
    let mut errors = Vec::new();
    let from_date = query_date(&query, "fromDate", &mut errors)?;
    let to_date = query_date(&query, "toDate", &mut errors)?;
    if !errors.is_empty() {
        return Err(ApiError(AppError::Validation(errors)));
    }
    let filter = HolidayFilter {
        office_id: query.long("officeId")?,
        from_date,
        to_date,
    };
    let holidays = calendar::list_holidays(&caller.tenant, &caller.principal, &filter).await?;
    let data: Vec<HolidayData> = holidays.into_iter().map(holiday_data).collect();
    respond::ok(&query, HOLIDAY_FIELDS, &data)
}

/// The rescheduling options of a holiday.
#[utoipa::path(get, path = "/holidays/template", tag = "Holidays",
    responses((status = 200, description = "Array of `{id, code, value}`")))]
async fn holiday_template(caller: Caller, query: Query) -> ApiResult<Response> {
    calendar::check_holiday_read(&caller.principal)?;
    let options: Vec<Value> = HolidayRescheduleType::OPTIONS
        .into_iter()
        .map(enum_option)
        .collect();
    respond::ok(&query, &[], &options)
}

#[utoipa::path(get, path = "/holidays/{holidayId}", tag = "Holidays",
    params(("holidayId" = i64, Path)),
    responses((status = 200, description = "The holiday"), (status = 404, description = "No such holiday")))]
async fn get_holiday(caller: Caller, Path(id): Path<String>, query: Query) -> ApiResult<Response> {
    let id = path_id(&id, "Holiday")?;
    let holiday = calendar::get_holiday(&caller.tenant, &caller.principal, id).await?;
    respond::ok(&query, HOLIDAY_FIELDS, &holiday_data(holiday))
}

/// Creates a pending holiday for the given offices.
#[utoipa::path(post, path = "/holidays", tag = "Holidays",
    request_body(content = String, description = "`{\"name\", \"fromDate\", \"toDate\", \"reschedulingType\": 1|2, \"repaymentsRescheduledTo\" (type 2), \"offices\": [{\"officeId\"}], \"description\", \"dateFormat\", \"locale\"}`", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId}`"), (status = 400, description = "Validation errors"),
              (status = 403, description = "No permission, a duplicate name, or a date rule")))]
async fn create_holiday(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let spec = spec(
        &state,
        &headers,
        "CREATE",
        HOLIDAY_ENTITY,
        "/holidays".into(),
        &body,
    );
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(HOLIDAY_PARAMS)?;
    let mut r = Reader::new(&json, "holiday");
    let name = r.required_string("name", 100);
    let from_date = r.required_date("fromDate");
    let to_date = r.required_date("toDate");
    let rescheduling_type = read_rescheduling_type(&mut r);
    // `null` and `""` count as absent, as everywhere: the default applies.
    let rescheduling_type = if r.has("reschedulingType") {
        rescheduling_type
    } else {
        Some(HolidayRescheduleType::SpecificDate)
    };
    let repayments_rescheduled_to = match rescheduling_type {
        Some(HolidayRescheduleType::SpecificDate) => r.required_date("repaymentsRescheduledTo"),
        _ => None,
    };
    let office_ids = read_offices(&mut r, &json);
    let description = r.string("description", 100);
    r.finish()?;
    let (Some(name), Some(from_date), Some(to_date), Some(rescheduling_type), Some(office_ids)) =
        (name, from_date, to_date, rescheduling_type, office_ids)
    else {
        return Err(internal("validated holiday fields went missing"));
    };
    let draft = HolidayDraft {
        name,
        description,
        from_date,
        to_date,
        repayments_rescheduled_to,
        rescheduling_type,
        office_ids,
    };
    run(&state, &caller, spec, &CreateHoliday { draft }).await
}

/// Updates a holiday; dates and offices only while it is pending.
#[utoipa::path(put, path = "/holidays/{holidayId}", tag = "Holidays", params(("holidayId" = i64, Path)),
    request_body(content = String, description = "Any of the creation fields", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId, changes}`"), (status = 400, description = "Validation errors"),
              (status = 404, description = "No such holiday")))]
async fn update_holiday(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "Holiday")?;
    let spec = spec(
        &state,
        &headers,
        "UPDATE",
        HOLIDAY_ENTITY,
        format!("/holidays/{id}"),
        &body,
    );
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(HOLIDAY_PARAMS)?;
    let mut r = Reader::new(&json, "holiday");
    let mut changes = HolidayChanges::default();
    if r.present("name") {
        changes.name = r.required_string("name", 100);
    }
    if r.present("description") {
        changes.description = Some(r.string("description", 100));
    }
    if r.present("reschedulingType") {
        changes.rescheduling_type = read_rescheduling_type(&mut r);
    }
    for (name, field) in [
        ("fromDate", &mut changes.from_date),
        ("toDate", &mut changes.to_date),
        (
            "repaymentsRescheduledTo",
            &mut changes.repayments_rescheduled_to,
        ),
    ] {
        if r.present(name) {
            *field = r.required_date(name);
        }
    }
    if r.present("offices") {
        changes.office_ids = read_offices(&mut r, &json);
    }
    r.finish()?;
    let raw: Map<String, Value> = HOLIDAY_PARAMS
        .iter()
        .filter_map(|k| json.value(k).map(|v| (k.to_string(), v)))
        .collect();
    run(&state, &caller, spec, &UpdateHoliday { id, changes, raw }).await
}

/// Deletes a holiday (it stays stored with status Deleted).
#[utoipa::path(delete, path = "/holidays/{holidayId}", tag = "Holidays", params(("holidayId" = i64, Path)),
    responses((status = 200, description = "`{resourceId}`"), (status = 404, description = "No such holiday")))]
async fn delete_holiday(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "Holiday")?;
    let spec = spec(
        &state,
        &headers,
        "DELETE",
        HOLIDAY_ENTITY,
        format!("/holidays/{id}"),
        &body,
    );
    run(&state, &caller, spec, &DeleteHoliday { id }).await
}

#[derive(Clone, Copy)]
enum HolidayCommand {
    Activate,
}

/// `command=activate`: a pending holiday takes effect.
#[utoipa::path(post, path = "/holidays/{holidayId}", tag = "Holidays",
    params(("holidayId" = i64, Path), ("command" = String, Query, description = "activate")),
    responses((status = 200, description = "`{resourceId}`"), (status = 400, description = "Unknown command or not pending"),
              (status = 404, description = "No such holiday")))]
async fn holiday_command(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    query: Query,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "Holiday")?;
    match query.command(&[("activate", HolidayCommand::Activate)])? {
        HolidayCommand::Activate => {
            let json = if body.0.trim().is_empty() {
                "{}".to_string()
            } else {
                body.0.clone()
            };
            let spec = CommandSpec {
                action: "ACTIVATE",
                entity: HOLIDAY_ENTITY,
                href: format!("/holidays/{id}?command=activate"),
                json,
                idempotency_key: crate::routes::idempotency_key(&state, &headers),
            };
            run(&state, &caller, spec, &ActivateHoliday { id }).await
        }
    }
}

/// `reschedulingType`: 1 (next repayment date) or 2 (a specific date).
fn read_rescheduling_type(r: &mut Reader) -> Option<HolidayRescheduleType> {
    let id = r.long("reschedulingType")?;
    let found = HolidayRescheduleType::from_id(id);
    if found.is_none() {
        r.error(
            ParamError::new(
                "reschedulingType",
                "validation.msg.holiday.reschedulingType.is.not.one.of.expected.enumerations",
                "The parameter `reschedulingType` must be one of [1, 2].",
            )
            .with_value(Value::from(id))
            .with_args(vec![Value::from(id), Value::from(vec![1, 2])]),
        );
    }
    found
}

/// `offices`: a non-empty array of `{"officeId": n}`.
fn read_offices(r: &mut Reader, json: &JsonBody) -> Option<Vec<i64>> {
    let mut ids = Vec::new();
    if let Some(Value::Array(items)) = json.value("offices") {
        for item in &items {
            let id = match item.get("officeId") {
                Some(Value::Number(n)) => n.as_i64(),
                Some(Value::String(s)) => s.trim().parse().ok(),
                _ => None,
            };
            match id {
                Some(id) => ids.push(id),
                None => {
                    r.error(
                        ParamError::new(
                            "offices",
                            "validation.msg.holiday.offices.cannot.be.blank",
                            "The parameter `offices` must hold an `officeId` in every item.",
                        )
                        .with_value(item.clone()),
                    );
                    return None;
                }
            }
        }
    }
    if ids.is_empty() {
        r.error(
            ParamError::new(
                "offices",
                "validation.msg.holiday.offices.cannot.be.blank",
                "The parameter `offices` is mandatory.",
            )
            .with_args(vec![Value::Null]),
        );
        return None;
    }
    ids.sort_unstable();
    ids.dedup();
    Some(ids)
}

/// A date query parameter read with the query's `dateFormat` and `locale`, like a body date.
fn query_date(
    query: &Query,
    name: &str,
    errors: &mut Vec<ParamError>,
) -> ApiResult<Option<NaiveDate>> {
    let Some(value) = query.text(name)? else {
        return Ok(None);
    };
    let format = query.text("dateFormat")?;
    let locale = query.text("locale")?;
    let (Some(format), Some(locale)) = (format, locale) else {
        let missing = if format.is_none() {
            "dateFormat"
        } else {
            "locale"
        };
        if !errors.iter().any(|e| e.parameter == missing) {
            errors.push(ParamError::new(
                missing,
                format!("validation.msg.missing.{missing}.parameter"),
                format!("The parameter `{missing}` is mandatory when `{name}` is provided."),
            ));
        }
        return Ok(None);
    };
    if !kassa_wire::is_supported_locale(locale) {
        errors.push(
            ParamError::new(
                "locale",
                "validation.msg.invalid.locale.format",
                format!("The parameter `locale` has an invalid value `{locale}`."),
            )
            .with_value(Value::from(locale)),
        );
        return Ok(None);
    }
    match kassa_wire::parse_date(value, format, locale) {
        Ok(d) => Ok(Some(d)),
        Err(_) => {
            errors.push(
                ParamError::new(
                    name,
                    "validation.msg.invalid.dateFormat.format",
                    format!("The parameter `{name}` is invalid based on the dateFormat: `{format}` and locale: `{locale}` provided:"),
                )
                .with_value(Value::from(value))
                .with_args(vec![Value::from(value), Value::from(format)]),
            );
            Ok(None)
        }
    }
}

fn internal(message: &str) -> ApiError {
    ApiError(AppError::Internal(message.to_string()))
}
