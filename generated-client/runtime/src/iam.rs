//! IAM password authentication: obtaining a token (`POST /v3/auth/tokens`), caching it, and
//! renewing it before it expires, one renewal at a time however many requests need it.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use tracing::Instrument;

use crate::config::{PasswordCredentials, ProjectScope, REDACTED_PLACEHOLDER};
use crate::response::RawResponse;
use crate::retry::{self, AttemptPreparer, RetryPolicy};
use crate::Error;

/// A token is renewed when it has less than this left.
///
/// Five minutes: a token is fetched for each attempt, so it must outlive one attempt (at most
/// the whole-request timeout, 60 s by default) plus any clock skew between client and IAM,
/// while IAM tokens live 24 hours, so renewing a little early costs nothing.
pub const TOKEN_RENEWAL_MARGIN: Duration = Duration::from_secs(5 * 60);

/// The response header IAM returns the token in.
const SUBJECT_TOKEN_HEADER: &str = "X-Subject-Token";

/// A token IAM issued, with what the client needs to know about it.
#[derive(Clone)]
pub(crate) struct IamToken {
    pub(crate) value: String,
    pub(crate) expires_at: SystemTime,
    /// The project the token is scoped to, as IAM reports it.
    pub(crate) project_id: Option<String>,
}

impl IamToken {
    fn is_usable_at(&self, now: SystemTime) -> bool {
        match self.expires_at.duration_since(now) {
            Ok(remaining) => remaining > TOKEN_RENEWAL_MARGIN,
            Err(_) => false,
        }
    }
}

impl fmt::Debug for IamToken {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("IamToken")
            .field("value", &REDACTED_PLACEHOLDER)
            .field("expires_at", &self.expires_at)
            .field("project_id", &self.project_id)
            .finish()
    }
}

/// The token of one IAM user and project, shared by every service client of a config.
///
/// The lock is held while a token is fetched, so concurrent requests that find the token
/// missing or about to expire wait for the one fetch in flight and then all use its token,
/// instead of each asking IAM.
pub(crate) struct IamTokenCache {
    credentials: PasswordCredentials,
    project_scope: ProjectScope,
    token_url: String,
    cached_token: tokio::sync::Mutex<Option<IamToken>>,
}

impl fmt::Debug for IamTokenCache {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The cached token is left out entirely: looking at it would need the lock.
        formatter
            .debug_struct("IamTokenCache")
            .field("credentials", &self.credentials)
            .field("project_scope", &self.project_scope)
            .field("token_url", &self.token_url)
            .finish_non_exhaustive()
    }
}

impl IamTokenCache {
    pub(crate) fn new(
        credentials: PasswordCredentials,
        project_scope: ProjectScope,
        token_url: String,
    ) -> Self {
        IamTokenCache {
            credentials,
            project_scope,
            token_url,
            cached_token: tokio::sync::Mutex::new(None),
        }
    }

    /// The cached token's value, if there is one and no renewal holds the lock, for
    /// [`crate::Config::redact`].
    pub(crate) fn cached_token_value(&self) -> Option<String> {
        let cached_token = self.cached_token.try_lock().ok()?;
        cached_token.as_ref().map(|token| token.value.clone())
    }

    #[cfg(test)]
    pub(crate) fn token_url(&self) -> &str {
        &self.token_url
    }

    /// Drops the cached token if it is `rejected_token` (a service answered 401 to it: IAM
    /// revoked it early, e.g. after a password change), so that the next request gets a new
    /// one. A token another request has renewed meanwhile is kept.
    pub(crate) async fn forget_token(&self, rejected_token: &str) {
        let mut cached_token = self.cached_token.lock().await;
        if cached_token
            .as_ref()
            .is_some_and(|token| token.value == rejected_token)
        {
            *cached_token = None;
        }
    }

