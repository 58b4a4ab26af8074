//! Application users: listing within the caller's office subtree, creation with a policy-checked password,
//! updates under Fineract's field-level rule (a user may change its own password without `UPDATE_USER`),
//! soft deletion. Every committed change drops the credential cache.

use std::borrow::Cow;

use async_trait::async_trait;
use kassa_domain::organisation::office::{is_within, OfficeError};
use kassa_domain::organisation::user::account::{
    check_super_user_remains, fields_needing_update_permission,
};
use kassa_domain::organisation::user::password_policy::DEFAULT_POLICY_KEY;
use kassa_domain::organisation::user::role::SELF_SERVICE_ROLE_NAME;
use kassa_domain::organisation::user::{
    PasswordPolicy, Role, RoleError, UserChanges, UserDraft, UserError,
};
use kassa_store::repo::organisation::office::{self as office_repo, OfficeListing, OfficeOrder};
use kassa_store::repo::organisation::role as role_repo;
use kassa_store::repo::organisation::staff::{self as staff_repo, StaffListing};
use kassa_store::repo::organisation::user::{self as repo, UserListing};
use kassa_store::repo::paging::SortOrder;
use kassa_store::{StoreError, Tx};
use serde_json::{Map, Value};

use crate::error::{AppError, AppResult};
use crate::platform::pipeline::{
    Command, CommandCtx, CommandOutcome, CommandResult, CommandSpec, ErrorRenderer,
};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;
use crate::App;

pub const ENTITY: &str = "USER";
const UPDATE_USER: &str = "UPDATE_USER";

/// A user as listed: stored state, office, roles and the linked staff member.
#[derive(Debug, Clone)]
pub struct UserView {
    pub listing: UserListing,
    pub roles: Vec<Role>,
    pub staff: Option<StaffListing>,
}

/// One user, with the roles it does not hold (Fineract's `availableRoles`).
#[derive(Debug, Clone)]
pub struct UserDetails {
    pub view: UserView,
    pub available_roles: Vec<Role>,
}

/// What a new user may be given.
#[derive(Debug, Clone)]
pub struct UserTemplate {
    pub offices: Vec<OfficeListing>,
    pub available_roles: Vec<Role>,
    pub self_service_roles: Vec<Role>,
}

/// The password policy in force and the message it refuses with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordRule {
    pub policy: PasswordPolicy,
    pub description: String,
}

/// Live users of the caller's office subtree, by username.
pub async fn list(tenant: &TenantCtx, principal: &Principal) -> AppResult<Vec<UserView>> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let users = repo::list_within(&mut conn.conn(), &principal.office_hierarchy).await?;
    let mut roles =
        role_repo::of_users_within(&mut conn.conn(), &principal.office_hierarchy).await?;
    // Both lists are complete for the subtree; pair them up by user id.
    roles.sort_by_key(|(user_id, role)| (*user_id, role.id));
    let mut staff =
        staff_repo::linked_to_users_within(&mut conn.conn(), &principal.office_hierarchy).await?;
    Ok(users
        .into_iter()
        .map(|mut listing| {
            let start = roles.partition_point(|(u, _)| *u < listing.user.id);
            let end = roles.partition_point(|(u, _)| *u <= listing.user.id);
            let own: Vec<Role> = roles[start..end].iter().map(|(_, r)| r.clone()).collect();
            listing.user.role_ids = own.iter().map(|r| r.id).collect();
            let linked = staff
                .iter()
                .position(|(u, _)| *u == listing.user.id)
                .map(|i| staff.swap_remove(i).1);
            UserView {
                listing,
                roles: own,
                staff: linked,
            }
        })
        .collect())
}

/// Id and username of the live users of the caller's subtree, for search forms (audits, maker-checker).
pub async fn search_options(
    tenant: &TenantCtx,
    principal: &Principal,
) -> AppResult<Vec<(i64, String)>> {
    let mut conn = tenant.pool().acquire().await?;
    let users = repo::list_within(&mut conn.conn(), &principal.office_hierarchy).await?;
    Ok(users
        .into_iter()
        .map(|l| (l.user.id, l.user.username))
        .collect())
}

