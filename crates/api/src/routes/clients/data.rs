//! Fineract's `ClientData` and the pieces of it, built from the store's record.

use chrono::NaiveDate;
use kassa_app::clients::ClientTemplate;
use kassa_domain::clients::{ClientStatus, LegalForm};
use kassa_domain::organisation::code::CodeValue;
use kassa_domain::organisation::office::name_decorated;
use kassa_store::repo::clients::client::ClientRecord;
use serde::Serialize;

use crate::wire::ser;

/// `{id, code, value}` of an enum.
#[derive(Serialize, Clone)]
pub struct EnumData {
    pub id: i64,
    pub code: &'static str,
    pub value: &'static str,
}

pub fn status_data(status_enum: i64) -> EnumData {
    match ClientStatus::from_id(status_enum) {
        Some(s) => EnumData {
            id: s.id(),
            code: s.code(),
            value: s.value(),
        },
        None => EnumData {
            id: status_enum,
            code: "clientStatusType.invalid",
            value: "Invalid",
        },
    }
}

fn legal_form_data(id: i64) -> Option<EnumData> {
    LegalForm::from_id(id).map(|l| EnumData {
        id: l.id(),
        code: l.code(),
        value: l.value(),
    })
}

/// A code value as a client shows it (`gender`, `clientType`, …).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeValueData {
    pub id: i64,
    pub name: String,
    pub active: bool,
    pub mandatory: bool,
}

impl From<&CodeValue> for CodeValueData {
    fn from(v: &CodeValue) -> Self {
        CodeValueData {
            id: v.id,
            name: v.name.clone(),
            active: v.is_active,
            mandatory: v.is_mandatory,
        }
    }
}

