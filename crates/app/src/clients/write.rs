//! Creating, updating and deleting clients.

use async_trait::async_trait;
use chrono::NaiveDate;
use kassa_domain::clients::{
    account_number, display_name, transition, ClientDates, ClientError, ClientStatus, LegalForm,
    Step,
};
use kassa_domain::organisation::office::{is_within, OfficeError};
use kassa_store::repo::clients::client::{
    self as repo, ClientDetails, ClientRecord, NewClient, UniqueColumn,
};
use kassa_store::repo::organisation::office as office_repo;
use kassa_store::{StoreError, Tx};
use serde_json::{Map, Value};

use super::access::visible_in_tx;
use crate::error::{AppError, AppResult};
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};

/// The validated fields of `POST /clients` (and, as `Option`s, of `PUT`).
#[derive(Debug, Clone, Default)]
pub struct ClientFields {
    pub legal_form: Option<LegalForm>,
    pub firstname: Option<String>,
    pub middlename: Option<String>,
    pub lastname: Option<String>,
    pub fullname: Option<String>,
    pub external_id: Option<String>,
    pub account_no: Option<String>,
    pub mobile_no: Option<String>,
    pub email_address: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub gender_id: Option<i64>,
    pub client_type_id: Option<i64>,
    pub client_classification_id: Option<i64>,
    pub staff_id: Option<i64>,
    pub savings_product_id: Option<i64>,
    pub is_staff: Option<bool>,
    pub submitted_on: Option<NaiveDate>,
    pub activation_date: Option<NaiveDate>,
}

pub struct CreateClient {
    pub office_id: i64,
    pub active: bool,
    pub fields: ClientFields,
}

/// Code tables behind the code-value fields of a client.
const GENDER: &str = "Gender";
const CLIENT_TYPE: &str = "ClientType";
const CLIENT_CLASSIFICATION: &str = "ClientClassification";

async fn check_code_values(tx: &mut Tx, f: &ClientFields) -> AppResult<()> {
    for (code, id) in [
        (GENDER, f.gender_id),
        (CLIENT_TYPE, f.client_type_id),
        (CLIENT_CLASSIFICATION, f.client_classification_id),
    ] {
        if let Some(id) = id {
            crate::organisation::codes::value_of_in_tx(tx, code, id).await?;
        }
    }
    Ok(())
}

/// Savings products arrive with the savings issue; until then no id names one.
fn check_savings_product(id: Option<i64>) -> AppResult<()> {
    match id {
        Some(id) => Err(AppError::NotFound {
            entity: "SavingsProduct",
            id: id.to_string(),
        }),
        None => Ok(()),
    }
}

async fn check_unique(tx: &mut Tx, f: &ClientFields, except: Option<i64>) -> AppResult<()> {
    let mut c = tx.conn();
    if let Some(v) = &f.external_id {
        if repo::taken(&mut c, UniqueColumn::ExternalId, v, except).await? {
            return Err(ClientError::DuplicateExternalId(v.clone()).into());
        }
    }
    if let Some(v) = &f.account_no {
        if repo::taken(&mut c, UniqueColumn::AccountNo, v, except).await? {
            return Err(ClientError::DuplicateAccountNo(v.clone()).into());
        }
    }
    if let Some(v) = &f.mobile_no {
        if repo::taken(&mut c, UniqueColumn::MobileNo, v, except).await? {
            return Err(ClientError::DuplicateMobileNo(v.clone()).into());
        }
    }
    Ok(())
}

/// A unique constraint that fired despite the checks (a concurrent write on PostgreSQL) keeps its code.
fn duplicate(f: &ClientFields) -> impl Fn(StoreError) -> AppError + '_ {
    move |e| match e {
        StoreError::Duplicate { detail } => {
            let v = |x: &Option<String>| x.clone().unwrap_or_default();
            if detail.contains("external_id") {
                ClientError::DuplicateExternalId(v(&f.external_id)).into()
            } else if detail.contains("account_no") {
                ClientError::DuplicateAccountNo(v(&f.account_no)).into()
            } else if detail.contains("mobile_no") {
                ClientError::DuplicateMobileNo(v(&f.mobile_no)).into()
            } else {
                StoreError::Duplicate { detail }.into()
            }
        }
        other => other.into(),
    }
}

