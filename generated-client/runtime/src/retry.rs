//! Retries of transient faults: which outcomes are retried, how long to wait (exponential
//! backoff with jitter, or the server's `Retry-After`), and the attempt loop every request and
//! every IAM token request goes through.

use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use tracing::Instrument;

use crate::response::RawResponse;
use crate::Error;

/// When and how often a request is sent again after a transient fault.
///
/// Retried outcomes: a connection that could not be made, a connection that broke before the
/// whole response arrived, and the statuses 429, 502, 503 and 504. A whole-request timeout is
/// not retried: the timeout is the caller's limit for one attempt, and retrying would multiply
/// it. Only idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS) are retried unless
/// [`retry_non_idempotent`](Self::retry_non_idempotent) is set, because a POST that broke
/// mid-way may already have created something.
///
/// After the last attempt a retryable status is returned as the response it is (the operation's
/// response enum decodes it), and a transport failure as [`Error::Transport`].
///
/// ```
/// use std::time::Duration;
/// use otc_client_runtime::RetryPolicy;
///
/// let patient = RetryPolicy {
///     max_attempts: 5,
///     max_backoff: Duration::from_secs(30),
///     ..RetryPolicy::default()
/// };
/// assert!(!patient.retry_non_idempotent);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; `1` (or `0`) disables retries. Default 3.
    pub max_attempts: u32,
    /// The backoff before the first retry; it doubles with every further retry. Default 200 ms.
    pub initial_backoff: Duration,
    /// The largest backoff, before jitter. Default 10 s.
    pub max_backoff: Duration,
    /// The longest `Retry-After` honoured: a server asking for more gets this. Default 60 s.
    pub max_retry_after: Duration,
    /// No retry starts whose wait would end later than this after the first attempt started.
    /// Default 120 s.
    pub total_budget: Duration,
    /// Retry POST and PATCH too. Only for operations the caller knows to be safe to repeat.
    /// Default `false`.
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(60),
            total_budget: Duration::from_secs(120),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// One attempt only.
    pub fn no_retries() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The wait before retry number `retry_number` (1 for the first retry): the server's
    /// `Retry-After` (capped) if it sent one, otherwise the exponential backoff with "equal
    /// jitter" (a random point in the upper half), so that many clients failing together do
    /// not come back together but each still waits at least half the backoff.
    pub(crate) fn delay_before_retry(
        &self,
        retry_number: u32,
        retry_after: Option<Duration>,
    ) -> Duration {
        if let Some(retry_after) = retry_after {
            return retry_after.min(self.max_retry_after);
        }
        let doublings = retry_number.saturating_sub(1).min(30);
        let backoff = self
            .initial_backoff
            .saturating_mul(1_u32 << doublings)
            .min(self.max_backoff);
        let half_backoff = backoff / 2;
        half_backoff + half_backoff.mul_f64(fastrand::f64())
    }

    /// Whether requests with this method may be retried at all.
    pub(crate) fn allows_retry_of(&self, method: &reqwest::Method) -> bool {
        self.retry_non_idempotent || method.is_idempotent()
    }
}

/// Statuses that say "try again": too many requests, and the gateway's bad gateway, service
/// unavailable and gateway timeout.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// Where an attempt failed: reqwest's error kinds alone do not say whether a body broke off
/// (it reports that as a "decode" error), so the attempt loop tracks the stage itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AttemptStage {
    /// Connecting, sending the request, or waiting for the response head.
    Sending,
    /// Reading the response body.
    ReadingBody,
}

/// Transport failures worth another attempt: the connection could not be made, or it broke
/// while the request or the response was under way. Timeouts are not (see [`RetryPolicy`]).
pub(crate) fn is_retryable_transport_error(error: &reqwest::Error, stage: AttemptStage) -> bool {
    if error.is_timeout() {
        return false;
    }
    match stage {
        AttemptStage::Sending => error.is_connect() || error.is_request() || error.is_body(),
        AttemptStage::ReadingBody => true,
    }
}

