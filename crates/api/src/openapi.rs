//! The OpenAPI document: every route is registered through `utoipa_axum`, so the document and the router
//! are built from the same list and cannot drift apart.

use utoipa::openapi::path::Operation;
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
};
use utoipa::openapi::{ContentBuilder, InfoBuilder, OpenApi, Ref, RefOr};
use utoipa::Modify;

use crate::error::{Arg, Envelope, ErrorItem};

#[derive(utoipa::OpenApi)]
#[openapi(
    info(title = "Kassa (Apache Fineract compatible API)", description = "Fineract's staff REST API, served by Kassa."),
    modifiers(&Security),
    components(schemas(Envelope, ErrorItem, Arg)),
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
        (name = "General Ledger Account", description = "The chart of accounts: header and detail accounts of the five types."),
        (name = "Accounting Rules", description = "Named debit and credit sides (accounts or tags) for manual journal entries."),
        (name = "Mapping Financial Activities to Accounts", description = "The GL account each financial activity posts to."),
        (name = "Accounting Closure", description = "An office's books closed up to a date."),
        (name = "Journal Entries", description = "Manual entries, reversals, opening balances and the ledger's lines."),
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

/// Adds the error answers that nearly every operation can give, with the envelope's schema, where the
/// operation does not already describe them: 401 without valid credentials, 403 without the permission (or
/// on a domain rule), 404 for an id that names nothing, 400 for invalid input. Public operations
/// (authentication, actuator) get only what applies to them. Paths under `authenticated_bases` need
/// credentials.
pub fn declare_error_statuses(doc: &mut OpenApi, authenticated_bases: &[&str]) {
    for (path, item) in doc.paths.paths.iter_mut() {
        let authenticated = authenticated_bases.iter().any(|b| path.starts_with(b));
        let public = !authenticated || path.ends_with("/authentication");
        let has_id = path.contains('{');
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            declare(
                op,
                "400",
                "Invalid input: every problem is listed in `errors`",
            );
            if !public {
                declare(op, "401", "Missing or invalid credentials or tenant");
                declare(
                    op,
                    "403",
                    "Without the permission, or a domain rule refuses the request",
                );
            }
            if has_id && authenticated {
                declare(
                    op,
                    "404",
                    "No resource with this id (or not visible to the caller)",
                );
            }
        }
    }
}

fn declare(op: &mut Operation, status: &str, description: &str) {
    op.responses
        .responses
        .entry(status.to_string())
        .or_insert_with(|| {
            RefOr::T(
                ResponseBuilder::new()
                    .description(description)
                    .content(
                        "application/json",
                        ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name("Envelope")))
                            .build(),
                    )
                    .build(),
            )
        });
}
