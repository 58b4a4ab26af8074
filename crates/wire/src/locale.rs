//! Locale tags as Fineract clients send them (`en`, `en_US`, `pt-BR`), checked against ISO 639-1.
//! Dates and numbers read the language (and for numbers sometimes the country) from here, so
//! both parsers agree on what a locale is.

/// ISO 639-1 codes, plus the three legacy codes Java still lists (`in`, `iw`, `ji`).
/// Fineract validates the language against `Locale.getISOLanguages()`, which is this list.
const ISO_639_1: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da",
    "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr",
    "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "in", "io", "is", "it", "iu", "iw", "ja", "ji", "jv", "ka",
    "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb",
    "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt",
    "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or",
    "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se",
    "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te",
    "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz",
    "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// A parsed locale: lower-case language and upper-case country, as `java.util.Locale` keeps them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LocaleTag {
    pub language: [u8; 2],
    pub country: Option<[u8; 2]>,
}

impl LocaleTag {
    pub fn language(&self) -> &str {
        std::str::from_utf8(&self.language).unwrap_or("")
    }

    pub fn country(&self) -> Option<&str> {
        self.country
            .as_ref()
            .and_then(|c| std::str::from_utf8(c).ok())
    }
}

/// `language[_COUNTRY[_variant]]`, `-` accepted in place of `_` (Fineract itself only splits on
/// `_`; browsers and JavaScript clients send BCP 47 hyphens, and accepting them costs nothing).
/// The country is checked for shape only, not against ISO 3166.
pub(crate) fn parse_locale(locale: &str) -> Option<LocaleTag> {
    let locale = locale.trim();
    if locale.is_empty() || locale.len() > 32 {
        return None;
    }
    let mut parts = locale.split(['_', '-']);
    let language = two_letters(parts.next()?)?.map(|b| b.to_ascii_lowercase());
    let language_str = std::str::from_utf8(&language).ok()?;
    if ISO_639_1.binary_search(&language_str).is_err() {
        return None;
    }
    let country = match parts.next() {
        None => None,
        Some(c) => Some(two_letters(c)?.map(|b| b.to_ascii_uppercase())),
    };
    if let Some(variant) = parts.next() {
        let ok =
            (1..=8).contains(&variant.len()) && variant.bytes().all(|b| b.is_ascii_alphanumeric());
        if !ok {
            return None;
        }
    }
    if parts.next().is_some() {
        return None;
    }
    Some(LocaleTag { language, country })
}

fn two_letters(s: &str) -> Option<[u8; 2]> {
    match s.as_bytes() {
        [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => Some([*a, *b]),
        _ => None,
    }
}

/// Whether Fineract would accept `locale` as a request's `locale` parameter: a well-formed
/// `language[_COUNTRY]` tag whose language is an ISO 639-1 code.
pub fn is_supported_locale(locale: &str) -> bool {
    parse_locale(locale).is_some()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_language_list_is_sorted_so_binary_search_works() {
        assert!(ISO_639_1.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_tag_keeps_java_casing() {
        let tag = parse_locale("PT-br").unwrap();
        assert_eq!(tag.language(), "pt");
        assert_eq!(tag.country(), Some("BR"));
    }
}
