use super::*;

#[test]
fn passwords_are_masked_in_the_logged_command() {
    let logged =
        masked(r#"{"username":"a","password":"s3cret-s3cret","repeatPassword":"s3cret-s3cret"}"#);
    assert!(!logged.contains("s3cret"), "{logged}");
    assert!(logged.contains(r#""username":"a""#));
    assert_eq!(masked("not json"), "{}");
    assert_eq!(masked(""), "{}");
}
