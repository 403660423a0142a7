//! The hand-written half of the contract test: one client config per status (each asks Prism
//! for that status with `Prefer: code=<status>`), the checks of every call, and the report.
//!
//! A call passes when Prism found nothing wrong with the request (its `sl-violations` header,
//! or its own `422` answer where the spec documents no validation status) and the response
//! decoded into the variant of the status that was asked for.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use otc_client::runtime::{Config, DecodeError, Error, RawResponse, ResponseObserver, RetryPolicy};

/// A project id of the shape IAM issues (32 hexadecimal digits); the client fills every
/// `{project_id}` with it.
const PROJECT_ID: &str = "0b5e7d9a3c8f4e21a6d0c4b7e9f21358";

/// Prism checks that the `iam_token` security scheme's header is present, not its value.
const TOKEN: &str = "contract-test-token";

/// The header in which Prism lists what it found wrong with a request or with its own response.
const VIOLATIONS_HEADER: &str = "sl-violations";

/// Prism checks `int64` numbers against JavaScript's largest safe integer, 2^53 - 1 (its own
/// generated examples stay below it), so an example of the docs between 2^53 and 2^63 - 1, a
/// valid int64 that the client decodes exactly, is reported as breaking the spec.
const PRISM_SAFE_INTEGER_MESSAGE: &str = "must be <= 9007199254740991";

/// How serde_json names the number JavaScript writes for an int64 at or near 2^63 - 1: the
/// nearest double is 2^63, one past the int64 range, so Prism sends an example such as
/// `9223372036854775807` (TaurusDB's "never expires") as `9223372036854776000`, which no int64
/// field can hold. The exact example is decoded by the service crate's example round trip.
/// What the body has where the int64 was (`Error::Decode`'s found value; expected `i64`).
const PRISM_ROUNDED_PAST_INT64: &str = "integer `9223372036854776000`";

/// How a violation of Prism's own response starts in the report.
const RESPONSE_VIOLATION: &str = "Prism's response breaks the spec";

/// How much of a response body a failure message quotes.
const BODY_EXCERPT_LENGTH: usize = 400;

/// An argument of the spec (example or synthesized value) that does not decode into the
/// request struct's field.
#[derive(Debug)]
pub struct ArgumentError {
    argument: &'static str,
    message: String,
}

/// Decodes one argument of a request from its JSON text (the type is the field's).
pub fn decode_argument<T: serde::de::DeserializeOwned>(
    argument: &'static str,
    json: &str,
) -> Result<T, ArgumentError> {
    serde_json::from_str(json).map_err(|error| ArgumentError {
        argument,
        message: format!("{error} in {}", excerpt(json.as_bytes())),
    })
}

/// What one call returned.
#[derive(Debug)]
pub enum CallOutcome {
    /// A documented variant (its name) for this status.
    Documented(&'static str, u16),
    /// The `Unexpected` variant: a status the spec does not document.
    Unexpected(RawResponse),
    /// No response enum: a documented status whose body does not decode, or a transport error.
    Failed(Error),
    /// A variant the driver was generated without (the response enums are
    /// `#[non_exhaustive]`): the driver is older than the client, a failure.
    NotListed(u16),
}

/// What the response observer saw of the latest response.
#[derive(Debug, Clone)]
struct ObservedResponse {
    status: u16,
    violations: Option<String>,
}

#[derive(Debug)]
struct Failure {
    operation_id: &'static str,
    /// `None` when the request could not be built, so no status was asked for.
    status: Option<u16>,
    problems: Vec<String>,
}

#[derive(Debug)]
struct Exclusion {
    operation_id: &'static str,
    status: &'static str,
    reason: &'static str,
}

/// Calls, checks and counts for one service.
#[derive(Debug)]
pub struct ContractHarness {
    service_id: String,
    base_url: String,
    /// The view of the spec Prism serves (0, or the place of the variants it serves): only the
    /// operations of this view are called.
    view: usize,
    configs: BTreeMap<u16, Config>,
    latest_response: Arc<Mutex<Option<ObservedResponse>>>,
    operations_called: BTreeSet<&'static str>,
    statuses_exercised: BTreeMap<u16, usize>,
    failures: Vec<Failure>,
    exclusions: Vec<Exclusion>,
    /// Response violations of Prism's own making (`PRISM_SAFE_INTEGER_MESSAGE`), listed in the
    /// report but no failure: the call decoded what the spec documents.
    prism_limitations: Vec<String>,
}

impl ContractHarness {
    pub fn new(service_id: &str, base_url: &str, view: usize) -> ContractHarness {
        ContractHarness {
            service_id: service_id.to_owned(),
            base_url: base_url.to_owned(),
            view,
            configs: BTreeMap::new(),
            latest_response: Arc::default(),
            operations_called: BTreeSet::new(),
            statuses_exercised: BTreeMap::new(),
            failures: Vec::new(),
            exclusions: Vec::new(),
            prism_limitations: Vec::new(),
        }
    }