fn date_rule(
    code: &'static str,
    message: &'static str,
    parameter: &'static str,
    date: NaiveDate,
) -> AppError {
    ClientError::DateRule {
        code,
        message,
        parameter,
        date,
    }
    .into()
}

/// The dates of a new or edited client against today and its office.
fn check_dates(
    submitted_on: NaiveDate,
    activation: Option<NaiveDate>,
    date_of_birth: Option<NaiveDate>,
    office_opening: NaiveDate,
    today: NaiveDate,
) -> AppResult<()> {
    if submitted_on > today {
        return Err(date_rule(
            "error.msg.clients.submittedOnDate.in.the.future",
            "submitted date cannot be in the future.",
            "submittedOnDate",
            submitted_on,
        ));
    }
    if let Some(dob) = date_of_birth {
        if dob >= today.min(submitted_on + chrono::Days::new(1)) {
            return Err(date_rule(
                "error.msg.clients.dateOfBirth.after.submittedOnDate",
                "date of birth must be before today and before the submitted date.",
                "dateOfBirth",
                dob,
            ));
        }
    }
    if let Some(activation) = activation {
        transition(
            0,
            ClientStatus::Pending,
            &ClientDates {
                submitted_on: Some(submitted_on),
                ..ClientDates::default()
            },
            Step::Activate(activation),
            today,
        )?;
        if activation < office_opening {
            return Err(date_rule(
                "error.msg.clients.activationDate.cannot.be.before.office.activation.date",
                "Client activation date cannot be a date before the office opening date.",
                "activationDate",
                activation,
            ));
        }
    }
    Ok(())
}

/// The office must exist and lie in the caller's subtree; returns its opening date.
async fn office_opening(tx: &mut Tx, ctx: &CommandCtx<'_>, office_id: i64) -> AppResult<NaiveDate> {
    let office = office_repo::find(&mut tx.conn(), office_id)
        .await?
        .ok_or(OfficeError::NotFound(office_id))?;
    if !is_within(&ctx.principal.office_hierarchy, &office.hierarchy) {
        return Err(OfficeError::NotFound(office_id).into());
    }
    Ok(office.opening_date)
}

#[async_trait]
impl Command for CreateClient {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let f = &self.fields;
        let opening = office_opening(tx, ctx, self.office_id).await?;
        let submitted_on = f.submitted_on.unwrap_or(ctx.today);
        let activation = if self.active { f.activation_date } else { None };
        check_dates(
            submitted_on,
            activation,
            f.date_of_birth,
            opening,
            ctx.today,
        )?;
        if let Some(staff_id) = f.staff_id {
            crate::organisation::staff::find_in_office_in_tx(tx, staff_id, self.office_id).await?;
        }
        check_code_values(tx, f).await?;
        check_savings_product(f.savings_product_id)?;
        check_unique(tx, f, None).await?;
        let legal_form = f.legal_form.unwrap_or(LegalForm::Person);
        let new = NewClient {
            account_no: f.account_no.clone(),
            external_id: f.external_id.clone(),
            status_enum: if activation.is_some() {
                ClientStatus::Active.id()
            } else {
                ClientStatus::Pending.id()
            },
            office_id: self.office_id,
            staff_id: f.staff_id,
            legal_form_enum: legal_form.id(),
            firstname: f.firstname.clone(),
            middlename: f.middlename.clone(),
            lastname: f.lastname.clone(),
            fullname: f.fullname.clone(),
            display_name: display_name(
                f.fullname.as_deref(),
                f.firstname.as_deref(),
                f.middlename.as_deref(),
                f.lastname.as_deref(),
            ),
            mobile_no: f.mobile_no.clone(),
            email_address: f.email_address.clone(),
            is_staff: f.is_staff.unwrap_or(false),
            date_of_birth: f.date_of_birth,
            gender_cv_id: f.gender_id,
            client_type_cv_id: f.client_type_id,
            client_classification_cv_id: f.client_classification_id,
            default_savings_product: f.savings_product_id,
            submittedon_date: submitted_on,
            submittedon_userid: ctx.principal.user_id,
            activation_date: activation,
            activatedon_userid: activation.map(|_| ctx.principal.user_id),
        };
        let (id, _) = repo::insert_in_tx(tx, &new, account_number)
            .await
            .map_err(duplicate(f))?;
        Ok(CommandResult {
            office_id: Some(self.office_id),
            client_id: Some(id),
            resource_id: Some(id),
            resource_external_id: f.external_id.clone(),
            ..Default::default()
        })
    }
}

