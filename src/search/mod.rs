//! Finding things in the corpus: plain and regex search over every article ([`find`]), and the
//! mention finder that spots actors' names and aliases not yet linked ([`find_mentions`]). Results
//! are char spans, ready to become passages through the gesture builders here.

mod mentions;
mod text_search;

pub use mentions::{Mention, accept_mentions, find_mentions, fold};
pub use text_search::{Hit, HitContext, SearchError, SearchOptions, SearchResults, find, tag_hits};
