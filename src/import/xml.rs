//! A small, bounded XML reader for the XML inside archives (QDA-XML, WordprocessingML,
//! OpenDocument): the whole document as a tree of elements and text, element and attribute names
//! without their namespace prefixes.
//!
//! Safety: nothing is fetched or expanded. A DOCTYPE is read past and ignored; references to
//! entities other than the five predefined ones (and character references) are refused, so an
//! external or recursive entity declared in a DTD can never be resolved. Attribute values are
//! bounded by [`MAX_ATTRIBUTE_BYTES`], nesting by [`MAX_DEPTH`].

use quick_xml::XmlVersion;
use quick_xml::events::Event as Xml;

/// The longest attribute value accepted (1 MiB): names, GUIDs and positions are far shorter.
pub(crate) const MAX_ATTRIBUTE_BYTES: usize = 1 << 20;
/// The deepest nesting of elements accepted.
pub(crate) const MAX_DEPTH: usize = 256;

/// An element: its local name, attributes (local names) and content in document order.
#[derive(Debug, Default, Clone)]
pub(crate) struct Node {
    /// The local name (`p` for `w:p`).
    pub name: String,
    /// Attributes as (local name, value), in document order.
    pub attrs: Vec<(String, String)>,
    /// Child elements and text, in document order.
    pub children: Vec<Child>,
}

/// Content of an element.
#[derive(Debug, Clone)]
pub(crate) enum Child {
    /// A nested element.
    Element(Node),
    /// Character data (entities resolved, line ends normalised as XML does).
    Text(String),
}

impl Node {
    /// The value of an attribute by local name.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Node> + '_ {
        self.children.iter().filter_map(|c| match c {
            Child::Element(n) => Some(n),
            Child::Text(_) => None,
        })
    }

    /// The child elements with a local name.
    pub fn all<'n>(&'n self, name: &'n str) -> impl Iterator<Item = &'n Node> + 'n {
        self.elements().filter(move |n| n.name == name)
    }

    /// The first child element with a local name.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.elements().find(|n| n.name == name)
    }

    /// All text inside, concatenated.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for c in &self.children {
            match c {
                Child::Text(t) => out.push_str(t),
                Child::Element(n) => n.collect_text(out),
            }
        }
    }
}

/// Why an XML document could not be read: what went wrong and where (line and column, 1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct XmlError {
    /// Line of the problem.
    pub line: usize,
    /// Column (in chars) of the problem.
    pub column: usize,
    /// What is wrong.
    pub reason: String,
}

/// Parses a whole document. Bytes must be UTF-8 (a UTF-8 BOM is skipped; UTF-16 with a BOM is
/// converted first).
pub(crate) fn parse(bytes: &[u8]) -> Result<Node, XmlError> {
    let text: std::borrow::Cow<'_, str> = if bytes.starts_with(b"\xFF\xFE") {
        encoding_rs::UTF_16LE.decode_with_bom_removal(bytes).0
    } else if bytes.starts_with(b"\xFE\xFF") {
        encoding_rs::UTF_16BE.decode_with_bom_removal(bytes).0
    } else {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(body) {
            Ok(s) => std::borrow::Cow::Borrowed(s),
            Err(e) => {
                return Err(at(
                    body,
                    e.valid_up_to(),
                    "not UTF-8 (only UTF-8 and UTF-16 XML is read)".to_owned(),
                ));
            }
        }
    };
    parse_str(&text)
}

fn at(bytes: &[u8], offset: usize, reason: String) -> XmlError {
    let upto = &bytes[..offset.min(bytes.len())];
    let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = upto.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&upto[line_start..]).chars().count() + 1;
    XmlError {
        line,
        column,
        reason,
    }
}

