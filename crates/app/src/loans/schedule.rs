//! `calculateLoanSchedule`: a validated loan application, its product's terms, the tenant's rounding mode
//! and the calendar of the client's office (or the head office) become one engine's terms; the schedule
//! comes back without anything being written. Fineract checks no permission here, only authentication.

use chrono::NaiveDate;
use kassa_domain::loan_products::{
    Amortization, InterestCalculationPeriod, InterestMethod, LoanProduct, LoanProductError,
    RateFrequency, ScheduleType,
};
use kassa_domain::loans::common::{DaysInYear, PeriodFrequency};
use kassa_domain::loans::cumulative::{
    self, generate_cumulative_schedule, CumulativeTerms, NthWeekday, ScheduleCalendar,
    ScheduleError,
};
use kassa_domain::loans::progressive::{
    self, generate_schedule_on_calendar, Disbursement, ProgressiveTerms, RateTerms, ScheduleRow,
};
use kassa_domain::money::RoundingMode;
use kassa_domain::organisation::calendar::Holiday;
use kassa_domain::organisation::currency::Currency;
use kassa_domain::platform::configuration::names;
use kassa_store::money::DbAmount;
use kassa_store::repo::loan_products as product_repo;
use kassa_store::repo::loans::loan::InstallmentRow;
use kassa_store::repo::organisation::calendar::{self as calendar_repo, HolidayFilter};
use kassa_store::repo::organisation::currency as currency_repo;
use kassa_store::Conn;
use rust_decimal::Decimal;

use crate::error::{AppError, AppResult};
use crate::platform::configuration::read_in;
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

/// Fineract's head office id: the calendar of a schedule without a client.
const HEAD_OFFICE_ID: i64 = 1;

/// A loan application as the schedule needs it, already validated by the API layer.
#[derive(Debug, Clone)]
pub struct LoanApplication {
    pub product_id: i64,
    pub client_id: Option<i64>,
    pub principal: Decimal,
    pub loan_term_frequency: u32,
    pub number_of_repayments: u32,
    pub repayment_every: u32,
    pub repayment_frequency: PeriodFrequency,
    pub interest_rate_per_period: Decimal,
    pub amortization: Amortization,
    pub interest_method: InterestMethod,
    pub interest_calculation_period: InterestCalculationPeriod,
    pub expected_disbursement_date: NaiveDate,
    pub submitted_on_date: Option<NaiveDate>,
    pub repayments_starting_from_date: Option<NaiveDate>,
    pub interest_charged_from_date: Option<NaiveDate>,
    pub grace_on_principal_payment: Option<u32>,
    pub grace_on_interest_payment: Option<u32>,
    pub grace_on_interest_charged: Option<u32>,
    pub fixed_emi_amount: Option<Decimal>,
    pub allow_partial_period_interest_calculation: Option<bool>,
    pub is_equal_amortization: Option<bool>,
    pub fixed_principal_percentage_per_installment: Option<Decimal>,
    pub days_in_year: Option<DaysInYear>,
    pub repayment_on_nth_weekday: Option<NthWeekday>,
    /// `disbursementData`: (expected date, principal), for multi-disbursement products.
    pub tranches: Vec<(NaiveDate, Decimal)>,
}

/// One row of `periods`.
#[derive(Debug, Clone, PartialEq)]
pub enum SchedulePeriod {
    Disbursement {
        due_date: NaiveDate,
        principal_disbursed: Decimal,
        principal_loan_balance_outstanding: Decimal,
    },
    Installment {
        period: u32,
        from_date: NaiveDate,
        due_date: NaiveDate,
        days_in_period: i64,
        principal_due: Decimal,
        interest_due: Decimal,
        fee_charges_due: Decimal,
        penalty_charges_due: Decimal,
        total_due: Decimal,
        principal_loan_balance_outstanding: Decimal,
        down_payment: bool,
    },
}

/// Fineract's `LoanScheduleData` figures for a schedule not yet disbursed.
#[derive(Debug, Clone)]
pub struct CalculatedSchedule {
    /// The product's currency with the product's decimal places and multiples.
    pub currency: Currency,
    pub loan_term_in_days: i64,
    pub total_principal_disbursed: Decimal,
    pub total_principal_expected: Decimal,
    pub total_interest_charged: Decimal,
    pub total_fee_charges_charged: Decimal,
    pub total_penalty_charges_charged: Decimal,
    pub total_repayment_expected: Decimal,
    pub periods: Vec<SchedulePeriod>,
}

