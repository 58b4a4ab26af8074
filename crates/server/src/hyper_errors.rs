//! hyper answers a request it cannot parse (a malformed request line or header: 400; a URI over its limit:
//! 414; headers over its limit: 431) by itself, with an empty body, before any router runs. This stream
//! wrapper recognises such an automatic answer as it is written and gives it Fineract's JSON envelope, so
//! that every error a client sees has the same shape.

use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// Longest head hyper writes for an automatic answer (status line, `content-length`, `date`, …).
const AUTOMATIC_HEAD_MAX_BYTES: usize = 512;
const EMPTY_LENGTH: &[u8] = b"\r\ncontent-length: 0\r\n";

pub struct EnvelopedErrors<S> {
    inner: S,
    /// A rewritten answer, and how much of it is already written.
    pending: Option<(Vec<u8>, usize)>,
}

impl<S> EnvelopedErrors<S> {
    pub fn new(inner: S) -> Self {
        EnvelopedErrors {
            inner,
            pending: None,
        }
    }
}

/// The same answer with a JSON envelope, when `head` is hyper's automatic error answer: a whole head with
/// an error status and an empty body. The application's own error answers always have a body.
fn rewrite(head: &[u8]) -> Option<Vec<u8>> {
    if head.len() > AUTOMATIC_HEAD_MAX_BYTES
        || !(head.starts_with(b"HTTP/1.1 4") || head.starts_with(b"HTTP/1.0 4"))
        || !head.ends_with(b"\r\n\r\n")
    {
        return None;
    }
    let status: u16 = std::str::from_utf8(head.get(9..12)?).ok()?.parse().ok()?;
    let at = head
        .windows(EMPTY_LENGTH.len())
        .position(|w| w.eq_ignore_ascii_case(EMPTY_LENGTH))?;
    let body = kassa_api::guard::transport_error_body(status);
    let mut out = Vec::with_capacity(head.len() + body.len() + 48);
    out.extend_from_slice(&head[..at]);
    out.extend_from_slice(
        format!(
            "\r\ncontent-type: application/json\r\ncontent-length: {}\r\n",
            body.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&head[at + EMPTY_LENGTH.len()..]);
    out.extend_from_slice(body.as_bytes());
    Some(out)
}

impl<S: AsyncWrite + Unpin> EnvelopedErrors<S> {
    /// Writes what is left of a rewritten answer; Ready once none is left.
    fn drive(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while let Some((bytes, written)) = &mut self.pending {
            if *written == bytes.len() {
                self.pending = None;
                break;
            }
            let n = ready!(Pin::new(&mut self.inner).poll_write(cx, &bytes[*written..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            *written += n;
        }
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for EnvelopedErrors<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for EnvelopedErrors<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        ready!(this.drive(cx))?;
        if let Some(answer) = rewrite(buf) {
            // The caller's bytes count as written: the rewritten answer goes out before anything else.
            this.pending = Some((answer, 0));
            let _ = this.drive(cx)?;
            return Poll::Ready(Ok(buf.len()));
        }
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let mut non_empty = bufs.iter().filter(|b| !b.is_empty());
        if let (Some(only), None) = (non_empty.next(), non_empty.next()) {
            return self.poll_write(cx, only);
        }
        let this = &mut *self;
        ready!(this.drive(cx))?;
        Pin::new(&mut this.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        ready!(this.drive(cx))?;
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        ready!(this.drive(cx))?;
        Pin::new(&mut this.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    #[test]
    fn an_automatic_414_gets_the_envelope_and_a_matching_length() {
        let head = b"HTTP/1.1 414 URI Too Long\r\ncontent-length: 0\r\ndate: Mon, 07 Dec 2026 06:00:00 GMT\r\n\r\n";
        let out = String::from_utf8(rewrite(head).unwrap()).unwrap();
        let (head, body) = out.split_once("\r\n\r\n").unwrap();
        assert!(head.contains("content-type: application/json"));
        assert!(head.contains(&format!("content-length: {}", body.len())));
        assert!(head.contains("date: "));
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(json["httpStatusCode"], "414");
        assert_eq!(
            json["userMessageGlobalisationCode"],
            "error.msg.request.uri.too.long"
        );
    }

    #[test]
    fn answers_with_a_body_and_body_bytes_pass_untouched() {
        assert!(rewrite(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n").is_none());
        assert!(rewrite(b"HTTP/1.1 404 Not Found\r\ncontent-length: 12\r\n\r\n").is_none());
        assert!(rewrite(b"{\"a\":1}").is_none());
    }

    #[tokio::test]
    async fn the_rewritten_answer_reaches_the_peer_whole() {
        let (mut client, server) = tokio::io::duplex(16);
        let mut stream = EnvelopedErrors::new(server);
        let writer = tokio::spawn(async move {
            stream
                .write_all(
                    b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\n\r\n",
                )
                .await
                .unwrap();
            stream.shutdown().await.unwrap();
        });
        let mut got = String::new();
        client.read_to_string(&mut got).await.unwrap();
        writer.await.unwrap();
        assert!(got.ends_with('}'), "{got}");
        assert!(got.contains("error.msg.request.header.fields.too.large"));
    }
}
