//! What the processor is given: the schedule as generated, the disbursements and the loan's
//! non-reversed transactions. Everything is plain data so the caller can build it from storage.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::money::RoundingMode;

/// One scheduled installment (a `LoanRepaymentScheduleInstallment` before any payment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledInstallment {
    pub number: u32,
    pub from_date: NaiveDate,
    pub due_date: NaiveDate,
    pub principal: Decimal,
    pub interest: Decimal,
    pub fee: Decimal,
    pub penalty: Decimal,
    pub is_down_payment: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Disbursement {
    pub date: NaiveDate,
    pub amount: Decimal,
}

/// A charge with its due date. Only the two due-…-in-advance strategies read these: they pay a future
/// installment's fees/penalties early only up to the charges already due on the transaction date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChargeDue {
    pub due_date: NaiveDate,
    pub amount: Decimal,
    pub is_penalty: bool,
}

/// The loan transaction types the processor replays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransactionKind {
    Repayment,
    /// Walked like a repayment, but what is left over is not owed back (it recovers a write-off).
    RecoveryPayment,
    MerchantIssuedRefund,
    PayoutRefund,
    GoodwillCredit,
    DownPayment,
    InterestPaymentWaiver,
    /// `waiveinterest`: waives interest installment by installment up to the amount.
    WaiveInterest,
    /// Writes off everything outstanding; its amount is ignored (the portions say what was written off).
    WriteOff,
    /// Pays fees (or penalties) only: of the installment it names (where the paid charge falls due), else
    /// oldest installment first.
    ChargePayment {
        penalty: bool,
        installment: Option<u32>,
    },
    /// Pays the credit balance back to the client.
    CreditBalanceRefund,
    /// `WAIVE_CHARGES`: waives fees (or penalties), installment by installment like `ChargePayment`.
    WaiveCharges {
        penalty: bool,
        installment: Option<u32>,
    },
    /// `CHARGE_REFUND` (24): what a charge cost the client is given back to the loan. Fineract walks it
    /// like a repayment (`isRepaymentLikeType`), so it may pay the same charge again or overpay.
    ChargeRefund,
    /// `CHARGE_ADJUSTMENT` (26): a charge reduced after the fact, also walked like a repayment.
    ChargeAdjustment,
    /// `REFUND_FOR_ACTIVE_LOAN` (18, `refundByCash`): gives back money paid in advance, un-paying the
    /// latest installments first.
    RefundForActiveLoan,
    /// `CHARGEBACK` (25): (part of) a repayment bounced; processed like a credit balance refund, so what
    /// the credit balance does not cover is owed principal again.
    Chargeback,
}

impl TransactionKind {
    /// Fineract's `LoanTransactionType` id.
    pub fn fineract_id(self) -> i64 {
        match self {
            TransactionKind::Repayment => 2,
            TransactionKind::WaiveInterest => 4,
            TransactionKind::WriteOff => 6,
            TransactionKind::RecoveryPayment => 8,
            TransactionKind::WaiveCharges { .. } => 9,
            TransactionKind::ChargePayment { .. } => 17,
            TransactionKind::CreditBalanceRefund => 20,
            TransactionKind::MerchantIssuedRefund => 21,
            TransactionKind::PayoutRefund => 22,
            TransactionKind::GoodwillCredit => 23,
            TransactionKind::ChargeRefund => 24,
            TransactionKind::ChargeAdjustment => 26,
            TransactionKind::RefundForActiveLoan => 18,
            TransactionKind::Chargeback => 25,
            TransactionKind::DownPayment => 28,
            TransactionKind::InterestPaymentWaiver => 31,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoanTransaction {
    pub id: i64,
    pub kind: TransactionKind,
    pub date: NaiveDate,
    pub amount: Decimal,
}

/// Everything `process` needs besides the strategy. Transactions must be the non-reversed ones, in the
/// caller's sequence (creation order); `process` sorts them by date, keeping that order within a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanInput {
    pub installments: Vec<ScheduledInstallment>,
    pub disbursements: Vec<Disbursement>,
    pub transactions: Vec<LoanTransaction>,
    pub charges: Vec<ChargeDue>,
    pub currency_decimal_places: u32,
    /// Only the advanced strategy's even split (REAMORTIZATION) rounds.
    pub rounding_mode: RoundingMode,
}
