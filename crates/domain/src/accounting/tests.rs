use chrono::NaiveDate;

use super::*;

fn account(id: i64, hierarchy: &str, usage: GlAccountUsage, t: GlAccountType) -> GlAccount {
    GlAccount {
        id,
        name: format!("Account {id}"),
        gl_code: format!("{id}"),
        parent_id: None,
        hierarchy: hierarchy.into(),
        account_type: t,
        usage,
        manual_entries_allowed: true,
        disabled: false,
        description: None,
        tag_id: None,
        tag_name: None,
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_child_hierarchy_appends_its_id_to_the_parents() {
    assert_eq!(child_hierarchy(None, 7), ".7.");
    assert_eq!(child_hierarchy(Some(".7."), 9), ".7.9.");
}

#[test]
fn names_are_indented_four_dots_per_level_below_the_root() {
    assert_eq!(name_decorated(".7.", "Assets"), "Assets");
    assert_eq!(name_decorated(".7.9.", "Cash"), "....Cash");
    assert_eq!(name_decorated(".7.9.11.", "Till"), "........Till");
    assert_eq!(name_decorated(&".1".repeat(30), "Deep").len(), 44);
}

#[test]
fn a_parent_must_be_a_header_and_not_the_account_or_below_it() {
    let header = account(2, ".2.", GlAccountUsage::Header, GlAccountType::Asset);
    assert_eq!(check_parent(Some(5), &header), Ok(()));
    assert_eq!(
        check_parent(Some(2), &header),
        Err(AccountingError::ParentIsSelf(2))
    );
    let below = account(3, ".5.3.", GlAccountUsage::Header, GlAccountType::Asset);
    assert!(matches!(
        check_parent(Some(5), &below),
        Err(AccountingError::ParentIsDescendant { .. })
    ));
    let detail = account(4, ".4.", GlAccountUsage::Detail, GlAccountType::Asset);
    assert_eq!(
        check_parent(None, &detail),
        Err(AccountingError::ParentIsDetail(4))
    );
}

#[test]
fn an_activity_takes_only_an_account_of_its_type() {
    let liability = account(1, ".", GlAccountUsage::Detail, GlAccountType::Liability);
    assert!(check_activity_account(FinancialActivity::LiabilityTransfer, &liability).is_ok());
    assert!(check_activity_account(FinancialActivity::AssetTransfer, &liability).is_err());
    for activity in FinancialActivity::ALL {
        let t = activity.account_type();
        let a = account(1, ".", GlAccountUsage::Detail, t);
        assert!(check_activity_account(*activity, &a).is_ok());
    }
}

#[test]
fn a_closure_is_neither_in_the_future_nor_before_the_latest() {
    let today = date(2024, 5, 10);
    assert!(check_closure_date(date(2024, 5, 10), today, None).is_ok());
    assert_eq!(
        check_closure_date(date(2024, 5, 11), today, None),
        Err(AccountingError::ClosureInFuture(date(2024, 5, 11)))
    );
    let latest = GlClosure {
        id: 1,
        office_id: 1,
        closing_date: date(2024, 3, 1),
        comments: None,
    };
    assert!(check_closure_date(date(2024, 2, 1), today, Some(&latest)).is_err());
    assert!(check_closure_date(date(2024, 3, 2), today, Some(&latest)).is_ok());
    let older = GlClosure {
        id: 2,
        closing_date: date(2024, 1, 1),
        ..latest.clone()
    };
    assert!(check_closure_delete(&older, &latest, "Head Office").is_err());
    assert!(check_closure_delete(&latest, &latest, "Head Office").is_ok());
}
