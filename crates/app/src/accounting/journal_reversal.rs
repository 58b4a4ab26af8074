//! Reversing a manual journal entry (`POST /journalentries/{transactionId}?command=reverse`): opposite
//! lines under a new transaction id, dated as the originals, which are marked reversed. System entries
//! (loans) are never reversed here.

use async_trait::async_trait;
use kassa_domain::accounting::JournalEntryError;
use kassa_domain::organisation::office::{is_within, OfficeError};
use kassa_store::repo::accounting::journal_entry::{self as writes, EntryPayment, NewJournalLine};
use kassa_store::repo::accounting::journal_read::{self as repo, ReversibleLine};
use kassa_store::repo::organisation::office as office_repo;
use kassa_store::Tx;

use super::journal_entries::{check_open_in_tx, new_transaction_id};
use crate::error::AppResult;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};

pub struct ReverseEntry {
    pub transaction_id: String,
    pub comments: Option<String>,
}

#[async_trait]
impl Command for ReverseEntry {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let tid = &self.transaction_id;
        let not_found = || JournalEntryError::TransactionNotFound(tid.clone());
        let lines = repo::reversible_in_tx(tx, tid).await?;
        // Fineract's check: a transaction of at most one un-reversed manual line is not reversible.
        if lines.len() <= 1 {
            return Err(not_found().into());
        }
        for l in &lines {
            let office = office_repo::find(&mut tx.conn(), l.office_id)
                .await?
                .ok_or(OfficeError::NotFound(l.office_id))?;
            if !is_within(&ctx.principal.office_hierarchy, &office.hierarchy) {
                return Err(not_found().into());
            }
        }
        let reversal_id = reverse_lines_in_tx(tx, ctx, &lines, self.comments.as_deref()).await?;
        Ok(CommandResult {
            transaction_id: Some(reversal_id),
            ..Default::default()
        })
    }
}

/// Writes the opposite of each line under one new transaction id and marks the originals; answers the
/// new id. Refused (403) when an original's date is closed in its office.
pub(super) async fn reverse_lines_in_tx(
    tx: &mut Tx,
    ctx: &CommandCtx<'_>,
    lines: &[ReversibleLine],
    comments: Option<&str>,
) -> AppResult<String> {
    for l in lines {
        check_open_in_tx(tx, l.office_id, l.entry_date).await?;
    }
    let reversal_tid = new_transaction_id(tx).await?;
    for l in lines {
        let description = comments.map(str::to_string).unwrap_or_else(|| {
            // Fineract's text, its two spaces kept.
            format!(
                "Reversal entry for Journal Entry with Entry Id  :{} and transaction Id {}",
                l.id, l.transaction_id
            )
        });
        let side = if l.type_enum == writes::DEBIT {
            writes::CREDIT
        } else {
            writes::DEBIT
        };
        let row = NewJournalLine {
            account_id: l.account_id,
            office_id: l.office_id,
            currency_code: l.currency_code.clone(),
            transaction_id: reversal_tid.clone(),
            loan_transaction_id: l.loan_transaction_id,
            manual_entry: true,
            entry_date: l.entry_date,
            type_enum: side,
            amount: l.amount.0,
            description: Some(description),
            reference_number: l.ref_num.clone(),
            entity_type_enum: None,
            entity_id: None,
            created_by: Some(ctx.principal.user_id),
            submitted_on_date: ctx.today,
            created_on: ctx.now,
            payment: EntryPayment {
                payment_type_id: l.payment_type_id,
                account_number: l.account_number.clone(),
                check_number: l.check_number.clone(),
                routing_code: l.routing_code.clone(),
                receipt_number: l.receipt_number.clone(),
                bank_number: l.bank_number.clone(),
            },
            // A manual reversal's lines can be reversed in turn (Fineract's rule).
            reversed: false,
        };
        let new_id = writes::insert_in_tx(tx, std::slice::from_ref(&row))
            .await?
            .first()
            .copied()
            .unwrap_or_default();
        if !repo::mark_reversed_in_tx(tx, l.id, new_id).await? {
            // Another reversal got there first.
            return Err(JournalEntryError::TransactionNotFound(l.transaction_id.clone()).into());
        }
    }
    Ok(reversal_tid)
}
