//! What reads keep, per tenant: a loan's rows by the version they were read at, and catalogue entries
//! (products, their overdue charges, currencies, the stored business date) by the catalogue version.
//!
//! Nothing here is trusted by age. Every read first takes the versions from the database in the statement
//! it makes anyway (`kassa_store::repo::loans::read::head`), and a kept entry serves only when its version is
//! exactly that one. Migration 0018's triggers bump the versions inside the writing transaction, on every
//! replica's writes alike, so a replica never shows rows another has changed since. Entries are bounded by
//! count and by rows; past the bound, arbitrary entries go.

use std::any::Any;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::NaiveDate;
use kassa_domain::loan_products::LoanProduct;
use kassa_domain::organisation::currency::Currency;
use kassa_store::repo::loans::read::{CatalogueVersion, LoanRows, LoanRowsVersion};

/// Loans kept at most, per tenant.
const LOANS_MAX: usize = 4_096;
/// Rows (transactions, installments, charges, …) kept at most over all kept loans, per tenant: about
/// 100 MB at the widest rows.
const LOAN_ROWS_MAX: usize = 250_000;
/// Entries of each catalogue map kept at most, per tenant.
const CATALOGUE_ENTRIES_MAX: usize = 1_024;

pub struct ReadCache {
    /// Off, nothing is kept and every lookup misses.
    enabled: bool,
    loans: Mutex<KeptLoans>,
    catalogue: Mutex<Catalogue>,
}

#[derive(Default)]
struct KeptLoans {
    by_id: HashMap<i64, (LoanRowsVersion, Arc<LoanRows>)>,
    rows: usize,
}

#[derive(Default)]
struct Catalogue {
    version: Option<CatalogueVersion>,
    products: HashMap<i64, Arc<LoanProduct>>,
    /// A product's overdue charges, as the charges area shapes them (kept opaque here, so that the platform
    /// imports no area).
    overdue_charges: HashMap<i64, Arc<dyn Any + Send + Sync>>,
    currencies: HashMap<String, Currency>,
    business_date: Option<Option<NaiveDate>>,
}

fn row_count(rows: &LoanRows) -> usize {
    1 + rows.transactions.len()
        + rows.charges.len()
        + rows.paid_by.len()
        + rows.installments.len()
        + rows.tranches.len()
        + rows.relations.len()
        + rows.stored.as_ref().map_or(0, |s| s.installments.len())
}

/// A poisoned lock only means a reader panicked while holding it; the maps stay consistent (every change
/// is a single insert or remove), so keep using them.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Removes arbitrary entries until `fits` holds.
fn evict<K: Clone + Eq + Hash, V>(
    map: &mut HashMap<K, V>,
    mut fits: impl FnMut(&HashMap<K, V>) -> bool,
) {
    while !fits(map) {
        let Some(key) = map.keys().next().cloned() else {
            return;
        };
        map.remove(&key);
    }
}

impl ReadCache {
    pub fn new(enabled: bool) -> ReadCache {
        ReadCache {
            enabled,
            loans: Mutex::default(),
            catalogue: Mutex::default(),
        }
    }

    /// The rows kept of loan `id` at exactly `version`.
    pub fn loan_rows(&self, id: i64, version: LoanRowsVersion) -> Option<Arc<LoanRows>> {
        let kept = lock(&self.loans);
        kept.by_id
            .get(&id)
            .filter(|(v, _)| *v == version)
            .map(|(_, rows)| rows.clone())
    }

    /// Keeps `rows`, read in one snapshot with `version`, unless a newer version of the loan is kept.
    pub fn keep_loan_rows(&self, id: i64, version: LoanRowsVersion, rows: Arc<LoanRows>) {
        let count = row_count(&rows);
        if !self.enabled || count > LOAN_ROWS_MAX / 4 {
            return;
        }
        let mut kept = lock(&self.loans);
        if let Some((old, _)) = kept.by_id.get(&id) {
            if old.catalogue.epoch == version.catalogue.epoch
                && old.rows_version > version.rows_version
            {
                return;
            }
        }
        if let Some((_, gone)) = kept.by_id.remove(&id) {
            kept.rows -= row_count(&gone);
        }
        while kept.by_id.len() >= LOANS_MAX || kept.rows + count > LOAN_ROWS_MAX {
            let Some(key) = kept.by_id.keys().next().copied() else {
                break;
            };
            if let Some((_, gone)) = kept.by_id.remove(&key) {
                kept.rows -= row_count(&gone);
            }
        }
        kept.by_id.insert(id, (version, rows));
        kept.rows += count;
    }

