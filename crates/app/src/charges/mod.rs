//! Charge definitions: read by everyone who sets up products and accounts, written by administrators.
//! Unlike Fineract, a charge's currency must be one the organisation has enabled (Fineract stores any code
//! and then hides the charge from every read).

use async_trait::async_trait;
use kassa_domain::charges::{
    self, Charge, ChargeAppliesTo, ChargeChanges, ChargeDefinition, ChargeError, Violation,
};
use kassa_domain::organisation::currency::Currency;
use kassa_domain::organisation::payment_type::PaymentType;
use kassa_store::repo::charges as repo;
use kassa_store::repo::organisation::currency as currency_repo;
use kassa_store::repo::organisation::payment_type as payment_type_repo;
use kassa_store::{Conn, Tx};
use serde_json::{Map, Value};

use crate::error::{AppError, AppResult, ParamError};
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub const ENTITY: &str = "CHARGE";

/// A charge with its currency and the payment type it is limited to, as reads show them.
#[derive(Debug, Clone)]
pub struct ChargeView {
    pub charge: Charge,
    pub currency: Option<Currency>,
    pub payment_type: Option<PaymentType>,
}

async fn view(c: &mut Conn<'_>, charge: Charge, currencies: &[Currency]) -> AppResult<ChargeView> {
    let payment_type = match charge.definition.payment_type_id {
        Some(id) => payment_type_repo::find(c, id).await?,
        None => None,
    };
    let currency = currencies
        .iter()
        .find(|cur| cur.code == charge.definition.currency_code)
        .cloned();
    Ok(ChargeView {
        charge,
        currency,
        payment_type,
    })
}

/// Every charge that is not deleted, by name.
pub async fn list(tenant: &TenantCtx, principal: &Principal) -> AppResult<Vec<ChargeView>> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let mut c = conn.conn();
    let currencies = currency_repo::list_platform(&mut c).await?;
    let mut out = Vec::new();
    for charge in repo::list(&mut c).await? {
        out.push(view(&mut c, charge, &currencies).await?);
    }
    Ok(out)
}

pub async fn get(tenant: &TenantCtx, principal: &Principal, id: i64) -> AppResult<ChargeView> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let mut c = conn.conn();
    let charge = repo::find(&mut c, id)
        .await?
        .ok_or(ChargeError::NotFound(id))?;
    let currencies = currency_repo::list_platform(&mut c).await?;
    view(&mut c, charge, &currencies).await
}

/// What the charge template offers that depends on the tenant: the enabled currencies.
pub async fn template_currencies(
    tenant: &TenantCtx,
    principal: &Principal,
) -> AppResult<Vec<Currency>> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(currency_repo::list_enabled(&mut conn.conn()).await?)
}

fn list_text(values: &[i64]) -> String {
    values
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Fineract's parameter errors for the domain's rule violations.
pub fn violation_errors(violations: Vec<Violation>) -> Vec<ParamError> {
    let (validator, entity) = (charges::VALIDATOR, charges::ENTITY);
    let ints = |v: &[i64]| v.iter().map(|i| Value::from(*i)).collect::<Vec<_>>();
    violations
        .into_iter()
        .map(|v| match v {
            Violation::NotOneOf { parameter, value, allowed } => {
                let e = ParamError::new(
                    parameter,
                    format!("validation.msg.{validator}.{parameter}.is.not.one.of.expected.enumerations"),
                    format!("The parameter `{parameter}` must be one of [ {} ] .", list_text(&allowed)),
                )
                .with_args(ints(&allowed));
                match value {
                    Some(value) => e.with_value(Value::from(value)),
                    None => e,
                }
            }
            Violation::Unwanted { parameter, value, unwanted } => ParamError::new(
                parameter,
                format!("validation.msg.{validator}.{parameter}.is.one.of.unwanted.enumerations"),
                format!("The parameter `{parameter}` must not be any of [ {} ] .", list_text(&unwanted)),
            )
            .with_value(Value::from(value))
            .with_args(ints(&unwanted)),
            Violation::Failed { parameter, value, rule } => ParamError::new(
                parameter,
                format!("validation.msg.{entity}.{rule}"),
                format!("Failed data validation due to: {rule}."),
            )
            .with_value(Value::from(value)),
            Violation::Missing { parameter } => ParamError::new(
                parameter,
                format!("validation.msg.{entity}.{parameter}.cannot.be.blank"),
                format!("The parameter `{parameter}` is mandatory."),
            )
            .with_args(vec![Value::Null]),
            Violation::OutOfRange { parameter, value, min, max } => ParamError::new(
                parameter,
                format!("validation.msg.{entity}.{parameter}.is.not.within.expected.range"),
                format!("The parameter `{parameter}` must be between {min} and {max}."),
            )
            .with_value(Value::from(value))
            .with_args(vec![Value::from(value), Value::from(min), Value::from(max)]),
        })
        .collect()
}

fn refuse(violations: Vec<Violation>) -> AppResult<()> {
    if violations.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(violation_errors(violations)))
    }
}

