//! How a charge lands on a loan: its amount, its share of each installment, and what of it the ledger
//! shows paid, waived or written off. Pure except `sync_in_tx`, which stores the shares.

use chrono::NaiveDate;
use kassa_domain::charges::{ChargeCalculationType, ChargeTimeType};
use kassa_domain::loans::ledger::{ChargeDue, Ledger};
use kassa_store::repo::loans::charge::{self as repo, LoanChargeRow};
use kassa_store::repo::loans::loan::{self as loan_repo, InstallmentRow, LoanRecord};
use kassa_store::repo::loans::transaction::LoanTransactionRow;
use kassa_store::Tx;
use rust_decimal::{Decimal, RoundingStrategy};

use super::book::{time_type, ChargeBook, CHARGE_PAYMENT, WAIVE_CHARGES};
use crate::error::AppResult;

/// A charge as applied to one loan: its amount and its share of each installment.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub amount: Decimal,
    /// `amountPercentageAppliedTo`: what a percentage was taken of.
    pub base: Option<Decimal>,
    /// `(installment number, due date, amount)`; empty for charges due at disbursement.
    pub shares: Vec<(u32, NaiveDate, Decimal)>,
}

fn calculation(c: &LoanChargeRow) -> ChargeCalculationType {
    ChargeCalculationType::from_fineract_id(c.charge_calculation_enum)
        .unwrap_or(ChargeCalculationType::Flat)
}

fn number(i: &InstallmentRow) -> u32 {
    u32::try_from(i.installment).unwrap_or_default()
}

/// `percentage` % of `base`, rounded HALF_EVEN to the currency and held within the charge's caps.
fn percent_of(c: &LoanChargeRow, base: Decimal, places: u32) -> Decimal {
    let mut amount = (base * c.charge_amount_or_percentage.0 / Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(places, RoundingStrategy::MidpointNearestEven);
    if let Some(min) = c.min_cap {
        amount = amount.max(min.0);
    }
    if let Some(max) = c.max_cap {
        amount = amount.min(max.0);
    }
    amount
}

/// The base of a percentage charge over some installments: principal, principal and interest, or
/// interest (`LoanCharge.percentageOf` with the loan's or the installment's amounts).
fn base_of<'a>(
    c: &LoanChargeRow,
    principal: Decimal,
    installments: impl Iterator<Item = &'a InstallmentRow> + Clone,
) -> Option<Decimal> {
    let interest: Decimal = installments.clone().map(|i| i.interest_amount.0).sum();
    match calculation(c) {
        ChargeCalculationType::Flat => None,
        ChargeCalculationType::PercentOfAmount
        | ChargeCalculationType::PercentOfDisbursementAmount => Some(principal),
        ChargeCalculationType::PercentOfAmountAndInterest => Some(principal + interest),
        ChargeCalculationType::PercentOfInterest => Some(interest),
    }
}

/// The installment a specified-due-date charge falls in: the first period holds its start date too, the
/// others are `(fromDate, dueDate]`; a date past the last due date lands in the last installment.
fn installment_of(installments: &[InstallmentRow], due: NaiveDate) -> Option<&InstallmentRow> {
    installments
        .iter()
        .enumerate()
        .find(|(index, i)| {
            let after_start = if *index == 0 {
                due >= i.fromdate
            } else {
                due > i.fromdate
            };
            after_start && due <= i.duedate
        })
        .map(|(_, i)| i)
        .or_else(|| installments.last())
}

