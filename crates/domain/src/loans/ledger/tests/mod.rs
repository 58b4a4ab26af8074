//! Worked examples from Fineract's own tests, one file per strategy or theme, plus properties.

mod advanced;
mod advanced_fineract_it;
mod arrears;
mod backdated;
mod charge_adjustment;
mod codes;
mod due_in_advance;
mod due_in_advance_unit;
mod fixed_orders;
mod mifos;
mod overpayment;
mod properties;
mod refunds;
mod support;
mod waiver_writeoff;
