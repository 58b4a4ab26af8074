//! The OpenAPI document: every route is registered through `utoipa_axum`, so the document and the router
//! are built from the same list and cannot drift apart.

use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
};
use utoipa::openapi::{InfoBuilder, OpenApi};
use utoipa::Modify;

#[derive(utoipa::OpenApi)]
#[openapi(
    info(title = "Kassa (Apache Fineract compatible API)", description = "Fineract's staff REST API, served by Kassa."),
    modifiers(&Security),
    tags(
        (name = "Authentication HTTP Basic", description = "Validate credentials and return the user's permissions."),
        (name = "Offices", description = "The office tree every client, loan and user belongs to."),
        (name = "Users", description = "Application users."),
        (name = "Roles", description = "Roles and their permissions."),
        (name = "Permissions", description = "Permission codes and maker-checker flags."),
        (name = "Audits", description = "The command log."),
        (name = "Maker Checker (or 4-eye) functionality", description = "Writes waiting for a second person's approval."),
        (name = "Staff", description = "Staff members of the offices; loan officers among them."),
        (name = "Client Identifier", description = "Identity documents of a client (passport, national id, …)."),
        (name = "Images", description = "A client's photo."),
        (name = "Notes", description = "Free-text notes on a client."),
        (name = "Client Charges", description = "Charges applied directly to a client (none yet)."),
        (name = "Client Transaction", description = "Transactions on a client's charges (none yet)."),
        (name = "Codes", description = "Admin-defined lists (Gender, ClientType, closure reasons, …)."),
        (name = "Code Values", description = "The values of a code."),
        (name = "Currency", description = "The currencies the organisation has enabled."),
        (name = "Payment Type", description = "How money moved in a transaction."),
        (name = "Loan Products", description = "The templates loans are opened from: currency, schedule shape and bounds."),
        (name = "Charges", description = "Charge definitions: the fees and penalties products and accounts pick from."),
        (name = "Loans", description = "Loan applications: the repayment schedule an application would get (calculateLoanSchedule)."),
        (name = "Global Configuration", description = "Named switches and values of the organisation."),
        (name = "Business Date Management", description = "The logical business date that is the server's today while enabled."),
        (name = "Working days", description = "The days of the week that are working days."),
        (name = "Holidays", description = "Office holidays and where repayments falling on them go."),
        (name = "Password preferences", description = "Which password validation policy is active."),
        (name = "Entity Field Configuration", description = "Field configuration of entities (none configured)."),
        (name = "Data Tables", description = "Registered data tables (none yet)."),
        (name = "Notification", description = "User notifications (none yet)."),
        (name = "Entity Data Table", description = "Entity-datatable checks (none yet)."),
        (name = "Actuator", description = "Health, build information and metrics.")
    )
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "tenantid",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Fineract-Platform-TenantId",
                "The tenant identifier, e.g. `default`.",
            ))),
        );
        components.add_security_scheme(
            "basicAuth",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Basic).build()),
        );
        let both = SecurityRequirement::new("tenantid", Vec::<String>::new())
            .add("basicAuth", Vec::<String>::new());
        openapi.security = Some(vec![both]);
        openapi.info = InfoBuilder::new()
            .title(openapi.info.title.clone())
            .description(openapi.info.description.clone())
            .version(env!("CARGO_PKG_VERSION"))
            .build();
    }
}
