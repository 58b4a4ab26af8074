//! Reading client bodies: Fineract's whitelists and validation, every problem gathered into one 400.

use kassa_app::clients::{ClientAction, ClientFields};
use kassa_app::ParamError;
use kassa_domain::clients::LegalForm;
use serde_json::Value;

use crate::error::ApiResult;
use crate::wire::{JsonBody, Reader};

pub const CREATE_PARAMS: &[&str] = &[
    "officeId",
    "legalFormId",
    "firstname",
    "middlename",
    "lastname",
    "fullname",
    "externalId",
    "accountNo",
    "mobileNo",
    "emailAddress",
    "dateOfBirth",
    "genderId",
    "clientTypeId",
    "clientClassificationId",
    "staffId",
    "savingsProductId",
    "active",
    "activationDate",
    "submittedOnDate",
    "isStaff",
    "familyMembers",
    "address",
    "datatables",
    "clientNonPersonDetails",
    "groupId",
    "dateFormat",
    "locale",
];
pub const UPDATE_PARAMS: &[&str] = &[
    "locale",
    "dateFormat",
    "accountNo",
    "externalId",
    "mobileNo",
    "emailAddress",
    "firstname",
    "middlename",
    "lastname",
    "fullname",
    "active",
    "activationDate",
    "staffId",
    "savingsProductId",
    "dateOfBirth",
    "genderId",
    "clientTypeId",
    "clientClassificationId",
    "submittedOnDate",
    "clientNonPersonDetails",
    "legalFormId",
    "isStaff",
];

const NAME_MAX: usize = 50;
const FULLNAME_MAX: usize = 100;
const EXTERNAL_ID_MAX: usize = 100;
const ACCOUNT_NO_MAX: usize = 20;
const MOBILE_MAX: usize = 50;
const EMAIL_MAX: usize = 100;

fn positive_id(r: &mut Reader, name: &str) -> Option<i64> {
    let v = r.long(name)?;
    if v < 1 {
        r.error(
            ParamError::new(
                name,
                format!("validation.msg.client.{name}.not.greater.than.zero"),
                format!("The parameter `{name}` must be greater than 0."),
            )
            .with_value(Value::from(v)),
        );
        return None;
    }
    Some(v)
}

fn email(r: &mut Reader) -> Option<String> {
    let v = r.string("emailAddress", EMAIL_MAX)?;
    let ok = v.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
    }) && !v.contains(char::is_whitespace);
    if !ok {
        r.error(
            ParamError::new(
                "emailAddress",
                "validation.msg.client.emailAddress.invalid",
                "The parameter `emailAddress` is not a valid e-mail address.",
            )
            .with_value(Value::from(v)),
        );
        return None;
    }
    Some(v)
}

fn legal_form(r: &mut Reader, required: bool) -> Option<LegalForm> {
    if !r.present("legalFormId") {
        if required {
            // Fineract defaults to a person when the form does not say.
            return Some(LegalForm::Person);
        }
        return None;
    }
    let id = r.long("legalFormId")?;
    let form = LegalForm::from_id(id);
    if form.is_none() {
        r.error(
            ParamError::new(
                "legalFormId",
                "validation.msg.client.legalFormId.is.not.one.of.expected.enumerations",
                "The parameter `legalFormId` must be 1 (person) or 2 (entity).",
            )
            .with_value(Value::from(id)),
        );
    }
    form
}

/// Arrays the web app sends that Kassa accepts but does not keep yet (`familyMembers`, `address`,
/// `datatables`): they must at least be arrays.
fn ignored_array(r: &mut Reader, json: &JsonBody, name: &str) {
    if let Some(v) = json.value(name) {
        if !v.is_array() && !v.is_null() {
            r.error(ParamError::new(
                name,
                format!("validation.msg.client.{name}.not.an.array"),
                format!("The parameter `{name}` must be an array."),
            ));
        }
    }
}

/// `POST /clients`: the office, `active`, and the fields.
pub fn read_create(json: &JsonBody) -> ApiResult<(i64, bool, ClientFields)> {
    json.check_supported(CREATE_PARAMS)?;
    let mut r = Reader::new(json, "client");
    let office_id = r.required_long("officeId");
    let form = legal_form(&mut r, true);
    let mut f = read_names(&mut r, form.unwrap_or(LegalForm::Person), true);
    f.legal_form = form;
    read_common(&mut r, &mut f);
    let active = match r.boolean("active") {
        Some(a) => a,
        None => {
            if !r.has("active") {
                r.mandatory_missing("active");
            }
            false
        }
    };
    f.activation_date = if active {
        r.required_date("activationDate")
    } else {
        r.date("activationDate")
    };
    f.submitted_on = r.date("submittedOnDate");
    for name in ["familyMembers", "address", "datatables"] {
        ignored_array(&mut r, json, name);
    }
    if r.present("groupId") {
        r.error(ParamError::new(
            "groupId",
            "validation.msg.client.groupId.not.supported",
            "Groups are not supported yet: create the client without `groupId`.",
        ));
    }
    r.finish()?;
    Ok((office_id.unwrap_or_default(), active, f))
}