    /// The view of the spec Prism serves: the operations that are no variant and the first
    /// variants (0), or the variants at this place.
    pub fn view(&self) -> usize {
        self.view
    }

    /// A client whose requests ask Prism for `status`; `None` (and a failure) when the config
    /// cannot be built.
    pub fn client<C>(
        &mut self,
        operation_id: &'static str,
        status: u16,
        new_client: fn(&Config) -> Result<C, Error>,
    ) -> Option<C> {
        if let Ok(mut latest_response) = self.latest_response.lock() {
            *latest_response = None;
        }
        let client = self
            .config_for_status(status)
            .and_then(|config| new_client(&config));
        match client {
            Ok(client) => Some(client),
            Err(error) => {
                self.failures.push(Failure {
                    operation_id,
                    status: Some(status),
                    problems: vec![format!("no client: {error}")],
                });
                None
            }
        }
    }

    /// Token authentication, every service at the mock server, no retries (a retried 5xx
    /// would ask Prism again for the same answer), and `Prefer: code=<status>`.
    fn config_for_status(&mut self, status: u16) -> Result<Config, Error> {
        if let Some(config) = self.configs.get(&status) {
            return Ok(config.clone());
        }
        let latest_response = Arc::clone(&self.latest_response);
        let config = Config::builder()
            .project_id(PROJECT_ID)
            .token(TOKEN)
            .endpoint(self.service_id.clone(), self.base_url.clone())
            .retry_policy(RetryPolicy::no_retries())
            .default_header("Prefer", format!("code={status}"))
            .response_observer(ResponseObserver::new(move |_, response| {
                let violations = response
                    .headers
                    .get(VIOLATIONS_HEADER)
                    .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
                if let Ok(mut latest_response) = latest_response.lock() {
                    *latest_response = Some(ObservedResponse {
                        status: response.status,
                        violations,
                    });
                }
            }))
            .build()?;
        self.configs.insert(status, config.clone());
        Ok(config)
    }

