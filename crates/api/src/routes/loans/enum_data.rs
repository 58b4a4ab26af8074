//! Fineract's `{id, code, value}` enumeration object, as the loan's reads show its enums.

use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct EnumData {
    id: i64,
    code: &'static str,
    value: &'static str,
}

impl EnumData {
    pub(crate) fn of((id, code, value): (i64, &'static str, &'static str)) -> EnumData {
        EnumData { id, code, value }
    }
}