/// A charge's amount and installment shares on a loan of `principal` with `installments`.
pub fn place(
    c: &LoanChargeRow,
    installments: &[InstallmentRow],
    principal: Decimal,
    places: u32,
) -> Placed {
    let regular = || installments.iter().filter(|i| !i.is_down_payment);
    match time_type(c) {
        Some(ChargeTimeType::InstalmentFee) => {
            let mut shares = Vec::new();
            let mut base_total = None;
            for i in regular() {
                let own = base_of(c, i.principal_amount.0, std::iter::once(i));
                let amount = match own {
                    None => c.charge_amount_or_percentage.0,
                    Some(b) => percent_of(c, b, places),
                };
                base_total = own.map(|b| b + base_total.unwrap_or_default());
                shares.push((number(i), i.duedate, amount));
            }
            Placed {
                amount: shares.iter().map(|s| s.2).sum(),
                base: base_total,
                shares,
            }
        }
        Some(ChargeTimeType::SpecifiedDueDate) => {
            let base = base_of(c, principal, regular());
            let amount = base.map_or(c.charge_amount_or_percentage.0, |b| {
                percent_of(c, b, places)
            });
            let due = c.due_for_collection_as_of_date;
            let shares = due
                .and_then(|d| installment_of(installments, d).map(|i| (number(i), d, amount)))
                .into_iter()
                .collect();
            Placed {
                amount,
                base,
                shares,
            }
        }
        // Due at disbursement (or a type the loan never schedules): shown, not put on an installment.
        _ => {
            let base = base_of(c, principal, regular());
            Placed {
                amount: base.map_or(c.charge_amount_or_percentage.0, |b| {
                    percent_of(c, b, places)
                }),
                base,
                shares: Vec::new(),
            }
        }
    }
}

/// The schedule with each installment's fee and penalty columns set from the charges, and the charges'
/// due amounts as the two due-in-advance strategies read them.
pub fn fold(
    loan: &LoanRecord,
    installments: &[InstallmentRow],
    charges: &[LoanChargeRow],
) -> (Vec<InstallmentRow>, Vec<ChargeDue>) {
    let places = u32::try_from(loan.currency_digits).unwrap_or(2);
    let mut rows = installments.to_vec();
    for r in &mut rows {
        r.fee_charges_amount.0 = Decimal::ZERO;
        r.penalty_charges_amount.0 = Decimal::ZERO;
    }
    let mut due = Vec::new();
    for c in charges {
        for (n, due_date, amount) in place(c, installments, loan.principal_amount.0, places).shares
        {
            if let Some(r) = rows.iter_mut().find(|r| number(r) == n) {
                let column = if c.is_penalty {
                    &mut r.penalty_charges_amount.0
                } else {
                    &mut r.fee_charges_amount.0
                };
                *column += amount;
            }
            due.push(ChargeDue {
                due_date,
                amount,
                is_penalty: c.is_penalty,
            });
        }
    }
    (rows, due)
}

/// Rewrites the stored schedule's fee and penalty columns and the charges' amounts after the charges or
/// the schedule changed.
pub async fn sync_in_tx(tx: &mut Tx, loan_id: i64) -> AppResult<()> {
    let Some(loan) = loan_repo::find_in_tx(tx, loan_id).await? else {
        return Ok(());
    };
    let installments = loan_repo::installments(&mut tx.conn(), loan_id).await?;
    let charges = repo::list_in_tx(tx, loan_id).await?;
    let places = u32::try_from(loan.currency_digits).unwrap_or(2);
    for c in &charges {
        let placed = place(c, &installments, loan.principal_amount.0, places);
        if placed.amount != c.amount.0 || placed.base != c.calculation_on_amount.map(|a| a.0) {
            repo::set_amount_in_tx(tx, c.id, placed.amount, placed.base).await?;
        }
    }
    let (rows, _) = fold(&loan, &installments, &charges);
    for (old, new) in installments.iter().zip(&rows) {
        if old != new {
            repo::set_installment_charges_in_tx(
                tx,
                loan_id,
                new.installment,
                new.fee_charges_amount.0,
                new.penalty_charges_amount.0,
            )
            .await?;
        }
    }
    Ok(())
}

/// Paid, waived and written-off amounts of one charge (or one installment's share of it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Settled {
    pub paid: Decimal,
    pub waived: Decimal,
    pub written_off: Decimal,
}

/// A charge as reads show it.
#[derive(Debug, Clone)]
pub struct LoanChargeView {
    pub row: LoanChargeRow,
    pub placed: Placed,
    pub settled: Settled,
    /// Per installment share (installment fees): number, due date, amount and what settled it.
    pub installments: Vec<(u32, NaiveDate, Decimal, Settled)>,
}

