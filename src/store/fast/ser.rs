//! A serde serializer that writes exactly what `ron::ser::to_string_pretty` writes with the
//! project file's settings (two-space indent, `\n` line ends, strings unescaped or raw), for the
//! kinds of values a project holds — several times faster, since it appends straight to a
//! `String` and skips `ron`'s general machinery (identifier checks per field, formatting through
//! `fmt::Write`, an allocation per id or date).
//!
//! Values it does not cover (floats, maps, byte strings, unusual identifiers) stop it with
//! [`Unsupported`]; the caller then serialises with `ron`. Tests compare its output with
//! `ron`'s byte for byte.

use std::fmt::{self, Display, Write as _};

use serde::ser::{self, Serialize};

/// The value holds something only `ron` writes: serialise it with `ron` instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsupported;

impl Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value the fast writer does not cover")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: Display>(_msg: T) -> Self {
        Unsupported
    }
}

type Result<T = ()> = std::result::Result<T, Unsupported>;

const INDENT: &str = "  ";

/// Appends the canonical RON of `value` to `out` (no final newline). On error `out` holds a
/// partial text.
pub fn write<T: Serialize + ?Sized>(value: &T, out: &mut String) -> Result {
    write_marked(value, out, "").map(drop)
}

/// [`write`], also returning where the value of the top-level struct's field `field` begins in
/// `out` (if it was written).
pub fn write_marked<T: Serialize + ?Sized>(
    value: &T,
    out: &mut String,
    field: &'static str,
) -> Result<Option<usize>> {
    let mut serializer = Serializer {
        out,
        indent: 0,
        is_empty: None,
        mark: (field, None),
        sink: None,
    };
    value.serialize(&mut serializer)?;
    Ok(serializer.mark.1)
}

/// Appends the elements of a list as they appear inside the top-level struct (each indented two
/// levels, followed by `,` and a newline), as [`write`] writes them in a non-empty list there.
pub fn write_elements<T: Serialize>(items: &[T], out: &mut String) -> Result {
    let mut serializer = Serializer {
        out,
        indent: 2,
        is_empty: None,
        mark: ("", None),
        sink: None,
    };
    for item in items {
        serializer.write_indent();
        item.serialize(&mut serializer)?;
        serializer.out.push_str(",\n");
    }
    Ok(())
}

/// [`write`] in pieces: whenever `out` holds `piece_bytes` or more (checked between list
/// elements and struct fields), `sink` takes its text and says whether to go on; the last piece
/// is left in `out`. A sink that says stop ends the writing with [`Unsupported`].
pub fn write_to_sink<'s, T: Serialize + ?Sized>(
    value: &T,
    out: &'s mut String,
    piece_bytes: usize,
    sink: &'s mut Sink<'s>,
) -> Result {
    let mut serializer = Serializer {
        out,
        indent: 0,
        is_empty: None,
        mark: ("", None),
        sink: Some((piece_bytes, sink)),
    };
    value.serialize(&mut serializer)
}

/// Takes the text written so far (leaving it empty) and says whether to go on.
type Sink<'a> = dyn FnMut(&mut String) -> bool + 'a;

/// Mirrors the state `ron`'s pretty serializer keeps.
struct Serializer<'a> {
    out: &'a mut String,
    indent: usize,
    /// Whether the compound being opened is empty (`ron`'s `is_empty`, with its quirks).
    is_empty: Option<bool>,
    /// A top-level field to note the position of, and its position once written.
    mark: (&'static str, Option<usize>),
    /// Where to hand the text written so far once it reaches the given length: it takes the
    /// text (leaving `out` empty) and says whether to go on.
    sink: Option<(usize, &'a mut Sink<'a>)>,
}

