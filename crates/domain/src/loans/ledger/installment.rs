//! One installment while transactions are replayed: what was due, paid, waived and written off, and
//! Fineract's bookkeeping of when its obligations were met and how much came early or late.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::input::ScheduledInstallment;
use super::rules::Component;

/// The four amounts of an installment or a transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Components {
    pub principal: Decimal,
    pub interest: Decimal,
    pub fee: Decimal,
    pub penalty: Decimal,
}

impl Components {
    pub fn total(&self) -> Decimal {
        self.principal + self.interest + self.fee + self.penalty
    }

    pub fn get(&self, component: Component) -> Decimal {
        match component {
            Component::Principal => self.principal,
            Component::Interest => self.interest,
            Component::Fee => self.fee,
            Component::Penalty => self.penalty,
        }
    }

    pub(crate) fn add(&mut self, component: Component, amount: Decimal) {
        match component {
            Component::Principal => self.principal += amount,
            Component::Interest => self.interest += amount,
            Component::Fee => self.fee += amount,
            Component::Penalty => self.penalty += amount,
        }
    }

    pub(crate) fn plus(&self, other: &Components) -> Components {
        Components {
            principal: self.principal + other.principal,
            interest: self.interest + other.interest,
            fee: self.fee + other.fee,
            penalty: self.penalty + other.penalty,
        }
    }
}

/// An installment after replay; the fields mirror the schedule period of `GET /loans/{id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstallmentLedger {
    pub number: u32,
    pub from_date: NaiveDate,
    pub due_date: NaiveDate,
    pub is_down_payment: bool,
    pub due: Components,
    pub paid: Components,
    pub waived: Components,
    pub written_off: Components,
    /// `totalPaidInAdvanceForPeriod`: payments dated before the due date.
    pub paid_in_advance: Decimal,
    /// `totalPaidLateForPeriod`: payments dated after the due date.
    pub paid_late: Decimal,
    pub obligations_met_on: Option<NaiveDate>,
    pub complete: bool,
    /// `totalCredits`: principal added back by a credit balance refund larger than the credit balance.
    pub credits: Decimal,
    /// Created by such a refund dated after the last installment (Fineract's "N+1" installment).
    pub is_additional: bool,
}

impl InstallmentLedger {
    pub(crate) fn new(scheduled: &ScheduledInstallment) -> InstallmentLedger {
        let due = Components {
            principal: scheduled.principal,
            interest: scheduled.interest,
            fee: scheduled.fee,
            penalty: scheduled.penalty,
        };
        InstallmentLedger {
            number: scheduled.number,
            from_date: scheduled.from_date,
            due_date: scheduled.due_date,
            is_down_payment: scheduled.is_down_payment,
            due,
            paid: Components::default(),
            waived: Components::default(),
            written_off: Components::default(),
            paid_in_advance: Decimal::ZERO,
            paid_late: Decimal::ZERO,
            obligations_met_on: None,
            // A zero installment is met from the start (`updateObligationsMet` on disbursement date).
            complete: due.total().is_zero(),
            credits: Decimal::ZERO,
            is_additional: false,
        }
    }

    /// The "N+1" installment a credit balance refund opens when no installment is due after it.
    pub(crate) fn additional(
        number: u32,
        from_date: NaiveDate,
        due_date: NaiveDate,
    ) -> InstallmentLedger {
        let mut installment = InstallmentLedger::new(&ScheduledInstallment {
            number,
            from_date,
            due_date,
            principal: Decimal::ZERO,
            interest: Decimal::ZERO,
            fee: Decimal::ZERO,
            penalty: Decimal::ZERO,
            is_down_payment: false,
        });
        installment.complete = false;
        installment.is_additional = true;
        installment
    }

    /// Adds principal to this installment's due amount (`addToCreditedPrincipal` + `addToPrincipal`).
    pub(crate) fn credit_principal(&mut self, date: NaiveDate, amount: Decimal) {
        self.due.principal += amount;
        self.credits += amount;
        self.check_obligations(date);
    }

    pub fn outstanding_of(&self, component: Component) -> Decimal {
        self.due.get(component)
            - self.paid.get(component)
            - self.waived.get(component)
            - self.written_off.get(component)
    }

    pub fn outstanding(&self) -> Components {
        Components {
            principal: self.outstanding_of(Component::Principal),
            interest: self.outstanding_of(Component::Interest),
            fee: self.outstanding_of(Component::Fee),
            penalty: self.outstanding_of(Component::Penalty),
        }
    }

    pub fn total_paid(&self) -> Decimal {
        self.paid.total()
    }

    /// Pays up to `amount` of one component and returns what it took.
    pub(crate) fn pay(
        &mut self,
        component: Component,
        date: NaiveDate,
        amount: Decimal,
    ) -> Decimal {
        let portion = amount
            .min(self.outstanding_of(component))
            .max(Decimal::ZERO);
        if portion.is_zero() {
            return portion;
        }
        self.paid.add(component, portion);
        if date < self.due_date {
            self.paid_in_advance += portion;
        } else if date > self.due_date {
            self.paid_late += portion;
        }
        self.check_obligations(date);
        portion
    }

    /// Waives up to `amount` of one component; waivers count neither as early nor as late.
    pub(crate) fn waive(
        &mut self,
        component: Component,
        date: NaiveDate,
        amount: Decimal,
    ) -> Decimal {
        let portion = amount
            .min(self.outstanding_of(component))
            .max(Decimal::ZERO);
        if portion.is_zero() {
            return portion;
        }
        self.waived.add(component, portion);
        self.check_obligations(date);
        portion
    }

    /// Takes back up to `amount` of what was paid on one component (a refund) and returns what it took.
    /// Fineract's `unpay…Component`: the early/late totals shrink by the refund's own timing, except for
    /// penalties, whose `unpayPenaltyChargesComponent` leaves them alone.
    pub(crate) fn unpay(
        &mut self,
        component: Component,
        date: NaiveDate,
        amount: Decimal,
    ) -> Decimal {
        let portion = amount.min(self.paid.get(component)).max(Decimal::ZERO);
        if portion.is_zero() {
            return portion;
        }
        self.paid.add(component, -portion);
        if component != Component::Penalty {
            if date < self.due_date {
                self.paid_in_advance = (self.paid_in_advance - portion).max(Decimal::ZERO);
            } else if date > self.due_date {
                self.paid_late = (self.paid_late - portion).max(Decimal::ZERO);
            }
        }
        self.check_obligations(date);
        portion
    }

    /// Writes off everything still outstanding and returns it.
    pub(crate) fn write_off(&mut self, date: NaiveDate) -> Components {
        let outstanding = self.outstanding();
        self.written_off = self.written_off.plus(&outstanding);
        self.check_obligations(date);
        outstanding
    }

    /// Like Fineract's `checkIfRepaymentPeriodObligationsAreMet`: the date is the last transaction that
    /// touched a completed installment.
    fn check_obligations(&mut self, date: NaiveDate) {
        self.complete = self.outstanding().total().is_zero();
        self.obligations_met_on = if self.complete { Some(date) } else { None };
    }
}
