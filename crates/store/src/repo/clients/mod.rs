//! Clients and what hangs off them: identifiers, images, notes.

pub mod client;
pub mod identifier;
pub mod image;
pub mod note;
