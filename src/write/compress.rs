//! `--precompress`: gzip and brotli files beside the pages, for servers that send them.

use std::io;
use std::path::Path;

/// Text formats a server sends compressed (HTML, CSS, scripts, data, feeds, sitemaps).
pub(super) const COMPRESSIBLE: [&str; 10] = [
    "html",
    "css",
    "js",
    "json",
    "xml",
    "svg",
    "txt",
    "atom",
    "csv",
    "webmanifest",
];

/// Files smaller than this are not compressed: the saving would be a few bytes.
pub const PRECOMPRESS_MIN_BYTES: u64 = 256;

/// Brotli's best quality, as is usual for files compressed once and served many times.
pub(super) const BROTLI_QUALITY: i32 = 11;

/// Whether a file is worth a compressed copy: a text format, and not tiny.
pub(super) fn worth_compressing(path: &Path, size: u64) -> bool {
    size >= PRECOMPRESS_MIN_BYTES
        && path
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| COMPRESSIBLE.contains(&x))
}

/// gzip at the best level, with no file name or time in the header.
pub fn gzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
    use std::io::Write;
    let mut enc = flate2::GzBuilder::new().mtime(0).write(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::best(),
    );
    enc.write_all(bytes)?;
    enc.finish()
}

/// brotli at the best quality, with a window that fits the file.
pub fn brotli(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(bytes.len() / 3);
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}