fn parse_str(xml: &str) -> Result<Node, XmlError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let fail = |offset: u64, reason: String| {
        at(
            xml.as_bytes(),
            usize::try_from(offset).unwrap_or(usize::MAX),
            reason,
        )
    };
    let mut stack: Vec<Node> = vec![Node::default()];
    let open = |e: &quick_xml::events::BytesStart<'_>, offset: u64| -> Result<Node, XmlError> {
        let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
        let mut node = Node {
            name,
            ..Node::default()
        };
        for a in e.attributes() {
            let a = a.map_err(|err| fail(offset, format!("bad attribute: {err}")))?;
            if a.value.len() > MAX_ATTRIBUTE_BYTES {
                return Err(fail(
                    offset,
                    format!(
                        "an attribute of <{}> is {} bytes long, the limit is {MAX_ATTRIBUTE_BYTES}",
                        node.name,
                        a.value.len()
                    ),
                ));
            }
            let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
            let value = a
                .normalized_value(XmlVersion::Explicit1_0)
                .map_err(|err| {
                    fail(
                        offset,
                        format!(
                            "attribute {key} of <{}>: {err} (only the predefined entities \
                             are resolved)",
                            node.name
                        ),
                    )
                })?
                .into_owned();
            node.attrs.push((key, value));
        }
        Ok(node)
    };
    let mut root_seen = false;
    loop {
        let before = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| fail(reader.error_position(), e.to_string()))?;
        let depth = stack.len() - 1;
        match event {
            Xml::Start(e) => {
                if depth == 0 && root_seen {
                    return Err(fail(before, "more than one root element".to_owned()));
                }
                if depth >= MAX_DEPTH {
                    return Err(fail(
                        before,
                        format!("elements nested deeper than {MAX_DEPTH}"),
                    ));
                }
                root_seen = true;
                stack.push(open(&e, before)?);
            }
            Xml::Empty(e) => {
                if depth == 0 && root_seen {
                    return Err(fail(before, "more than one root element".to_owned()));
                }
                root_seen = true;
                let node = open(&e, before)?;
                push_child(&mut stack, Child::Element(node));
            }
            Xml::End(_) => {
                let node = stack.pop().unwrap_or_default();
                push_child(&mut stack, Child::Element(node));
            }
            Xml::Text(t) => {
                let text = t
                    .xml_content(XmlVersion::Explicit1_0)
                    .map_err(|e| fail(before, e.to_string()))?;
                if depth > 0 {
                    push_text(&mut stack, &text);
                } else if !text.trim().is_empty() {
                    return Err(fail(before, "text outside the root element".to_owned()));
                }
            }
            Xml::CData(t) => {
                let text = t.decode().map_err(|e| fail(before, e.to_string()))?;
                push_text(&mut stack, &text);
            }
            Xml::GeneralRef(r) => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref()
                        .map_err(|e| fail(before, e.to_string()))?
                        .ok_or_else(|| fail(before, "a character reference to NUL".to_owned()))?
                } else {
                    let name = r.decode().map_err(|e| fail(before, e.to_string()))?;
                    match name.as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => {
                            return Err(fail(
                                before,
                                format!(
                                    "reference to the entity &{other}; (entities declared in a \
                                     DTD are never resolved)"
                                ),
                            ));
                        }
                    }
                };
                push_text(&mut stack, c.encode_utf8(&mut [0; 4]));
            }
            Xml::Eof => break,
            // Declarations, comments, processing instructions and DOCTYPEs carry no content.
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(fail(
            xml.len() as u64,
            "the document ends inside an element".to_owned(),
        ));
    }
    stack
        .pop()
        .and_then(|doc| {
            doc.children.into_iter().find_map(|c| match c {
                Child::Element(n) => Some(n),
                Child::Text(_) => None,
            })
        })
        .ok_or_else(|| fail(0, "no root element".to_owned()))
}

fn push_child(stack: &mut [Node], child: Child) {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(child);
    }
}

fn push_text(stack: &mut [Node], text: &str) {
    if let Some(parent) = stack.last_mut() {
        if let Some(Child::Text(last)) = parent.children.last_mut() {
            last.push_str(text);
        } else {
            parent.children.push(Child::Text(text.to_owned()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_text_and_references_in_order() {
        let doc = parse(
            b"\xEF\xBB\xBF<?xml version=\"1.0\"?><w:d xmlns:w=\"u\"><w:p a=\"1 &amp; 2\">x&lt;y&#233;<![CDATA[<z>]]></w:p><q/></w:d>",
        )
        .expect("parses");
        assert_eq!(doc.name, "d");
        let p = doc.child("p").expect("p");
        assert_eq!(p.attr("a"), Some("1 & 2"));
        assert_eq!(p.text(), "x<yé<z>");
        assert_eq!(doc.elements().count(), 2);
    }

    #[test]
    fn external_and_dtd_entities_are_never_resolved() {
        let xml = b"<?xml version=\"1.0\"?>\n<!DOCTYPE p [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<p>&xxe;</p>";
        let err = parse(xml).expect_err("refused");
        assert!(err.reason.contains("&xxe;"), "{err:?}");
        assert_eq!(err.line, 3);
        let xml = b"<!DOCTYPE p [<!ENTITY e \"boom\">]><p a=\"&e;\"/>";
        let err = parse(xml).expect_err("refused");
        assert!(err.reason.contains("predefined"), "{err:?}");
    }

    #[test]
    fn malformed_documents_say_where() {
        let err = parse(b"<a>\n<b></a>").expect_err("mismatched");
        assert_eq!(err.line, 2, "{err:?}");
        assert!(parse(b"<a><b>").is_err());
        assert!(parse(b"").is_err());
        assert!(parse(b"<a/><b/>").is_err());
        assert!(parse(b"\xFF\xFF<a/>").is_err());
    }

    #[test]
    fn huge_attributes_and_deep_nesting_are_refused() {
        let mut xml = b"<a v=\"".to_vec();
        xml.extend(std::iter::repeat_n(b'x', MAX_ATTRIBUTE_BYTES + 1));
        xml.extend(b"\"/>");
        let err = parse(&xml).expect_err("too long");
        assert!(err.reason.contains("limit"), "{err:?}");
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        let err = parse(deep.as_bytes()).expect_err("too deep");
        assert!(err.reason.contains("deeper"), "{err:?}");
    }
}
