//! Reading clients: one, a filtered page, the form template and the accounts overview.

use kassa_domain::clients::{ClientError, ClientSearchColumn};
use kassa_domain::organisation::code::CodeValue;
use kassa_domain::organisation::office::is_within;
use kassa_domain::search::SearchExpr;
use kassa_store::repo::clients::client::{self as repo, ClientFilter, ClientOrder, ClientRecord};
use kassa_store::repo::organisation::office::{self as office_repo, OfficeListing, OfficeOrder};
use kassa_store::repo::organisation::staff::{self as staff_repo, StaffFilter, StaffListing};
use kassa_store::repo::paging::{PageBounds, SortOrder};

use super::access::{self, ENTITY};
use crate::error::AppResult;
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub async fn get(tenant: &TenantCtx, principal: &Principal, id: i64) -> AppResult<ClientRecord> {
    principal.permissions.check_read(ENTITY)?;
    access::visible(tenant, principal, id).await
}

pub async fn get_by_external_id(
    tenant: &TenantCtx,
    principal: &Principal,
    external_id: &str,
) -> AppResult<ClientRecord> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    repo::find_by_external_id(&mut conn.conn(), external_id)
        .await?
        .filter(|r| is_within(&principal.office_hierarchy, &r.office_hierarchy))
        .ok_or_else(|| ClientError::ExternalIdNotFound(external_id.to_string()).into())
}

/// The id of the client with this external id, if the caller may see it (for the `external-id` routes).
pub async fn id_of_external(
    tenant: &TenantCtx,
    principal: &Principal,
    external_id: &str,
) -> AppResult<i64> {
    let mut conn = tenant.pool().acquire().await?;
    repo::find_by_external_id(&mut conn.conn(), external_id)
        .await?
        .filter(|r| is_within(&principal.office_hierarchy, &r.office_hierarchy))
        .map(|r| r.id)
        .ok_or_else(|| ClientError::ExternalIdNotFound(external_id.to_string()).into())
}

/// A page of the clients the caller may see. `filter.within_hierarchy` is set here, never by the caller.
pub async fn list(
    tenant: &TenantCtx,
    principal: &Principal,
    mut filter: ClientFilter,
    search: Option<&SearchExpr<ClientSearchColumn>>,
    order: ClientOrder,
    sort: SortOrder,
    page: PageBounds,
) -> AppResult<(i64, Vec<ClientRecord>)> {
    principal.permissions.check_read(ENTITY)?;
    filter.within_hierarchy = principal.office_hierarchy.clone();
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::list(&mut conn.conn(), &filter, search, order, sort, page).await?)
}

/// The option lists of the client form.
pub struct ClientTemplate {
    pub office_id: i64,
    pub offices: Vec<OfficeListing>,
    pub staff: Vec<StaffListing>,
    pub genders: Vec<CodeValue>,
    pub client_types: Vec<CodeValue>,
    pub client_classifications: Vec<CodeValue>,
    pub constitutions: Vec<CodeValue>,
    pub main_business_lines: Vec<CodeValue>,
    pub relationships: Vec<CodeValue>,
    pub professions: Vec<CodeValue>,
    pub marital_statuses: Vec<CodeValue>,
    /// `commandParam=close|reject|withdraw|acceptTransfer`: the reasons of that command.
    pub narrations: Option<Vec<CodeValue>>,
}

/// Which reasons `commandParam` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateCommand {
    Close,
    Reject,
    Withdraw,
}

pub async fn template(
    tenant: &TenantCtx,
    principal: &Principal,
    office_id: Option<i64>,
    staff_in_selected_office_only: bool,
    command: Option<TemplateCommand>,
) -> AppResult<ClientTemplate> {
    principal.permissions.check_read(ENTITY)?;
    let office_id = office_id.unwrap_or(principal.office_id);
    let mut conn = tenant.pool().acquire().await?;
    let offices = office_repo::list_within(
        &mut conn.conn(),
        &principal.office_hierarchy,
        OfficeOrder::Hierarchy,
        SortOrder::Asc,
    )
    .await?;
    let staff = staff_repo::list_within(
        &mut conn.conn(),
        &principal.office_hierarchy,
        StaffFilter {
            office_id: staff_in_selected_office_only.then_some(office_id),
            loan_officers_only: false,
            is_active: Some(true),
        },
    )
    .await?;
    drop(conn);
    let values = |name: &'static str| crate::organisation::codes::active_values_of(tenant, name);
    let narrations = match command {
        None => None,
        Some(TemplateCommand::Close) => Some(values("ClientClosureReason").await?),
        Some(TemplateCommand::Reject) => Some(values("ClientRejectReason").await?),
        Some(TemplateCommand::Withdraw) => Some(values("ClientWithdrawReason").await?),
    };
    Ok(ClientTemplate {
        office_id,
        offices,
        staff,
        genders: values("Gender").await?,
        client_types: values("ClientType").await?,
        client_classifications: values("ClientClassification").await?,
        constitutions: values("Constitution").await?,
        main_business_lines: values("Main Business Line").await?,
        relationships: values("RELATIONSHIP").await?,
        professions: values("PROFESSION").await?,
        marital_statuses: values("MARITAL STATUS").await?,
        narrations,
    })
}
