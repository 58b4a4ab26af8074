//! Loan products: read by anyone who opens loans, written by administrators. A product's currency must be
//! one the organisation has enabled; names, short names and external ids are unique.

use async_trait::async_trait;
use kassa_domain::loan_products::{
    LoanProduct, LoanProductError, LoanProductPatch, LoanProductTerms,
};
use kassa_domain::organisation::currency::Currency;
use kassa_store::repo::loan_products as repo;
use kassa_store::repo::organisation::currency as currency_repo;
use kassa_store::{Conn, Tx};
use serde_json::{Map, Value};

use crate::error::{AppError, AppResult, ParamError};
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub const ENTITY: &str = "LOANPRODUCT";
/// Fineract's validator resource name: `validation.msg.loanproduct.<parameter>.<rule>`.
pub const RESOURCE: &str = "loanproduct";

/// A product with the currency it is in (name, symbol and label come from the currency list).
#[derive(Debug, Clone)]
pub struct LoanProductView {
    pub product: LoanProduct,
    pub currency: Option<Currency>,
    /// The active charges the product lists.
    pub charges: Vec<crate::charges::ChargeView>,
}

async fn view(c: &mut Conn<'_>, product: LoanProduct) -> AppResult<LoanProductView> {
    let currency = currency_repo::find_platform(c, &product.terms.currency_code).await?;
    let charges = crate::charges::for_loan_product(c, product.id).await?;
    Ok(LoanProductView {
        product,
        currency,
        charges,
    })
}

/// Every loan product, by id.
pub async fn list(tenant: &TenantCtx, principal: &Principal) -> AppResult<Vec<LoanProductView>> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let mut c = conn.conn();
    let products = repo::list(&mut c).await?;
    let currencies = currency_repo::list_platform(&mut c).await?;
    let mut out = Vec::with_capacity(products.len());
    for product in products {
        let currency = currencies
            .iter()
            .find(|cur| cur.code == product.terms.currency_code)
            .cloned();
        let charges = crate::charges::for_loan_product(&mut c, product.id).await?;
        out.push(LoanProductView {
            product,
            currency,
            charges,
        });
    }
    Ok(out)
}

pub async fn get(tenant: &TenantCtx, principal: &Principal, id: i64) -> AppResult<LoanProductView> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let mut c = conn.conn();
    let product = repo::find(&mut c, id)
        .await?
        .ok_or_else(|| LoanProductError::NotFound(id.to_string()))?;
    view(&mut c, product).await
}

/// The id of the product with `external_id`; a 404 when there is none.
/// No permission check: the read or write that follows checks its own.
pub async fn id_by_external_id(tenant: &TenantCtx, external_id: &str) -> AppResult<i64> {
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::id_by_external_id(&mut conn.conn(), external_id)
        .await?
        .ok_or_else(|| LoanProductError::NotFound(external_id.to_string()))?)
}

/// What the product template offers that depends on the tenant: the enabled currencies.
pub async fn template_currencies(
    tenant: &TenantCtx,
    principal: &Principal,
) -> AppResult<Vec<Currency>> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(currency_repo::list_enabled(&mut conn.conn()).await?)
}

/// Fineract's min ≤ default ≤ max errors for `terms`.
pub fn range_errors(terms: &LoanProductTerms) -> Vec<ParamError> {
    terms
        .range_violations()
        .into_iter()
        .map(|v| {
            let mut args = vec![Value::from(v.value.to_string())];
            args.extend(v.limits.iter().map(|l| Value::from(l.to_string())));
            let limits = v
                .limits
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" and ");
            ParamError::new(
                v.parameter,
                format!("validation.msg.{RESOURCE}.{}.{}", v.parameter, v.rule),
                format!(
                    "The parameter `{}` ({}) is out of range ({}).",
                    v.parameter, v.value, limits
                ),
            )
            .with_value(Value::from(v.value.to_string()))
            .with_args(args)
        })
        .collect()
}