    /// A token with more than [`TOKEN_RENEWAL_MARGIN`] left: the cached one, or a new one.
    pub(crate) async fn current_token(
        &self,
        http: &reqwest::Client,
        retry_policy: &RetryPolicy,
    ) -> Result<IamToken, Error> {
        let mut cached_token = self.cached_token.lock().await;
        if let Some(token) = cached_token.as_ref() {
            if token.is_usable_at(SystemTime::now()) {
                return Ok(token.clone());
            }
        }
        let span = tracing::info_span!(
            "otc_iam_token",
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            attempt = tracing::field::Empty,
        );
        // Boxed: the token request (with its retries) is a large future, and inline it would
        // make every call's future that large, though a token is requested about once a day.
        let token = Box::pin(self.request_token(http, retry_policy).instrument(span)).await?;
        *cached_token = Some(token.clone());
        Ok(token)
    }

    /// Asks IAM for a token. Retried like an idempotent request, whatever the policy says
    /// about POST: issuing a token changes nothing, and a lost token request would otherwise
    /// fail the caller's request.
    async fn request_token(
        &self,
        http: &reqwest::Client,
        retry_policy: &RetryPolicy,
    ) -> Result<IamToken, Error> {
        let body = serde_json::to_vec(&self.request_body()).map_err(Error::Encode)?;
        let preparer = TokenRequestPreparer {
            http,
            token_url: &self.token_url,
            body,
        };
        let raw = retry::send_with_retries(retry_policy, true, &preparer).await?;
        let token = token_from_response(&raw)?;
        tracing::debug!(
            project_id = token.project_id.as_deref(),
            "iam issued a token"
        );
        Ok(token)
    }

    /// `{"auth": {"identity": {"methods": ["password"], "password": {"user": …}}, "scope": …}}`.
    fn request_body(&self) -> serde_json::Value {
        let project = match &self.project_scope {
            ProjectScope::Id(project_id) => serde_json::json!({ "id": project_id }),
            ProjectScope::Name { name, domain_name } => {
                serde_json::json!({ "name": name, "domain": { "name": domain_name } })
            }
        };
        serde_json::json!({
            "auth": {
                "identity": {
                    "methods": ["password"],
                    "password": {
                        "user": {
                            "name": self.credentials.user_name,
                            "password": self.credentials.password,
                            "domain": { "name": self.credentials.user_domain_name },
                        }
                    }
                },
                "scope": { "project": project }
            }
        })
    }
}

/// Builds the token request for each attempt.
struct TokenRequestPreparer<'a> {
    http: &'a reqwest::Client,
    token_url: &'a str,
    body: Vec<u8>,
}

impl AttemptPreparer for TokenRequestPreparer<'_> {
    async fn prepare_attempt(&self) -> Result<reqwest::RequestBuilder, Error> {
        // `nocatalog` leaves the service catalog out of the answer: it is large and unused.
        Ok(self
            .http
            .post(self.token_url)
            .query(&[("nocatalog", "true")])
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(self.body.clone()))
    }
}

/// The token in `X-Subject-Token`, its expiry and project from the body.
fn token_from_response(raw: &RawResponse) -> Result<IamToken, Error> {
    let authentication_error = |message: String| Error::Authentication {
        status: Some(raw.status),
        request_id: raw.request_id().map(str::to_owned),
        message,
    };
    if !(200..300).contains(&raw.status) {
        let message = match raw.cloud_error() {
            Some(cloud_error) => cloud_error.to_string(),
            None => "iam answered without a readable error body".to_owned(),
        };
        return Err(authentication_error(message));
    }
    let value = raw
        .headers
        .get(SUBJECT_TOKEN_HEADER)
        .and_then(|value| value.to_str().ok())
        .filter(|value| !value.is_empty())
        .ok_or_else(|| authentication_error("the answer has no x-subject-token header".to_owned()))?
        .to_owned();
    #[derive(serde::Deserialize)]
    struct TokenResponseBody {
        token: TokenBody,
    }
    #[derive(serde::Deserialize)]
    struct TokenBody {
        expires_at: String,
        #[serde(default)]
        project: Option<ProjectReference>,
    }
    #[derive(serde::Deserialize)]
    struct ProjectReference {
        id: String,
    }
    let body: TokenResponseBody = serde_json::from_slice(&raw.body).map_err(|error| {
        authentication_error(format!("the token body does not decode: {error}"))
    })?;
    let expires_at = parse_rfc3339(&body.token.expires_at).ok_or_else(|| {
        authentication_error(format!(
            "the token's expires_at {:?} is not an rfc 3339 date-time",
            body.token.expires_at
        ))
    })?;
    Ok(IamToken {
        value,
        expires_at,
        project_id: body.token.project.map(|project| project.id),
    })
}

