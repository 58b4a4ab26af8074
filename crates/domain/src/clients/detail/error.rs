/// What can go wrong with a client's identifiers, photo and notes, in Fineract's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientDetailError {
    #[error("Client Identifier with the primary key {0} does not exist")]
    IdentifierNotFound(i64),
    /// Another client (or this one) already holds this key for this document type.
    #[error("Client {client_name} under {office_name} Branch already has a {document_type} with unique key {document_key}")]
    DuplicateIdentifierKey {
        client_name: String,
        office_name: String,
        document_type: String,
        document_key: String,
    },
    /// The key was taken by a concurrent write; who holds it is not known here.
    #[error(
        "Client identifier of type {document_type} with value of {document_key} already exists."
    )]
    IdentifierKeyTaken {
        document_type: String,
        document_key: String,
    },
    /// The client already has an active identifier with this key under another document type.
    #[error("Active Client identifier of type {0} is already present for this client")]
    DuplicateActiveIdentifier(String),
    #[error("Note with identifier {id} does not exist for client with identifier {client_id}")]
    NoteNotFound { id: i64, client_id: i64 },
    #[error("Image for resource clients with Identifier {0} does not exist")]
    ImageNotFound(i64),
    /// A text body that is not a GIF, PNG or JPEG data URL.
    #[error("Only GIF, PNG and JPEG Data URL's are allowed")]
    InvalidDataUrl,
    /// The bytes do not decode as a GIF, PNG or JPEG image (whatever type was declared).
    #[error("Only image files of type GIF,PNG and JPG are allowed, but not: {0}")]
    NotAnImage(String),
    #[error("The image of {size_bytes} bytes exceeds the maximum of {limit_bytes} bytes")]
    ImageTooLarge {
        size_bytes: usize,
        limit_bytes: usize,
    },
    /// Decoding would need more pixels than allowed (a decompression bomb, or just a huge photo).
    #[error(
        "The image of {width}x{height} pixels exceeds the maximum of {max_side}x{max_side} pixels"
    )]
    ImageDimensionsTooLarge {
        width: u32,
        height: u32,
        max_side: u32,
    },
    /// Image uploads are not commands Fineract can hold for approval; Kassa refuses rather than hold
    /// an entry that could never be re-executed.
    #[error("Image uploads cannot wait for a checker's approval ({0} is under maker-checker)")]
    ImageCannotWaitForApproval(String),
}