/// The checks that need the database: an enabled currency, an existing payment type, a free name.
async fn check_in_tx(tx: &mut Tx, d: &ChargeDefinition, except_id: Option<i64>) -> AppResult<()> {
    crate::organisation::currencies::enabled_in_tx(tx, &d.currency_code).await?;
    if let Some(id) = d.payment_type_id {
        crate::organisation::payment_types::find_in_tx(tx, id).await?;
    }
    if repo::name_taken(&mut tx.conn(), &d.name, except_id).await? {
        return Err(ChargeError::DuplicateName(d.name.clone()).into());
    }
    Ok(())
}

pub struct CreateCharge {
    pub definition: ChargeDefinition,
}

#[async_trait]
impl Command for CreateCharge {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let definition = self.definition.clone().normalized();
        refuse(charges::check_new(&definition)?)?;
        check_in_tx(tx, &definition, None).await?;
        let id = repo::insert_in_tx(tx, &definition).await?;
        Ok(CommandResult::resource(id))
    }
}

/// Updates a charge; answers `{resourceId, changes}` with the request's values of the changed parameters.
pub struct UpdateCharge {
    pub id: i64,
    pub changes: ChargeChanges,
    /// The request's values by parameter name, echoed in `changes`.
    pub values: Map<String, Value>,
}

/// Parameters whose change Fineract reports together with the request's `locale`.
const WITH_LOCALE: &[&str] = &[
    "amount",
    "chargeTimeType",
    "chargeCalculationType",
    "chargePaymentMode",
    "feeOnMonthDay",
    "feeInterval",
    "feeFrequency",
    "minCap",
    "maxCap",
];

#[async_trait]
impl Command for UpdateCharge {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let current = repo::find(&mut tx.conn(), self.id)
            .await?
            .ok_or(ChargeError::NotFound(self.id))?;
        let update = charges::apply(&current.definition, &self.changes)?;
        refuse(update.violations)?;
        let changed = |p: &str| update.changed.contains(&p);
        let next = &update.next;
        let frequency_changed = changed("feeFrequency") || changed("feeInterval");
        let check_use = if changed("active") {
            (!next.active).then_some(ChargeError::DeactivateInUse(self.id))
        } else {
            (frequency_changed && next.applies_to == ChargeAppliesTo::Loan)
                .then_some(ChargeError::FrequencyInUse(self.id))
        };
        if let Some(refusal) = check_use {
            if repo::used_by_loan_products(&mut tx.conn(), self.id).await? {
                return Err(refusal.into());
            }
        }
        let mut changes = Map::new();
        if !update.changed.is_empty() {
            check_in_tx(tx, next, Some(self.id)).await?;
            let charge = Charge {
                id: self.id,
                definition: next.clone(),
            };
            repo::update_in_tx(tx, &charge).await?;
            for name in &update.changed {
                let value = self.values.get(*name).cloned().unwrap_or(Value::Null);
                changes.insert((*name).to_string(), value);
            }
            if update.changed.iter().any(|p| WITH_LOCALE.contains(p)) {
                if let Some(locale) = self.values.get("locale") {
                    changes.insert("locale".into(), locale.clone());
                }
            }
        }
        Ok(CommandResult {
            resource_id: Some(self.id),
            changes: Some(changes),
            ..Default::default()
        })
    }
}

