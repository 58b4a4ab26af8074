//! Clients: create, read, update, delete, the lifecycle commands, and the checks other client areas
//! (identifiers, images, notes, accounts) share.

mod access;
pub mod identifiers;
pub mod images;
mod lifecycle;
pub mod notes;
pub mod pages;
mod read;
mod write;

pub use access::{visible, visible_in_tx, ENTITY};
pub use lifecycle::{ClientAction, RunClientAction};
pub use read::*;
pub use write::{ClientFields, CreateClient, DeleteClient, UpdateClient};
