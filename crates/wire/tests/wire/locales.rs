//! `is_supported_locale`: the tags Fineract's ISO checks let through.

use kassa_wire::is_supported_locale;

#[test]
fn plain_languages_and_language_country_tags_are_supported() {
    for locale in [
        "en", "en_US", "en-GB", "pt_BR", "fr_FR", "es", "de", "id", "sw", "sw_KE", "zh_CN",
    ] {
        assert!(is_supported_locale(locale), "{locale}");
    }
}

#[test]
fn case_does_not_matter_as_java_normalises_it() {
    assert!(is_supported_locale("EN"));
    assert!(is_supported_locale("en_us"));
    assert!(is_supported_locale("Pt-Br"));
}

#[test]
fn legacy_java_language_codes_are_supported() {
    for locale in ["in", "iw", "ji", "he", "yi"] {
        assert!(is_supported_locale(locale), "{locale}");
    }
}

#[test]
fn a_variant_after_the_country_is_supported() {
    assert!(is_supported_locale("en_US_POSIX"));
}

#[test]
fn codes_outside_iso_639_1_are_not_supported() {
    for locale in ["xx", "qq_US", "zz"] {
        assert!(!is_supported_locale(locale), "{locale}");
    }
}

#[test]
fn malformed_tags_are_not_supported() {
    for locale in [
        "",
        " ",
        "e",
        "eng",
        "english",
        "en_USA",
        "en_U1",
        "en__US",
        "en_",
        "_US",
        "12",
        "en US",
        "en_US_POSIX_X",
        "én",
        "en_US_toolongvariant",
    ] {
        assert!(!is_supported_locale(locale), "{locale:?}");
    }
}