    /// The catalogue at `version`, emptied first when the database's catalogue moved on; `None` when the
    /// caller's snapshot is older than what is kept (it must then read without keeping).
    fn catalogue(&self, version: CatalogueVersion) -> Option<MutexGuard<'_, Catalogue>> {
        if !self.enabled {
            return None;
        }
        let mut c = lock(&self.catalogue);
        match c.version {
            Some(kept) if kept == version => {}
            Some(kept)
                if kept.epoch == version.epoch
                    && kept.catalogue_version > version.catalogue_version =>
            {
                return None;
            }
            _ => {
                *c = Catalogue {
                    version: Some(version),
                    ..Catalogue::default()
                };
            }
        }
        Some(c)
    }

    pub fn product(&self, version: CatalogueVersion, id: i64) -> Option<Arc<LoanProduct>> {
        self.catalogue(version)?.products.get(&id).cloned()
    }

    pub fn keep_product(&self, version: CatalogueVersion, product: Arc<LoanProduct>) {
        if let Some(mut c) = self.catalogue(version) {
            evict(&mut c.products, |m| m.len() < CATALOGUE_ENTRIES_MAX);
            c.products.insert(product.id, product);
        }
    }

    pub fn overdue_charges(
        &self,
        version: CatalogueVersion,
        product_id: i64,
    ) -> Option<Arc<dyn Any + Send + Sync>> {
        self.catalogue(version)?
            .overdue_charges
            .get(&product_id)
            .cloned()
    }

    pub fn keep_overdue_charges(
        &self,
        version: CatalogueVersion,
        product_id: i64,
        charges: Arc<dyn Any + Send + Sync>,
    ) {
        if let Some(mut c) = self.catalogue(version) {
            evict(&mut c.overdue_charges, |m| m.len() < CATALOGUE_ENTRIES_MAX);
            c.overdue_charges.insert(product_id, charges);
        }
    }

    pub fn currency(&self, version: CatalogueVersion, code: &str) -> Option<Currency> {
        self.catalogue(version)?.currencies.get(code).cloned()
    }

    pub fn keep_currency(&self, version: CatalogueVersion, currency: Currency) {
        if let Some(mut c) = self.catalogue(version) {
            evict(&mut c.currencies, |m| m.len() < CATALOGUE_ENTRIES_MAX);
            c.currencies.insert(currency.code.clone(), currency);
        }
    }

    /// The stored business date (`Some(None)`: none is in force).
    pub fn business_date(&self, version: CatalogueVersion) -> Option<Option<NaiveDate>> {
        self.catalogue(version)?.business_date
    }

    pub fn keep_business_date(&self, version: CatalogueVersion, date: Option<NaiveDate>) {
        if let Some(mut c) = self.catalogue(version) {
            c.business_date = Some(date);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(rows_version: i64, catalogue_version: i64) -> LoanRowsVersion {
        LoanRowsVersion {
            rows_version,
            catalogue: CatalogueVersion {
                epoch: 7,
                catalogue_version,
            },
        }
    }

    fn rows() -> Arc<LoanRows> {
        Arc::new(LoanRows {
            stored: None,
            transactions: Vec::new(),
            charges: Vec::new(),
            paid_by: Vec::new(),
            installments: Vec::new(),
            tranches: Vec::new(),
            relations: Vec::new(),
        })
    }

    #[test]
    fn kept_rows_serve_only_at_exactly_their_version() {
        let cache = ReadCache::new(true);
        cache.keep_loan_rows(1, version(3, 1), rows());
        assert!(cache.loan_rows(1, version(3, 1)).is_some());
        assert!(cache.loan_rows(1, version(4, 1)).is_none());
        assert!(cache.loan_rows(1, version(3, 2)).is_none());
        // An older snapshot does not replace newer rows.
        cache.keep_loan_rows(1, version(2, 1), rows());
        assert!(cache.loan_rows(1, version(3, 1)).is_some());
    }

    #[test]
    fn no_more_loans_are_kept_than_the_bound() {
        let cache = ReadCache::new(true);
        for id in 0..(LOANS_MAX as i64 + 500) {
            cache.keep_loan_rows(id, version(0, 0), rows());
        }
        let kept = lock(&cache.loans);
        assert!(kept.by_id.len() <= LOANS_MAX);
        assert_eq!(kept.rows, kept.by_id.len());
    }

    #[test]
    fn a_cache_turned_off_keeps_nothing() {
        let cache = ReadCache::new(false);
        cache.keep_loan_rows(1, version(0, 0), rows());
        assert!(cache.loan_rows(1, version(0, 0)).is_none());
        cache.keep_business_date(version(0, 0).catalogue, None);
        assert!(cache.business_date(version(0, 0).catalogue).is_none());
    }
}