/// The product of an application; an unknown one is Fineract's 404 `error.msg.loanproduct.id.invalid`.
pub async fn product(tenant: &TenantCtx, id: i64) -> AppResult<LoanProduct> {
    let mut conn = tenant.pool().acquire().await?;
    Ok(product_repo::find(&mut conn.conn(), id)
        .await?
        .ok_or_else(|| LoanProductError::NotFound(id.to_string()))?)
}

/// Computes the schedule of `application` on `product`. A given client must be visible to the caller.
pub async fn calculate(
    tenant: &TenantCtx,
    principal: &Principal,
    product: &LoanProduct,
    application: &LoanApplication,
) -> AppResult<CalculatedSchedule> {
    let office_id = match application.client_id {
        Some(id) => {
            crate::clients::visible(tenant, principal, id)
                .await?
                .office_id
        }
        None => HEAD_OFFICE_ID,
    };
    let mut conn = tenant.pool().acquire().await?;
    let mut c = conn.conn();
    let terms = &product.terms;
    let platform = currency_repo::find_platform(&mut c, &terms.currency_code)
        .await?
        .ok_or_else(|| {
            kassa_domain::organisation::currency::CurrencyError::NotEnabled(
                terms.currency_code.clone(),
            )
        })?;
    let currency = Currency {
        decimal_places: u32::try_from(terms.digits_after_decimal).unwrap_or(2),
        in_multiples_of: Some(terms.in_multiples_of),
        ..platform
    };
    let rounding_mode = read_in(&mut c, names::ROUNDING_MODE)
        .await?
        .value
        .and_then(RoundingMode::from_fineract_id)
        .unwrap_or(RoundingMode::HalfEven);
    let calendar = schedule_calendar(&mut c, office_id).await?;
    drop(conn);
    crate::platform::cpu::heavy(|| match terms.schedule_type {
        ScheduleType::Cumulative => {
            cumulative_schedule(product, application, currency, rounding_mode, calendar)
        }
        ScheduleType::Progressive => {
            progressive_schedule(product, application, currency, rounding_mode, &calendar)
        }
    })
}

async fn schedule_calendar(c: &mut Conn<'_>, office_id: i64) -> AppResult<ScheduleCalendar> {
    let working_days = calendar_repo::find_working_days(c).await?;
    let holidays: Vec<Holiday> = if read_in(c, names::RESCHEDULE_REPAYMENTS_ON_HOLIDAYS)
        .await?
        .enabled
    {
        let filter = HolidayFilter {
            office_id: Some(office_id),
            from_date: None,
            to_date: None,
        };
        calendar_repo::list_holidays(c, ".", &filter).await?
    } else {
        Vec::new()
    };
    Ok(ScheduleCalendar {
        working_days,
        holidays,
    })
}

/// `AprCalculator.calculateFrom`: the nominal annual rate from the rate per period.
pub fn annual_rate(product: &LoanProduct, application: &LoanApplication) -> Decimal {
    let rate = application.interest_rate_per_period;
    let per_year = |frequency: PeriodFrequency| match frequency {
        PeriodFrequency::Days => Decimal::from(365),
        PeriodFrequency::Weeks => Decimal::from(52),
        PeriodFrequency::Months => Decimal::from(12),
        PeriodFrequency::Years => Decimal::ONE,
    };
    match product.terms.interest_rate_frequency {
        RateFrequency::Months => rate * Decimal::from(12),
        RateFrequency::Years => rate,
        RateFrequency::WholeTerm => {
            let periods =
                Decimal::from(application.number_of_repayments * application.repayment_every);
            let per_period = kassa_domain::money::round(rate / periods, 8, RoundingMode::HalfEven);
            per_period * per_year(application.repayment_frequency)
        }
    }
}

fn installment_multiple(product: &LoanProduct) -> Option<u32> {
    product
        .terms
        .installment_amount_in_multiples_of
        .and_then(|m| u32::try_from(m.trunc().mantissa()).ok())
        .filter(|m| *m > 0)
}

fn down_payment_percent(product: &LoanProduct) -> Option<Decimal> {
    if product.terms.enable_down_payment {
        product.terms.disbursed_amount_percentage_for_down_payment
    } else {
        None
    }
}

fn schedule_error(e: ScheduleError) -> AppError {
    match e {
        ScheduleError::EmiBelowInterest { interest } => AppError::rule(
            "error.msg.loan.emi.amount.must.be.greter.than.interest",
            format!("EMI amount must be greater than : {interest}"),
        ),
        other => AppError::rule("error.msg.loan.schedule.invalid", other.to_string()),
    }
}

