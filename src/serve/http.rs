//! The HTTP/1.1 side of serve: one request per connection, limits on what a request may
//! send, the Host check against DNS rebinding, safe paths, and server-sent events for the
//! reload.

use std::io::{self, BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use super::*;
use crate::diagnostics::Diagnostics;

pub(super) fn error_page(d: &Diagnostics) -> String {
    let mut items = String::new();
    for e in d.errors() {
        items.push_str(&format!("<li><pre>{}</pre></li>", escape(&e.to_string())));
    }
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Content error</title>{LIVE_SCRIPT_TAG}</head><body style=\"font-family:system-ui,sans-serif;max-width:50rem;margin:1rem auto;padding:0 1rem\"><h1>The site cannot be built</h1><p>Fix the problem below and save the file; this page reloads by itself. The last good build is still served at <a href=\"?last-good\">?last-good</a>.</p><ul>{items}</ul></body></html>"
    )
}

pub(super) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Percent-decodes a URL path; None when the result is not UTF-8 text.
pub(super) fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else if bytes[i] == b'%' {
            return None;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A request path made safe: decoded, no `..`, no backslashes or NUL, always absolute.
pub fn safe_path(raw: &str) -> Option<String> {
    let decoded = percent_decode(raw.split(['?', '#']).next().unwrap_or(""))?;
    if !decoded.starts_with('/') || decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let ok = Path::new(&decoded)
        .components()
        .all(|c| matches!(c, Component::RootDir | Component::Normal(_)));
    ok.then_some(decoded)
}

pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "csv" => "text/csv; charset=utf-8",
        "atom" => "application/atom+xml",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

pub(super) fn respond(
    stream: &mut TcpStream,
    status: &str,
    ctype: &str,
    body: &[u8],
    head_only: bool,
    extra: &str,
) -> io::Result<()> {
    write!(stream, "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n{extra}\r\n", body.len())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// The longest request line, and the longest header line, a preview server needs.
pub(super) const MAX_LINE: usize = 8 * 1024;
/// All header lines together.
pub(super) const MAX_HEADERS: usize = 32 * 1024;
/// The whole request must arrive within this time (a slow client cannot hold a thread).
pub(super) const READ_DEADLINE: Duration = Duration::from_secs(10);
/// Connections served at once (live-reload streams included); more get 503.
pub const MAX_CONNECTIONS: usize = 64;

/// A stream whose reads all end by one deadline, however slowly the bytes come.
pub(super) struct Deadline<'a> {
    stream: &'a TcpStream,
    until: Instant,
}

impl io::Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::Error::new(io::ErrorKind::TimedOut, "request too slow"));
        }
        self.stream.set_read_timeout(Some(left))?;
        (&mut &*self.stream).read(buf)
    }
}

/// One line of at most `max` bytes; `None` when it is longer.
pub(super) fn read_line_within(
    reader: &mut impl BufRead,
    max: usize,
) -> io::Result<Option<String>> {
    let mut buf = Vec::new();
    io::Read::take(&mut *reader, max as u64 + 1).read_until(b'\n', &mut buf)?;
    if buf.len() > max {
        return Ok(None);
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

/// Whether a `Host` header names this server: a loopback name or address, or the address
/// the client connected to. Any other name is a page elsewhere that had its name point at
/// this machine (DNS rebinding), and is refused.
pub fn host_allowed(host: &str, local: Option<std::net::IpAddr>) -> bool {
    let host = host.trim();
    // Strip the port: `[::1]:1111`, `127.0.0.1:1111`, `localhost:1111`.
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((ip, port)) if port.is_empty() || port.starts_with(':') => ip,
            _ => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((n, port)) if port.chars().all(|c| c.is_ascii_digit()) => n,
            Some(_) => return false,
            None => host,
        }
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    match name.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback() || Some(ip) == local,
        Err(_) => false,
    }
}

