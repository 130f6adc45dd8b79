//! Whether a piece of text is a web address: what a path prompt or the paste-as-article command
//! does with a URL pasted where a file path or an article's text was expected.
//!
//! [`as_url`] takes one line, trimmed, optionally wrapped in `<…>` or quotes (as mail and chat
//! programs copy links). It accepts `http://` and `https://` addresses with a host, and
//! `www.`-addresses without a scheme, which it completes with `https://` (the scheme browsers
//! try first). Everything else is not a web address: other schemes (`file:`, `ftp:`, `mailto:`,
//! `javascript:`, `data:`), bare host names without `www.` (`example.org` could be a file name),
//! text with spaces or several lines, and a host with characters no host has.

/// The web address `text` is, ready to fetch; `None` when it is not one (see the module).
pub fn as_url(text: &str) -> Option<String> {
    let mut t = text.trim();
    for (open, close) in [('<', '>'), ('"', '"'), ('\'', '\'')] {
        if let Some(inner) = t.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            t = inner.trim();
            break;
        }
    }
    if t.is_empty() || t.contains(char::is_whitespace) || t.contains(char::is_control) {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    let (url, rest) = if let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    {
        (t.to_owned(), rest.to_owned())
    } else if lower.starts_with("www.") {
        (format!("https://{t}"), lower)
    } else {
        return None;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let host = if host_port.starts_with('[') {
        // An IPv6 literal: [::1]:8080
        host_port
            .split(']')
            .next()
            .map(|h| h.trim_start_matches('['))?
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    let fine = |c: char| c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | ':' | '%');
    if host.is_empty() || !host.chars().all(fine) || host.starts_with('.') || host == "www." {
        return None;
    }
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::as_url;

    #[test]
    fn web_addresses_are_taken_as_they_are() {
        for url in [
            "https://example.org/a?b=c&d=e#f",
            "http://127.0.0.1:8080/story1",
            "HTTPS://EXAMPLE.ORG",
            "https://user@example.org/path;param",
            "http://[::1]:8080/x",
            "https://пример.рф/новости",
        ] {
            assert_eq!(as_url(url).as_deref(), Some(url), "{url}");
        }
    }

    #[test]
    fn spaces_around_and_wrapping_marks_are_dropped() {
        let want = Some("https://example.org/a".to_owned());
        assert_eq!(as_url("  https://example.org/a \n"), want);
        assert_eq!(as_url("<https://example.org/a>"), want);
        assert_eq!(as_url("\"https://example.org/a\""), want);
        assert_eq!(as_url("\t'https://example.org/a'\t"), want);
    }

    #[test]
    fn www_without_a_scheme_is_https() {
        assert_eq!(
            as_url("www.example.org/news/1").as_deref(),
            Some("https://www.example.org/news/1")
        );
        assert_eq!(
            as_url("WWW.Example.org").as_deref(),
            Some("https://WWW.Example.org")
        );
        assert_eq!(as_url("www."), None);
    }

    #[test]
    fn other_schemes_paths_and_prose_are_not_web_addresses() {
        for text in [
            "",
            "   ",
            "file:///etc/passwd",
            "file:/home/ana/article.txt",
            "ftp://example.org/a.txt",
            "mailto:ana@example.org",
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "example.org",
            "/home/ana/www.example.txt",
            "articles/www.example.org.html",
            "https://",
            "https:///path-only",
            "http://exa mple.org",
            "https://example.org/a b",
            "https://example.org/a\nhttps://example.org/b",
            "Read https://example.org/a",
            "https://<script>/",
            "https://.example.org",
        ] {
            assert_eq!(as_url(text), None, "{text:?}");
        }
    }
}
