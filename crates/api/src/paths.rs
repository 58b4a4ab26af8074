//! Where the API is served. Below the routes, so that the shared plumbing (`extract`, `guard`) can name
//! the base path without importing the routes that use it.

pub const API_BASE: &str = "/fineract-provider/api/v1";
pub const API_V2_BASE: &str = "/fineract-provider/api/v2";
pub const OPENAPI_JSON: &str = "/fineract-provider/fineract.json";
