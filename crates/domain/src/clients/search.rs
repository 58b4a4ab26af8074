//! The columns `GET /clients?sqlSearch=…` may name: Fineract's client column names (`c.` prefix allowed).

use crate::search::{ColumnKind, SearchColumn};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientSearchColumn {
    Id,
    AccountNo,
    ExternalId,
    DisplayName,
    Firstname,
    Middlename,
    Lastname,
    Fullname,
    MobileNo,
    EmailAddress,
    OfficeId,
    StaffId,
    StatusEnum,
    LegalFormEnum,
    GenderId,
    ActivationDate,
    SubmittedOnDate,
    DateOfBirth,
    IsStaff,
}

/// The whitelist: every other column name is refused with the list of these.
pub const CLIENT_SEARCH_COLUMNS: &[SearchColumn<ClientSearchColumn>] = &[
    SearchColumn::new("id", ColumnKind::Integer, ClientSearchColumn::Id),
    SearchColumn::new(
        "account_no",
        ColumnKind::Text,
        ClientSearchColumn::AccountNo,
    ),
    SearchColumn::new(
        "external_id",
        ColumnKind::Text,
        ClientSearchColumn::ExternalId,
    ),
    SearchColumn::new(
        "display_name",
        ColumnKind::Text,
        ClientSearchColumn::DisplayName,
    ),
    SearchColumn::new("firstname", ColumnKind::Text, ClientSearchColumn::Firstname),
    SearchColumn::new(
        "middlename",
        ColumnKind::Text,
        ClientSearchColumn::Middlename,
    ),
    SearchColumn::new("lastname", ColumnKind::Text, ClientSearchColumn::Lastname),
    SearchColumn::new("fullname", ColumnKind::Text, ClientSearchColumn::Fullname),
    SearchColumn::new("mobile_no", ColumnKind::Text, ClientSearchColumn::MobileNo),
    SearchColumn::new(
        "email_address",
        ColumnKind::Text,
        ClientSearchColumn::EmailAddress,
    ),
    SearchColumn::new(
        "office_id",
        ColumnKind::Integer,
        ClientSearchColumn::OfficeId,
    ),
    SearchColumn::new("staff_id", ColumnKind::Integer, ClientSearchColumn::StaffId),
    SearchColumn::new(
        "status_enum",
        ColumnKind::Integer,
        ClientSearchColumn::StatusEnum,
    ),
    SearchColumn::new(
        "legal_form_enum",
        ColumnKind::Integer,
        ClientSearchColumn::LegalFormEnum,
    ),
    SearchColumn::new(
        "gender_cv_id",
        ColumnKind::Integer,
        ClientSearchColumn::GenderId,
    ),
    SearchColumn::new(
        "activation_date",
        ColumnKind::Date,
        ClientSearchColumn::ActivationDate,
    ),
    SearchColumn::new(
        "submittedon_date",
        ColumnKind::Date,
        ClientSearchColumn::SubmittedOnDate,
    ),
    SearchColumn::new(
        "date_of_birth",
        ColumnKind::Date,
        ClientSearchColumn::DateOfBirth,
    ),
    SearchColumn::new("is_staff", ColumnKind::Boolean, ClientSearchColumn::IsStaff),
];
