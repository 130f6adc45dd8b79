//! Reading RSS 2.0 (and 0.9x) feeds with `rss` and Atom feeds with `atom_syndication` — the
//! items' titles, links, ids and dates; never the items' own HTML.

use super::WebError;
use crate::model::PartialDate;

/// One item of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    /// Its title, or empty.
    pub title: String,
    /// The article's address, or empty.
    pub link: String,
    /// Its id (RSS `guid`, Atom `id`), or empty.
    pub id: String,
    /// When it was published (Atom: or updated).
    pub published: Option<PartialDate>,
    /// The feed's title (the outlet, usually).
    pub outlet: String,
}

impl FeedItem {
    /// What the project remembers it by: its link, or its id when it has none.
    pub fn key(&self) -> &str {
        if self.link.is_empty() {
            &self.id
        } else {
            &self.link
        }
    }
}

/// A parsed feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFeed {
    /// The feed's title.
    pub title: String,
    /// Its items, in the feed's order.
    pub items: Vec<FeedItem>,
}

/// Parses an RSS or Atom feed; anything else is an error naming `url`.
pub fn parse(bytes: &[u8], url: &str) -> Result<ParsedFeed, WebError> {
    if let Ok(channel) = rss::Channel::read_from(bytes) {
        let title = channel.title().trim().to_owned();
        let items = channel
            .items()
            .iter()
            .map(|item| FeedItem {
                title: item.title().unwrap_or_default().trim().to_owned(),
                link: item.link().unwrap_or_default().trim().to_owned(),
                id: item
                    .guid()
                    .map(|g| g.value().trim().to_owned())
                    .unwrap_or_default(),
                published: item.pub_date().and_then(rfc2822_date),
                outlet: title.clone(),
            })
            .filter(|item| !item.key().is_empty())
            .collect();
        return Ok(ParsedFeed { title, items });
    }
    match atom_syndication::Feed::read_from(bytes) {
        Ok(feed) => {
            let title = feed.title().as_str().trim().to_owned();
            let items = feed
                .entries()
                .iter()
                .map(|entry| {
                    let link = entry
                        .links()
                        .iter()
                        .find(|l| l.rel() == "alternate")
                        .or_else(|| entry.links().first())
                        .map(|l| l.href().trim().to_owned())
                        .unwrap_or_default();
                    let when = entry.published().unwrap_or(entry.updated());
                    FeedItem {
                        title: entry.title().as_str().trim().to_owned(),
                        link,
                        id: entry.id().trim().to_owned(),
                        published: when.to_rfc3339().get(..10).and_then(|d| d.parse().ok()),
                        outlet: title.clone(),
                    }
                })
                .filter(|item| !item.key().is_empty())
                .collect();
            Ok(ParsedFeed { title, items })
        }
        Err(e) => Err(WebError::NotAFeed {
            reason: e.to_string(),
            url: url.to_owned(),
        }),
    }
}

/// The date of an RFC 2822 time ("Tue, 06 Aug 2024 10:00:00 GMT" → 2024-08-06); `None` when
/// it is not one.
fn rfc2822_date(value: &str) -> Option<PartialDate> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let value = value.split_once(',').map_or(value, |(_, rest)| rest);
    let mut parts = value.split_whitespace();
    let day: u8 = parts.next()?.parse().ok()?;
    let month = parts.next()?.to_ascii_lowercase();
    let month = MONTHS.iter().position(|m| month.starts_with(m))? as u8 + 1;
    let year: i32 = parts.next()?.parse().ok()?;
    PartialDate::day(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_and_atom_items_are_read() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>http://x</link>
<description>d</description><item><title>One</title><link>http://x/1</link><guid>g1</guid>
<pubDate>Tue, 06 Aug 2024 10:00:00 GMT</pubDate></item><item><title>No link</title><guid isPermaLink="false">g2</guid></item>
</channel></rss>"#;
        let feed = parse(rss, "http://x/feed").expect("rss");
        assert_eq!(feed.title, "Wire");
        assert_eq!(feed.items.len(), 2);
        assert_eq!(feed.items[0].published, PartialDate::day(2024, 8, 6));
        assert_eq!(feed.items[1].key(), "g2");
        let atom = br#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom outlet</title><id>urn:f</id><updated>2024-08-07T00:00:00Z</updated>
<entry><title>A</title><id>urn:a</id><updated>2024-08-07T09:00:00Z</updated><link rel="alternate" href="http://y/a"/></entry></feed>"#;
        let feed = parse(atom, "http://y/feed").expect("atom");
        assert_eq!(feed.items[0].link, "http://y/a");
        assert_eq!(feed.items[0].published, PartialDate::day(2024, 8, 7));
        assert!(matches!(
            parse(b"<html><body>no feed</body></html>", "http://z"),
            Err(WebError::NotAFeed { .. })
        ));
    }
}