fn cumulative_schedule(
    product: &LoanProduct,
    app: &LoanApplication,
    currency: Currency,
    rounding_mode: RoundingMode,
    calendar: ScheduleCalendar,
) -> AppResult<CalculatedSchedule> {
    let t = &product.terms;
    let mut terms = CumulativeTerms::monthly(
        app.principal,
        annual_rate(product, app),
        app.number_of_repayments,
        app.expected_disbursement_date,
    );
    terms.currency = cumulative::CurrencyRules {
        decimal_places: currency.decimal_places,
        in_multiples_of: currency
            .in_multiples_of
            .and_then(|m| u32::try_from(m).ok())
            .filter(|m| *m > 0),
    };
    terms.rounding_mode = rounding_mode;
    terms.repayment_every = app.repayment_every;
    terms.repayment_frequency = app.repayment_frequency;
    terms.loan_term_frequency = app.loan_term_frequency;
    terms.repayments_starting_from_date = app.repayments_starting_from_date;
    terms.interest_charged_from_date = app.interest_charged_from_date;
    terms.amortization = match app.amortization {
        Amortization::EqualPrincipal => cumulative::AmortizationMethod::EqualPrincipal,
        Amortization::EqualInstallments => cumulative::AmortizationMethod::EqualInstallments,
    };
    terms.interest_method = match app.interest_method {
        InterestMethod::DecliningBalance => cumulative::InterestMethod::DecliningBalance,
        InterestMethod::Flat => cumulative::InterestMethod::Flat,
    };
    terms.interest_calculation_period = match app.interest_calculation_period {
        InterestCalculationPeriod::Daily => cumulative::InterestCalculationPeriod::Daily,
        InterestCalculationPeriod::SameAsRepaymentPeriod => {
            cumulative::InterestCalculationPeriod::SameAsRepaymentPeriod
        }
    };
    terms.allow_partial_period_interest_calculation = app
        .allow_partial_period_interest_calculation
        .unwrap_or(t.allow_partial_period_interest_calculation);
    terms.days_in_year = app.days_in_year.unwrap_or(t.days_in_year);
    terms.days_in_month = t.days_in_month;
    let grace = |given: Option<u32>, product: Option<i64>| {
        given.unwrap_or_else(|| {
            product
                .and_then(|g| u32::try_from(g).ok())
                .unwrap_or_default()
        })
    };
    terms.grace = cumulative::Grace {
        on_principal_periods: grace(app.grace_on_principal_payment, t.grace_on_principal_payment),
        on_interest_payment_periods: grace(
            app.grace_on_interest_payment,
            t.grace_on_interest_payment,
        ),
        on_interest_charged_periods: grace(
            app.grace_on_interest_charged,
            t.grace_on_interest_charged,
        ),
        recurring_moratorium_on_principal_periods: 0,
    };
    terms.installment_amount_in_multiples_of = installment_multiple(product);
    terms.fixed_emi_amount = app.fixed_emi_amount;
    terms.fixed_principal_percentage_per_installment = app
        .fixed_principal_percentage_per_installment
        .or(t.fixed_principal_percentage_per_installment);
    terms.is_equal_amortization = app.is_equal_amortization.unwrap_or(t.is_equal_amortization);
    terms.down_payment_percent = down_payment_percent(product);
    terms.repayment_on_nth_weekday = app.repayment_on_nth_weekday;
    if t.multi_disburse_loan {
        terms.tranches = app
            .tranches
            .iter()
            .map(|&(expected_date, principal)| cumulative::Tranche {
                expected_date,
                principal,
            })
            .collect();
    }
    terms.calendar = calendar;
    let schedule = generate_cumulative_schedule(&terms).map_err(schedule_error)?;

    let mut periods = vec![disbursement(&schedule.disbursement)];
    let mut later = schedule.later_disbursements.iter().peekable();
    for i in &schedule.installments {
        while let Some(d) = later.next_if(|d| d.due_date <= i.due_date) {
            periods.push(disbursement(d));
        }
        periods.push(SchedulePeriod::Installment {
            period: i.period,
            from_date: i.from_date,
            due_date: i.due_date,
            days_in_period: i.days_in_period,
            principal_due: i.principal_due,
            interest_due: i.interest_due,
            fee_charges_due: i.fee_charges_due,
            penalty_charges_due: i.penalty_charges_due,
            total_due: i.total_due,
            principal_loan_balance_outstanding: i.principal_loan_balance_outstanding,
            down_payment: i.days_in_period == 0 && i.from_date == i.due_date,
        });
    }
    periods.extend(later.map(disbursement));
    let totals = &schedule.totals;
    Ok(CalculatedSchedule {
        currency,
        loan_term_in_days: totals.loan_term_in_days,
        total_principal_disbursed: totals.principal_disbursed,
        total_principal_expected: totals.principal_expected,
        total_interest_charged: totals.interest_charged,
        total_fee_charges_charged: totals.fee_charges_charged,
        total_penalty_charges_charged: totals.penalty_charges_charged,
        total_repayment_expected: totals.repayment_expected,
        periods,
    })
}

