//! Notes: free text about a client, with who wrote and last changed it and when.

/// Fineract's limit on a note's length.
pub const NOTE_MAX: usize = 1000;

/// Fineract's `NoteType`; Kassa serves client notes so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteType {
    Client,
}

impl NoteType {
    pub fn id(self) -> i64 {
        match self {
            NoteType::Client => 100,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            NoteType::Client => "noteType.client",
        }
    }

    pub fn value(self) -> &'static str {
        match self {
            NoteType::Client => "Client note",
        }
    }

    /// The permission entity of this type's notes (`READ_CLIENTNOTE`, …).
    pub fn entity(self) -> &'static str {
        match self {
            NoteType::Client => "CLIENTNOTE",
        }
    }
}