impl Serializer<'_> {
    /// Hands the text on to the sink if there is enough of it.
    fn maybe_flush(&mut self) -> Result {
        if let Some((piece_bytes, sink)) = self.sink.as_mut()
            && self.out.len() >= *piece_bytes
            && !sink(self.out)
        {
            return Err(Unsupported);
        }
        Ok(())
    }

    fn write_indent(&mut self) {
        for _ in 0..self.indent {
            self.out.push_str(INDENT);
        }
    }

    fn start_indent(&mut self) {
        self.indent += 1;
        if !self.is_empty.unwrap_or(false) {
            self.out.push('\n');
        }
    }

    fn end_indent(&mut self) {
        if !self.is_empty.unwrap_or(false) {
            for _ in 1..self.indent {
                self.out.push_str(INDENT);
            }
        }
        self.indent -= 1;
        self.is_empty = None;
    }

    fn write_str_value(&mut self, value: &str) {
        if memchr::memchr2(b'"', b'\\', value.as_bytes()).is_some() {
            let mut run = 0usize;
            let mut longest = 0usize;
            for b in value.bytes() {
                if b == b'#' {
                    run += 1;
                    longest = longest.max(run);
                } else {
                    run = 0;
                }
            }
            let hashes = longest + 1;
            self.out.push('r');
            self.out.extend(std::iter::repeat_n('#', hashes));
            self.out.push('"');
            self.out.push_str(value);
            self.out.push('"');
            self.out.extend(std::iter::repeat_n('#', hashes));
        } else {
            self.out.push('"');
            self.out.push_str(value);
            self.out.push('"');
        }
    }

    fn write_identifier(&mut self, name: &str) -> Result {
        check_identifier(name)?;
        if [
            "true", "false", "Some", "None", "inf", "inff32", "inff64", "NaN", "NaNf32", "NaNf64",
        ]
        .contains(&name)
        {
            self.out.push_str("r#");
        }
        self.out.push_str(name);
        Ok(())
    }

    fn write_u64(&mut self, mut value: u64) {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (value % 10) as u8;
            value /= 10;
            if value == 0 {
                break;
            }
        }
        for &d in &digits[i..] {
            self.out.push(char::from(d));
        }
    }
}

/// Identifiers this writer handles: ASCII, starting with a letter or `_` (which `ron` writes
/// without `r#` unless they are keywords). Anything else is left to `ron`.
fn check_identifier(name: &str) -> Result {
    let mut bytes = name.bytes();
    let first_ok = bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_');
    if first_ok && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        Ok(())
    } else {
        Err(Unsupported)
    }
}

/// A struct, list or pair being written.
struct Compound<'s, 'a> {
    ser: &'s mut Serializer<'a>,
    first: bool,
}

impl Compound<'_, '_> {
    /// The separator before an element of a list or a field of a struct (one per line).
    fn line_separator(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.ser.out.push_str(",\n");
        }
        self.ser.write_indent();
    }

    /// The end of a list or struct: a trailing comma if there was anything, then `close`.
    fn end_lines(self, close: char) {
        if !self.first {
            self.ser.out.push_str(",\n");
        }
        self.ser.end_indent();
        self.ser.out.push(close);
    }

    /// The separator before an element of a pair (`(a, b)` on one line).
    fn inline_separator(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.ser.out.push_str(", ");
        }
    }
}

