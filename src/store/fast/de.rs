//! A serde deserializer for the canonical subset of RON that [`super::ser`] (and `ron` with the
//! project file's settings) writes: structs without names, lists, pairs, `Some(…)`/`None`, unit
//! enum variants, unsigned and signed decimal integers, booleans, plain strings without escapes
//! and raw strings. It borrows strings from the input and skips whitespace byte by byte.
//!
//! Anything else — comments, escapes, struct names, maps, floats, unknown fields, nesting deeper
//! than `ron`'s limit — stops it with [`Bail`]: the caller then parses with `ron`, which reads
//! every valid file and reports errors with line and column. So this parser may refuse valid
//! RON, but whatever it accepts it reads exactly as `ron` does.

use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Visitor};

/// `ron`'s default recursion limit; deeper input is left to `ron` (which refuses it).
const MAX_DEPTH: usize = 128;

/// The input is outside the canonical subset (or invalid): parse it with `ron` instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bail;

impl fmt::Display for Bail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not in the canonical form")
    }
}

impl std::error::Error for Bail {}

impl de::Error for Bail {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Bail
    }
}

type Result<T> = std::result::Result<T, Bail>;

/// Reads elements of a list from the start of `src` — the start of an element of a list inside
/// the top-level struct — to the list's closing `]`, each element followed by a comma (as the
/// canonical form writes them). Returns them and the position of the `]`.
pub fn tail_elements<'de, T: de::Deserialize<'de>>(src: &'de str) -> Result<(Vec<T>, usize)> {
    let mut parser = Parser::new(src);
    // Inside the project's struct and the list.
    parser.depth = 2;
    let mut out = Vec::new();
    loop {
        parser.ws();
        if parser.peek() == Some(b']') {
            return Ok((out, parser.pos));
        }
        out.push(T::deserialize(&mut parser)?);
        parser.expect(b',')?;
    }
}

/// What another thread read with [`tail_elements`]: the text it read (which goes on after the
/// elements), the elements and the position of the list's `]` in that text.
pub type Tail<'de, T> = (&'de str, Vec<T>, usize);

/// The rest of the text, read by another thread from where this parser's text ends.
pub struct Handoff<'h, 'de, T> {
    /// Waits for the other thread.
    pub join: Box<dyn FnOnce() -> Result<Tail<'de, T>> + 'h>,
}

/// The parser's state: the input and how far it has read.
pub struct Parser<'de> {
    src: &'de str,
    pos: usize,
    depth: usize,
}

impl<'de> Parser<'de> {
    /// A parser at the start of `src`.
    pub fn new(src: &'de str) -> Self {
        Self {
            src,
            pos: 0,
            depth: 0,
        }
    }

