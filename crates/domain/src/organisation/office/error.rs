use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OfficeError {
    #[error("Office with identifier {0} does not exist")]
    NotFound(i64),
    #[error("Office with external id {0} does not exist")]
    ExternalIdNotFound(String),
    #[error("Office with name `{0}` already exists")]
    DuplicateName(String),
    #[error("Office with externalId `{0}` already exists")]
    DuplicateExternalId(String),
    #[error("User does not have sufficient priviledges to act on the provided office.")]
    OutsideHierarchy,
    #[error("The root office cannot have a parent office.")]
    RootParentCannotBeUpdated,
    #[error("Office with identifier {0} cannot be its own parent.")]
    ParentIsSelf(i64),
    #[error(
        "Office with identifier {parent} lies below office {office} and cannot become its parent."
    )]
    ParentIsDescendant { office: i64, parent: i64 },
    #[error(
        "The opening date {opening} is before the parent office's opening date {parent_opening}."
    )]
    OpeningBeforeParent {
        opening: NaiveDate,
        parent_opening: NaiveDate,
    },
    #[error(
        "The opening date {opening} is after the opening date {child_opening} of a child office."
    )]
    OpeningAfterChild {
        opening: NaiveDate,
        child_opening: NaiveDate,
    },
}
