//! Fineract's `JournalEntryData` (nulls left out, dates as `[y, m, d]`) and the opening-balance shape.

use chrono::NaiveDate;
use kassa_app::accounting::journal_entries::balance;
use kassa_app::accounting::journal_opening::OpeningBalances;
use kassa_domain::accounting::{GlAccount, GlAccountType, JournalEntryType};
use kassa_store::repo::accounting::journal_read::JournalListing;
use rust_decimal::Decimal;
use serde::Serialize;

use super::data::{option_of, EnumOption, GlAccountData};
use crate::wire::ser;

/// `CurrencyData` of an entry's currency.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EntryCurrency {
    code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    decimal_places: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    in_multiples_of: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_symbol: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_label: Option<String>,
}

/// `PaymentDetailData` of a manual entry; Fineract's id is the entry's id.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EntryPaymentDetails {
    id: i64,
    #[schema(value_type = Object)]
    payment_type: serde_json::Value,
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

/// `TransactionDetailData`: the loan transaction's id for system entries, payment details when given.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TransactionDetails {
    #[serde(skip_serializing_if = "Option::is_none")]
    transaction_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_details: Option<EntryPaymentDetails>,
}

/// `JournalEntryData`.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct JournalEntryData {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    office_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    office_name: Option<String>,
    gl_account_name: String,
    gl_account_id: i64,
    gl_account_code: String,
    gl_account_type: Option<EnumOption>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    #[schema(value_type = Option<Vec<i32>>)]
    transaction_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entry_type: Option<EnumOption>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    #[schema(value_type = Option<f64>)]
    amount: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<EntryCurrency>,
    #[serde(skip_serializing_if = "Option::is_none")]
    transaction_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    manual_entry: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity_type: Option<EnumOption>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created_by_user_id: Option<i64>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    #[schema(value_type = Option<Vec<i32>>)]
    created_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created_by_user_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comments: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reversed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference_number: Option<String>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    #[schema(value_type = Option<f64>)]
    office_running_balance: Option<Decimal>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    #[schema(value_type = Option<f64>)]
    organization_running_balance: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    running_balance_computed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    transaction_details: Option<TransactionDetails>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    #[schema(value_type = Option<Vec<i32>>)]
    submitted_on_date: Option<NaiveDate>,
}

/// Fineract's debit code carries its typo ("journalEntrytType").
fn entry_type(side: i64) -> EnumOption {
    match side {
        2 => EnumOption {
            id: 2,
            code: "journalEntrytType.debit",
            value: JournalEntryType::Debit.label(),
        },
        _ => option_of!(JournalEntryType::Credit),
    }
}

/// Amounts as the DECIMAL(19,6) column gives them in Fineract (`100.500000`), on either backend.
fn stored_scale(mut d: Decimal) -> Decimal {
    d.rescale(6);
    d
}

impl JournalEntryData {
    /// An account without a line (the opening-balance form's empty rows).
    pub fn account_only(a: &GlAccount) -> JournalEntryData {
        JournalEntryData {
            gl_account_name: a.name.clone(),
            gl_account_id: a.id,
            gl_account_code: a.gl_code.clone(),
            gl_account_type: Some(option_of!(a.account_type)),
            ..JournalEntryData::default()
        }
    }

