//! The money parts of `LoanAccountData`: the `summary` block and `LoanTransactionData`.

use chrono::NaiveDate;
use kassa_app::loans::charges::DisbursementFees;
use kassa_domain::loans::ledger::{arrears, summary, Arrears, Ledger};
use kassa_store::repo::loans::transaction::LoanTransactionRow;
use rust_decimal::Decimal;
use serde::Serialize;

use super::schedule_data::CurrencyData;
use crate::wire::ser;

/// Fineract's `LoanSummaryData` (the fields the web app reads).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SummaryData {
    currency: CurrencyData,
    /// The principal lent: what was disbursed (Kassa capitalizes no income, which Fineract adds here). The
    /// web app's "Original" principal.
    #[serde(serialize_with = "ser::decimal")]
    total_principal: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    principal_disbursed: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    principal_paid: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    principal_written_off: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    principal_outstanding: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    principal_overdue: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    interest_charged: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    interest_paid: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    interest_waived: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    interest_written_off: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    interest_outstanding: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    interest_overdue: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    fee_charges_charged: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    fee_charges_due_at_disbursement_charged: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    fee_charges_paid: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    fee_charges_waived: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    fee_charges_written_off: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    fee_charges_outstanding: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    fee_charges_overdue: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    penalty_charges_charged: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    penalty_charges_paid: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    penalty_charges_waived: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    penalty_charges_written_off: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    penalty_charges_outstanding: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    penalty_charges_overdue: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    total_expected_repayment: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    total_repayment: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    total_expected_cost_of_loan: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    total_cost_of_loan: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    total_waived: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    total_written_off: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    total_outstanding: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    total_overdue: Decimal,
    #[serde(
        serialize_with = "ser::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    overdue_since_date: Option<NaiveDate>,
}

pub(super) fn summary_data(
    ledger: &Ledger,
    fees: DisbursementFees,
    currency: CurrencyData,
    places: u32,
    today: NaiveDate,
    grace_on_arrears_ageing: u32,
) -> (SummaryData, Arrears) {
    let m = |d: Decimal| {
        let mut d = d.round_dp(places);
        d.rescale(places);
        d
    };
    let s = summary(ledger);
    let a = arrears(ledger, today, grace_on_arrears_ageing);
    // Fees paid at disbursement sit on no installment: `LoanSummary` adds them to the fee totals.
    let fees_open = fees.charged - fees.paid;
    let data = SummaryData {
        currency,
        total_principal: m(s.principal_disbursed),
        principal_disbursed: m(s.principal_disbursed),
        principal_paid: m(s.paid.principal),
        principal_written_off: m(s.written_off.principal),
        principal_outstanding: m(s.outstanding.principal),
        principal_overdue: m(a.overdue.principal),
        interest_charged: m(s.charged.interest),
        interest_paid: m(s.paid.interest),
        interest_waived: m(s.waived.interest),
        interest_written_off: m(s.written_off.interest),
        interest_outstanding: m(s.outstanding.interest),
        interest_overdue: m(a.overdue.interest),
        fee_charges_charged: m(s.charged.fee + fees.charged),
        fee_charges_due_at_disbursement_charged: m(fees.charged),
        fee_charges_paid: m(s.paid.fee + fees.paid),
        fee_charges_waived: m(s.waived.fee),
        fee_charges_written_off: m(s.written_off.fee),
        fee_charges_outstanding: m(s.outstanding.fee + fees_open),
        fee_charges_overdue: m(a.overdue.fee),
        penalty_charges_charged: m(s.charged.penalty),
        penalty_charges_paid: m(s.paid.penalty),
        penalty_charges_waived: m(s.waived.penalty),
        penalty_charges_written_off: m(s.written_off.penalty),
        penalty_charges_outstanding: m(s.outstanding.penalty),
        penalty_charges_overdue: m(a.overdue.penalty),
        total_expected_repayment: m(s.total_expected_repayment + fees.charged),
        total_repayment: m(s.total_repayment + fees.paid),
        total_expected_cost_of_loan: m(s.total_expected_cost_of_loan + fees.charged),
        total_cost_of_loan: m(s.total_cost_of_loan + fees.paid),
        total_waived: m(s.total_waived),
        total_written_off: m(s.total_written_off),
        total_outstanding: m(s.total_outstanding + fees_open),
        total_overdue: m(a.total_overdue),
        overdue_since_date: a.overdue_since,
    };
    (data, a)
}

