//! Sort direction and page bounds. The values are already validated upstream; this is the only place
//! that turns them into SQL keywords, from fixed strings.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    #[default]
    Asc,
    Desc,
}

impl SortOrder {
    pub fn sql(self) -> &'static str {
        match self {
            SortOrder::Asc => "ASC",
            SortOrder::Desc => "DESC",
        }
    }
}

/// `LIMIT`/`OFFSET` of a page; always bounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageBounds {
    pub limit: i64,
    pub offset: i64,
}
