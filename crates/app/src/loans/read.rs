//! A loan as reads show it: the record fresh from the database in one statement that also says which
//! version its other rows are at; those rows and the catalogue entries the read names come from what this
//! process kept (`platform::read_cache`) when their versions match, else from one snapshot.

use std::sync::Arc;

use kassa_domain::loan_products::LoanProduct;
use kassa_domain::organisation::currency::{Currency, CurrencyError};
use kassa_store::repo::loans::loan::LoanRecord;
use kassa_store::repo::loans::read::{self as repo, CatalogueVersion, LoanRows, LoanRowsVersion};
use kassa_store::repo::organisation::currency as currency_repo;

use super::applications::{not_found, visible_to, ENTITY};
use crate::charges::ChargeView;
use crate::error::AppResult;
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

/// A loan the caller may see, with every row its read shows.
pub struct LoanRead {
    pub loan: LoanRecord,
    pub version: LoanRowsVersion,
    pub rows: Arc<LoanRows>,
}

/// Opens loan `id` for a read: one statement when its rows are kept at the database's version, else that
/// statement again and the rows in one snapshot. A loan outside the caller's offices does not exist for it.
pub async fn open(tenant: &TenantCtx, principal: &Principal, id: i64) -> AppResult<LoanRead> {
    principal.permissions.check_read(ENTITY)?;
    let (loan, version) = {
        let mut conn = tenant.pool().acquire().await?;
        repo::head(&mut conn.conn(), id).await?
    }
    .filter(|(loan, _)| visible_to(principal, loan))
    .ok_or_else(|| not_found(id))?;
    if let Some(rows) = tenant.cache().loan_rows(id, version) {
        return Ok(LoanRead {
            loan,
            version,
            rows,
        });
    }
    // The record is read again inside the snapshot, so that it, the version and the rows are of one commit.
    let mut conn = tenant.pool().begin_read().await?;
    let mut c = conn.conn();
    let (loan, version) = repo::head(&mut c, id)
        .await?
        .filter(|(loan, _)| visible_to(principal, loan))
        .ok_or_else(|| not_found(id))?;
    let rows = Arc::new(repo::rows(&mut c, id).await?);
    drop(conn);
    tenant.cache().keep_loan_rows(id, version, rows.clone());
    Ok(LoanRead {
        loan,
        version,
        rows,
    })
}

/// A client's loans with their rows, for the accounts overview: one statement when every loan's rows are
/// kept, else one snapshot for the loans that are not. The client was checked visible by the caller.
pub async fn of_client(tenant: &TenantCtx, client_id: i64) -> AppResult<Vec<LoanRead>> {
    let heads = {
        let mut conn = tenant.pool().acquire().await?;
        repo::heads_of_client(&mut conn.conn(), client_id).await?
    };
    let kept: Vec<Option<Arc<LoanRows>>> = heads
        .iter()
        .map(|(loan, version)| tenant.cache().loan_rows(loan.id, *version))
        .collect();
    if kept.iter().all(Option::is_some) {
        return Ok(heads
            .into_iter()
            .zip(kept.into_iter().flatten())
            .map(|((loan, version), rows)| LoanRead {
                loan,
                version,
                rows,
            })
            .collect());
    }
    let mut conn = tenant.pool().begin_read().await?;
    let mut c = conn.conn();
    let heads = repo::heads_of_client(&mut c, client_id).await?;
    let mut out = Vec::with_capacity(heads.len());
    for (loan, version) in heads {
        let rows = match tenant.cache().loan_rows(loan.id, version) {
            Some(rows) => rows,
            None => {
                let rows = Arc::new(repo::rows(&mut c, loan.id).await?);
                tenant
                    .cache()
                    .keep_loan_rows(loan.id, version, rows.clone());
                rows
            }
        };
        out.push(LoanRead {
            loan,
            version,
            rows,
        });
    }
    Ok(out)
}

/// The loan's currency (see [`super::currency`]), its platform row kept by the catalogue's version.
pub async fn currency(
    tenant: &TenantCtx,
    version: CatalogueVersion,
    loan: &LoanRecord,
) -> AppResult<Currency> {
    let platform = match tenant.cache().currency(version, &loan.currency_code) {
        Some(c) => c,
        None => {
            let mut conn = tenant.pool().acquire().await?;
            let found = currency_repo::find_platform(&mut conn.conn(), &loan.currency_code)
                .await?
                .ok_or_else(|| CurrencyError::NotEnabled(loan.currency_code.clone()))?;
            tenant.cache().keep_currency(version, found.clone());
            found
        }
    };
    Ok(Currency {
        decimal_places: u32::try_from(loan.currency_digits).unwrap_or(2),
        in_multiples_of: Some(loan.currency_multiplesof),
        ..platform
    })
}

/// The loan's product, kept by the catalogue's version.
pub async fn product(
    tenant: &TenantCtx,
    version: CatalogueVersion,
    id: i64,
) -> AppResult<Arc<LoanProduct>> {
    if let Some(p) = tenant.cache().product(version, id) {
        return Ok(p);
    }
    let product = Arc::new(super::schedule::product(tenant, id).await?);
    tenant.cache().keep_product(version, product.clone());
    Ok(product)
}

/// The product's overdue-installment charges, kept by the catalogue's version.
pub async fn overdue_charges(
    tenant: &TenantCtx,
    version: CatalogueVersion,
    product_id: i64,
) -> AppResult<Arc<Vec<ChargeView>>> {
    if let Some(c) = tenant
        .cache()
        .overdue_charges(version, product_id)
        .and_then(|kept| kept.downcast::<Vec<ChargeView>>().ok())
    {
        return Ok(c);
    }
    let charges = Arc::new(crate::charges::overdue_for_loan_product(tenant, product_id).await?);
    tenant
        .cache()
        .keep_overdue_charges(version, product_id, charges.clone());
    Ok(charges)
}