/// Fineract's `LoanTransactionEnumData`: id, code, value and one flag per type the web app tests.
/// The code and label of transaction type `id`.
fn transaction_type_label(id: i64) -> (&'static str, &'static str) {
    match id {
        1 => ("loanTransactionType.disbursement", "Disbursement"),
        2 => ("loanTransactionType.repayment", "Repayment"),
        5 => (
            "loanTransactionType.repaymentAtDisbursement",
            "Repayment (at time of disbursement)",
        ),
        4 => ("loanTransactionType.waiver", "Waive interest"),
        6 => ("loanTransactionType.writeOff", "Close (as written-off)"),
        8 => (
            "loanTransactionType.recoveryRepayment",
            "Repayment (after write-off)",
        ),
        20 => (
            "loanTransactionType.creditBalanceRefund",
            "Credit Balance Refund",
        ),
        21 => (
            "loanTransactionType.merchantIssuedRefund",
            "Merchant Issued Refund",
        ),
        22 => ("loanTransactionType.payoutRefund", "Payout Refund"),
        23 => ("loanTransactionType.goodwillCredit", "Goodwill Credit"),
        9 => ("loanTransactionType.waiveCharges", "Waive loan charges"),
        17 => ("loanTransactionType.chargePayment", "Charge Payment"),
        // Fineract gives 16 (transfer refund) and 18 (refund for an active loan) the same code.
        16 => ("loanTransactionType.refund", "Transfer Refund"),
        18 => ("loanTransactionType.refund", "Refund"),
        25 => ("loanTransactionType.chargeback", "Chargeback"),
        24 => ("loanTransactionType.chargeRefund", "Charge Refund"),
        26 => ("loanTransactionType.chargeAdjustment", "Charge Adjustment"),
        28 => ("loanTransactionType.downPayment", "Down Payment"),
        31 => (
            "loanTransactionType.interestPaymentWaiver",
            "Interest Payment Waiver",
        ),
        _ => ("loanTransactionType.invalid", "Invalid"),
    }
}

/// Fineract's `LoanTransactionEnumData`: the type's id, code and label, and one flag per type. Written
/// field by field: every transaction of every loan read carries one, so it builds no map.
pub(super) struct TransactionTypeData(i64);

pub(super) fn transaction_type(id: i64) -> TransactionTypeData {
    TransactionTypeData(id)
}

