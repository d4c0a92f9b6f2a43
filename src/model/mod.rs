//! The model every stage reads: the typed mirrors of the content files ([`content`]), the
//! validated [`Site`] that `check` returns ([`site`]) and its source register ([`sources`]).

pub mod content;
pub mod site;
pub mod sources;
pub mod topics;

pub use content::*;
pub use site::*;
pub use sources::{Register, Source};
