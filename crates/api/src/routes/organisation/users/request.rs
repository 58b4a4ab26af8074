//! Reading a user's request body: password and its rule, staff, e-mail, roles and self-service clients.

use kassa_app::organisation::users::{self, PasswordRule};
use kassa_app::ParamError;
use kassa_domain::organisation::user::account::{is_plausible_email, normalise_role_ids};
use serde_json::Value;

use crate::error::ApiResult;
use crate::extract::Caller;
use crate::wire::{JsonBody, Reader};

/// The active password policy, read only when the body carries a password.
pub(super) async fn password_rule_if_needed(
    caller: &Caller,
    json: &JsonBody,
) -> ApiResult<Option<PasswordRule>> {
    if json.get("password").is_some() {
        Ok(Some(users::password_rule(&caller.tenant).await?))
    } else {
        Ok(None)
    }
}

/// The password exactly as sent (not trimmed), checked against the policy and `repeatPassword`.
pub(super) fn read_password(
    r: &mut Reader,
    json: &JsonBody,
    rule: Option<&PasswordRule>,
) -> Option<String> {
    let password = match json.value("password") {
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        Some(Value::Number(n)) => n.to_string(),
        None | Some(Value::Null) | Some(Value::String(_)) => {
            r.mandatory_missing("password");
            return None;
        }
        Some(_) => {
            r.error(ParamError::new(
                "password",
                "validation.msg.user.password.must.be.a.string",
                "The parameter `password` must be a string.",
            ));
            return None;
        }
    };
    let Some(rule) = rule else {
        r.error(ParamError::new(
            "password",
            "validation.msg.user.password.cannot.be.checked",
            "The password policy could not be read.",
        ));
        return None;
    };
    let mut ok = true;
    if !rule.policy.accepts(&password) {
        // Fineract's arguments are the value and the regex; Kassa withholds the value.
        r.error(
            ParamError::new(
                "password",
                "validation.msg.user.password.does.not.match.regexp",
                rule.description.clone(),
            )
            .with_args(vec![Value::Null, Value::from(rule.policy.regex())]),
        );
        ok = false;
    }
    let repeat = match json.value("repeatPassword") {
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    if repeat.as_deref() != Some(password.as_str()) {
        r.error(ParamError::new(
            "repeatPassword",
            "validation.msg.user.repeatPassword.not.equal.to.password",
            "The parameter `repeatPassword` is not equal to password.",
        ));
        ok = false;
    }
    ok.then_some(password)
}

pub(super) fn positive(r: &mut Reader, name: &str, value: Option<i64>) {
    if let Some(v) = value.filter(|v| *v < 1) {
        r.error(
            ParamError::new(
                name,
                format!("validation.msg.user.{name}.not.greater.than.zero"),
                format!("The parameter `{name}` must be greater than 0."),
            )
            .with_value(Value::from(v))
            .with_args(vec![Value::from(v), Value::from(0)]),
        );
    }
}

/// `staffId`: absent → None; on create a present value must be an id, on update `null` unlinks.
pub(super) fn read_staff_id(r: &mut Reader, create: bool) -> Option<Option<i64>> {
    if !r.present("staffId") {
        return None;
    }
    if !r.has("staffId") {
        if create {
            r.mandatory_missing("staffId");
        }
        return Some(None);
    }
    let id = r.long("staffId");
    positive(r, "staffId", id);
    id.map(Some)
}

/// `email`: optional on create; on update a present value may not be blank.
pub(super) fn read_email(r: &mut Reader, update: bool) -> Option<String> {
    if !r.present("email") {
        return None;
    }
    let email = if update {
        r.required_string("email", 100)
    } else {
        r.string("email", 100)
    }?;
    if !is_plausible_email(&email) {
        r.error(
            ParamError::new(
                "email",
                "validation.msg.user.email.invalid",
                format!("The parameter `email` is not a valid e-mail address: `{email}`."),
            )
            .with_value(Value::from(email)),
        );
        return None;
    }
    Some(email)
}

/// `roles`: a non-empty array of role ids, as a set.
pub(super) fn read_roles(r: &mut Reader) -> Option<Vec<i64>> {
    match r.long_array("roles") {
        Some(ids) if !ids.is_empty() => Some(normalise_role_ids(ids)),
        other => {
            // An unparseable array was reported already; absent or empty is Fineract's `cannot.be.empty`.
            if other.is_some() || !r.has("roles") {
                r.error(ParamError::new(
                    "roles",
                    "validation.msg.user.roles.cannot.be.empty",
                    "The parameter `roles` cannot be empty. You must select at least one.",
                ));
            }
            None
        }
    }
}

/// `clients`: only with `isSelfServiceUser` true; a non-empty array of positive ids. Accepted and
/// validated, not stored yet (self-service comes later).
pub(super) fn read_clients(r: &mut Reader, self_service: bool) -> Option<Vec<i64>> {
    if !r.present("clients") {
        return None;
    }
    if !self_service {
        r.error(ParamError::new(
            "clients",
            "validation.msg.user.clients.not.supported.when.isSelfServiceUser.is.false",
            "clients parameter is not supported when isSelfServiceUser parameter is false",
        ));
        return None;
    }
    let ids = r.long_array("clients")?;
    if ids.is_empty() {
        r.error(ParamError::new(
            "clients",
            "validation.msg.user.clients.cannot.be.empty",
            "The parameter `clients` cannot be empty. You must select at least one.",
        ));
        return None;
    }
    for id in &ids {
        positive(r, "clients", Some(*id));
    }
    Some(ids)
}