    /// How far it has read, in bytes.
    pub fn pos(&self) -> usize {
        self.pos
    }

    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    /// Skips ASCII whitespace (a comment is not skipped: it makes the next token fail).
    pub fn ws(&mut self) {
        let bytes = self.src.as_bytes();
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// Skips whitespace and reads `byte`.
    pub fn expect(&mut self, byte: u8) -> Result<()> {
        self.ws();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Bail)
        }
    }

    fn slice(&self, start: usize, end: usize) -> Result<&'de str> {
        self.src.get(start..end).ok_or(Bail)
    }

    /// An ASCII identifier; raw identifiers and non-ASCII ones are left to `ron`.
    pub fn ident(&mut self) -> Result<&'de str> {
        self.ws();
        let bytes = self.src.as_bytes();
        let start = self.pos;
        match bytes.get(start) {
            Some(b) if b.is_ascii_alphabetic() || *b == b'_' => {}
            _ => return Err(Bail),
        }
        let mut end = start + 1;
        while bytes
            .get(end)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            end += 1;
        }
        // `r#ident`, `r"…"`, or an identifier going on in non-ASCII letters.
        if bytes
            .get(end)
            .is_some_and(|b| *b == b'#' || *b == b'"' || !b.is_ascii())
        {
            return Err(Bail);
        }
        self.pos = end;
        self.slice(start, end)
    }

    /// A plain string without escapes, or a raw string.
    pub fn string(&mut self) -> Result<&'de str> {
        self.ws();
        let bytes = self.src.as_bytes();
        match self.peek() {
            Some(b'"') => {
                let start = self.pos + 1;
                let rest = bytes.get(start..).ok_or(Bail)?;
                let len = memchr::memchr2(b'"', b'\\', rest).ok_or(Bail)?;
                if rest.get(len) != Some(&b'"') {
                    return Err(Bail);
                }
                self.pos = start + len + 1;
                self.slice(start, start + len)
            }
            Some(b'r') => {
                let hashes = bytes
                    .get(self.pos + 1..)
                    .ok_or(Bail)?
                    .iter()
                    .take_while(|b| **b == b'#')
                    .count();
                let open = self.pos + 1 + hashes;
                if bytes.get(open) != Some(&b'"') {
                    return Err(Bail);
                }
                let start = open + 1;
                // The closing quote is followed by as many hashes as the opening one follows.
                let mut closing = Vec::with_capacity(hashes + 1);
                closing.push(b'"');
                closing.extend(std::iter::repeat_n(b'#', hashes));
                let rest = bytes.get(start..).ok_or(Bail)?;
                let len = memchr::memmem::find(rest, &closing).ok_or(Bail)?;
                self.pos = start + len + closing.len();
                self.slice(start, start + len)
            }
            _ => Err(Bail),
        }
    }

    fn digits(&mut self) -> Result<u64> {
        let bytes = self.src.as_bytes();
        let start = self.pos;
        let mut value: u64 = 0;
        while let Some(b) = bytes.get(self.pos).filter(|b| b.is_ascii_digit()) {
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(b - b'0')))
                .ok_or(Bail)?;
            self.pos += 1;
        }
        let len = self.pos - start;
        // No digits, a leading zero, or a number going on as a float, a suffix or a word.
        let leading_zero = len > 1 && bytes.get(start) == Some(&b'0');
        let goes_on = bytes
            .get(self.pos)
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'#'))
            || bytes.get(self.pos).is_some_and(|b| !b.is_ascii());
        if len == 0 || leading_zero || goes_on {
            return Err(Bail);
        }
        Ok(value)
    }

    fn unsigned(&mut self) -> Result<u64> {
        self.ws();
        self.digits()
    }

    fn signed(&mut self) -> Result<i64> {
        self.ws();
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let magnitude = self.digits()?;
        if negative {
            0i64.checked_sub_unsigned(magnitude).ok_or(Bail)
        } else {
            i64::try_from(magnitude).map_err(|_| Bail)
        }
    }

    /// Reads a list of `T`. When the text ends where an element should start and `handoff` is
    /// given, the text goes on in the handoff's, whose elements up to the `]` are taken as read.
    pub fn list_with_handoff<T: de::Deserialize<'de>>(
        &mut self,
        handoff: &mut Option<Handoff<'_, 'de, T>>,
    ) -> Result<Vec<T>> {
        self.expect(b'[')?;
        self.enter()?;
        let mut out = Vec::new();
        let mut elements = Elements {
            parser: &mut *self,
            close: b']',
            first: true,
        };
        while elements.next()? {
            let p = &mut *elements.parser;
            if p.pos == p.src.len()
                && let Some(handoff) = handoff.take()
            {
                let (src, tail, end) = (handoff.join)()?;
                out.extend(tail);
                p.src = src;
                p.pos = end;
                break;
            }
            out.push(T::deserialize(&mut *p)?);
        }
        self.close(b']')?;
        Ok(out)
    }

    /// Starts reading a struct (after any whitespace, its `(`).
    pub fn open_struct(&mut self) -> Result<()> {
        self.expect(b'(')?;
        self.enter()
    }

    /// Moves to the next field of a struct opened with [`Self::open_struct`] and reads its name
    /// and colon; `None` after the struct's `)`.
    pub fn next_field(&mut self, first: bool) -> Result<Option<&'de str>> {
        let mut fields = Elements {
            parser: &mut *self,
            close: b')',
            first,
        };
        if !fields.next()? {
            self.close(b')')?;
            return Ok(None);
        }
        let name = self.ident()?;
        self.expect(b':')?;
        Ok(Some(name))
    }

    /// Whether only whitespace is left.
    pub fn at_end(&mut self) -> bool {
        self.ws();
        self.pos == self.src.len()
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Bail);
        }
        Ok(())
    }

    /// After a list, pair or struct's visitor: an optional trailing comma and the closing byte.
    fn close(&mut self, byte: u8) -> Result<()> {
        self.ws();
        if self.peek() == Some(b',') {
            self.pos += 1;
        }
        self.expect(byte)?;
        self.depth -= 1;
        Ok(())
    }
}