    pub fn new(l: JournalListing, details: bool) -> JournalEntryData {
        let account_type = GlAccountType::from_fineract_id(l.classification_enum);
        let running = |net: Option<kassa_store::money::DbAmount>| {
            let t = account_type?;
            net.map(|n| stored_scale(balance(t, n.0)))
        };
        let office_running_balance = running(l.office_net_debit);
        let organization_running_balance = running(l.organization_net_debit);
        let transaction_details = details.then(|| TransactionDetails {
            transaction_id: l.loan_transaction_id,
            payment_details: l.payment_type_id.map(|pt| EntryPaymentDetails {
                id: l.id,
                payment_type: serde_json::json!({"id": pt, "name": l.payment_type_name.clone()}),
                account_number: l.account_number.clone(),
                check_number: l.check_number.clone(),
                routing_code: l.routing_code.clone(),
                receipt_number: l.receipt_number.clone(),
                bank_number: l.bank_number.clone(),
            }),
        });
        let display_label = l.currency_name.as_ref().map(|name| {
            match l
                .currency_display_symbol
                .as_deref()
                .filter(|s| !s.is_empty())
            {
                Some(symbol) => format!("{name} ({symbol})"),
                None => format!("{name} [{}]", l.currency_code),
            }
        });
        JournalEntryData {
            id: Some(l.id),
            office_id: Some(l.office_id),
            office_name: Some(l.office_name),
            gl_account_name: l.account_name,
            gl_account_id: l.account_id,
            gl_account_code: l.gl_code,
            gl_account_type: account_type.map(|t| option_of!(t)),
            transaction_date: Some(l.entry_date),
            entry_type: Some(entry_type(l.type_enum)),
            amount: Some(stored_scale(l.amount.0)),
            currency: Some(EntryCurrency {
                code: l.currency_code,
                name: l.currency_name,
                decimal_places: l.currency_decimal_places,
                in_multiples_of: l.currency_multiplesof,
                display_symbol: l.currency_display_symbol,
                name_code: l.currency_name_code,
                display_label,
            }),
            transaction_id: Some(l.transaction_id),
            manual_entry: Some(l.manual_entry),
            entity_type: l.entity_type_enum.map(|id| EnumOption {
                id,
                code: "productType.loan",
                value: "LOAN",
            }),
            entity_id: l.entity_id,
            created_by_user_id: l.created_by,
            created_date: Some(l.submitted_on_date),
            created_by_user_name: l.created_by_username,
            comments: l.description,
            reversed: Some(l.reversed),
            reference_number: l.ref_num,
            running_balance_computed: office_running_balance.map(|_| true),
            office_running_balance,
            organization_running_balance,
            transaction_details,
            submitted_on_date: Some(l.submitted_on_date),
        }
    }
}

/// `OfficeOpeningBalancesData`; Fineract misspells the liability key.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OpeningBalanceData {
    office_id: i64,
    office_name: String,
    #[serde(serialize_with = "ser::date")]
    #[schema(value_type = Vec<i32>)]
    transaction_date: NaiveDate,
    contra_account: GlAccountData,
    asset_account_opening_balances: Vec<JournalEntryData>,
    #[serde(rename = "liabityAccountOpeningBalances")]
    liability_account_opening_balances: Vec<JournalEntryData>,
    income_account_opening_balances: Vec<JournalEntryData>,
    equity_account_opening_balances: Vec<JournalEntryData>,
    expense_account_opening_balances: Vec<JournalEntryData>,
}

impl OpeningBalanceData {
    pub fn new(o: OpeningBalances) -> OpeningBalanceData {
        let mut data = OpeningBalanceData {
            office_id: o.office.id,
            office_name: o.office.name,
            transaction_date: o.today,
            contra_account: GlAccountData::new(&o.contra, false),
            asset_account_opening_balances: Vec::new(),
            liability_account_opening_balances: Vec::new(),
            income_account_opening_balances: Vec::new(),
            equity_account_opening_balances: Vec::new(),
            expense_account_opening_balances: Vec::new(),
        };
        for (account, line) in o.accounts {
            let entry = match line {
                Some(l) => JournalEntryData::new(l, false),
                None => JournalEntryData::account_only(&account),
            };
            let list = match account.account_type {
                GlAccountType::Asset => &mut data.asset_account_opening_balances,
                GlAccountType::Liability => &mut data.liability_account_opening_balances,
                GlAccountType::Income => &mut data.income_account_opening_balances,
                GlAccountType::Equity => &mut data.equity_account_opening_balances,
                GlAccountType::Expense => &mut data.expense_account_opening_balances,
            };
            list.push(entry);
        }
        data
    }
}