/// The checks that need the database: the currency is enabled, no fund (funds do not exist yet), and the
/// unique columns are free.
async fn check_in_tx(
    tx: &mut Tx,
    terms: &LoanProductTerms,
    except_id: Option<i64>,
) -> AppResult<()> {
    crate::organisation::currencies::enabled_in_tx(tx, &terms.currency_code).await?;
    if let Some(fund_id) = terms.fund_id {
        return Err(AppError::NotFound {
            entity: "Fund",
            id: fund_id.to_string(),
        });
    }
    let mut c = tx.conn();
    if repo::name_taken(&mut c, &terms.name, except_id).await? {
        return Err(LoanProductError::DuplicateName(terms.name.clone()).into());
    }
    if repo::short_name_taken(&mut c, &terms.short_name, except_id).await? {
        return Err(LoanProductError::DuplicateShortName(terms.short_name.clone()).into());
    }
    if let Some(ext) = &terms.external_id {
        if repo::external_id_taken(&mut c, ext, except_id).await? {
            return Err(LoanProductError::DuplicateExternalId(ext.clone()).into());
        }
    }
    Ok(())
}

pub struct CreateLoanProduct {
    pub terms: LoanProductTerms,
    /// The ids in the request's `charges`.
    pub charge_ids: Vec<i64>,
}

#[async_trait]
impl Command for CreateLoanProduct {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let errors = range_errors(&self.terms);
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        check_in_tx(tx, &self.terms, None).await?;
        crate::accounting::loan_journal::check_product_mappings(
            &mut tx.conn(),
            self.terms.accounting_rule,
            &self.terms.accounting_mappings,
        )
        .await?;
        let charge_ids = crate::charges::check_for_loan_product_in_tx(
            tx,
            &self.charge_ids,
            &self.terms.currency_code,
        )
        .await?;
        let id = repo::insert_in_tx(tx, &self.terms).await?;
        crate::charges::set_for_loan_product_in_tx(tx, id, &charge_ids).await?;
        Ok(CommandResult::resource(id))
    }
}

/// Updates a product; answers `{resourceId, changes}` with the request's values of the changed parameters.
pub struct UpdateLoanProduct {
    pub id: i64,
    pub patch: LoanProductPatch,
    /// The request's values by parameter name, echoed in `changes`.
    pub values: Map<String, Value>,
    /// The ids in the request's `charges`, when it has them.
    pub charge_ids: Option<Vec<i64>>,
}

#[async_trait]
impl Command for UpdateLoanProduct {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let current = repo::find(&mut tx.conn(), self.id)
            .await?
            .ok_or_else(|| LoanProductError::NotFound(self.id.to_string()))?;
        let (mut terms, changed) = current.terms.apply(&self.patch);
        // Under an unchanged rule the given mappings update those they name (Fineract's update); a new rule
        // takes only the mappings given with it.
        if terms.accounting_rule == current.terms.accounting_rule
            && changed.contains(&"accountingMappings")
        {
            let mut merged = current.terms.accounting_mappings.clone();
            for (param, id) in &terms.accounting_mappings {
                merged.retain(|(p, _)| p != param);
                merged.push((param.clone(), *id));
            }
            terms.accounting_mappings = merged;
        }
        let errors = range_errors(&terms);
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        let mut changes = Map::new();
        if !changed.is_empty() {
            check_in_tx(tx, &terms, Some(self.id)).await?;
            if changed.contains(&"accountingRule") || changed.contains(&"accountingMappings") {
                crate::accounting::loan_journal::check_product_mappings(
                    &mut tx.conn(),
                    terms.accounting_rule,
                    &terms.accounting_mappings,
                )
                .await?;
            }
            repo::update_in_tx(tx, &LoanProduct { id: self.id, terms }).await?;
            for name in changed {
                let value = self.values.get(name).cloned().unwrap_or(Value::Null);
                changes.insert(name.to_string(), value);
            }
            if let Some(locale) = self.values.get("locale") {
                changes.insert("locale".into(), locale.clone());
            }
        }
        if let Some(ids) = &self.charge_ids {
            let currency = self
                .patch
                .currency_code
                .as_deref()
                .unwrap_or(&current.terms.currency_code);
            let ids = crate::charges::check_for_loan_product_in_tx(tx, ids, currency).await?;
            if crate::charges::set_for_loan_product_in_tx(tx, self.id, &ids).await? {
                let value = self.values.get("charges").cloned().unwrap_or(Value::Null);
                changes.insert("charges".into(), value);
            }
        }
        Ok(CommandResult {
            resource_id: Some(self.id),
            changes: Some(changes),
            ..Default::default()
        })
    }
}