impl LoanChargeView {
    pub fn outstanding(&self) -> Decimal {
        self.placed.amount - self.settled.paid - self.settled.waived - self.settled.written_off
    }
}

/// What the ledger's installments paid, waived and wrote off of fees and penalties, handed to the
/// charges that make them up: a waiver to the charge it named first, then everything in charge order.
pub fn views(
    loan: &LoanRecord,
    installments: &[InstallmentRow],
    book: &ChargeBook,
    ledger: Option<&Ledger>,
    transactions: &[LoanTransactionRow],
) -> Vec<LoanChargeView> {
    let places = u32::try_from(loan.currency_digits).unwrap_or(2);
    let mut out: Vec<LoanChargeView> = book
        .charges
        .iter()
        .map(|c| {
            let placed = place(c, installments, loan.principal_amount.0, places);
            LoanChargeView {
                row: c.clone(),
                installments: placed
                    .shares
                    .iter()
                    .map(|(n, d, a)| (*n, *d, *a, Settled::default()))
                    .collect(),
                placed,
                settled: Settled::default(),
            }
        })
        .collect();
    let Some(ledger) = ledger else {
        return out;
    };
    for inst in &ledger.installments {
        for penalty in [false, true] {
            let pick = |c: &kassa_domain::loans::ledger::Components| {
                if penalty {
                    c.penalty
                } else {
                    c.fee
                }
            };
            let (mut waived, mut paid, mut written_off) = (
                pick(&inst.waived),
                pick(&inst.paid),
                pick(&inst.written_off),
            );
            let shares: Vec<(usize, usize)> = out
                .iter()
                .enumerate()
                .filter(|(_, v)| v.row.is_penalty == penalty)
                .flat_map(|(ci, v)| {
                    v.installments
                        .iter()
                        .enumerate()
                        .filter(|(_, s)| s.0 == inst.number)
                        .map(move |(si, _)| (ci, si))
                })
                .collect();
            // The charges a live waiver or charge payment of this installment named go first.
            let named = |type_enum: i64| -> Vec<i64> {
                book.paid_by
                    .iter()
                    .filter(|p| p.installment_number == Some(i64::from(inst.number)))
                    .filter(|p| {
                        transactions.iter().any(|t| {
                            t.id == p.loan_transaction_id
                                && !t.is_reversed
                                && t.transaction_type_enum == type_enum
                        })
                    })
                    .map(|p| p.loan_charge_id)
                    .collect()
            };
            let first = |ids: &[i64]| -> Vec<(usize, usize)> {
                let (mut front, back): (Vec<_>, Vec<_>) = shares
                    .iter()
                    .partition(|(ci, _)| ids.contains(&out[*ci].row.id));
                front.extend(back);
                front
            };
            let waive_order = first(&named(WAIVE_CHARGES));
            let pay_order = first(&named(CHARGE_PAYMENT));
            for (ci, si) in waive_order {
                let share = &mut out[ci].installments[si];
                let take = waived.min(share.2 - share.3.waived);
                share.3.waived += take;
                waived -= take;
            }
            for (ci, si) in pay_order {
                let share = &mut out[ci].installments[si];
                let take = paid.min(share.2 - share.3.waived - share.3.paid);
                share.3.paid += take;
                paid -= take;
            }
            for (ci, si) in shares.iter().copied() {
                let share = &mut out[ci].installments[si];
                let open = share.2 - share.3.waived - share.3.paid - share.3.written_off;
                let take = written_off.min(open);
                share.3.written_off += take;
                written_off -= take;
            }
        }
    }
    for v in &mut out {
        for s in &v.installments {
            v.settled.paid += s.3.paid;
            v.settled.waived += s.3.waived;
            v.settled.written_off += s.3.written_off;
        }
        // A fee due at disbursement is paid by the disbursal, outside any installment.
        if v.installments.is_empty() {
            v.settled.paid +=
                crate::loans::charges::book::paid_at_disbursal(book, transactions, v.row.id);
        }
    }
    out
}
