//! Typed, random identifiers for everything a project holds.
//!
//! Ids are 60 random bits shown as a one-letter kind prefix plus twelve lowercase Crockford base32
//! digits (`p7k2m9qd4x1zb`). They are random rather than counters so that two analysts who edit
//! copies of one project apart can merge them later without collisions (the chance of any collision
//! among a million ids is about 4·10⁻⁷). The text form reads reasonably in the RON file and in diffs.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The alphabet of the text form: Crockford base32 in lower case (no i, l, o, u).
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
/// Marks a byte that is not a digit in [`DIGIT_OF`].
const NOT_A_DIGIT: u8 = u8::MAX;
/// The value of each byte as a digit (either case), or [`NOT_A_DIGIT`]: one lookup per digit
/// when millions of ids are read on open.
const DIGIT_OF: [u8; 256] = {
    let mut table = [NOT_A_DIGIT; 256];
    let mut i = 0;
    while i < ALPHABET.len() {
        table[ALPHABET[i] as usize] = i as u8;
        table[ALPHABET[i].to_ascii_uppercase() as usize] = i as u8;
        i += 1;
    }
    table
};
/// Digits after the prefix.
const DIGITS: usize = 12;
/// Bits of randomness in an id.
const BITS: u32 = 60;

/// What kind of thing an [`Id`] names; gives the one-letter prefix of its text form.
pub trait IdKind: 'static {
    /// The prefix letter, unique per kind.
    const PREFIX: char;
    /// A human word for messages ("passage").
    const NOUN: &'static str;
}

macro_rules! id_kind {
    ($(#[$doc:meta])* $kind:ident, $alias:ident, $prefix:literal, $noun:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $kind {}
        impl IdKind for $kind {
            const PREFIX: char = $prefix;
            const NOUN: &'static str = $noun;
        }
        $(#[$doc])*
        pub type $alias = Id<$kind>;
    };
}

id_kind!(
    /// Identifies a [`crate::model::Document`].
    DocIdKind, DocId, 'd', "document"
);
id_kind!(
    /// Identifies a [`crate::model::Passage`].
    PassageIdKind, PassageId, 'p', "passage"
);
id_kind!(
    /// Identifies a [`crate::model::Tag`].
    TagIdKind, TagId, 't', "tag"
);
id_kind!(
    /// Identifies a [`crate::model::Actor`].
    ActorIdKind, ActorId, 'a', "actor"
);
id_kind!(
    /// Identifies a [`crate::model::Event`].
    EventIdKind, EventId, 'e', "event"
);
id_kind!(
    /// Identifies a [`crate::model::Claim`].
    ClaimIdKind, ClaimId, 'c', "claim"
);
id_kind!(
    /// Identifies a [`crate::model::ach::Hypothesis`].
    HypothesisIdKind, HypothesisId, 'h', "hypothesis"
);

/// A typed identifier: a 60-bit random number tagged with what it names.
pub struct Id<K: IdKind> {
    raw: u64,
    kind: PhantomData<fn() -> K>,
}

impl<K: IdKind> Id<K> {
    /// A fresh random id from the operating system's random source.
    ///
    /// Limitations: if the OS refuses randomness (practically never), a time-and-counter mix is used,
    /// which is still unique within this process.
    pub fn random() -> Self {
        let mut bytes = [0u8; 8];
        let raw = match getrandom::fill(&mut bytes) {
            Ok(()) => u64::from_le_bytes(bytes),
            Err(_) => fallback_random(),
        };
        Self::from_raw(raw)
    }

    /// The id with this number (only the low 60 bits are kept). Used by tests and generators.
    pub const fn from_raw(raw: u64) -> Self {
        Self {
            raw: raw & ((1 << BITS) - 1),
            kind: PhantomData,
        }
    }

    /// The number behind the id.
    pub const fn raw(self) -> u64 {
        self.raw
    }
}

fn fallback_random() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    // splitmix64 of the mix, so neighbouring calls differ in every digit.
    let mut z = nanos ^ n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl<K: IdKind> Clone for Id<K> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<K: IdKind> Copy for Id<K> {}
impl<K: IdKind> PartialEq for Id<K> {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}
impl<K: IdKind> Eq for Id<K> {}
impl<K: IdKind> PartialOrd for Id<K> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<K: IdKind> Ord for Id<K> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.raw.cmp(&other.raw)
    }
}
impl<K: IdKind> Hash for Id<K> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.raw.hash(state);
    }
}

