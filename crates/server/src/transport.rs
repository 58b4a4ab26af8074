//! Acceptor pieces for axum-server: Nagle off on every connection, and a deadline for a client's first
//! bytes. The HTTP version sniffing in front of hyper (hyper-util's auto connection, which axum-server always
//! uses) waits for those bytes with no timeout of its own, so a client that connects and stays silent would
//! hold its connection forever; hyper's header read timeout only starts once sniffing is done.

use std::future::{ready, Future, Ready};
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum_server::accept::Accept;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::Sleep;

use crate::hyper_errors::EnvelopedErrors;

/// Turns Nagle's algorithm off: responses are written whole, and waiting for ACKs only adds latency.
#[derive(Debug, Clone, Copy)]
pub struct NoDelay;

impl<S> Accept<TcpStream, S> for NoDelay {
    type Stream = TcpStream;
    type Service = S;
    type Future = Ready<io::Result<(TcpStream, S)>>;

    fn accept(&self, stream: TcpStream, service: S) -> Self::Future {
        let _ = stream.set_nodelay(true);
        ready(Ok((stream, service)))
    }
}

/// Bytes after which the version sniffing has decided and hyper's own timers take over (the HTTP/2 preface
/// is 24 bytes long).
const SNIFF_BYTES: usize = 24;

/// Wraps the streams of an inner acceptor (after TLS, when there is TLS) in [`FirstBytesDeadline`] and
/// [`EnvelopedErrors`].
#[derive(Debug, Clone)]
pub struct FirstBytes<A> {
    pub inner: A,
    pub timeout: Duration,
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = io::Result<T>> + Send>>;

impl<I, S, A> Accept<I, S> for FirstBytes<A>
where
    A: Accept<I, S>,
    A::Future: Send + 'static,
    A::Stream: Send + 'static,
    A::Service: Send + 'static,
{
    type Stream = FirstBytesDeadline<EnvelopedErrors<A::Stream>>;
    type Service = A::Service;
    type Future = BoxFuture<(Self::Stream, Self::Service)>;

    fn accept(&self, stream: I, service: S) -> Self::Future {
        let accepting = self.inner.accept(stream, service);
        let timeout = self.timeout;
        Box::pin(async move {
            let (stream, service) = accepting.await?;
            let stream = EnvelopedErrors::new(stream);
            Ok((FirstBytesDeadline::new(stream, timeout), service))
        })
    }
}

/// A stream whose reads fail with `TimedOut` if its first [`SNIFF_BYTES`] bytes have not arrived in time.
pub struct FirstBytesDeadline<S> {
    inner: S,
    deadline: Option<Pin<Box<Sleep>>>,
    seen: usize,
}

impl<S> FirstBytesDeadline<S> {
    fn new(inner: S, timeout: Duration) -> Self {
        FirstBytesDeadline {
            inner,
            deadline: Some(Box::pin(tokio::time::sleep(timeout))),
            seen: 0,
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for FirstBytesDeadline<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(result) => {
                this.seen += buf.filled().len() - before;
                if this.seen >= SNIFF_BYTES {
                    this.deadline = None;
                }
                Poll::Ready(result)
            }
            Poll::Pending => {
                let expired = this
                    .deadline
                    .as_mut()
                    .is_some_and(|deadline| deadline.as_mut().poll(cx).is_ready());
                if expired {
                    let message = "no request from the client in time";
                    return Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, message)));
                }
                Poll::Pending
            }
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for FirstBytesDeadline<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    #[tokio::test]
    async fn a_silent_client_times_out() {
        let (client, server) = tokio::io::duplex(64);
        let mut stream = FirstBytesDeadline::new(server, Duration::from_millis(20));
        let mut buf = [0u8; 8];
        let err = stream.read(&mut buf).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        drop(client);
    }

    #[tokio::test]
    async fn the_deadline_is_lifted_once_the_first_bytes_arrived() {
        let (mut client, server) = tokio::io::duplex(64);
        let mut stream = FirstBytesDeadline::new(server, Duration::from_millis(20));
        client.write_all(&[b'x'; SNIFF_BYTES]).await.unwrap();
        let mut buf = [0u8; SNIFF_BYTES];
        stream.read_exact(&mut buf).await.unwrap();
        tokio::time::sleep(Duration::from_millis(40)).await;
        client.write_all(b"late").await.unwrap();
        let mut late = [0u8; 4];
        stream.read_exact(&mut late).await.unwrap();
        assert_eq!(&late, b"late");
    }
}