/// One live user of the caller's subtree. A user may always read itself, without `READ_USER`.
pub async fn get(tenant: &TenantCtx, principal: &Principal, id: i64) -> AppResult<UserDetails> {
    if id != principal.user_id {
        principal.permissions.check_read(ENTITY)?;
    }
    let mut conn = tenant.pool().acquire().await?;
    let listing = repo::find(&mut conn.conn(), id)
        .await?
        .filter(|l| is_within(&principal.office_hierarchy, &l.office_hierarchy))
        .ok_or(UserError::NotFound(id))?;
    let all = role_repo::list(&mut conn.conn()).await?;
    let (roles, available_roles): (Vec<Role>, Vec<Role>) = all
        .into_iter()
        .partition(|r| listing.user.role_ids.contains(&r.id));
    let staff = match listing.user.staff_id {
        Some(staff_id) => staff_repo::find(&mut conn.conn(), staff_id).await?,
        None => None,
    };
    Ok(UserDetails {
        view: UserView {
            listing,
            roles,
            staff,
        },
        available_roles,
    })
}

pub async fn template(tenant: &TenantCtx, principal: &Principal) -> AppResult<UserTemplate> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let offices = office_repo::list_within(
        &mut conn.conn(),
        &principal.office_hierarchy,
        OfficeOrder::Hierarchy,
        SortOrder::Asc,
    )
    .await?;
    Ok(UserTemplate {
        offices,
        available_roles: role_repo::list_enabled(&mut conn.conn()).await?,
        self_service_roles: role_repo::list_named(&mut conn.conn(), SELF_SERVICE_ROLE_NAME).await?,
    })
}

/// The active row of `m_password_validation_policy`; with none active, Kassa's default policy.
pub async fn password_rule(tenant: &TenantCtx) -> AppResult<PasswordRule> {
    let mut conn = tenant.pool().acquire().await?;
    let (key, description) = repo::active_password_policy(&mut conn.conn())
        .await?
        .unwrap_or_else(|| (DEFAULT_POLICY_KEY.to_string(), String::new()));
    let policy = PasswordPolicy::from_key(&key).ok_or_else(|| {
        AppError::Internal(format!(
            "the active password policy `{key}` is not one Kassa implements (simple, secure, {DEFAULT_POLICY_KEY})"
        ))
    })?;
    let description = if description.trim().is_empty() {
        policy.description().to_string()
    } else {
        description
    };
    Ok(PasswordRule {
        policy,
        description,
    })
}

/// A validated creation request. The password is plain text here and hashed before the transaction.
pub struct NewUser {
    pub draft: UserDraft,
    pub password: String,
}

/// A validated update request.
pub struct UserUpdateRequest {
    pub id: i64,
    pub changes: UserChanges,
    pub new_password: Option<String>,
    /// Every key of the request body, for the field-level permission rule.
    pub keys: Vec<String>,
    /// The request's raw values by parameter name: `changes` in the answer echoes them, as Fineract does.
    pub raw: Map<String, Value>,
}

impl App {
    /// Runs a command that changes users, roles or permissions, then forgets every cached credential so
    /// the change applies to the very next request. Invalidating only after the commit keeps a concurrent
    /// request from caching what it read before the commit.
    pub async fn execute_access_change(
        &self,
        tenant: &TenantCtx,
        principal: &Principal,
        spec: CommandSpec,
        render_error: ErrorRenderer,
        command: &dyn Command,
    ) -> AppResult<CommandOutcome> {
        let outcome = self
            .execute(tenant, principal, spec, render_error, command)
            .await?;
        self.auth.invalidate();
        Ok(outcome)
    }

    pub async fn create_user(
        &self,
        tenant: &TenantCtx,
        principal: &Principal,
        spec: CommandSpec,
        render_error: ErrorRenderer,
        user: NewUser,
    ) -> AppResult<CommandOutcome> {
        principal.permissions.check_write(&spec.permission())?;
        // bcrypt is slow on purpose: hash before the write transaction, not inside it.
        let password_hash = self.auth.hash_password(&user.password).await?;
        let command = CreateUser {
            draft: user.draft,
            password_hash,
        };
        self.execute_access_change(tenant, principal, spec, render_error, &command)
            .await
    }

