//! What the user endpoints answer: `AppUserData` and its option lists.

use kassa_app::organisation::users::UserView;
use serde::Serialize;
use serde_json::Value;

use crate::routes::organisation::roles::RoleData;
use crate::routes::organisation::staff::StaffData;

/// Fineract's `AppUserData`, fields in its order.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct UserData {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) office_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) office_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) firstname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) lastname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) password_never_expires: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) allowed_offices: Option<Vec<OfficeOption>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) available_roles: Option<Vec<RoleData>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) self_service_roles: Option<Vec<RoleData>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) selected_roles: Option<Vec<RoleData>>,
    /// The linked staff member, in full (Fineract's `StaffData`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) staff: Option<StaffData>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) is_self_service_user: Option<bool>,
    /// Self-service client mappings are not stored yet: a self-service user shows an empty list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) clients: Option<Vec<Value>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct OfficeOption {
    pub(super) id: i64,
    pub(super) name: String,
    pub(super) name_decorated: String,
}

pub(super) fn user_data(view: UserView) -> UserData {
    let UserView {
        listing,
        roles,
        staff,
    } = view;
    let u = listing.user;
    UserData {
        id: Some(u.id),
        username: Some(u.username),
        office_id: Some(u.office_id),
        office_name: Some(listing.office_name),
        firstname: Some(u.firstname),
        lastname: Some(u.lastname),
        email: u.email,
        password_never_expires: Some(u.password_never_expires),
        selected_roles: Some(roles.into_iter().map(RoleData::from).collect()),
        staff: staff.map(StaffData::from),
        is_self_service_user: Some(u.is_self_service_user),
        ..Default::default()
    }
}
