use kassa_store::repo::organisation::office;

use crate::harness;

#[tokio::test]
async fn each_tenant_has_its_own_tables() {
    for s in harness::all().await {
        let acme = s
            .registry
            .add_tenant("acme-bank", "Acme", "Africa/Nairobi", None)
            .await
            .unwrap();
        let mut tx = acme.pool.begin_write().await.unwrap();
        let head = office::find(&mut tx.conn(), 1).await.unwrap().unwrap();
        let draft = kassa_domain::organisation::office::OfficeDraft {
            name: "Acme Only".into(),
            parent_id: 1,
            opening_date: chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            external_id: None,
        };
        office::insert_in_tx(&mut tx, &draft, &head).await.unwrap();
        tx.commit().await.unwrap();
        let mut c = s.tenant.pool.acquire().await.unwrap();
        assert!(
            !office::name_taken(&mut c.conn(), "Acme Only", None)
                .await
                .unwrap(),
            "{}",
            s.backend
        );
        let ids: Vec<String> = s
            .registry
            .list()
            .await
            .unwrap()
            .into_iter()
            .map(|t| t.id)
            .collect();
        assert_eq!(ids, ["acme-bank", "default"]);
    }
}

#[tokio::test]
async fn unknown_and_malformed_tenant_ids_resolve_to_nothing() {
    for s in harness::all().await {
        assert!(s.registry.get("nope").await.unwrap().is_none());
        assert!(s.registry.get("../../etc/passwd").await.unwrap().is_none());
        assert!(s
            .registry
            .get("x\"; DROP SCHEMA public; --")
            .await
            .unwrap()
            .is_none());
        assert!(s
            .registry
            .add_tenant("Bad Id", "x", "UTC", None)
            .await
            .is_err());
    }
}
