//! Rule failures of clients, their details, loan products and charges as Fineract reports them.

use axum::http::StatusCode;
use kassa_domain::charges::ChargeError;
use kassa_domain::clients::detail::ClientDetailError;
use kassa_domain::clients::ClientError;
use kassa_domain::loan_products::LoanProductError;
use serde_json::Value;

use super::*;

pub(super) fn client(e: &ClientError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    let id_rule = |code: &str, id: &i64| domain_rule(code, &message, "id", vec![Value::from(*id)]);
    match e {
        ClientError::NotFound(id) => {
            not_found("error.msg.client.id.invalid", &message, Value::from(*id))
        }
        ClientError::ExternalIdNotFound(ext) => not_found(
            "error.msg.client.external.id.invalid",
            &message,
            Value::from(ext.as_str()),
        ),
        ClientError::DuplicateExternalId(v) => integrity(
            "error.msg.client.duplicate.externalId",
            &message,
            "externalId",
            Value::from(v.as_str()),
        ),
        ClientError::DuplicateAccountNo(v) => integrity(
            "error.msg.client.duplicate.accountNo",
            &message,
            "accountNo",
            Value::from(v.as_str()),
        ),
        ClientError::DuplicateMobileNo(v) => integrity(
            "error.msg.client.duplicate.mobileNo",
            &message,
            "mobileNo",
            Value::from(v.as_str()),
        ),
        ClientError::Transition {
            action,
            reason,
            dates,
            ..
        } => domain_rule(
            &format!("error.msg.client.{action}.{reason}"),
            &message,
            "id",
            dates.iter().map(|d| Value::from(d.to_string())).collect(),
        ),
        // Fineract reports these two as parameter errors (400), not as domain rules.
        ClientError::AlreadyActive => validation(vec![item(
            "error.msg.clients.already.active",
            &message,
            "activationDate",
            vec![],
        )]),
        ClientError::DateRule {
            code,
            parameter,
            date,
            ..
        } => validation(vec![item(
            code,
            &message,
            parameter,
            vec![Value::from(date.to_string())],
        )]),
        ClientError::NotPendingForDelete(id) => id_rule("error.msg.clients.cannot.be.deleted", id),
        ClientError::NotActive(id) => id_rule("error.msg.client.not.active.exception", id),
        ClientError::NotAwaitingTransfer(id) => id_rule(
            "error.msg.client.not.awaiting.transfer.approval.exception",
            id,
        ),
        ClientError::NotAwaitingTransferOrOnHold(id) => id_rule(
            "error.msg.client.not.awaiting.transfer.approval.or.on.hold.exception",
            id,
        ),
        ClientError::TransferToSameOffice(office) => domain_rule(
            "error.msg.cannot.transfer.client.as.selected.office.and.current.office.are.same",
            &message,
            "destinationOfficeId",
            vec![Value::from(office.as_str())],
        ),
        ClientError::HasNoStaff(id) => id_rule("error.msg.client.has.no.staff", id),
    }
}