    /// Updates a user. Updating oneself needs no `UPDATE_USER` as long as only the password (and, for a
    /// self-service user, `clients`) is sent; otherwise that is a 400, as in Fineract.
    pub async fn update_user(
        &self,
        tenant: &TenantCtx,
        principal: &Principal,
        spec: CommandSpec,
        render_error: ErrorRenderer,
        request: UserUpdateRequest,
    ) -> AppResult<CommandOutcome> {
        let acting = acting_principal(principal, &request)?;
        acting.permissions.check_write(&spec.permission())?;
        let password_hash = match &request.new_password {
            Some(p) => Some(self.auth.hash_password(p).await?),
            None => None,
        };
        let command = UpdateUser {
            id: request.id,
            changes: request.changes,
            password_hash,
            raw: request.raw,
        };
        self.execute_access_change(tenant, &acting, spec, render_error, &command)
            .await
    }
}

/// The principal the pipeline checks. Fineract skips the `UPDATE_USER` check for an update of one's own
/// user and applies its field-level rule instead; the pipeline always checks, so a caller that passed the
/// field rule acts with `UPDATE_USER` added for this one command.
fn acting_principal<'a>(
    principal: &'a Principal,
    request: &UserUpdateRequest,
) -> AppResult<Cow<'a, Principal>> {
    if principal.permissions.check_write(UPDATE_USER).is_ok() || request.id != principal.user_id {
        return Ok(Cow::Borrowed(principal));
    }
    let refused = fields_needing_update_permission(
        request.keys.iter().map(String::as_str),
        principal.is_self_service_user,
    );
    if !refused.is_empty() {
        return Err(UserError::FieldsNeedUpdatePermission(refused).into());
    }
    Ok(Cow::Owned(principal.with_grant(UPDATE_USER)))
}

/// The office must exist and lie in the caller's subtree.
async fn check_office(tx: &mut Tx, ctx: &CommandCtx<'_>, office_id: i64) -> AppResult<()> {
    let office = office_repo::find(&mut tx.conn(), office_id)
        .await?
        .ok_or(OfficeError::NotFound(office_id))?;
    if !is_within(&ctx.principal.office_hierarchy, &office.hierarchy) {
        return Err(OfficeError::OutsideHierarchy.into());
    }
    Ok(())
}

/// Every role must exist and be enabled; each is share-locked so it cannot be deleted or disabled under us.
/// The one exception is Fineract's self-service role given to a self-service user: it is seeded disabled
/// so that it stays out of the staff role lists, and `GET /users/template` offers it for exactly that.
async fn check_roles(tx: &mut Tx, role_ids: &[i64], is_self_service_user: bool) -> AppResult<()> {
    for id in role_ids {
        let role = role_repo::find_for_share_in_tx(tx, *id)
            .await?
            .ok_or(RoleError::NotFound(*id))?;
        let self_service_role = is_self_service_user && role.name == SELF_SERVICE_ROLE_NAME;
        if role.disabled && !self_service_role {
            return Err(RoleError::Disabled(*id).into());
        }
    }
    Ok(())
}

/// Brackets a change that could remove the tenant's last super user (a user deleted, roles taken away,
/// `ALL_FUNCTIONS` revoked from a role): counts them before, and refuses the change if none is left after.
pub(crate) struct SuperUserGuard {
    before: i64,
}

impl SuperUserGuard {
    pub(crate) async fn lock_in_tx(tx: &mut Tx) -> AppResult<SuperUserGuard> {
        repo::lock_super_users_in_tx(tx).await?;
        Ok(SuperUserGuard {
            before: repo::super_user_count(&mut tx.conn()).await?,
        })
    }

    /// Call after the change, in the same transaction; an error rolls the change back.
    pub(crate) async fn check_in_tx(self, tx: &mut Tx) -> AppResult<()> {
        let after = repo::super_user_count(&mut tx.conn()).await?;
        Ok(check_super_user_remains(self.before, after)?)
    }
}

/// A linked staff member must work in the user's office (Fineract's rule; 404 otherwise).
async fn check_staff(tx: &mut Tx, staff_id: Option<i64>, office_id: i64) -> AppResult<()> {
    if let Some(id) = staff_id {
        crate::organisation::staff::find_in_office_in_tx(tx, id, office_id).await?;
    }
    Ok(())
}