/// Parses `2024-05-02T10:11:12.345000Z` or with a `±hh:mm` offset, as IAM writes `expires_at`.
pub(crate) fn parse_rfc3339(text: &str) -> Option<SystemTime> {
    // RFC 3339 lets an application choose the separator and `time` takes any byte there; IAM
    // writes `T`, and the client has always accepted `T`, `t` or a space only.
    if !matches!(text.as_bytes().get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let date_time = OffsetDateTime::parse(text, &Rfc3339).ok()?;
    let since_epoch = date_time - OffsetDateTime::UNIX_EPOCH;
    // Checked, because `SystemTime::from` panics where `SystemTime` ends (1601 on Windows).
    if since_epoch.is_negative() {
        UNIX_EPOCH.checked_sub(since_epoch.unsigned_abs())
    } else {
        UNIX_EPOCH.checked_add(since_epoch.unsigned_abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seconds_since_epoch(text: &str) -> Option<u64> {
        parse_rfc3339(text)?
            .duration_since(UNIX_EPOCH)
            .ok()
            .map(|since_epoch| since_epoch.as_secs())
    }

    #[test]
    fn iam_expires_at_values_parse() {
        assert_eq!(
            seconds_since_epoch("2006-01-02T15:04:05.000000Z"),
            Some(1_136_214_245)
        );
        assert_eq!(
            seconds_since_epoch("2006-01-02T15:04:05Z"),
            Some(1_136_214_245)
        );
        assert_eq!(
            seconds_since_epoch("2006-01-02T16:04:05+01:00"),
            Some(1_136_214_245)
        );
        assert_eq!(
            seconds_since_epoch("2006-01-02T14:34:05-00:30"),
            Some(1_136_214_245)
        );
        assert_eq!(seconds_since_epoch("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            seconds_since_epoch("2000-02-29T00:00:00Z"),
            Some(951_782_400)
        );
        assert_eq!(
            parse_rfc3339("2006-01-02T15:04:05.5Z")
                .and_then(|instant| instant.duration_since(UNIX_EPOCH).ok())
                .map(|since_epoch| since_epoch.subsec_millis()),
            Some(500)
        );
    }

    #[test]
    fn malformed_date_times_are_rejected() {
        for malformed in [
            "",
            "2006-01-02",
            "2006-01-02T15:04:05",
            "2006-13-02T15:04:05Z",
            "2006-01-02T25:04:05Z",
            "2006-01-02T15:04:05.Z",
            "2006-01-02T15:04:05+0100",
            "2006/01/02T15:04:05Z",
            "２００6-01-02T15:04:05Z",
            "2006-01-02X15:04:05Z",
            // A day and an offset that do not exist, which the hand-written parser that `time`
            // replaced accepted (rolling February 30 over into March).
            "2006-02-30T15:04:05Z",
            "2006-01-02T15:04:05+24:00",
        ] {
            assert_eq!(parse_rfc3339(malformed), None, "{malformed}");
        }
    }

    #[test]
    fn tokens_near_expiry_are_not_usable() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000_000);
        let token = |expires_in_seconds: u64| IamToken {
            value: "t".to_owned(),
            expires_at: now + Duration::from_secs(expires_in_seconds),
            project_id: None,
        };
        assert!(token(24 * 3_600).is_usable_at(now));
        assert!(!token(60).is_usable_at(now));
        assert!(!token(0).is_usable_at(now));
        let expired = IamToken {
            expires_at: now - Duration::from_secs(1),
            ..token(0)
        };
        assert!(!expired.is_usable_at(now));
    }

    #[test]
    fn token_debug_redacts_the_value() {
        let token = IamToken {
            value: "MIIsecret-token".to_owned(),
            expires_at: UNIX_EPOCH,
            project_id: Some("p".to_owned()),
        };
        let debug = format!("{token:?}");
        assert!(!debug.contains("MIIsecret"), "{debug}");
        assert!(debug.contains("<redacted>"), "{debug}");
    }
}
