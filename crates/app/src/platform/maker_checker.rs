//! The checker's side of maker-checker: the inbox of waiting commands, and approving, rejecting or
//! deleting one. The maker's side (holding a write) lives in the pipeline.

use std::collections::BTreeSet;

use kassa_domain::organisation::office::is_within;
use kassa_domain::platform::command::{
    checker_permission, may_check, CheckRequest, CheckerError, CommandStatus,
};
use kassa_store::repo::organisation::permission as permission_repo;
use kassa_store::repo::paging::{PageBounds, SortOrder};
use kassa_store::repo::platform::command_source::{
    self as repo, AuditFilter, AuditOrder, CommandRecord,
};
use kassa_store::Tx;

use crate::error::AppResult;
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;
use crate::App;

/// What a checker may do with a waiting entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject,
    Delete,
}

/// A waiting entry the checker may approve, and the principal to re-execute it as: the checker, holding
/// the command's own permission for this one execution (Fineract runs the approved command as the checker
/// without checking the maker's permission again).
pub struct ApprovedCommand {
    pub record: CommandRecord,
    pub acting: Principal,
}

/// Options for the checker's search form (`GET /makercheckers/searchtemplate`).
pub struct SearchTemplate {
    pub action_names: Vec<String>,
    pub entity_names: Vec<String>,
}

impl App {
    /// Waiting entries of the caller's office subtree that the caller may check, oldest first. Bounded by
    /// the page maximum.
    pub async fn pending_commands(
        &self,
        tenant: &TenantCtx,
        checker: &Principal,
        mut filter: AuditFilter,
    ) -> AppResult<Vec<CommandRecord>> {
        // Fineract answers an empty list; a 403 says what is wrong, as other reads without permission do.
        checker.permissions.check_any_checker()?;
        filter.status = Some(CommandStatus::AwaitingApproval.id());
        filter.within_hierarchy = Some(checker.office_hierarchy.clone());
        let page = PageBounds {
            offset: 0,
            limit: self.settings.page_limit_max,
        };
        let mut conn = tenant.pool().acquire().await?;
        let (_, rows) = repo::list(
            &mut conn.conn(),
            &filter,
            AuditOrder::Id,
            SortOrder::Asc,
            page,
        )
        .await?;
        let perms = &checker.permissions;
        Ok(rows
            .into_iter()
            .filter(|r| {
                perms.is_checker_super_user()
                    || perms.contains(&checker_permission(&permission_code(r)))
            })
            .collect())
    }

    /// The action and entity names a checker may filter by: all writes for a checker super-user, else
    /// those it holds a `_CHECKER` permission for.
    pub async fn checker_search_template(
        &self,
        tenant: &TenantCtx,
        checker: &Principal,
    ) -> AppResult<SearchTemplate> {
        // The template also lists the users of the subtree: not for someone who can check nothing.
        checker.permissions.check_any_checker()?;
        let permissions = {
            let mut conn = tenant.pool().acquire().await?;
            permission_repo::list(&mut conn.conn()).await?
        };
        let mut actions = BTreeSet::new();
        let mut entities = BTreeSet::new();
        for p in permissions {
            let (Some(action), Some(entity)) = (p.action_name, p.entity_name) else {
                continue;
            };
            if action == "READ" || action.ends_with("_CHECKER") {
                continue;
            }
            let code = format!("{action}_{entity}");
            if checker.permissions.is_checker_super_user()
                || checker.permissions.contains(&checker_permission(&code))
            {
                actions.insert(action);
                entities.insert(entity);
            }
        }
        Ok(SearchTemplate {
            action_names: crate::platform::audits::basic_actions_first(actions),
            entity_names: entities.into_iter().collect(),
        })
    }

    /// Checks that `checker` may approve entry `id` and returns what to re-execute. The re-execution
    /// itself goes through the pipeline with [`crate::platform::pipeline::APPROVAL`] set, which re-checks the
    /// entry under a lock.
    pub async fn prepare_approval(
        &self,
        tenant: &TenantCtx,
        checker: &Principal,
        id: i64,
    ) -> AppResult<ApprovedCommand> {
        let record = {
            let mut conn = tenant.pool().acquire().await?;
            repo::find(&mut conn.conn(), id).await?
        }
        .ok_or(CheckerError::NotFound(id))?;
        let mut conn = tenant.pool().acquire().await?;
        self.check(&mut conn.conn(), checker, &record).await?;
        if record.request_method.is_none() || record.request_path.is_none() {
            return Err(CheckerError::NotReplayable(id).into());
        }
        let acting = checker.with_grant(&permission_code(&record));
        Ok(ApprovedCommand { record, acting })
    }

    /// Rejects (kept, status Rejected, checker recorded) or deletes a waiting entry, in one transaction.
    pub async fn decide(
        &self,
        tenant: &TenantCtx,
        checker: &Principal,
        id: i64,
        decision: Decision,
    ) -> AppResult<i64> {
        let mut tx = tenant.pool().begin_write().await?;
        let record = repo::find_for_update_in_tx(&mut tx, id)
            .await?
            .ok_or(CheckerError::NotFound(id))?;
        self.check(&mut tx.conn(), checker, &record).await?;
        match decision {
            Decision::Reject => {
                let now = self.clock.now();
                repo::mark_checked_in_tx(&mut tx, id, checker.user_id, now, CommandStatus::Rejected)
                    .await?
            }
            Decision::Delete => repo::delete_in_tx(&mut tx, id).await?,
            Decision::Approve => {
                return Err(crate::AppError::Internal(
                    "approval runs through the pipeline".into(),
                ))
            }
        }
        tx.commit().await?;
        Ok(id)
    }

    async fn check(
        &self,
        c: &mut kassa_store::Conn<'_>,
        checker: &Principal,
        record: &CommandRecord,
    ) -> AppResult<()> {
        // An entry of another office subtree is as good as absent.
        if let Some(h) = &record.office_hierarchy {
            if !is_within(&checker.office_hierarchy, h) {
                return Err(CheckerError::NotFound(record.id).into());
            }
        }
        let code = permission_code(record);
        let switches = repo::maker_checker_switches(c, &code).await?;
        may_check(&CheckRequest {
            command_id: record.id,
            status: CommandStatus::from_id(record.status),
            permission_code: &code,
            maker_id: record.maker_id,
            checker_id: checker.user_id,
            checker: &checker.permissions,
            same_maker_checker_enabled: switches.same_user_may_check,
        })?;
        Ok(())
    }
}

/// Inside an approval's transaction: the entry must still be waiting (a concurrent approval or
/// rejection may have decided it meanwhile).
pub(crate) async fn lock_waiting_entry(tx: &mut Tx, id: i64) -> AppResult<()> {
    let record = repo::find_for_update_in_tx(tx, id)
        .await?
        .ok_or(CheckerError::NotFound(id))?;
    if CommandStatus::from_id(record.status) != Some(CommandStatus::AwaitingApproval) {
        return Err(CheckerError::NotAwaitingApproval(id).into());
    }
    Ok(())
}

fn permission_code(r: &CommandRecord) -> String {
    format!("{}_{}", r.action_name, r.entity_name)
}
