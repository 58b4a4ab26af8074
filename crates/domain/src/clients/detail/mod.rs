//! What hangs off a client besides its accounts: identity documents, a photo and free-text notes.
//! Pure rules only: statuses and their Fineract ids, which changes count, how a photo is bounded.

mod error;
mod identifier;
mod image;
mod note;

pub use error::ClientDetailError;
pub use identifier::{
    ClientIdentifier, IdentifierChanges, IdentifierDraft, IdentifierStatus, IdentifierUpdate,
};
pub use image::{fit_within, ImageKind, ImageLimits};
pub use note::{NoteType, NOTE_MAX};