pub struct UpdateClient {
    pub id: i64,
    pub fields: ClientFields,
    /// `PUT` parameters as sent, by name: `changes` echoes the submitted values, as Fineract does.
    pub raw: Map<String, Value>,
}

/// `Some(new)` when `new` differs from `old`.
fn changed<T: PartialEq + Clone>(new: &Option<T>, old: &T) -> Option<T> {
    new.as_ref().filter(|n| *n != old).cloned()
}

#[async_trait]
impl Command for UpdateClient {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let current = visible_in_tx(tx, ctx.principal, self.id).await?;
        let f = &self.fields;
        let mut next = details_of(&current);
        let mut changes = Map::new();
        let mut note = |name: &str, did: bool| {
            if did {
                if let Some(v) = self.raw.get(name) {
                    changes.insert(name.to_string(), v.clone());
                }
            }
        };
        macro_rules! apply_opt {
            ($field:ident, $param:literal, $src:expr) => {
                if self.raw.contains_key($param) {
                    let new = $src.clone();
                    note($param, new != next.$field);
                    next.$field = new;
                }
            };
        }
        apply_opt!(firstname, "firstname", f.firstname);
        apply_opt!(middlename, "middlename", f.middlename);
        apply_opt!(lastname, "lastname", f.lastname);
        apply_opt!(fullname, "fullname", f.fullname);
        apply_opt!(external_id, "externalId", f.external_id);
        apply_opt!(mobile_no, "mobileNo", f.mobile_no);
        apply_opt!(email_address, "emailAddress", f.email_address);
        apply_opt!(date_of_birth, "dateOfBirth", f.date_of_birth);
        apply_opt!(gender_cv_id, "genderId", f.gender_id);
        apply_opt!(client_type_cv_id, "clientTypeId", f.client_type_id);
        apply_opt!(
            client_classification_cv_id,
            "clientClassificationId",
            f.client_classification_id
        );
        apply_opt!(staff_id, "staffId", f.staff_id);
        apply_opt!(
            default_savings_product,
            "savingsProductId",
            f.savings_product_id
        );
        if let Some(account_no) =
            changed(&f.account_no, &next.account_no.clone().unwrap_or_default())
        {
            note("accountNo", true);
            next.account_no = Some(account_no);
        }
        if let Some(v) = changed(&f.is_staff, &next.is_staff) {
            note("isStaff", true);
            next.is_staff = v;
        }
        if let Some(v) = f.legal_form.map(LegalForm::id) {
            note("legalFormId", v != next.legal_form_enum);
            next.legal_form_enum = v;
        }
        if let Some(v) = changed(&f.submitted_on, &next.submittedon_date) {
            note("submittedOnDate", true);
            next.submittedon_date = v;
        }
        if let Some(v) = f.activation_date {
            // Fineract lets an active client's activation date be corrected, never a pending one's.
            if current.status_enum == ClientStatus::Active.id() {
                note("activationDate", Some(v) != next.activation_date);
                next.activation_date = Some(v);
            }
        }
        next.display_name = display_name(
            next.fullname.as_deref(),
            next.firstname.as_deref(),
            next.middlename.as_deref(),
            next.lastname.as_deref(),
        );
        if next.display_name.is_empty() {
            return Err(AppError::validation(crate::ParamError::new(
                "firstname",
                "validation.msg.client.firstname.cannot.be.blank",
                "The parameter `firstname` is mandatory.",
            )));
        }
        let opening = office_opening(tx, ctx, current.office_id).await?;
        check_dates(
            next.submittedon_date,
            next.activation_date,
            next.date_of_birth,
            opening,
            ctx.today,
        )?;
        if let Some(staff_id) = next.staff_id.filter(|s| Some(*s) != current.staff_id) {
            crate::organisation::staff::find_in_office_in_tx(tx, staff_id, current.office_id)
                .await?;
        }
        let check = ClientFields {
            gender_id: next
                .gender_cv_id
                .filter(|v| Some(*v) != current.gender_cv_id),
            client_type_id: next
                .client_type_cv_id
                .filter(|v| Some(*v) != current.client_type_cv_id),
            client_classification_id: next
                .client_classification_cv_id
                .filter(|v| Some(*v) != current.client_classification_cv_id),
            external_id: next
                .external_id
                .clone()
                .filter(|v| Some(v) != current.external_id.as_ref()),
            account_no: next
                .account_no
                .clone()
                .filter(|v| Some(v) != current.account_no.as_ref()),
            mobile_no: next
                .mobile_no
                .clone()
                .filter(|v| Some(v) != current.mobile_no.as_ref()),
            ..ClientFields::default()
        };
        check_code_values(tx, &check).await?;
        check_savings_product(
            next.default_savings_product
                .filter(|v| Some(*v) != current.default_savings_product),
        )?;
        check_unique(tx, &check, Some(self.id)).await?;
        if !changes.is_empty() {
            repo::update_details_in_tx(tx, self.id, &next)
                .await
                .map_err(duplicate(&check))?;
        }
        Ok(CommandResult {
            office_id: Some(current.office_id),
            client_id: Some(self.id),
            resource_id: Some(self.id),
            resource_external_id: next.external_id.clone(),
            changes: Some(changes),
            ..Default::default()
        })
    }
}

