//! Codes and their values: the admin-defined lists (Gender, ClientType, closure reasons, …) that other
//! records point at by code-value id. System-defined codes are part of the product and cannot be renamed
//! or deleted, though their values can be edited.

mod entity;
mod error;

pub use entity::{Code, CodeValue, CodeValueChanges, CodeValueDraft, CodeValueUpdate};
pub use error::CodeError;