fn disbursement(d: &cumulative::DisbursementRow) -> SchedulePeriod {
    SchedulePeriod::Disbursement {
        due_date: d.due_date,
        principal_disbursed: d.principal_disbursed,
        principal_loan_balance_outstanding: d.principal_loan_balance_outstanding,
    }
}

fn progressive_schedule(
    product: &LoanProduct,
    app: &LoanApplication,
    currency: Currency,
    rounding_mode: RoundingMode,
    calendar: &ScheduleCalendar,
) -> AppResult<CalculatedSchedule> {
    let t = &product.terms;
    let disbursements = if t.multi_disburse_loan && !app.tranches.is_empty() {
        app.tranches
            .iter()
            .map(|&(date, amount)| Disbursement { date, amount })
            .collect()
    } else {
        vec![Disbursement {
            date: app.expected_disbursement_date,
            amount: app.principal,
        }]
    };
    let terms = ProgressiveTerms {
        currency: progressive::CurrencyRules {
            decimal_places: currency.decimal_places,
            in_multiples_of: currency
                .in_multiples_of
                .and_then(|m| u32::try_from(m).ok())
                .filter(|m| *m > 0),
        },
        rounding_mode,
        rates: RateTerms {
            annual_rate_percent: annual_rate(product, app),
            days_in_year: app.days_in_year.unwrap_or(t.days_in_year),
            days_in_month: t.days_in_month,
            repayment_frequency: app.repayment_frequency,
            repayment_every: app.repayment_every,
        },
        number_of_repayments: app.number_of_repayments,
        schedule_start_date: app.expected_disbursement_date,
        first_repayment_date: app.repayments_starting_from_date,
        disbursements,
        multi_disburse: t.multi_disburse_loan,
        installment_amount_in_multiples_of: installment_multiple(product),
        down_payment_percent: down_payment_percent(product),
    };
    let schedule = generate_schedule_on_calendar(&terms, calendar)
        .map_err(|e| AppError::rule("error.msg.loan.schedule.invalid", e.to_string()))?;
    let periods = schedule
        .rows
        .iter()
        .map(|row| match row {
            ScheduleRow::Disbursement(d) => SchedulePeriod::Disbursement {
                due_date: d.date,
                principal_disbursed: d.principal_disbursed,
                principal_loan_balance_outstanding: d.principal_loan_balance_outstanding,
            },
            ScheduleRow::Installment(i) => SchedulePeriod::Installment {
                period: i.number,
                from_date: i.from_date,
                due_date: i.due_date,
                days_in_period: i.days_in_period,
                principal_due: i.principal_due,
                interest_due: i.interest_due,
                fee_charges_due: Decimal::ZERO,
                penalty_charges_due: Decimal::ZERO,
                total_due: i.total_due,
                principal_loan_balance_outstanding: i.principal_loan_balance_outstanding,
                down_payment: i.down_payment,
            },
        })
        .collect();
    Ok(CalculatedSchedule {
        currency,
        loan_term_in_days: schedule.loan_term_in_days,
        total_principal_disbursed: schedule.total_principal_disbursed,
        total_principal_expected: schedule.total_principal_expected,
        total_interest_charged: schedule.total_interest_charged,
        total_fee_charges_charged: Decimal::ZERO,
        total_penalty_charges_charged: Decimal::ZERO,
        total_repayment_expected: schedule.total_repayment_expected,
        periods,
    })
}

/// The stored rows of a schedule's installments.
pub fn installment_rows(s: &CalculatedSchedule) -> Vec<InstallmentRow> {
    s.periods
        .iter()
        .filter_map(|p| match *p {
            SchedulePeriod::Installment {
                period,
                from_date,
                due_date,
                principal_due,
                interest_due,
                fee_charges_due,
                penalty_charges_due,
                down_payment,
                ..
            } => Some(InstallmentRow {
                installment: i64::from(period),
                fromdate: from_date,
                duedate: due_date,
                principal_amount: DbAmount(principal_due),
                interest_amount: DbAmount(interest_due),
                fee_charges_amount: DbAmount(fee_charges_due),
                penalty_charges_amount: DbAmount(penalty_charges_due),
                is_down_payment: down_payment,
            }),
            SchedulePeriod::Disbursement { .. } => None,
        })
        .collect()
}