impl Serialize for TransactionTypeData {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let id = self.0;
        let (code, value) = transaction_type_label(id);
        let flags: [(&'static str, bool); 31] = [
            ("accrual", false),
            ("accrualActivity", false),
            ("approveTransfer", false),
            ("chargeAdjustment", id == 26),
            ("chargePayment", id == 17),
            ("chargeRefund", id == 24),
            ("chargeback", id == 25),
            ("chargeoff", false),
            ("contra", false),
            ("creditBalanceRefund", id == 20),
            ("disbursement", id == 1),
            ("downPayment", id == 28),
            ("goodwillCredit", id == 23),
            ("initiateTransfer", false),
            ("interestPaymentWaiver", id == 31),
            ("interestRateChange", false),
            ("interestRefund", false),
            ("merchantIssuedRefund", id == 21),
            ("payoutRefund", id == 22),
            ("reAge", false),
            ("reAmortize", false),
            ("recoveryRepayment", id == 8),
            ("refund", id == 16),
            ("refundForActiveLoans", id == 18),
            ("rejectTransfer", false),
            ("repayment", id == 2),
            ("repaymentAtDisbursement", id == 5),
            ("waiveCharges", id == 9),
            ("waiveInterest", id == 4),
            ("withdrawTransfer", false),
            ("writeOff", id == 6),
        ];
        let mut st = s.serialize_struct("LoanTransactionEnumData", 3 + flags.len())?;
        st.serialize_field("id", &id)?;
        st.serialize_field("code", code)?;
        st.serialize_field("value", value)?;
        for (name, on) in &flags {
            st.serialize_field(name, on)?;
        }
        st.end()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PaymentTypeData {
    id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PaymentDetailData {
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_type: Option<PaymentTypeData>,
    #[serde(skip_serializing_if = "Option::is_none")]
    account_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    check_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    routing_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    receipt_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bank_number: Option<String>,
}

/// Fineract's `LoanTransactionData`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct TransactionData {
    id: i64,
    loan_id: i64,
    office_id: i64,
    office_name: String,
    #[serde(rename = "type")]
    kind: TransactionTypeData,
    #[serde(serialize_with = "ser::date")]
    date: NaiveDate,
    /// Shared by every transaction of the answer.
    #[serde(serialize_with = "ser::shared")]
    currency: std::sync::Arc<super::schedule_data::CurrencyData>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_detail_data: Option<PaymentDetailData>,
    #[serde(serialize_with = "ser::decimal")]
    amount: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    principal_portion: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    interest_portion: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    fee_charges_portion: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    penalty_charges_portion: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    overpayment_portion: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    unrecognized_income_portion: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    outstanding_loan_balance: Decimal,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_id: Option<String>,
    transfer: bool,
    #[serde(serialize_with = "ser::date")]
    submitted_on_date: NaiveDate,
    manually_reversed: bool,
    #[serde(
        serialize_with = "ser::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    reversed_on_date: Option<NaiveDate>,
    /// Links from this transaction (a repayment to its chargebacks), as Fineract always lists them.
    transaction_relations: Vec<super::refunds::RelationData>,
}

impl TransactionData {
    pub(super) fn set_relations(
        &mut self,
        relations: &[kassa_store::repo::loans::transaction_relation::RelationRow],
        places: u32,
    ) {
        self.transaction_relations = super::refunds::relations_data(relations, self.id, places);
    }
}

pub(super) fn transaction_data(
    t: &LoanTransactionRow,
    currency: &std::sync::Arc<super::schedule_data::CurrencyData>,
    places: u32,
) -> TransactionData {
    let m = |d: Decimal| {
        let mut d = d.round_dp(places);
        d.rescale(places);
        d
    };
    let has_payment = t.payment_type_id.is_some()
        || [
            &t.account_number,
            &t.check_number,
            &t.routing_code,
            &t.receipt_number,
            &t.bank_number,
        ]
        .iter()
        .any(|f| f.is_some());
    TransactionData {
        id: t.id,
        loan_id: t.loan_id,
        office_id: t.office_id,
        office_name: t.office_name.clone(),
        kind: transaction_type(t.transaction_type_enum),
        date: t.transaction_date,
        currency: currency.clone(),
        payment_detail_data: has_payment.then(|| PaymentDetailData {
            payment_type: t.payment_type_id.map(|id| PaymentTypeData {
                id,
                name: t.payment_type_name.clone(),
            }),
            account_number: t.account_number.clone(),
            check_number: t.check_number.clone(),
            routing_code: t.routing_code.clone(),
            receipt_number: t.receipt_number.clone(),
            bank_number: t.bank_number.clone(),
        }),
        amount: m(t.amount.0),
        principal_portion: m(t.principal_portion_derived.0),
        interest_portion: m(t.interest_portion_derived.0),
        fee_charges_portion: m(t.fee_charges_portion_derived.0),
        penalty_charges_portion: m(t.penalty_charges_portion_derived.0),
        overpayment_portion: m(t.overpayment_portion_derived.0),
        unrecognized_income_portion: m(Decimal::ZERO),
        outstanding_loan_balance: m(t.outstanding_loan_balance_derived.0),
        external_id: t.external_id.clone(),
        transfer: false,
        submitted_on_date: t.submitted_on_date,
        manually_reversed: t.is_reversed,
        reversed_on_date: t.reversed_on_date,
        transaction_relations: Vec::new(),
    }
}