    /// Checks one call that asked for `status`, whose documented variant is
    /// `documented_variant`.
    pub fn check(
        &mut self,
        operation_id: &'static str,
        status: u16,
        documented_variant: &'static str,
        outcome: CallOutcome,
    ) {
        self.operations_called.insert(operation_id);
        *self.statuses_exercised.entry(status).or_default() += 1;
        let observed = self
            .latest_response
            .lock()
            .ok()
            .and_then(|mut latest_response| latest_response.take());
        let mut problems = Vec::new();
        let mut saw_safe_integer_violation = false;
        if let Some(violations) = observed
            .as_ref()
            .and_then(|observed| observed.violations.as_deref())
        {
            for violation in describe_violations(violations) {
                let prism_limitation = violation.starts_with(RESPONSE_VIOLATION)
                    && violation.ends_with(PRISM_SAFE_INTEGER_MESSAGE);
                if prism_limitation {
                    saw_safe_integer_violation = true;
                    self.prism_limitations
                        .push(format!("{operation_id} {status}: {violation}"));
                } else {
                    problems.push(violation);
                }
            }
        }
        match outcome {
            CallOutcome::Documented(variant, decoded_status)
                if variant == documented_variant && decoded_status == status => {}
            CallOutcome::Documented(variant, decoded_status) => problems.push(format!(
                "decoded as {variant} (status {decoded_status}), not as {documented_variant}"
            )),
            CallOutcome::NotListed(decoded_status) => problems.push(format!(
                "decoded (status {decoded_status}) as a variant this driver was not generated with, not as {documented_variant}; run `cargo xtask codegen`"
            )),
            CallOutcome::Unexpected(raw) => problems.push(format!(
                "undocumented status {} instead of {documented_variant}: {}",
                raw.status,
                describe_body(&raw.body)
            )),
            // Only where Prism itself reported the out-of-range integer in its response: the
            // body is not the spec's example but Prism's rounding of it.
            CallOutcome::Failed(Error::Decode {
                source: DecodeError::Json(json_error),
                ..
            }) if saw_safe_integer_violation
                && json_error.found() == Some(PRISM_ROUNDED_PAST_INT64)
                && json_error.expected() == Some("i64") =>
            {
                self.prism_limitations.push(format!(
                    "{operation_id} {status}: not decoded: {json_error} (Prism rounded the example's int64 past 2^63 - 1; the service crate's example round trip decodes the exact value)"
                ));
            }
            CallOutcome::Failed(Error::Decode {
                status: decoded_status,
                body,
                source,
                ..
            }) => problems.push(format!(
                "the body of status {decoded_status} does not decode into {documented_variant}: {source}; body: {}",
                excerpt(&body)
            )),
            CallOutcome::Failed(error) => problems.push(format!(
                "no response{}: {error}",
                observed
                    .map(|observed| format!(" (status {})", observed.status))
                    .unwrap_or_default()
            )),
        }
        if !problems.is_empty() {
            self.failures.push(Failure {
                operation_id,
                status: Some(status),
                problems,
            });
        }
    }

    /// The request of an operation could not be built from the spec's values.
    pub fn argument_failed(&mut self, operation_id: &'static str, error: ArgumentError) {
        self.failures.push(Failure {
            operation_id,
            status: None,
            problems: vec![format!(
                "the request could not be built: argument {}: {}",
                error.argument, error.message
            )],
        });
    }

    /// A documented status the mock server cannot be asked for, with the reason.
    // Generated only for `default` responses, which few checked-in specs have.
    #[allow(dead_code)]
    pub fn exclude(
        &mut self,
        operation_id: &'static str,
        status: &'static str,
        reason: &'static str,
    ) {
        self.exclusions.push(Exclusion {
            operation_id,
            status,
            reason,
        });
    }

    /// Every operation was called, every documented status exercised or excluded, and no
    /// call failed.
    pub fn passed(&self, operation_count: usize, documented_status_count: usize) -> bool {
        let calls: usize = self.statuses_exercised.values().sum();
        self.failures.is_empty()
            && self.operations_called.len() == operation_count
            && calls + self.exclusions.len() == documented_status_count
    }