/// Answers a request too large to read, then reads (and drops) what the client still
/// sends for a moment, so that closing does not reset the connection before the answer
/// is read.
pub(super) fn refuse_and_close(stream: &mut TcpStream, status: &str, why: &str) -> io::Result<()> {
    respond(
        stream,
        status,
        "text/plain",
        format!("{why}\n").as_bytes(),
        false,
        "",
    )?;
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let until = Instant::now() + Duration::from_secs(1);
    let mut sink = [0u8; 16 * 1024];
    let mut left: usize = 4 << 20;
    while left > 0 && Instant::now() < until {
        let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
        match io::Read::read(stream, &mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
    Ok(())
}

pub(super) fn handle(
    mut stream: TcpStream,
    shared: &Shared,
    static_dirs: &[PathBuf; 2],
    session: &Mutex<Session>,
) -> io::Result<()> {
    stream.set_write_timeout(Some(READ_DEADLINE))?;
    let local = stream.local_addr().ok().map(|a| a.ip());
    let mut reader = BufReader::new(Deadline {
        stream: &stream,
        until: Instant::now() + READ_DEADLINE,
    });
    let Some(line) = read_line_within(&mut reader, MAX_LINE)? else {
        drop(reader);
        return refuse_and_close(&mut stream, "414 URI Too Long", "request line too long");
    };
    let mut host = None;
    let mut total = 0;
    loop {
        let Some(header) = read_line_within(&mut reader, MAX_LINE)? else {
            drop(reader);
            return refuse_and_close(
                &mut stream,
                "431 Request Header Fields Too Large",
                "header too long",
            );
        };
        total += header.len();
        if total > MAX_HEADERS {
            drop(reader);
            return refuse_and_close(
                &mut stream,
                "431 Request Header Fields Too Large",
                "headers too long",
            );
        }
        if header.is_empty() || header == "\r\n" || header == "\n" {
            break;
        }
        if let Some((k, v)) = header.split_once(':') {
            if k.trim().eq_ignore_ascii_case("host") {
                host = Some(v.trim().to_string());
            }
        }
    }
    drop(reader);
    // Browsers always send `Host`, and a rebinding attack comes from a browser; a request
    // without one (a script, an HTTP/1.0 tool) is not that.
    if !host.as_deref().is_none_or(|h| host_allowed(h, local)) {
        return respond(
            &mut stream,
            "421 Misdirected Request",
            "text/plain; charset=utf-8",
            b"this preview server answers only to localhost, 127.0.0.1, [::1] or the address it listens on\n",
            false,
            "",
        );
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("");
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"only GET and HEAD\n",
            false,
            "Allow: GET, HEAD\r\n",
        );
    }
    let head = method == "HEAD";
    let Some(path) = safe_path(target) else {
        return respond(
            &mut stream,
            "400 Bad Request",
            "text/plain; charset=utf-8",
            b"bad path\n",
            head,
            "",
        );
    };
    if path == "/__onderdak/live.js" {
        return respond(
            &mut stream,
            "200 OK",
            content_type(".js"),
            LIVE_JS.as_bytes(),
            head,
            "",
        );
    }
    if path == "/__onderdak/events" {
        return events(stream, shared);
    }
    let last_good = target.contains("?last-good");
    let key = if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    let (lock, _) = &**shared;
    let data_file = !key.ends_with(".html") && !path.starts_with("/static/");
    if data_file && lock.lock().unwrap_or_else(|e| e.into_inner()).data_stale {
        publish_data(shared, session);
    }
    let (file, errors, is_dir) = {
        let s = lock.lock().unwrap_or_else(|e| e.into_inner());
        (
            s.files.get(&key).cloned(),
            s.errors.clone(),
            s.files.contains_key(&format!("{path}/index.html")),
        )
    };
    if let Some(errors) = errors.filter(|_| !last_good && (key.ends_with(".html"))) {
        return respond(
            &mut stream,
            "500 Internal Server Error",
            content_type(".html"),
            errors.as_bytes(),
            head,
            "",
        );
    }
    if let Some(bytes) = file {
        return respond(&mut stream, "200 OK", content_type(&key), &bytes, head, "");
    }
    if is_dir {
        return respond(
            &mut stream,
            "301 Moved Permanently",
            "text/plain",
            b"",
            head,
            &format!("Location: {path}/\r\n"),
        );
    }
    if let Some(rest) = path.strip_prefix("/static/") {
        for dir in static_dirs.iter().rev() {
            // The path has no `..` (safe_path), so it stays inside `dir`; and no part of it
            // may be a link, which could point anywhere on the disk (`build` skips links
            // in static/ too).
            if let Some(candidate) = no_links_below(dir, rest) {
                let bytes = std::fs::read(&candidate)?;
                return respond(&mut stream, "200 OK", content_type(rest), &bytes, head, "");
            }
        }
    }
    let not_found = lock
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .files
        .get("/404.html")
        .cloned();
    let body = not_found
        .map(|b| b.to_vec())
        .unwrap_or_else(|| b"not found".to_vec());
    respond(
        &mut stream,
        "404 Not Found",
        content_type(".html"),
        &body,
        head,
        "",
    )
}

/// `dir/rest` when it is a file and neither it nor a folder between it and `dir` is a
/// symbolic link.
pub(super) fn no_links_below(dir: &Path, rest: &str) -> Option<PathBuf> {
    let mut p = dir.to_path_buf();
    for part in Path::new(rest).components() {
        let Component::Normal(part) = part else {
            return None;
        };
        p.push(part);
        if std::fs::symlink_metadata(&p).ok()?.file_type().is_symlink() {
            return None;
        }
    }
    p.is_file().then_some(p)
}

/// Server-sent events: one `reload` message each time a rebuild is published.
pub(super) fn events(mut stream: TcpStream, shared: &Shared) -> io::Result<()> {
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: connected\n\n")?;
    stream.flush()?;
    let (lock, cvar) = &**shared;
    let mut seen = lock.lock().unwrap_or_else(|e| e.into_inner()).generation;
    loop {
        let guard = lock.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = cvar
            .wait_timeout_while(guard, Duration::from_secs(15), |s| s.generation == seen)
            .unwrap_or_else(|e| e.into_inner());
        let now = guard.generation;
        drop(guard);
        if now != seen {
            seen = now;
            stream.write_all(b"data: reload\n\n")?;
        } else {
            stream.write_all(b": ping\n\n")?; // fails once the tab is gone, ending the thread
        }
        stream.flush()?;
    }
}