fn details_of(r: &ClientRecord) -> ClientDetails {
    ClientDetails {
        account_no: r.account_no.clone(),
        external_id: r.external_id.clone(),
        staff_id: r.staff_id,
        legal_form_enum: r.legal_form_enum,
        firstname: r.firstname.clone(),
        middlename: r.middlename.clone(),
        lastname: r.lastname.clone(),
        fullname: r.fullname.clone(),
        display_name: r.display_name.clone(),
        mobile_no: r.mobile_no.clone(),
        email_address: r.email_address.clone(),
        is_staff: r.is_staff,
        date_of_birth: r.date_of_birth,
        gender_cv_id: r.gender_cv_id,
        client_type_cv_id: r.client_type_cv_id,
        client_classification_cv_id: r.client_classification_cv_id,
        default_savings_product: r.default_savings_product,
        submittedon_date: r.submittedon_date,
        activation_date: r.activation_date,
    }
}

/// Deletes a pending client (Fineract's only deletable state).
pub struct DeleteClient {
    pub id: i64,
}

#[async_trait]
impl Command for DeleteClient {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let current = visible_in_tx(tx, ctx.principal, self.id).await?;
        if current.status_enum != ClientStatus::Pending.id() {
            return Err(ClientError::NotPendingForDelete(self.id).into());
        }
        repo::delete_in_tx(tx, self.id).await?;
        Ok(CommandResult {
            office_id: Some(current.office_id),
            client_id: Some(self.id),
            resource_id: Some(self.id),
            ..Default::default()
        })
    }
}
