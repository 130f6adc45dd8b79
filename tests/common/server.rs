//! A tiny HTTP/1.1 server on 127.0.0.1 for the web tests: routes by path, each answer fixed
//! (status, headers, body) or special (hang, stream a huge body, redirect), changeable while it
//! runs; it records every request path and honours `If-None-Match` for routes with an ETag.
//! One thread per connection, `Connection: close`. Never the outside network.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What a path answers.
#[derive(Debug, Clone)]
pub enum Route {
    /// A fixed answer.
    Fixed {
        /// Status code.
        status: u16,
        /// Content-Type (empty: none sent).
        content_type: String,
        /// An ETag; a request with a matching If-None-Match gets 304.
        etag: String,
        /// The body.
        body: Vec<u8>,
    },
    /// A redirect to another path.
    Redirect(String),
    /// Accepts and says nothing for this long.
    Hang(Duration),
    /// Streams this many bytes of HTML (chunks of 64 KiB); with `announce`, says so in
    /// Content-Length first.
    Huge {
        /// Bytes.
        bytes: u64,
        /// Send Content-Length.
        announce: bool,
    },
}

impl Route {
    /// A 200 answer.
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self::Fixed {
            status: 200,
            content_type: content_type.to_owned(),
            etag: String::new(),
            body: body.into(),
        }
    }

    /// An HTML page in UTF-8.
    pub fn html(body: &str) -> Self {
        Self::ok("text/html; charset=utf-8", body)
    }

    /// A status with a short HTML body.
    pub fn status(status: u16) -> Self {
        Self::Fixed {
            status,
            content_type: "text/html".to_owned(),
            etag: String::new(),
            body: format!("<html><body><h1>{status}</h1></body></html>").into_bytes(),
        }
    }
}

/// A running server; it stops with the test process.
#[derive(Clone)]
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts a server on a free port.
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let server = Self {
            base,
            routes: Arc::default(),
            log: Arc::default(),
        };
        let shared = server.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let shared = shared.clone();
                std::thread::spawn(move || {
                    let _ = shared.serve(stream);
                });
            }
        });
        server
    }

    /// The address of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sets what a path answers.
    pub fn route(&self, path: &str, route: Route) {
        self.routes
            .lock()
            .expect("routes")
            .insert(path.to_owned(), route);
    }

    /// The requests so far: "GET /path" plus " (If-None-Match: …)" for conditional ones.
    pub fn requests(&self) -> Vec<String> {
        self.log.lock().expect("log").clone()
    }

    fn serve(&self, stream: TcpStream) -> std::io::Result<()> {
        let mut reader = BufReader::new(stream.try_clone()?);
        let mut line = String::new();
        reader.read_line(&mut line)?;
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or_default().to_owned();
        let path = parts.next().unwrap_or_default().to_owned();
        let mut if_none_match = String::new();
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.trim().eq_ignore_ascii_case("if-none-match")
            {
                if_none_match = value.trim().to_owned();
            }
        }
        let mut entry = format!("{method} {path}");
        if !if_none_match.is_empty() {
            entry.push_str(&format!(" (If-None-Match: {if_none_match})"));
        }
        self.log.lock().expect("log").push(entry);
        let route = self.routes.lock().expect("routes").get(&path).cloned();
        let mut out = stream;
        match route {
            None => write_answer(
                &mut out,
                404,
                "text/html",
                "",
                b"<html><body>Not found</body></html>",
            ),
            Some(Route::Fixed {
                status,
                content_type,
                etag,
                body,
            }) => {
                if !etag.is_empty() && if_none_match == etag {
                    write_answer(&mut out, 304, "", &etag, b"")
                } else {
                    write_answer(&mut out, status, &content_type, &etag, &body)
                }
            }
            Some(Route::Redirect(to)) => {
                let head = format!(
                    "HTTP/1.1 301 Moved Permanently\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
                out.write_all(head.as_bytes())
            }
            Some(Route::Hang(time)) => {
                std::thread::sleep(time);
                Ok(())
            }
            Some(Route::Huge { bytes, announce }) => {
                let mut head =
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n"
                        .to_owned();
                if announce {
                    head.push_str(&format!("Content-Length: {bytes}\r\n"));
                }
                head.push_str("\r\n");
                out.write_all(head.as_bytes())?;
                let chunk = vec![b'a'; 64 * 1024];
                let mut sent = 0u64;
                while sent < bytes {
                    // The client hangs up at its limit: the write fails and the thread ends.
                    out.write_all(&chunk)?;
                    sent += chunk.len() as u64;
                }
                Ok(())
            }
        }
    }
}

fn write_answer(
    out: &mut TcpStream,
    status: u16,
    content_type: &str,
    etag: &str,
    body: &[u8],
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        304 => "Not Modified",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    };
    let mut head = format!("HTTP/1.1 {status} {reason}\r\nConnection: close\r\n");
    if !content_type.is_empty() {
        head.push_str(&format!("Content-Type: {content_type}\r\n"));
    }
    if !etag.is_empty() {
        head.push_str(&format!("ETag: {etag}\r\n"));
    }
    if status != 304 {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    out.write_all(body)?;
    out.flush()
}
