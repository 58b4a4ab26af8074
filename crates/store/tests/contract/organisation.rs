//! Currencies, codes and staff: the lookups later modules rely on behave alike on both backends.

use chrono::NaiveDate;
use kassa_domain::organisation::staff::StaffDraft;
use kassa_store::repo::organisation::staff::{self, StaffFilter};
use kassa_store::repo::organisation::{code, currency};
use kassa_store::StoreError;

use crate::harness;

#[tokio::test]
async fn only_enabled_currencies_are_found_as_enabled_and_a_replacement_is_whole() {
    for s in harness::all().await {
        let mut c = s.tenant.pool.acquire().await.unwrap();
        let usd = currency::find_enabled(&mut c.conn(), "USD")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (usd.decimal_places, usd.in_multiples_of),
            (2, None),
            "{}",
            s.backend
        );
        assert!(currency::find_enabled(&mut c.conn(), "KES")
            .await
            .unwrap()
            .is_none());
        let kes = currency::find_platform(&mut c.conn(), "KES")
            .await
            .unwrap()
            .unwrap();
        drop(c);
        let mut tx = s.tenant.pool.begin_write().await.unwrap();
        currency::replace_enabled_in_tx(&mut tx, std::slice::from_ref(&kes))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let mut c = s.tenant.pool.acquire().await.unwrap();
        assert_eq!(currency::list_enabled(&mut c.conn()).await.unwrap(), [kes]);
        assert_eq!(
            currency::list_platform(&mut c.conn()).await.unwrap().len(),
            164
        );
    }
}

#[tokio::test]
async fn a_code_value_is_found_only_under_its_own_code_name() {
    for s in harness::all().await {
        let mut c = s.tenant.pool.acquire().await.unwrap();
        let passport = code::value_of_code_named(&mut c.conn(), "Customer Identifier", 1)
            .await
            .unwrap();
        assert_eq!(passport.unwrap().name, "Passport", "{}", s.backend);
        assert!(code::value_of_code_named(&mut c.conn(), "Gender", 1)
            .await
            .unwrap()
            .is_none());
        let active = code::active_values_of_code_named(&mut c.conn(), "Customer Identifier")
            .await
            .unwrap();
        assert_eq!(active.len(), 4);
    }
}

#[tokio::test]
async fn staff_display_names_are_unique_and_lists_filter_alike() {
    for s in harness::all().await {
        let draft = |first: &str, active: bool| StaffDraft {
            office_id: 1,
            firstname: first.into(),
            lastname: "Doe".into(),
            mobile_no: None,
            external_id: None,
            is_loan_officer: false,
            is_active: active,
            joining_date: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        };
        let mut tx = s.tenant.pool.begin_write().await.unwrap();
        staff::insert_in_tx(&mut tx, &draft("Jane", true))
            .await
            .unwrap();
        staff::insert_in_tx(&mut tx, &draft("John", false))
            .await
            .unwrap();
        let dup = staff::insert_in_tx(&mut tx, &draft("Jane", true)).await;
        assert!(
            matches!(dup, Err(StoreError::Duplicate { ref detail }) if detail.contains("display_name")),
            "{}: {dup:?}",
            s.backend
        );
        drop(tx);
        let mut tx = s.tenant.pool.begin_write().await.unwrap();
        staff::insert_in_tx(&mut tx, &draft("Jane", true))
            .await
            .unwrap();
        staff::insert_in_tx(&mut tx, &draft("John", false))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let mut c = s.tenant.pool.acquire().await.unwrap();
        let active = StaffFilter {
            is_active: Some(true),
            ..Default::default()
        };
        let names = |rows: Vec<staff::StaffListing>| -> Vec<String> {
            rows.into_iter().map(|l| l.staff.display_name).collect()
        };
        assert_eq!(
            names(
                staff::list_within(&mut c.conn(), ".", active)
                    .await
                    .unwrap()
            ),
            ["Doe, Jane"]
        );
        assert_eq!(
            names(
                staff::list_within(&mut c.conn(), ".", StaffFilter::default())
                    .await
                    .unwrap()
            ),
            ["Doe, Jane", "Doe, John"]
        );
    }
}