/// Deletes (softly) a charge no loan product uses.
pub struct DeleteCharge {
    pub id: i64,
}

#[async_trait]
impl Command for DeleteCharge {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let current = repo::find(&mut tx.conn(), self.id)
            .await?
            .ok_or(ChargeError::NotFound(self.id))?;
        if repo::used_by_loan_products(&mut tx.conn(), self.id).await? {
            return Err(ChargeError::DeleteInUse(self.id).into());
        }
        repo::delete_in_tx(tx, &current).await?;
        Ok(CommandResult::resource(self.id))
    }
}

/// The charges a loan product may list, as Fineract's `assembleListOfProductCharges` checks them: each
/// exists, is active and is in the product's currency. Repeats are dropped.
pub async fn check_for_loan_product_in_tx(
    tx: &mut Tx,
    ids: &[i64],
    currency_code: &str,
) -> AppResult<Vec<i64>> {
    let mut out: Vec<i64> = Vec::with_capacity(ids.len());
    for id in ids {
        let charge = repo::find(&mut tx.conn(), *id)
            .await?
            .ok_or(ChargeError::NotFound(*id))?;
        if !charge.definition.active {
            return Err(ChargeError::NotActive {
                id: *id,
                name: charge.definition.name,
            }
            .into());
        }
        if charge.definition.currency_code != currency_code {
            return Err(ChargeError::ProductCurrencyMismatch.into());
        }
        if !out.contains(id) {
            out.push(*id);
        }
    }
    Ok(out)
}

/// Replaces a loan product's charges; whether the set changed.
pub async fn set_for_loan_product_in_tx(
    tx: &mut Tx,
    product_id: i64,
    ids: &[i64],
) -> AppResult<bool> {
    let mut current = repo::loan_product_charge_ids(&mut tx.conn(), product_id).await?;
    let mut wanted = ids.to_vec();
    current.sort_unstable();
    wanted.sort_unstable();
    if current == wanted {
        return Ok(false);
    }
    repo::set_loan_product_charges_in_tx(tx, product_id, &wanted).await?;
    Ok(true)
}

/// The active charges a loan product lists, as reads show them.
pub async fn for_loan_product(c: &mut Conn<'_>, product_id: i64) -> AppResult<Vec<ChargeView>> {
    let charges = repo::loan_product_charges(c, product_id).await?;
    // Every loan read lists its product's charges: look up only the currencies they use, not all 160.
    let mut currencies: Vec<Currency> = Vec::new();
    for charge in &charges {
        let code = &charge.definition.currency_code;
        if !currencies.iter().any(|cur| &cur.code == code) {
            if let Some(currency) = currency_repo::find_platform(c, code).await? {
                currencies.push(currency);
            }
        }
    }
    let mut out = Vec::with_capacity(charges.len());
    for charge in charges {
        out.push(view(c, charge, &currencies).await?);
    }
    Ok(out)
}

/// The product's overdue-installment charges: `LoanAccountData.overdueCharges`, which Fineract lists on every
/// loan read (the web app's loan view reads its `length` unguarded).
pub async fn overdue_for_loan_product(
    tenant: &TenantCtx,
    product_id: i64,
) -> AppResult<Vec<ChargeView>> {
    let mut conn = tenant.pool().acquire().await?;
    let all = for_loan_product(&mut conn.conn(), product_id).await?;
    Ok(all
        .into_iter()
        .filter(|v| {
            v.charge.definition.time_type
                == kassa_domain::charges::ChargeTimeType::OverdueInstallment
        })
        .collect())
}

/// A loan product template's `chargeOptions` (fees) or `penaltyOptions`: active loan charges by name.
/// Reading them needs only the product template's own permission, as in Fineract.
pub async fn loan_product_options(tenant: &TenantCtx, penalty: bool) -> AppResult<Vec<ChargeView>> {
    let mut conn = tenant.pool().acquire().await?;
    let mut c = conn.conn();
    let currencies = currency_repo::list_platform(&mut c).await?;
    let mut out = Vec::new();
    for charge in repo::loan_options(&mut c, penalty).await? {
        out.push(view(&mut c, charge, &currencies).await?);
    }
    Ok(out)
}