fn duplicate_username(username: &str) -> impl Fn(StoreError) -> AppError + '_ {
    move |e| match e {
        StoreError::Duplicate { .. } => UserError::DuplicateUsername(username.to_string()).into(),
        other => other.into(),
    }
}

struct CreateUser {
    draft: UserDraft,
    password_hash: String,
}

#[async_trait]
impl Command for CreateUser {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let d = &self.draft;
        check_office(tx, ctx, d.office_id).await?;
        check_roles(tx, &d.role_ids, d.is_self_service_user).await?;
        check_staff(tx, d.staff_id, d.office_id).await?;
        if repo::username_taken(&mut tx.conn(), &d.username, None).await? {
            return Err(UserError::DuplicateUsername(d.username.clone()).into());
        }
        let id = repo::insert_in_tx(tx, d, &self.password_hash, ctx.today)
            .await
            .map_err(duplicate_username(&d.username))?;
        Ok(CommandResult {
            office_id: Some(d.office_id),
            resource_id: Some(id),
            ..Default::default()
        })
    }
}

struct UpdateUser {
    id: i64,
    changes: UserChanges,
    password_hash: Option<String>,
    raw: Map<String, Value>,
}

#[async_trait]
impl Command for UpdateUser {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let current = repo::lock_in_tx(tx, self.id)
            .await?
            .filter(|l| is_within(&ctx.principal.office_hierarchy, &l.office_hierarchy))
            .ok_or(UserError::NotFound(self.id))?;
        let update = current.user.apply(&self.changes)?;
        let next = &update.next;
        if update.changed.contains(&"officeId") {
            check_office(tx, ctx, next.office_id).await?;
        }
        // Switching self-service off must not keep the self-service role under its exception.
        let roles_to_check = update.roles_changed || update.changed.contains(&"isSelfServiceUser");
        if roles_to_check {
            check_roles(tx, &next.role_ids, next.is_self_service_user).await?;
        }
        let guard = if update.roles_changed {
            Some(SuperUserGuard::lock_in_tx(tx).await?)
        } else {
            None
        };
        if update.changed.contains(&"staffId") {
            check_staff(tx, next.staff_id, next.office_id).await?;
        }
        if update.changed.contains(&"username")
            && repo::username_taken(&mut tx.conn(), &next.username, Some(self.id)).await?
        {
            return Err(UserError::DuplicateUsername(next.username.clone()).into());
        }
        if !update.changed.is_empty() {
            repo::update_in_tx(tx, next)
                .await
                .map_err(duplicate_username(&next.username))?;
        }
        if update.roles_changed {
            repo::replace_roles_in_tx(tx, self.id, &next.role_ids).await?;
        }
        if let Some(guard) = guard {
            guard.check_in_tx(tx).await?;
        }
        if let Some(hash) = &self.password_hash {
            repo::set_password_in_tx(tx, self.id, hash, ctx.today).await?;
        }
        let mut changes = Map::new();
        for name in &update.changed {
            let value = match *name {
                // Switching self-service off empties the client list, as Fineract reports it.
                "clients" if !next.is_self_service_user => Some(Value::Array(vec![])),
                _ => self.raw.get(*name).cloned(),
            };
            if let Some(value) = value.filter(|v| !v.is_null()) {
                changes.insert((*name).to_string(), value);
            }
        }
        Ok(CommandResult {
            office_id: Some(next.office_id),
            resource_id: Some(self.id),
            changes: Some(changes),
            ..Default::default()
        })
    }
}

/// Soft-deletes a user of the caller's subtree; the system user cannot be deleted.
pub struct DeleteUser {
    pub id: i64,
}

#[async_trait]
impl Command for DeleteUser {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let current = repo::lock_in_tx(tx, self.id)
            .await?
            .filter(|l| is_within(&ctx.principal.office_hierarchy, &l.office_hierarchy))
            .ok_or(UserError::NotFound(self.id))?;
        current.user.check_delete()?;
        let guard = SuperUserGuard::lock_in_tx(tx).await?;
        repo::soft_delete_in_tx(tx, self.id).await?;
        guard.check_in_tx(tx).await?;
        Ok(CommandResult {
            office_id: Some(current.user.office_id),
            resource_id: Some(self.id),
            ..Default::default()
        })
    }
}