impl<K: IdKind> fmt::Display for Id<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = [0u8; DIGITS + 1];
        out[0] = K::PREFIX as u8;
        for (i, slot) in out[1..].iter_mut().enumerate() {
            let shift = 5 * (DIGITS - 1 - i);
            *slot = ALPHABET[((self.raw >> shift) & 31) as usize];
        }
        // Every byte is ASCII from ALPHABET or the ASCII prefix.
        f.write_str(std::str::from_utf8(&out).map_err(|_| fmt::Error)?)
    }
}

impl<K: IdKind> fmt::Debug for Id<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Why a piece of text is not an id of the expected kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{text:?} is not a {noun} id (expected '{prefix}' and {DIGITS} base32 digits)")]
pub struct ParseIdError {
    text: String,
    noun: &'static str,
    prefix: char,
}

impl<K: IdKind> FromStr for Id<K> {
    type Err = ParseIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseIdError {
            text: s.chars().take(40).collect(),
            noun: K::NOUN,
            prefix: K::PREFIX,
        };
        let bytes = s.as_bytes();
        if bytes.len() != DIGITS + 1 || char::from(bytes[0]) != K::PREFIX {
            return Err(err());
        }
        let mut raw: u64 = 0;
        for &b in &bytes[1..] {
            // Non-ASCII bytes map to NOT_A_DIGIT, so a multi-byte char can never pass.
            let digit = DIGIT_OF[usize::from(b)];
            if digit == NOT_A_DIGIT {
                return Err(err());
            }
            raw = (raw << 5) | u64::from(digit);
        }
        Ok(Self::from_raw(raw))
    }
}

impl<K: IdKind> Serialize for Id<K> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de, K: IdKind> Deserialize<'de> for Id<K> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<K>(PhantomData<K>);
        impl<K: IdKind> serde::de::Visitor<'_> for Visitor<K> {
            type Value = Id<K>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a {} id like \"{}…\"", K::NOUN, K::PREFIX)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_form_round_trips() {
        for raw in [0u64, 1, 31, 32, (1 << 60) - 1, 0x0123_4567_89ab_cdef] {
            let id = PassageId::from_raw(raw);
            let text = id.to_string();
            assert_eq!(text.len(), 13);
            assert!(text.starts_with('p'));
            assert_eq!(text.parse::<PassageId>(), Ok(id));
        }
    }

    #[test]
    fn wrong_kind_is_refused() {
        let id = TagId::random().to_string();
        assert!(id.parse::<ActorId>().is_err());
        assert!("p123".parse::<PassageId>().is_err());
        assert!("pIIIIIIIIIIII".parse::<PassageId>().is_err());
        // 13 bytes but a two-byte char whose low byte is a digit ('š' is U+0161, 0x61 = 'a').
        assert!("p0000000000š".parse::<PassageId>().is_err());
        assert!("p0000000000\u{7f}".parse::<PassageId>().is_err());
        assert_eq!(
            "p7K2M9QD4X1ZB".parse::<PassageId>(),
            "p7k2m9qd4x1zb".parse::<PassageId>()
        );
    }

    #[test]
    fn random_ids_differ() {
        let ids: std::collections::BTreeSet<_> = (0..1000).map(|_| DocId::random()).collect();
        assert_eq!(ids.len(), 1000);
    }
}