fn named(id: Option<i64>, name: &Option<String>) -> Option<CodeValueData> {
    Some(CodeValueData {
        id: id?,
        name: name.clone()?,
        active: true,
        mandatory: false,
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    #[serde(serialize_with = "ser::date")]
    submitted_on_date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    submitted_by_username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    submitted_by_firstname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    submitted_by_lastname: Option<String>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    activated_on_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    activated_by_username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    activated_by_firstname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    activated_by_lastname: Option<String>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    closed_on_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    closed_by_username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    closed_by_firstname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    closed_by_lastname: Option<String>,
}

/// Fineract's `ClientData` (GET /clients/{id} and the rows of GET /clients).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientData {
    pub id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_no: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    pub status: EnumData,
    pub active: bool,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    pub activation_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub firstname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub middlename: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lastname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fullname: Option<String>,
    pub display_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mobile_no: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_address: Option<String>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    pub date_of_birth: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<CodeValueData>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_type: Option<CodeValueData>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_classification: Option<CodeValueData>,
    pub is_staff: bool,
    pub office_id: i64,
    pub office_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transfer_to_office_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transfer_to_office_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_id: Option<i64>,
    pub image_present: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff_name: Option<String>,
    pub timeline: Timeline,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub savings_product_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub savings_account_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal_form: Option<EnumData>,
    /// Groups arrive with the groups issue; the web app reads `.length` unconditionally.
    pub groups: Vec<serde_json::Value>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub template: Option<TemplateData>,
}

impl From<ClientRecord> for ClientData {
    fn from(r: ClientRecord) -> Self {
        ClientData {
            id: r.id,
            account_no: r.account_no,
            external_id: r.external_id,
            status: status_data(r.status_enum),
            active: r.status_enum == ClientStatus::Active.id(),
            activation_date: r.activation_date,
            firstname: r.firstname,
            middlename: r.middlename,
            lastname: r.lastname,
            fullname: r.fullname,
            display_name: r.display_name,
            mobile_no: r.mobile_no,
            email_address: r.email_address,
            date_of_birth: r.date_of_birth,
            gender: named(r.gender_cv_id, &r.gender_name),
            client_type: named(r.client_type_cv_id, &r.client_type_name),
            client_classification: named(
                r.client_classification_cv_id,
                &r.client_classification_name,
            ),
            is_staff: r.is_staff,
            office_id: r.office_id,
            office_name: r.office_name,
            transfer_to_office_id: r.transfer_to_office_id,
            transfer_to_office_name: r.transfer_to_office_name,
            image_present: r.image_id.is_some(),
            image_id: r.image_id,
            staff_id: r.staff_id,
            staff_name: r.staff_name,
            timeline: Timeline {
                submitted_on_date: r.submittedon_date,
                submitted_by_username: r.submitted_by,
                submitted_by_firstname: r.submitted_by_firstname,
                submitted_by_lastname: r.submitted_by_lastname,
                activated_on_date: r.activation_date,
                activated_by_username: r.activated_by,
                activated_by_firstname: r.activated_by_firstname,
                activated_by_lastname: r.activated_by_lastname,
                closed_on_date: r.closedon_date,
                closed_by_username: r.closed_by,
                closed_by_firstname: r.closed_by_firstname,
                closed_by_lastname: r.closed_by_lastname,
            },
            savings_product_id: r.default_savings_product,
            savings_account_id: r.default_savings_account,
            legal_form: legal_form_data(r.legal_form_enum),
            groups: vec![],
            template: None,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OfficeOption {
    id: i64,
    name: String,
    name_decorated: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffOption {
    id: i64,
    display_name: String,
    office_id: i64,
    office_name: String,
    is_loan_officer: bool,
    is_active: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FamilyMemberOptions {
    relationship_id_options: Vec<CodeValueData>,
    gender_id_options: Vec<CodeValueData>,
    profession_id_options: Vec<CodeValueData>,
    marital_status_id_options: Vec<CodeValueData>,
}

/// The option lists of `GET /clients/template` (also merged into `GET /clients/{id}?template=true`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TemplateData {
    office_options: Vec<OfficeOption>,
    staff_options: Vec<StaffOption>,
    saving_product_options: Vec<serde_json::Value>,
    gender_options: Vec<CodeValueData>,
    client_type_options: Vec<CodeValueData>,
    client_classification_options: Vec<CodeValueData>,
    client_non_person_constitution_options: Vec<CodeValueData>,
    client_non_person_main_business_line_options: Vec<CodeValueData>,
    client_legal_form_options: Vec<EnumData>,
    family_member_options: FamilyMemberOptions,
    is_address_enabled: bool,
    datatables: Vec<serde_json::Value>,
}

/// `GET /clients/template`: the form's defaults and options, or just `narrations` for a command.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientTemplateData {
    #[serde(skip_serializing_if = "Option::is_none")]
    office_id: Option<i64>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    activation_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    narrations: Option<Vec<CodeValueData>>,
    #[serde(flatten)]
    options: TemplateData,
}

fn values(v: &[CodeValue]) -> Vec<CodeValueData> {
    v.iter().map(CodeValueData::from).collect()
}

pub fn template_data(t: &ClientTemplate) -> TemplateData {
    TemplateData {
        office_options: t
            .offices
            .iter()
            .map(|l| OfficeOption {
                id: l.office.id,
                name: l.office.name.clone(),
                name_decorated: name_decorated(&l.office.hierarchy, &l.office.name),
            })
            .collect(),
        staff_options: t
            .staff
            .iter()
            .map(|l| StaffOption {
                id: l.staff.id,
                display_name: l.staff.display_name.clone(),
                office_id: l.staff.office_id,
                office_name: l.office_name.clone(),
                is_loan_officer: l.staff.is_loan_officer,
                is_active: l.staff.is_active,
            })
            .collect(),
        saving_product_options: vec![],
        gender_options: values(&t.genders),
        client_type_options: values(&t.client_types),
        client_classification_options: values(&t.client_classifications),
        client_non_person_constitution_options: values(&t.constitutions),
        client_non_person_main_business_line_options: values(&t.main_business_lines),
        client_legal_form_options: [LegalForm::Person, LegalForm::Entity]
            .into_iter()
            .map(|l| EnumData {
                id: l.id(),
                code: l.code(),
                // The template shows the capitalised word (Fineract's `LegalForm` enum option).
                value: match l {
                    LegalForm::Person => "Person",
                    LegalForm::Entity => "Entity",
                },
            })
            .collect(),
        family_member_options: FamilyMemberOptions {
            relationship_id_options: values(&t.relationships),
            gender_id_options: values(&t.genders),
            profession_id_options: values(&t.professions),
            marital_status_id_options: values(&t.marital_statuses),
        },
        is_address_enabled: false,
        datatables: vec![],
    }
}

pub fn client_template_data(t: &ClientTemplate, today: NaiveDate) -> ClientTemplateData {
    ClientTemplateData {
        office_id: Some(t.office_id),
        activation_date: Some(today),
        narrations: t.narrations.as_deref().map(values),
        options: template_data(t),
    }
}
