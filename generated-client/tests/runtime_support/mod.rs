//! Helpers shared by the `runtime_*` integration tests: fast retry policies, the DCS request
//! used throughout, a raw TCP server for faults wiremock cannot express, IAM token answers and
//! a tracing capture.

use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use otc_client::dcs::DeleteBackgroundTaskRequest;
use otc_client::runtime::RetryPolicy;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::ResponseTemplate;

pub const PROJECT_ID: &str = "a4d31cb6-3d72-4fdc-8ec9-6e3a41e47f71";
pub const INSTANCE_ID: &str = "5560df16-cebf-4473-95c4-d1b573c16e79";
pub const TASK_ID: &str = "8abf6e1e72c12e7c0172c15b508500aa";
pub const TASK_PATH: &str = "/v2/a4d31cb6-3d72-4fdc-8ec9-6e3a41e47f71/instances/5560df16-cebf-4473-95c4-d1b573c16e79/tasks/8abf6e1e72c12e7c0172c15b508500aa";
pub const ERROR_BODY: &str =
    r#"{"error_msg":"The instance does not exist.","error_code":"DCS.4001","error_ext_msg":null}"#;

/// The default policy with backoffs of a millisecond, so retries cost no test time.
pub fn fast_retry_policy(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(2),
        ..RetryPolicy::default()
    }
}

pub fn delete_task_request() -> DeleteBackgroundTaskRequest {
    let mut request = DeleteBackgroundTaskRequest::default();
    request.instance_id = INSTANCE_ID.to_owned();
    request.task_id = TASK_ID.to_owned();
    request
}

pub fn json_response(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

/// IAM's answer to `POST /v3/auth/tokens`: the token in `X-Subject-Token`, the expiry and the
/// project in the body.
pub fn iam_token_response(token: &str, expires_at: &str, project_id: &str) -> ResponseTemplate {
    let body = serde_json::json!({
        "token": {
            "expires_at": expires_at,
            "issued_at": "2024-01-01T00:00:00.000000Z",
            "methods": ["password"],
            "project": { "id": project_id, "name": "eu-de_project", "domain": { "name": "domain" } },
            "user": { "name": "user", "domain": { "name": "domain" } }
        }
    });
    ResponseTemplate::new(201)
        .insert_header("X-Subject-Token", token)
        .insert_header("X-Request-Id", "iam-request-1")
        .set_body_json(body)
}

/// An RFC 3339 date-time this many seconds from now (negative: in the past), built from the
/// signing module's `YYYYMMDDTHHMMSSZ` formatter.
pub fn rfc3339_from_now(seconds_from_now: i64) -> String {
    let now = std::time::SystemTime::now();
    let offset = Duration::from_secs(seconds_from_now.unsigned_abs());
    let instant = if seconds_from_now >= 0 {
        now + offset
    } else {
        now - offset
    };
    let compact = otc_client::runtime::signing::format_sdk_date(instant);
    format!(
        "{}-{}-{}T{}:{}:{}.000000Z",
        &compact[0..4],
        &compact[4..6],
        &compact[6..8],
        &compact[9..11],
        &compact[11..13],
        &compact[13..15]
    )
}

/// A raw HTTP server on 127.0.0.1 that answers every connection with `response` (bytes as
/// given, then the connection is closed), for at most `max_connections` connections.
/// Returns its base URL and the count of connections accepted.
pub async fn start_raw_server(
    response: &'static [u8],
    max_connections: usize,
) -> io::Result<(String, Arc<AtomicUsize>)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let base_url = format!("http://{}", listener.local_addr()?);
    let accepted_connections = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&accepted_connections);
    tokio::spawn(async move {
        for _ in 0..max_connections {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            counter.fetch_add(1, Ordering::SeqCst);
            // Read the request head (the test requests have small or no bodies) before
            // answering, so the client is not cut off while still sending.
            let mut received = Vec::new();
            let mut buffer = [0_u8; 4096];
            while !received.windows(4).any(|window| window == b"\r\n\r\n") {
                match stream.read(&mut buffer).await {
                    Ok(0) | Err(_) => break,
                    Ok(read) => received.extend_from_slice(&buffer[..read]),
                }
            }
            let _ = stream.write_all(response).await;
            let _ = stream.shutdown().await;
        }
    });
    Ok((base_url, accepted_connections))
}

/// Everything a `tracing_subscriber` fmt layer wrote, for searching.
#[derive(Clone, Default)]
pub struct CapturedTracing {
    buffer: Arc<Mutex<Vec<u8>>>,
}

impl CapturedTracing {
    /// Captures every event and span of this thread at TRACE level until the guard drops.
    /// The `#[tokio::test]` runtime runs on one thread, so the client's tasks are captured.
    pub fn install(&self) -> tracing::subscriber::DefaultGuard {
        let subscriber = tracing_subscriber::fmt()
            .with_writer(self.clone())
            .with_max_level(tracing::Level::TRACE)
            .finish();
        tracing::subscriber::set_default(subscriber)
    }

    pub fn text(&self) -> String {
        let bytes = self
            .buffer
            .lock()
            .map(|buffer| buffer.clone())
            .unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

/// One write into the shared buffer.
pub struct CapturedTracingWriter {
    buffer: Arc<Mutex<Vec<u8>>>,
}

impl io::Write for CapturedTracingWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if let Ok(mut buffer) = self.buffer.lock() {
            buffer.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for CapturedTracing {
    type Writer = CapturedTracingWriter;

    fn make_writer(&'a self) -> Self::Writer {
        CapturedTracingWriter {
            buffer: Arc::clone(&self.buffer),
        }
    }
}

/// Fails the test if `text` contains any of `secrets`, naming the one found.
pub fn assert_contains_no_secret(text: &str, secrets: &[&str], what: &str) {
    for secret in secrets {
        assert!(
            !text.contains(secret),
            "{what} contains the secret {secret:?}:\n{text}"
        );
    }
}
