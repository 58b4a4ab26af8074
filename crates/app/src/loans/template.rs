//! `GET /loans/template`: what the new-loan form needs — the client, the products it may choose, and once
//! a product is chosen its defaults, with the loan officers and loan purposes to pick from.

use chrono::NaiveDate;
use kassa_domain::organisation::code::CodeValue;
use kassa_domain::organisation::staff::StaffStatus;
use kassa_store::repo::clients::client::ClientRecord;
use kassa_store::repo::organisation::staff::StaffListing;

use crate::error::AppResult;
use crate::loan_products::LoanProductView;
use crate::organisation::staff::StaffQuery;
use crate::organisation::{codes, staff};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;
use crate::{clients, loan_products, loans};

/// Fineract's code of loan purposes (`loanPurposeOptions`).
const LOAN_PURPOSE_CODE: &str = "LoanPurpose";

pub struct LoanTemplateQuery {
    pub client_id: Option<i64>,
    pub product_id: Option<i64>,
    /// Fineract's `activeOnly`: leave out products past their close date.
    pub active_only: bool,
    /// Fineract's `staffInSelectedOfficeOnly`: loan officers of the client's office only, not also of the
    /// offices above it.
    pub staff_in_selected_office_only: bool,
}

pub struct LoanTemplate {
    pub today: NaiveDate,
    pub client: Option<ClientRecord>,
    pub product_options: Vec<LoanProductView>,
    pub product: Option<LoanProductView>,
    pub loan_officers: Vec<StaffListing>,
    pub loan_purposes: Vec<CodeValue>,
}

pub async fn template(
    tenant: &TenantCtx,
    principal: &Principal,
    today: NaiveDate,
    query: LoanTemplateQuery,
) -> AppResult<LoanTemplate> {
    principal.permissions.check_read(loans::ENTITY)?;
    let client = match query.client_id {
        Some(id) => Some(clients::get(tenant, principal, id).await?),
        None => None,
    };
    let mut product_options = loan_products::list(tenant, principal).await?;
    if query.active_only {
        product_options.retain(|p| p.product.is_active(today));
    }
    let product = match query.product_id {
        Some(id) => Some(loan_products::get(tenant, principal, id).await?),
        None => None,
    };
    let loan_officers = match &client {
        Some(c) if principal.permissions.check_read(staff::ENTITY).is_ok() => {
            let query = StaffQuery {
                office_id: Some(c.office_id),
                in_office_hierarchy: !query.staff_in_selected_office_only,
                loan_officers_only: true,
                status: StaffStatus::Active,
            };
            staff::list(tenant, principal, query).await?
        }
        _ => Vec::new(),
    };
    let loan_purposes = codes::active_values_of(tenant, LOAN_PURPOSE_CODE).await?;
    Ok(LoanTemplate {
        today,
        client,
        product_options,
        product,
        loan_officers,
        loan_purposes,
    })
}
