//! The charge enumerations with Fineract's ids, codes and labels (`ChargeEnumerations`), and which of them
//! each kind of account accepts (`validLoanValues`, `validValuesForSavings`, …).

fineract_enum!(
    /// `chargeAppliesTo`: which kind of account a charge is for.
    ChargeAppliesTo {
        Loan = 1, "chargeAppliesTo.loan", "Loan";
        Savings = 2, "chargeAppliesTo.savings", "Savings";
        Client = 3, "chargeAppliesTo.client", "Client";
        Shares = 4, "chargeAppliesTo.shares", "Shares";
    }
);

fineract_enum!(
    /// `chargeTimeType`: when a charge falls due.
    ChargeTimeType {
        Disbursement = 1, "chargeTimeType.disbursement", "Disbursement";
        SpecifiedDueDate = 2, "chargeTimeType.specifiedDueDate", "Specified due date";
        SavingsActivation = 3, "chargeTimeType.savingsActivation", "Savings Activation";
        SavingsClosure = 4, "chargeTimeType.savingsClosure", "Savings Closure";
        WithdrawalFee = 5, "chargeTimeType.withdrawalFee", "Withdrawal Fee";
        AnnualFee = 6, "chargeTimeType.annualFee", "Annual Fee";
        MonthlyFee = 7, "chargeTimeType.monthlyFee", "Monthly Fee";
        InstalmentFee = 8, "chargeTimeType.instalmentFee", "Installment Fee";
        OverdueInstallment = 9, "chargeTimeType.overdueInstallment", "Overdue Fees";
        OverdraftFee = 10, "chargeTimeType.overdraftFee", "Overdraft Fee";
        WeeklyFee = 11, "chargeTimeType.weeklyFee", "Weekly Fee";
        TrancheDisbursement = 12, "chargeTimeType.tranchedisbursement", "Tranche Disbursement";
        ShareAccountActivation = 13, "chargeTimeType.activation", "Share Account Activate";
        SharePurchase = 14, "chargeTimeType.sharespurchase", "Share Purchase";
        ShareRedeem = 15, "chargeTimeType.sharesredeem", "Share Redeem";
        SavingsNoActivityFee = 16, "chargeTimeType.savingsNoActivityFee", "Saving No Activity Fee";
    }
);

fineract_enum!(
    /// `chargeCalculationType`: how the amount is read (a flat sum or a percentage of something).
    ChargeCalculationType {
        Flat = 1, "chargeCalculationType.flat", "Flat";
        PercentOfAmount = 2, "chargeCalculationType.percent.of.amount", "% Amount";
        PercentOfAmountAndInterest = 3, "chargeCalculationType.percent.of.amount.and.interest", "% Loan Amount + Interest";
        PercentOfInterest = 4, "chargeCalculationType.percent.of.interest", "% Interest";
        PercentOfDisbursementAmount = 5, "chargeCalculationType.percent.of.disbursement.amount", "% Disbursement Amount";
    }
);

fineract_enum!(
    /// `chargePaymentMode` (loans): paid like any due amount, or by transfer from a linked savings account.
    ChargePaymentMode {
        Regular = 0, "chargepaymentmode.regular", "Regular";
        AccountTransfer = 1, "chargepaymentmode.accounttransfer", "Account transfer";
    }
);

fineract_enum!(
    /// `feeFrequency` (overdue fees): a period frequency. Fineract reads the stored value with the code
    /// prefix `feeFrequency` and lists the options with the prefix `frequency`, both glued on without a dot.
    FeeFrequency {
        Days = 0, "periodFrequencyType.days", "Days";
        Weeks = 1, "periodFrequencyType.weeks", "Weeks";
        Months = 2, "periodFrequencyType.months", "Months";
        Years = 3, "periodFrequencyType.years", "Years";
    }
);

use ChargeTimeType as T;

/// Time types Fineract's validator accepts per kind of account, in its order.
pub fn allowed_time_types(applies_to: ChargeAppliesTo) -> &'static [ChargeTimeType] {
    match applies_to {
        ChargeAppliesTo::Loan => &[
            T::Disbursement,
            T::SpecifiedDueDate,
            T::InstalmentFee,
            T::OverdueInstallment,
            T::TrancheDisbursement,
        ],
        ChargeAppliesTo::Savings => &[
            T::SpecifiedDueDate,
            T::SavingsActivation,
            T::SavingsClosure,
            T::WithdrawalFee,
            T::AnnualFee,
            T::MonthlyFee,
            T::OverdraftFee,
            T::WeeklyFee,
            T::SavingsNoActivityFee,
        ],
        ChargeAppliesTo::Client => &[T::SpecifiedDueDate],
        ChargeAppliesTo::Shares => &[T::ShareAccountActivation, T::SharePurchase, T::ShareRedeem],
    }
}

/// Time types the template offers per kind of account (savings closure is accepted but never offered).
pub fn offered_time_types(applies_to: ChargeAppliesTo) -> Vec<ChargeTimeType> {
    match applies_to {
        ChargeAppliesTo::Savings => vec![
            T::SpecifiedDueDate,
            T::SavingsActivation,
            T::WithdrawalFee,
            T::AnnualFee,
            T::MonthlyFee,
            T::WeeklyFee,
            T::OverdraftFee,
            T::SavingsNoActivityFee,
        ],
        other => allowed_time_types(other).to_vec(),
    }
}

/// Calculation types accepted per kind of account.
pub fn allowed_calculation_types(applies_to: ChargeAppliesTo) -> &'static [ChargeCalculationType] {
    use ChargeCalculationType as C;
    match applies_to {
        ChargeAppliesTo::Loan => C::ALL,
        ChargeAppliesTo::Savings | ChargeAppliesTo::Shares => &[C::Flat, C::PercentOfAmount],
        ChargeAppliesTo::Client => &[C::Flat],
    }
}

/// Fineract's ids of a list of enumerations, for "must be one of" messages.
pub fn ids<E: Copy>(values: &[E], id: fn(E) -> i64) -> Vec<i64> {
    values.iter().map(|v| id(*v)).collect()
}