    /// The report: operations called, statuses exercised, exclusions and failures, ending in
    /// one `contract-summary` line that `cargo xtask contract-test` reads.
    pub fn report(&self, operation_count: usize, documented_status_count: usize) -> String {
        let calls: usize = self.statuses_exercised.values().sum();
        let by_status = self
            .statuses_exercised
            .iter()
            .map(|(status, count)| format!("{status}: {count}"))
            .collect::<Vec<_>>()
            .join(", ");
        let view = match self.view {
            0 => String::new(),
            place => format!(" (the variants at place {place} of their method and path)"),
        };
        let mut report = format!(
            "contract test of `{}` against {}{view}\n",
            self.service_id, self.base_url
        );
        let _ = writeln!(
            report,
            "  operations called:  {} of {operation_count}",
            self.operations_called.len()
        );
        let _ = writeln!(
            report,
            "  statuses exercised: {calls} of {documented_status_count} documented ({by_status})"
        );
        let _ = writeln!(report, "  exclusions:         {}", self.exclusions.len());
        for exclusion in &self.exclusions {
            let _ = writeln!(
                report,
                "    {} {}: {}",
                exclusion.operation_id, exclusion.status, exclusion.reason
            );
        }
        let _ = writeln!(
            report,
            "  Prism limitations:  {} (int64 values above 2^53 - 1 in the spec's examples, which Prism's JavaScript validator rejects and rounds; the client decoded them, except a value rounded past 2^63 - 1, whose exact example the service crate's round trip decodes)",
            self.prism_limitations.len()
        );
        for limitation in &self.prism_limitations {
            let _ = writeln!(report, "    {limitation}");
        }
        let _ = writeln!(report, "  failures:           {}", self.failures.len());
        for failure in &self.failures {
            let status = failure
                .status
                .map(|status| status.to_string())
                .unwrap_or_else(|| "-".to_owned());
            let _ = writeln!(report, "    FAIL {} {status}:", failure.operation_id);
            for problem in &failure.problems {
                let _ = writeln!(report, "      {problem}");
            }
        }
        let _ = writeln!(
            report,
            "contract-summary service={} operations={}/{operation_count} statuses={calls}/{documented_status_count} failures={} exclusions={}",
            self.service_id,
            self.operations_called.len(),
            self.failures.len(),
            self.exclusions.len()
        );
        report
    }
}

/// Prism's `sl-violations` header (a JSON array of `{location, severity, code, message}`) as
/// one line per violation. Warnings count too: Prism only warns about what the spec forbids
/// in a way it does not enforce, and that is still a broken contract.
fn describe_violations(header: &str) -> Vec<String> {
    let Ok(serde_json::Value::Array(violations)) = serde_json::from_str(header) else {
        return vec![format!(
            "Prism reported violations it did not list as JSON: {header}"
        )];
    };
    violations
        .iter()
        .map(|violation| {
            let location = violation
                .get("location")
                .and_then(serde_json::Value::as_array)
                .map(|parts| {
                    parts
                        .iter()
                        .map(|part| match part {
                            serde_json::Value::String(text) => text.clone(),
                            other => other.to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join(".")
                })
                .unwrap_or_default();
            let text = |key: &str| {
                violation
                    .get(key)
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or_default()
            };
            let verdict = if location.starts_with("request") {
                "Prism rejected the request"
            } else {
                RESPONSE_VIOLATION
            };
            format!(
                "{verdict} ({} {}) at {location}: {}",
                text("severity"),
                text("code"),
                text("message")
            )
        })
        .collect()
}

/// A response body for a failure message: the validation messages of Prism's own problem
/// answers (`application/problem+json`), else the start of the body.
fn describe_body(body: &[u8]) -> String {
    let problem: Option<serde_json::Value> = serde_json::from_slice(body).ok();
    let validation = problem
        .as_ref()
        .and_then(|problem| problem.get("validation"))
        .and_then(serde_json::Value::as_array);
    match (problem.as_ref(), validation) {
        (Some(problem), Some(validation)) => {
            let messages = validation
                .iter()
                .map(|violation| {
                    format!(
                        "{}: {}",
                        violation
                            .get("location")
                            .map(|location| location.to_string())
                            .unwrap_or_default(),
                        violation
                            .get("message")
                            .and_then(serde_json::Value::as_str)
                            .unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            format!(
                "{} ({messages})",
                problem
                    .get("title")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or("Prism's problem answer")
            )
        }
        _ => excerpt(body),
    }
}

/// The start of a body, as text.
fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    if text.chars().count() > BODY_EXCERPT_LENGTH {
        let start: String = text.chars().take(BODY_EXCERPT_LENGTH).collect();
        format!("{start}…")
    } else {
        text.into_owned()
    }
}
