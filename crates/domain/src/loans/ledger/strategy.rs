//! The transaction-processing strategies a loan product can name, with Fineract's codes and display
//! names so the API layer can echo `transactionProcessingStrategyCode`/`Name` without a second table.

use super::rules::PaymentAllocationRules;

/// Which allocation order a loan follows. All but `Advanced` are Fineract's fixed-order processors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Strategy {
    /// `mifos-standard-strategy`: penalty, fee, interest, principal; in advance the same.
    MifosStandard,
    /// `heavensfamily-strategy`: principal first; "in advance" is judged against the previous due date.
    HeavensFamily,
    /// `creocore-strategy`: penalty, fee, interest, principal.
    Creocore,
    /// `rbi-india-strategy`: late payments clear all overdue charges and interest before any principal.
    RbiIndia,
    /// `principal-interest-penalties-fees-order-strategy`.
    PrincipalInterestPenaltyFee,
    /// `interest-principal-penalties-fees-order-strategy`.
    InterestPrincipalPenaltyFee,
    /// `early-repayment-strategy`: interest, principal, penalty, fee; in advance principal only.
    EarlyRepayment,
    /// `due-penalty-fee-interest-principal-in-advance-principal-penalty-fee-interest-strategy`.
    DuePenaltyFeeInterestPrincipalInAdvancePrincipalPenaltyFeeInterest,
    /// `due-penalty-interest-principal-fee-in-advance-penalty-interest-principal-fee-strategy`.
    DuePenaltyInterestPrincipalFeeInAdvancePenaltyInterestPrincipalFee,
    /// `advanced-payment-allocation-strategy`: the product's own rules per transaction type.
    Advanced(PaymentAllocationRules),
}

const MIFOS: &str = "mifos-standard-strategy";
const HEAVENS: &str = "heavensfamily-strategy";
const CREOCORE: &str = "creocore-strategy";
const RBI: &str = "rbi-india-strategy";
const PIPF: &str = "principal-interest-penalties-fees-order-strategy";
const IPPF: &str = "interest-principal-penalties-fees-order-strategy";
const EARLY: &str = "early-repayment-strategy";
const DUE_PFIP: &str =
    "due-penalty-fee-interest-principal-in-advance-principal-penalty-fee-interest-strategy";
const DUE_PIPF: &str =
    "due-penalty-interest-principal-fee-in-advance-penalty-interest-principal-fee-strategy";
const ADVANCED: &str = "advanced-payment-allocation-strategy";

impl Strategy {
    /// Parses a strategy code. The advanced strategy starts with Fineract's default rule (see
    /// [`PaymentAllocationRules::fineract_default`]); replace it with the product's rules.
    pub fn from_code(code: &str) -> Option<Strategy> {
        Some(match code {
            MIFOS => Strategy::MifosStandard,
            HEAVENS => Strategy::HeavensFamily,
            CREOCORE => Strategy::Creocore,
            RBI => Strategy::RbiIndia,
            PIPF => Strategy::PrincipalInterestPenaltyFee,
            IPPF => Strategy::InterestPrincipalPenaltyFee,
            EARLY => Strategy::EarlyRepayment,
            DUE_PFIP => {
                Strategy::DuePenaltyFeeInterestPrincipalInAdvancePrincipalPenaltyFeeInterest
            }
            DUE_PIPF => {
                Strategy::DuePenaltyInterestPrincipalFeeInAdvancePenaltyInterestPrincipalFee
            }
            ADVANCED => Strategy::Advanced(PaymentAllocationRules::fineract_default()),
            _ => return None,
        })
    }

    pub fn code(&self) -> &'static str {
        match self {
            Strategy::MifosStandard => MIFOS,
            Strategy::HeavensFamily => HEAVENS,
            Strategy::Creocore => CREOCORE,
            Strategy::RbiIndia => RBI,
            Strategy::PrincipalInterestPenaltyFee => PIPF,
            Strategy::InterestPrincipalPenaltyFee => IPPF,
            Strategy::EarlyRepayment => EARLY,
            Strategy::DuePenaltyFeeInterestPrincipalInAdvancePrincipalPenaltyFeeInterest => {
                DUE_PFIP
            }
            Strategy::DuePenaltyInterestPrincipalFeeInAdvancePenaltyInterestPrincipalFee => {
                DUE_PIPF
            }
            Strategy::Advanced(_) => ADVANCED,
        }
    }

    /// Fineract's `STRATEGY_NAME`s, spelling (and spacing) included.
    pub fn name(&self) -> &'static str {
        match self {
            Strategy::MifosStandard => "Penalties, Fees, Interest, Principal order",
            Strategy::HeavensFamily => "HeavensFamily Unique",
            Strategy::Creocore => "Creocore Unique",
            Strategy::RbiIndia => "Overdue/Due Fee/Int,Principal",
            Strategy::PrincipalInterestPenaltyFee => "Principal, Interest, Penalties, Fees Order",
            Strategy::InterestPrincipalPenaltyFee => "Interest, Principal, Penalties, Fees Order",
            Strategy::EarlyRepayment => "Early Repayment Strategy",
            Strategy::DuePenaltyFeeInterestPrincipalInAdvancePrincipalPenaltyFeeInterest => {
                "Due penalty, fee, interest, principal, In advance principal, penalty, fee, interest"
            }
            Strategy::DuePenaltyInterestPrincipalFeeInAdvancePenaltyInterestPrincipalFee => {
                "Due penalty, interest, principal, fee, In advance penalty, interest, principal, fee"
            }
            Strategy::Advanced(_) => "Advanced payment allocation strategy",
        }
    }
}