/// The `Retry-After` of a response: delay-seconds, or an HTTP date (how long from now).
/// Anything unreadable is ignored, so the backoff applies.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let retry_at = httpdate::parse_http_date(value).ok()?;
    // A date in the past means "now".
    Some(
        retry_at
            .duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// Builds the request of one attempt. Called again for every attempt, so that each carries a
/// fresh signature date and the current IAM token.
pub(crate) trait AttemptPreparer {
    async fn prepare_attempt(&self) -> Result<reqwest::RequestBuilder, Error>;
}

/// Sends the request the preparer builds, retrying as `policy` allows. `retry_allowed` is the
/// caller's verdict on the method.
///
/// Each attempt runs in an `otc_attempt` span (`attempt`, `status`, `request_id`) inside the
/// caller's span, which gets the final `attempt`, `status` and `request_id` recorded once, at
/// the end, followed by a "request finished" event. Every attempt and every retry decision is
/// an event. Nothing about the request content is recorded.
pub(crate) async fn send_with_retries(
    policy: &RetryPolicy,
    retry_allowed: bool,
    preparer: &impl AttemptPreparer,
) -> Result<RawResponse, Error> {
    let request_span = tracing::Span::current();
    let first_attempt_started = Instant::now();
    let mut attempt: u32 = 1;
    let outcome = loop {
        let attempt_span = tracing::info_span!(
            "otc_attempt",
            attempt,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        let outcome = async {
            let request = preparer.prepare_attempt().await?;
            Ok(execute(request).await)
        }
        .instrument(attempt_span.clone())
        .await;
        // A request that cannot even be prepared (IAM refused, signing failed) is not retried
        // here: the IAM request has retries of its own.
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(error) => break Err(error),
        };
        let after_attempt = attempt_span.in_scope(|| {
            decide_after_attempt(
                &attempt_span,
                policy,
                retry_allowed,
                attempt,
                first_attempt_started,
                &outcome,
            )
        });
        match after_attempt {
            AfterAttempt::Return => break outcome.map_err(|(error, _)| Error::Transport(error)),
            AfterAttempt::RetryAfter(delay) => tokio::time::sleep(delay).await,
        }
        attempt += 1;
    };
    request_span.record("attempt", attempt);
    if let Ok(raw) = &outcome {
        record_response(&request_span, raw);
    }
    match &outcome {
        Ok(_) => tracing::debug!("request finished"),
        Err(error) => tracing::debug!(error = %error, "request failed"),
    }
    outcome
}

/// Records a response's status and request id in `span`. Without a subscriber that wants the
/// span, nothing is looked up: the request id is a header search on every call.
fn record_response(span: &tracing::Span, raw: &RawResponse) {
    if span.is_disabled() {
        return;
    }
    span.record("status", raw.status);
    if let Some(request_id) = raw.request_id() {
        span.record("request_id", request_id);
    }
}

/// What to do once an attempt is over.
enum AfterAttempt {
    Return,
    RetryAfter(Duration),
}

/// Records the attempt's outcome in its span (the current one) and decides on a retry, saying
/// why in events.
fn decide_after_attempt(
    attempt_span: &tracing::Span,
    policy: &RetryPolicy,
    retry_allowed: bool,
    attempt: u32,
    first_attempt_started: Instant,
    outcome: &Result<RawResponse, (reqwest::Error, AttemptStage)>,
) -> AfterAttempt {
    let retry_reason_and_after = match outcome {
        Ok(raw) => {
            record_response(attempt_span, raw);
            tracing::debug!("attempt received a response");
            is_retryable_status(raw.status)
                .then(|| (format!("status {}", raw.status), retry_after(&raw.headers)))
        }
        Err((error, stage)) => {
            tracing::debug!(error = %error, ?stage, "attempt failed");
            is_retryable_transport_error(error, *stage).then(|| (error.to_string(), None))
        }
    };
    let Some((retry_reason, retry_after)) = retry_reason_and_after else {
        return AfterAttempt::Return;
    };
    if !retry_allowed {
        tracing::debug!(reason = %retry_reason, "not retried: the method is not idempotent");
        return AfterAttempt::Return;
    }
    if attempt >= policy.max_attempts.max(1) {
        tracing::warn!(reason = %retry_reason, "giving up: no attempts left");
        return AfterAttempt::Return;
    }
    let delay = policy.delay_before_retry(attempt, retry_after);
    // The clock is read only here, for a retry: most calls end at their first attempt.
    if first_attempt_started.elapsed().saturating_add(delay) > policy.total_budget {
        tracing::warn!(
            delay_ms = duration_in_milliseconds(delay),
            reason = %retry_reason,
            "giving up: the retry would exceed the total budget"
        );
        return AfterAttempt::Return;
    }
    tracing::info!(
        delay_ms = duration_in_milliseconds(delay),
        reason = %retry_reason,
        "retrying"
    );
    AfterAttempt::RetryAfter(delay)
}

/// Milliseconds for tracing fields, saturating instead of truncating silently.
fn duration_in_milliseconds(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// One attempt: send, then read the whole body (a connection that breaks mid-body fails here).
async fn execute(
    request: reqwest::RequestBuilder,
) -> Result<RawResponse, (reqwest::Error, AttemptStage)> {
    let mut response = request
        .send()
        .await
        .map_err(|error| (error, AttemptStage::Sending))?;
    let status = response.status().as_u16();
    // Moved out, not copied: reading the body needs no headers.
    let headers = std::mem::take(response.headers_mut());
    let body = response
        .bytes()
        .await
        .map_err(|error| (error, AttemptStage::ReadingBody))?;
    Ok(RawResponse {
        status,
        headers,
        body,
    })
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_maximum_with_jitter_in_the_upper_half() {
        let policy = RetryPolicy {
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(350),
            ..RetryPolicy::default()
        };
        for (retry_number, full_backoff_ms) in [(1, 100), (2, 200), (3, 350), (10, 350), (99, 350)]
        {
            let delay = policy.delay_before_retry(retry_number, None);
            let full_backoff = Duration::from_millis(full_backoff_ms);
            assert!(
                delay >= full_backoff / 2 && delay <= full_backoff,
                "retry {retry_number}: {delay:?} outside [{:?}, {full_backoff:?}]",
                full_backoff / 2
            );
        }
    }

    #[test]
    fn retry_after_wins_over_backoff_and_is_capped() {
        let policy = RetryPolicy {
            max_retry_after: Duration::from_secs(5),
            ..RetryPolicy::default()
        };
        assert_eq!(
            policy.delay_before_retry(1, Some(Duration::from_secs(2))),
            Duration::from_secs(2)
        );
        assert_eq!(
            policy.delay_before_retry(1, Some(Duration::from_secs(3600))),
            Duration::from_secs(5)
        );
    }

    #[test]
    fn retry_after_is_read_as_seconds_or_http_date() {
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static(" 7 "));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(7)));
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&headers), Some(Duration::ZERO));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static("-1"));
        assert_eq!(retry_after(&headers), None);
    }

    #[test]
    fn only_transient_statuses_are_retryable() {
        for status in [429, 502, 503, 504] {
            assert!(is_retryable_status(status), "{status}");
        }
        for status in [200, 204, 400, 401, 403, 404, 409, 500, 501] {
            assert!(!is_retryable_status(status), "{status}");
        }
    }

    #[test]
    fn only_idempotent_methods_are_retried_unless_opted_in() {
        let policy = RetryPolicy::default();
        for method in [
            reqwest::Method::GET,
            reqwest::Method::HEAD,
            reqwest::Method::PUT,
            reqwest::Method::DELETE,
        ] {
            assert!(policy.allows_retry_of(&method), "{method}");
        }
        assert!(!policy.allows_retry_of(&reqwest::Method::POST));
        assert!(!policy.allows_retry_of(&reqwest::Method::PATCH));
        let opted_in = RetryPolicy {
            retry_non_idempotent: true,
            ..RetryPolicy::default()
        };
        assert!(opted_in.allows_retry_of(&reqwest::Method::POST));
        assert!(opted_in.allows_retry_of(&reqwest::Method::PATCH));
    }

    #[test]
    fn jitter_spreads_the_delays_of_one_retry() {
        let policy = RetryPolicy::default();
        let delays: std::collections::BTreeSet<Duration> = (0..100)
            .map(|_| policy.delay_before_retry(1, None))
            .collect();
        // 100 draws from a 64-bit generator: equal delays would mean no jitter at all.
        assert!(delays.len() > 90, "{} distinct delays", delays.len());
    }
}
