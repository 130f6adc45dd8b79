//! Getting a page over HTTP(S) with `ureq` (rustls, the Mozilla roots compiled in): timeouts, at
//! most [`Limits::max_redirects`] redirects, a size limit enforced while reading, a User-Agent
//! that says who asks, proxies from the environment (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`,
//! `NO_PROXY`), and conditional requests for feeds (`If-None-Match`, `If-Modified-Since`).

use std::time::Duration;

use ureq::ResponseExt as _;

use super::WebError;
use crate::model::Timestamp;

/// What a request may cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bodies longer than this are refused (when announced, before reading; otherwise at the
    /// limit while reading).
    pub max_bytes: u64,
    /// The whole request, connecting to the last byte.
    pub timeout: Duration,
    /// Redirects followed before giving up (a loop ends here too).
    pub max_redirects: u32,
}

/// The limits of [`Client::new`]: 16 MiB, 30 seconds, 5 redirects.
pub const DEFAULT_LIMITS: Limits = Limits {
    max_bytes: 16 * 1024 * 1024,
    timeout: Duration::from_secs(30),
    max_redirects: 5,
};

/// The User-Agent sent with every request.
pub const USER_AGENT: &str = concat!(
    "Dossier/",
    env!("CARGO_PKG_VERSION"),
    " (research notebook; fetches pages its user asked for)"
);

/// An HTTP client with Dossier's limits; cheap to clone, safe to share between threads.
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    limits: Limits,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("limits", &self.limits)
            .finish()
    }
}

impl Default for Client {
    fn default() -> Self {
        Self::new()
    }
}

/// What a server answered.
#[derive(Debug, Clone)]
pub struct Response {
    /// The address the redirects ended at.
    pub url: String,
    /// When the answer came.
    pub retrieved: Timestamp,
    /// The media type, lower case, without parameters ("text/html"); empty when not given.
    pub media_type: String,
    /// The `charset` parameter of the Content-Type, if any.
    pub charset: Option<String>,
    /// The `ETag` header, or empty.
    pub etag: String,
    /// The `Last-Modified` header, or empty.
    pub last_modified: String,
    /// `304 Not Modified` to a conditional request: the body is empty.
    pub not_modified: bool,
    /// The body.
    pub body: Vec<u8>,
}

impl Client {
    /// A client with [`DEFAULT_LIMITS`].
    pub fn new() -> Self {
        Self::with_limits(DEFAULT_LIMITS)
    }

    /// A client with other limits (tests use short timeouts and small bodies).
    pub fn with_limits(limits: Limits) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(limits.max_redirects)
            .max_redirects_will_error(true)
            .timeout_global(Some(limits.timeout))
            .timeout_connect(Some(limits.timeout.min(Duration::from_secs(10))))
            .user_agent(USER_AGENT)
            .accept("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5")
            .build();
        Self {
            agent: config.new_agent(),
            limits,
        }
    }

    /// The limits in force.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// GETs `url` (http or https only). A 2xx answer returns its body; `304` (to a conditional
    /// request, `etag` or `last_modified` not empty) returns an empty one with
    /// [`Response::not_modified`]; anything else is an error that says what happened.
    pub fn get(&self, url: &str, etag: &str, last_modified: &str) -> Result<Response, WebError> {
        let url = check_url(url)?;
        let mut request = self.agent.get(url.as_str());
        if !etag.is_empty() {
            request = request.header("If-None-Match", etag);
        }
        if !last_modified.is_empty() {
            request = request.header("If-Modified-Since", last_modified);
        }
        let mut response = request
            .call()
            .map_err(|e| transport(e, &url, self.limits))?;
        let final_url = response.get_uri().to_string();
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .trim()
                .to_owned()
        };
        let (etag, last_modified) = (header("etag"), header("last-modified"));
        let content_type = header("content-type");
        let (media_type, charset) = parse_content_type(&content_type);
        let retrieved = Timestamp::now();
        if status == 304 {
            return Ok(Response {
                url: final_url,
                retrieved,
                media_type,
                charset,
                etag,
                last_modified,
                not_modified: true,
                body: Vec::new(),
            });
        }
        if !(200..300).contains(&status) {
            return Err(WebError::Status {
                status,
                reason: response
                    .status()
                    .canonical_reason()
                    .unwrap_or("unknown status")
                    .to_owned(),
                url: final_url,
            });
        }
        let max = self.limits.max_bytes;
        if let Some(len) = response.body().content_length()
            && len > max
        {
            return Err(WebError::TooLarge {
                limit: max,
                url: final_url,
            });
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(max)
            .read_to_vec()
            .map_err(|e| transport(e, &final_url, self.limits))?;
        Ok(Response {
            url: final_url,
            retrieved,
            media_type,
            charset,
            etag,
            last_modified,
            not_modified: false,
            body,
        })
    }
}

/// The address trimmed, if it is an absolute http(s) one with a host.
pub fn check_url(url: &str) -> Result<String, WebError> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty() && !rest.starts_with('/') && !url.contains(char::is_whitespace) =>
        {
            Ok(url.to_owned())
        }
        _ => Err(WebError::BadUrl {
            url: url.chars().take(200).collect(),
        }),
    }
}

/// "text/html; charset=UTF-8" → ("text/html", Some("utf-8")).
fn parse_content_type(value: &str) -> (String, Option<String>) {
    let mut parts = value.split(';');
    let media = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"').to_ascii_lowercase())
    });
    (media, charset)
}

/// A transport error in words.
fn transport(err: ureq::Error, url: &str, limits: Limits) -> WebError {
    let url = url.to_owned();
    match err {
        ureq::Error::Timeout(_) => WebError::Timeout {
            seconds: limits.timeout.as_secs_f32(),
            url,
        },
        ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => WebError::Redirects {
            max: limits.max_redirects,
            url,
        },
        ureq::Error::BodyExceedsLimit(_) => WebError::TooLarge {
            limit: limits.max_bytes,
            url,
        },
        ureq::Error::HostNotFound => WebError::Offline {
            reason: "the host name could not be resolved".to_owned(),
            url,
        },
        ureq::Error::ConnectionFailed => WebError::Offline {
            reason: "the connection failed".to_owned(),
            url,
        },
        ureq::Error::Io(e) => WebError::Offline {
            reason: e.to_string(),
            url,
        },
        ureq::Error::BadUri(_) => WebError::BadUrl { url },
        other => WebError::Protocol {
            reason: other.to_string(),
            url,
        },
    }
}