/// `PUT /clients/{id}`.
pub fn read_update(json: &JsonBody) -> ApiResult<ClientFields> {
    json.check_supported(UPDATE_PARAMS)?;
    let mut r = Reader::new(json, "client");
    let form = legal_form(&mut r, false);
    let mut f = read_names(&mut r, form.unwrap_or(LegalForm::Person), false);
    f.legal_form = form;
    read_common(&mut r, &mut f);
    r.boolean("active");
    f.activation_date = r.date("activationDate");
    f.submitted_on = r.date("submittedOnDate");
    r.finish()?;
    Ok(f)
}

/// Names: a person has first and last name (middle optional), an entity a full name; never both kinds.
fn read_names(r: &mut Reader, form: LegalForm, creating: bool) -> ClientFields {
    let mut f = ClientFields {
        firstname: r.string("firstname", NAME_MAX),
        middlename: r.string("middlename", NAME_MAX),
        lastname: r.string("lastname", NAME_MAX),
        fullname: r.string("fullname", FULLNAME_MAX),
        ..ClientFields::default()
    };
    if !creating {
        return f;
    }
    let has_parts = f.firstname.is_some() || f.lastname.is_some() || f.middlename.is_some();
    match (f.fullname.is_some(), has_parts) {
        (true, true) | (false, false) => r.error(ParamError::new(
            "id",
            "validation.msg.client.id.no.name.details.passed",
            "Either `fullname` or `firstname` and `lastname` must be given, not both.",
        )),
        (false, true) => {
            for (name, v) in [("firstname", &f.firstname), ("lastname", &f.lastname)] {
                if v.is_none() {
                    r.mandatory_missing(name);
                }
            }
        }
        (true, false) => {}
    }
    if form == LegalForm::Entity && f.fullname.is_none() && has_parts {
        // Fineract stores an entity's name parts as its full name.
        f.fullname = Some(
            [&f.firstname, &f.middlename, &f.lastname]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(" "),
        );
        f.firstname = None;
        f.middlename = None;
        f.lastname = None;
    }
    f
}

fn read_common(r: &mut Reader, f: &mut ClientFields) {
    f.external_id = r.string("externalId", EXTERNAL_ID_MAX);
    f.account_no = r.string("accountNo", ACCOUNT_NO_MAX);
    f.mobile_no = r.string("mobileNo", MOBILE_MAX);
    f.email_address = email(r);
    f.date_of_birth = r.date("dateOfBirth");
    f.gender_id = positive_id(r, "genderId");
    f.client_type_id = positive_id(r, "clientTypeId");
    f.client_classification_id = positive_id(r, "clientClassificationId");
    f.staff_id = positive_id(r, "staffId");
    f.savings_product_id = positive_id(r, "savingsProductId");
    f.is_staff = r.boolean("isStaff");
    // `clientNonPersonDetails` (entity incorporation details) is accepted and not kept yet.
}

/// The commands of `POST /clients/{id}?command=…`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommandName {
    Activate,
    Close,
    Reject,
    Withdraw,
    Reactivate,
    UndoRejection,
    UndoWithdrawal,
    AssignStaff,
    UnassignStaff,
    UpdateSavingsAccount,
    ProposeTransfer,
    WithdrawTransfer,
    RejectTransfer,
    AcceptTransfer,
    ProposeAndAcceptTransfer,
}

impl CommandName {
    /// Fineract's action name: the permission is `<ACTION>_CLIENT`.
    pub fn action_name(self) -> &'static str {
        use CommandName as N;
        match self {
            N::Activate => "ACTIVATE",
            N::Close => "CLOSE",
            N::Reject => "REJECT",
            N::Withdraw => "WITHDRAW",
            N::Reactivate => "REACTIVATE",
            N::UndoRejection => "UNDOREJECT",
            N::UndoWithdrawal => "UNDOWITHDRAWAL",
            N::AssignStaff => "ASSIGNSTAFF",
            N::UnassignStaff => "UNASSIGNSTAFF",
            N::UpdateSavingsAccount => "UPDATESAVINGSACCOUNT",
            N::ProposeTransfer => "PROPOSETRANSFER",
            N::WithdrawTransfer => "WITHDRAWTRANSFER",
            N::RejectTransfer => "REJECTTRANSFER",
            N::AcceptTransfer => "ACCEPTTRANSFER",
            N::ProposeAndAcceptTransfer => "PROPOSEANDACCEPTTRANSFER",
        }
    }
}

pub const COMMANDS: &[(&str, CommandName)] = &[
    ("activate", CommandName::Activate),
    ("close", CommandName::Close),
    ("reject", CommandName::Reject),
    ("withdraw", CommandName::Withdraw),
    ("reactivate", CommandName::Reactivate),
    ("undoRejection", CommandName::UndoRejection),
    ("undoWithdrawal", CommandName::UndoWithdrawal),
    ("assignStaff", CommandName::AssignStaff),
    ("unassignStaff", CommandName::UnassignStaff),
    ("updateSavingsAccount", CommandName::UpdateSavingsAccount),
    ("proposeTransfer", CommandName::ProposeTransfer),
    ("withdrawTransfer", CommandName::WithdrawTransfer),
    ("rejectTransfer", CommandName::RejectTransfer),
    ("acceptTransfer", CommandName::AcceptTransfer),
    (
        "proposeAndAcceptTransfer",
        CommandName::ProposeAndAcceptTransfer,
    ),
];

