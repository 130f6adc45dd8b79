//! Tests of the web page import: the article found among navigation, scripts, ads and comments;
//! its metadata from the page's meta tags; pages without an article; legacy encodings.

use super::*;

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Witkoff meets Putin | World News Daily</title>
<meta property="og:title" content="Witkoff meets Putin in Moscow ahead of sanctions deadline">
<meta property="og:site_name" content="World News Daily">
<meta property="og:url" content="https://news.example.com/2025/08/06/witkoff-putin?a=1&amp;b=2">
<meta property="article:published_time" content="2025-08-06T14:30:00Z">
<meta name="author" content="Jane Reporter">
<script>document.body.innerHTML = "HACKED"; fetch("https://tracker.example.com/x");</script>
<style>.ad { color: red }</style>
</head><body>
<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<div class="ad-banner advertisement">BUY CHEAP FLIGHTS NOW — limited offer!</div>
<main><article>
<h1>Witkoff meets Putin in Moscow ahead of sanctions deadline</h1>
<p class="byline">By Jane Reporter</p>
<p>US special envoy Steve Witkoff held three hours of talks with Russian President Vladimir
Putin in Moscow on Wednesday, days before a deadline set by President Donald Trump for Russia to
agree to a ceasefire in Ukraine or face new sanctions.</p>
<p>Kremlin aide Yuri Ushakov described the meeting as “useful and constructive”, saying the two
sides had exchanged signals on the Ukraine conflict and on the prospects of strategic
cooperation between Russia and the United States.</p>
<p>Trump wrote on his social media platform that “great progress was made”, while adding that
secondary tariffs on buyers of Russian oil would still come into force as planned.</p>
<script>alert("inline script inside the article")</script>
</article></main>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Celebrity news</a></li></ul></aside>
<section id="comments" class="comments"><div class="comment">First! Great article lol</div></section>
<footer>© 2025 World News Daily · Privacy · Cookies</footer>
</body></html>"#;

fn import(bytes: &[u8], origin: &str) -> Result<Imported, ImportError> {
    import_bytes(bytes, origin, &ImportOptions::default())
}

#[test]
fn the_article_is_extracted_without_navigation_scripts_ads_or_comments() {
    let item = import(PAGE.as_bytes(), "page.html").expect("imports");
    let text = item.document.text.as_str();
    for kept in [
        "Steve Witkoff held three hours of talks",
        "“useful and constructive”",
        "secondary tariffs on buyers of Russian oil",
    ] {
        assert!(text.contains(kept), "{kept:?} missing from {text}");
    }
    for dropped in [
        "HACKED",
        "tracker",
        "alert",
        "BUY CHEAP",
        "Sport",
        "Celebrity",
        "First!",
        "Cookies",
        "color: red",
    ] {
        assert!(!text.contains(dropped), "{dropped:?} kept in {text}");
    }
    assert!(text.contains("\n\n"), "paragraphs stay apart: {text}");
    let doc = &item.document;
    assert_eq!(
        doc.title,
        "Witkoff meets Putin in Moscow ahead of sanctions deadline"
    );
    assert_eq!(doc.author, "Jane Reporter");
    assert_eq!(doc.source, "World News Daily");
    assert_eq!(
        doc.published.map(|d| d.to_string()).as_deref(),
        Some("2025-08-06")
    );
    assert_eq!(
        doc.url,
        "https://news.example.com/2025/08/06/witkoff-putin?a=1&b=2"
    );
    assert_eq!(item.encoding, "HTML");
}

#[test]
fn a_page_in_a_legacy_encoding_is_decoded_first() {
    let page = PAGE.replace("Putin in Moscow on", "Путин в Москве on");
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&page);
    let item = import(&bytes, "page.htm").expect("imports");
    assert!(item.document.text.as_str().contains("Путин в Москве"));
    assert_eq!(item.encoding, "windows-1251");
}

#[test]
fn pages_without_an_article_and_bad_bytes_are_refused() {
    let err = import(
        b"<html><body><nav><a href=x>Home</a></nav></body></html>",
        "e.html",
    )
    .expect_err("no article");
    assert!(
        matches!(
            err,
            ImportError::NoArticle { .. } | ImportError::Empty { .. }
        ),
        "{err:?}"
    );
    assert!(err.to_string().ends_with("— e.html"), "{err}");
    let err = import(b"<html>\0\0\0</html>", "b.html").expect_err("binary");
    assert!(matches!(err, ImportError::Binary { .. }), "{err:?}");
    // Unclosed tags and stray markup are no error: HTML parsing recovers as browsers do.
    let sloppy = format!("{}<div><p>unclosed", &PAGE[..PAGE.len() - 20]);
    assert!(import(sloppy.as_bytes(), "s.html").is_ok());
}