pub(super) fn client_detail(e: &ClientDetailError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    let text = |s: &str| Value::from(s);
    match e {
        ClientDetailError::IdentifierNotFound(id) => not_found(
            "error.msg.clientIdentifier.id.invalid",
            &message,
            Value::from(*id),
        ),
        ClientDetailError::DuplicateIdentifierKey {
            client_name,
            office_name,
            document_type,
            document_key,
        } => domain_rule(
            "error.msg.clientIdentifier.identityKey.duplicate",
            &message,
            "documentKey",
            vec![
                text(client_name),
                text(office_name),
                text(document_type),
                text(document_key),
            ],
        ),
        ClientDetailError::IdentifierKeyTaken {
            document_type,
            document_key,
        } => domain_rule(
            "error.msg.clientIdentifier.identityKey.duplicate",
            &message,
            "documentKey",
            vec![text(document_type), text(document_key)],
        ),
        ClientDetailError::DuplicateActiveIdentifier(t) => domain_rule(
            "error.msg.clientIdentifier.type.duplicate",
            &message,
            "documentTypeId",
            vec![text(t)],
        ),
        ClientDetailError::NoteNotFound { id, client_id } => envelope(
            StatusCode::NOT_FOUND,
            "The requested resource is not available.",
            "The requested resource is not available.",
            "error.msg.resource.not.found",
            Some(vec![item(
                "error.msg.client.note.id.invalid",
                &message,
                "id",
                vec![Value::from(*id), Value::from(*client_id)],
            )]),
        ),
        ClientDetailError::ImageNotFound(client_id) => envelope(
            StatusCode::NOT_FOUND,
            "The requested resource is not available.",
            "The requested resource is not available.",
            "error.msg.resource.not.found",
            Some(vec![item(
                "error.msg.entity.image.invalid",
                &message,
                "id",
                vec![text("clients"), Value::from(*client_id)],
            )]),
        ),
        ClientDetailError::InvalidDataUrl => {
            domain_rule("error.msg.dataURL.save", &message, "id", vec![])
        }
        // Fineract never looks inside the bytes; Kassa's decoding check is a parameter error.
        ClientDetailError::NotAnImage(declared) => validation(vec![item(
            "error.msg.image.type.upload",
            &message,
            "file",
            vec![text(declared)],
        )]),
        ClientDetailError::ImageTooLarge {
            size_bytes,
            limit_bytes,
        } => domain_rule(
            "error.msg.document.file.too.big",
            &message,
            "file",
            vec![Value::from(*size_bytes), Value::from(*limit_bytes)],
        ),
        ClientDetailError::ImageDimensionsTooLarge {
            width,
            height,
            max_side,
        } => domain_rule(
            "error.msg.image.dimensions.too.big",
            &message,
            "file",
            vec![
                Value::from(*width),
                Value::from(*height),
                Value::from(*max_side),
            ],
        ),
        ClientDetailError::ImageCannotWaitForApproval(permission) => domain_rule(
            "error.msg.image.cannot.await.approval",
            &message,
            "id",
            vec![text(permission)],
        ),
    }
}

pub(super) fn loan_product(e: &LoanProductError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    match e {
        LoanProductError::NotFound(id) => not_found(
            "error.msg.loanproduct.id.invalid",
            &message,
            id.parse::<i64>()
                .map(Value::from)
                .unwrap_or_else(|_| Value::from(id.as_str())),
        ),
        LoanProductError::DuplicateName(name) => integrity(
            "error.msg.product.loan.duplicate.name",
            &message,
            "name",
            Value::from(name.as_str()),
        ),
        LoanProductError::DuplicateShortName(name) => integrity(
            "error.msg.product.loan.duplicate.short.name",
            &message,
            "shortName",
            Value::from(name.as_str()),
        ),
        LoanProductError::DuplicateExternalId(ext) => integrity(
            "error.msg.product.loan.duplicate.externalId",
            &message,
            "externalId",
            Value::from(ext.as_str()),
        ),
    }
}

pub(super) fn charge(e: &ChargeError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    match e {
        ChargeError::NotFound(id) => {
            not_found("error.msg.charge.id.invalid", &message, Value::from(*id))
        }
        ChargeError::DuplicateName(name) => integrity(
            "error.msg.charge.duplicate.name",
            &message,
            "name",
            Value::from(name.as_str()),
        ),
        ChargeError::DisbursementCannotBePenalty(name) => domain_rule(
            "error.msg.charge.due.at.disbursement.cannot.be.penalty",
            &message,
            "id",
            vec![Value::from(name.as_str()), Value::from(name.as_str())],
        ),
        ChargeError::MustBePenalty(name) => domain_rule(
            "error.msg.charge.must.be.penalty",
            &message,
            "id",
            vec![Value::from(name.as_str()), Value::from(name.as_str())],
        ),
        ChargeError::AppliesToNotUpdatable => domain_rule(
            "error.msg.charge.update.of.charge.applies.to.is.not.supported",
            &message,
            "id",
            vec![],
        ),
        ChargeError::DeleteInUse(_) => domain_rule(
            "error.msg.charge.cannot.be.deleted.it.is.already.used.in.loan",
            &message,
            "id",
            vec![],
        ),
        ChargeError::DeactivateInUse(_) => domain_rule(
            "error.msg.charge.cannot.be.updated.it.is.used.in.loan",
            &message,
            "id",
            vec![],
        ),
        ChargeError::FrequencyInUse(_) => domain_rule(
            "error.msg.charge.frequency.cannot.be.updated.it.is.used.in.loan",
            &message,
            "id",
            vec![],
        ),
        ChargeError::NotActive { id, name } => domain_rule(
            "error.msg.charge.is.not.active",
            &message,
            "id",
            vec![Value::from(name.as_str()), Value::from(*id)],
        ),
        ChargeError::ProductCurrencyMismatch => domain_rule(
            "error.msg.charge.attach.to.loan.product.invalid.currency",
            &message,
            "id",
            vec![],
        ),
    }
}