/// The body of a client command, validated against that command's whitelist.
pub fn read_command(name: CommandName, json: &JsonBody) -> ApiResult<ClientAction> {
    use CommandName as N;
    let allowed: &[&str] = match name {
        N::Activate => &["activationDate", "dateFormat", "locale"],
        N::Close => &["closureDate", "closureReasonId", "dateFormat", "locale"],
        N::Reject => &["rejectionDate", "rejectionReasonId", "dateFormat", "locale"],
        N::Withdraw => &[
            "withdrawalDate",
            "withdrawalReasonId",
            "dateFormat",
            "locale",
        ],
        N::Reactivate => &["reactivationDate", "dateFormat", "locale"],
        N::UndoRejection | N::UndoWithdrawal => &["reopenedDate", "dateFormat", "locale"],
        N::AssignStaff | N::UnassignStaff => &["staffId"],
        N::UpdateSavingsAccount => &["savingsAccountId"],
        N::ProposeTransfer | N::ProposeAndAcceptTransfer => &[
            "destinationOfficeId",
            "transferDate",
            "note",
            "inheritDestinationGroupLoanOfficer",
            "staffId",
            "destinationGroupId",
            "dateFormat",
            "locale",
        ],
        N::WithdrawTransfer | N::RejectTransfer => {
            &["note", "transferDate", "dateFormat", "locale"]
        }
        N::AcceptTransfer => &[
            "note",
            "transferDate",
            "staffId",
            "destinationGroupId",
            "dateFormat",
            "locale",
        ],
    };
    json.check_supported(allowed)?;
    let mut r = Reader::new(json, "client");
    let action = match name {
        N::Activate => r
            .required_date("activationDate")
            .map(|on| ClientAction::Activate { on }),
        N::Close => {
            let on = r.required_date("closureDate");
            let reason = r.required_long("closureReasonId");
            on.zip(reason)
                .map(|(on, reason_id)| ClientAction::Close { on, reason_id })
        }
        N::Reject => {
            let on = r.required_date("rejectionDate");
            let reason = r.required_long("rejectionReasonId");
            on.zip(reason)
                .map(|(on, reason_id)| ClientAction::Reject { on, reason_id })
        }
        N::Withdraw => {
            let on = r.required_date("withdrawalDate");
            let reason = r.required_long("withdrawalReasonId");
            on.zip(reason)
                .map(|(on, reason_id)| ClientAction::Withdraw { on, reason_id })
        }
        N::Reactivate => r
            .required_date("reactivationDate")
            .map(|on| ClientAction::Reactivate { on }),
        N::UndoRejection => r
            .required_date("reopenedDate")
            .map(|on| ClientAction::UndoRejection { on }),
        N::UndoWithdrawal => r
            .required_date("reopenedDate")
            .map(|on| ClientAction::UndoWithdrawal { on }),
        N::AssignStaff => r
            .required_long("staffId")
            .map(|staff_id| ClientAction::AssignStaff { staff_id }),
        N::UnassignStaff => r
            .required_long("staffId")
            .map(|staff_id| ClientAction::UnassignStaff { staff_id }),
        N::UpdateSavingsAccount => r
            .required_long("savingsAccountId")
            .map(|savings_account_id| ClientAction::UpdateSavingsAccount { savings_account_id }),
        N::ProposeTransfer => {
            let office = r.required_long("destinationOfficeId");
            let on = r.date("transferDate");
            r.string("note", 1000);
            r.boolean("inheritDestinationGroupLoanOfficer");
            r.long("staffId");
            r.long("destinationGroupId");
            office.map(|destination_office_id| ClientAction::ProposeTransfer {
                destination_office_id,
                on,
            })
        }
        N::ProposeAndAcceptTransfer => {
            let office = r.required_long("destinationOfficeId");
            r.date("transferDate");
            r.string("note", 1000);
            r.boolean("inheritDestinationGroupLoanOfficer");
            let staff_id = r.long("staffId");
            r.long("destinationGroupId");
            office.map(
                |destination_office_id| ClientAction::ProposeAndAcceptTransfer {
                    destination_office_id,
                    staff_id,
                },
            )
        }
        N::WithdrawTransfer | N::RejectTransfer => {
            r.string("note", 1000);
            r.date("transferDate");
            Some(if name == N::WithdrawTransfer {
                ClientAction::WithdrawTransfer
            } else {
                ClientAction::RejectTransfer
            })
        }
        N::AcceptTransfer => {
            r.string("note", 1000);
            r.date("transferDate");
            r.long("destinationGroupId");
            let staff_id = r.long("staffId");
            Some(ClientAction::AcceptTransfer { staff_id })
        }
    };
    r.finish()?;
    action.ok_or_else(|| {
        crate::error::ApiError(kassa_app::AppError::Internal(
            "validated client command fields went missing".into(),
        ))
    })
}