/// The elements of a list or pair, up to `close`.
struct Elements<'a, 'de> {
    parser: &'a mut Parser<'de>,
    close: u8,
    first: bool,
}

impl<'a, 'de> Elements<'a, 'de> {
    /// Moves past the separator before the next element; `false` at the end.
    fn next(&mut self) -> Result<bool> {
        let p = &mut *self.parser;
        p.ws();
        if !std::mem::take(&mut self.first) {
            match p.peek() {
                Some(b',') => {
                    p.pos += 1;
                    p.ws();
                }
                Some(b) if b == self.close => return Ok(false),
                _ => return Err(Bail),
            }
        }
        Ok(p.peek() != Some(self.close))
    }
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = Bail;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if !self.next()? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.parser).map(Some)
    }
}

impl<'de> de::MapAccess<'de> for Elements<'_, 'de> {
    type Error = Bail;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !self.next()? {
            return Ok(None);
        }
        let name = self.parser.ident()?;
        self.parser.expect(b':')?;
        seed.deserialize(BorrowedStrDeserializer::new(name))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.parser)
    }
}

/// A unit enum variant, already read.
struct Variant<'a, 'de> {
    parser: &'a mut Parser<'de>,
    name: &'de str,
}

impl<'a, 'de> de::EnumAccess<'de> for Variant<'a, 'de> {
    type Error = Bail;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let value = seed.deserialize(BorrowedStrDeserializer::new(self.name))?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = Bail;

    fn unit_variant(self) -> Result<()> {
        self.parser.ws();
        if self.parser.peek() == Some(b'(') {
            return Err(Bail);
        }
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value> {
        Err(Bail)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(Bail)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value> {
        Err(Bail)
    }
}

macro_rules! bail {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
                Err(Bail)
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for &mut Parser<'de> {
    type Error = Bail;

    bail! {
        deserialize_any deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes
        deserialize_byte_buf deserialize_map deserialize_ignored_any
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(Bail),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i64(self.signed()?)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i64(self.signed()?)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i64(self.signed()?)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i64(self.signed()?)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(self.unsigned()?)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(self.unsigned()?)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(self.unsigned()?)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(self.unsigned()?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.string()?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.string()?)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            "None" => visitor.visit_none(),
            "Some" => {
                self.expect(b'(')?;
                self.enter()?;
                let value = visitor.visit_some(&mut *self)?;
                self.expect(b')')?;
                self.depth -= 1;
                Ok(value)
            }
            _ => Err(Bail),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(b'(')?;
        self.expect(b')')?;
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(Bail)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(Bail)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(b'[')?;
        self.enter()?;
        let value = visitor.visit_seq(Elements {
            parser: &mut *self,
            close: b']',
            first: true,
        })?;
        self.close(b']')?;
        Ok(value)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.expect(b'(')?;
        self.enter()?;
        let value = visitor.visit_seq(Elements {
            parser: &mut *self,
            close: b')',
            first: true,
        })?;
        self.close(b')')?;
        Ok(value)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(Bail)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.expect(b'(')?;
        self.enter()?;
        let value = visitor.visit_map(Elements {
            parser: &mut *self,
            close: b')',
            first: true,
        })?;
        self.close(b')')?;
        Ok(value)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let name = self.ident()?;
        visitor.visit_enum(Variant { parser: self, name })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.ident()?)
    }
}
