//! `fineract_enum!`: an enum with Fineract's numeric id, globalisation code and English label per variant
//! (its `EnumOptionData`), with `ALL` in declaration order for option lists.

macro_rules! fineract_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $id:literal, $code:literal, $value:literal;)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($variant,)* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            pub fn from_fineract_id(id: i64) -> Option<$name> {
                match id { $($id => Some($name::$variant),)* _ => None }
            }
            pub fn fineract_id(self) -> i64 {
                match self { $($name::$variant => $id,)* }
            }
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $value,)* }
            }
        }
    };
}
