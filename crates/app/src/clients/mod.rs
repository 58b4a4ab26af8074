//! Clients: create, read, update, delete, the lifecycle commands, and the checks other client areas
//! (identifiers, images, notes, accounts) share.

mod access;

pub use access::{visible, visible_in_tx, ENTITY};
