use chrono::NaiveDate;
use kassa_domain::organisation::office::OfficeDraft;
use kassa_store::repo::organisation::office::{self, OfficeOrder};
use kassa_store::repo::paging::SortOrder;
use kassa_store::StoreError;

use crate::harness;

fn draft(name: &str, parent: i64) -> OfficeDraft {
    OfficeDraft {
        name: name.into(),
        parent_id: parent,
        opening_date: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
        external_id: None,
    }
}

#[tokio::test]
async fn the_seeded_head_office_is_found_by_id_and_external_id() {
    for s in harness::all().await {
        let mut c = s.tenant.pool.acquire().await.unwrap();
        let head = office::find(&mut c.conn(), 1).await.unwrap().unwrap();
        assert_eq!(
            (head.name.as_str(), head.hierarchy.as_str()),
            ("Head Office", "."),
            "{}",
            s.backend
        );
        assert_eq!(
            office::find_by_external_id(&mut c.conn(), "1")
                .await
                .unwrap()
                .unwrap()
                .id,
            1
        );
        assert!(office::find(&mut c.conn(), 42).await.unwrap().is_none());
    }
}

#[tokio::test]
async fn moving_an_office_rewrites_every_descendant_hierarchy() {
    for s in harness::all().await {
        let pool = &s.tenant.pool;
        let mut tx = pool.begin_write().await.unwrap();
        let head = office::find(&mut tx.conn(), 1).await.unwrap().unwrap();
        let a = office::insert_in_tx(&mut tx, &draft("A", 1), &head)
            .await
            .unwrap();
        let b = office::insert_in_tx(&mut tx, &draft("B", 1), &head)
            .await
            .unwrap();
        let a1 = office::insert_in_tx(&mut tx, &draft("A1", a.id), &a)
            .await
            .unwrap();
        let _a11 = office::insert_in_tx(&mut tx, &draft("A11", a1.id), &a1)
            .await
            .unwrap();
        let mut moved = a.clone();
        moved.parent_id = Some(b.id);
        moved.hierarchy = b.child_hierarchy(a.id);
        office::update_in_tx(&mut tx, &a, &moved).await.unwrap();
        tx.commit().await.unwrap();
        let mut c = pool.acquire().await.unwrap();
        let all = office::list_within(&mut c.conn(), ".", OfficeOrder::Id, SortOrder::Asc)
            .await
            .unwrap();
        let h: Vec<&str> = all.iter().map(|l| l.office.hierarchy.as_str()).collect();
        assert_eq!(
            h,
            [".", ".3.2.", ".3.", ".3.2.4.", ".3.2.4.5."],
            "{}",
            s.backend
        );
        let under_b =
            office::list_within(&mut c.conn(), ".3.", OfficeOrder::Hierarchy, SortOrder::Asc)
                .await
                .unwrap();
        assert_eq!(under_b.len(), 4);
        assert_eq!(under_b[1].parent_name.as_deref(), Some("B"));
    }
}

#[tokio::test]
async fn the_unique_name_constraint_is_reported_as_a_duplicate() {
    for s in harness::all().await {
        let mut tx = s.tenant.pool.begin_write().await.unwrap();
        let head = office::find(&mut tx.conn(), 1).await.unwrap().unwrap();
        office::insert_in_tx(&mut tx, &draft("Same", 1), &head)
            .await
            .unwrap();
        let err = office::insert_in_tx(&mut tx, &draft("Same", 1), &head)
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Duplicate { .. }),
            "{} {err:?}",
            s.backend
        );
    }
}

#[tokio::test]
async fn a_rolled_back_write_leaves_nothing_behind() {
    for s in harness::all().await {
        let mut tx = s.tenant.pool.begin_write().await.unwrap();
        let head = office::find(&mut tx.conn(), 1).await.unwrap().unwrap();
        office::insert_in_tx(&mut tx, &draft("Ghost", 1), &head)
            .await
            .unwrap();
        drop(tx);
        let mut c = s.tenant.pool.acquire().await.unwrap();
        assert!(
            !office::name_taken(&mut c.conn(), "Ghost", None)
                .await
                .unwrap(),
            "{}",
            s.backend
        );
    }
}