impl<'s, 'a> ser::Serializer for &'s mut Serializer<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'s, 'a>;
    type SerializeTuple = Compound<'s, 'a>;
    type SerializeTupleStruct = Compound<'s, 'a>;
    type SerializeTupleVariant = Compound<'s, 'a>;
    type SerializeMap = ser::Impossible<(), Unsupported>;
    type SerializeStruct = Compound<'s, 'a>;
    type SerializeStructVariant = Compound<'s, 'a>;

    fn serialize_bool(self, v: bool) -> Result {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result {
        if v < 0 {
            self.out.push('-');
        }
        self.write_u64(v.unsigned_abs());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.write_u64(v);
        Ok(())
    }

    fn serialize_f32(self, _v: f32) -> Result {
        Err(Unsupported)
    }
    fn serialize_f64(self, _v: f64) -> Result {
        Err(Unsupported)
    }

    fn serialize_char(self, v: char) -> Result {
        self.out.push('\'');
        if v == '\\' || v == '\'' {
            self.out.push('\\');
        }
        self.out.push(v);
        self.out.push('\'');
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result {
        self.write_str_value(v);
        Ok(())
    }

    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result {
        // Format in place; redo the rare value that needs a raw string.
        let start = self.out.len();
        self.out.push('"');
        write!(self.out, "{value}").map_err(|_| Unsupported)?;
        let written = self.out.get(start + 1..).unwrap_or_default();
        if memchr::memchr2(b'"', b'\\', written.as_bytes()).is_some() {
            let text = written.to_owned();
            self.out.truncate(start);
            self.write_str_value(&text);
        } else {
            self.out.push('"');
        }
        Ok(())
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result {
        Err(Unsupported)
    }

    fn serialize_none(self) -> Result {
        self.out.push_str("None");
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        self.out.push_str("Some(");
        value.serialize(&mut *self)?;
        self.out.push(')');
        Ok(())
    }

    fn serialize_unit(self) -> Result {
        self.out.push_str("()");
        Ok(())
    }

    fn serialize_unit_struct(self, name: &'static str) -> Result {
        check_identifier(name)?;
        self.serialize_unit()
    }

    fn serialize_unit_variant(self, name: &'static str, _i: u32, variant: &'static str) -> Result {
        check_identifier(name)?;
        self.write_identifier(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result {
        check_identifier(name)?;
        self.out.push('(');
        value.serialize(&mut *self)?;
        self.out.push(')');
        Ok(())
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        check_identifier(name)?;
        self.write_identifier(variant)?;
        self.out.push('(');
        value.serialize(&mut *self)?;
        self.out.push(')');
        Ok(())
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq> {
        self.out.push('[');
        if let Some(len) = len {
            self.is_empty = Some(len == 0);
        }
        self.start_indent();
        Ok(Compound {
            ser: self,
            first: true,
        })
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        self.out.push('(');
        Ok(Compound {
            ser: self,
            first: true,
        })
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        check_identifier(name)?;
        self.serialize_tuple(len)
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        check_identifier(name)?;
        self.write_identifier(variant)?;
        self.out.push('(');
        Ok(Compound {
            ser: self,
            first: true,
        })
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(Unsupported)
    }

    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Self::SerializeStruct> {
        check_identifier(name)?;
        self.out.push('(');
        self.is_empty = Some(len == 0);
        self.start_indent();
        Ok(Compound {
            ser: self,
            first: true,
        })
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        _i: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        check_identifier(name)?;
        self.write_identifier(variant)?;
        self.out.push('(');
        self.is_empty = Some(len == 0);
        self.start_indent();
        Ok(Compound {
            ser: self,
            first: true,
        })
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.ser.maybe_flush()?;
        self.line_separator();
        value.serialize(&mut *self.ser)
    }

    fn end(self) -> Result {
        self.end_lines(']');
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.inline_separator();
        value.serialize(&mut *self.ser)
    }

    fn end(self) -> Result {
        self.ser.out.push(')');
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        ser::SerializeTuple::serialize_element(self, value)
    }

    fn end(self) -> Result {
        ser::SerializeTuple::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        ser::SerializeTuple::serialize_element(self, value)
    }

    fn end(self) -> Result {
        ser::SerializeTuple::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.ser.maybe_flush()?;
        self.line_separator();
        self.ser.write_identifier(key)?;
        self.ser.out.push_str(": ");
        if self.ser.indent == 1 && key == self.ser.mark.0 {
            self.ser.mark.1 = Some(self.ser.out.len());
        }
        value.serialize(&mut *self.ser)
    }

    fn end(self) -> Result {
        self.end_lines(')');
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        ser::SerializeStruct::serialize_field(self, key, value)
    }

    fn end(self) -> Result {
        ser::SerializeStruct::end(self)
    }
}
