//! No credential ever shows: not in `Debug` of configs, builders, clients and credentials, not
//! in error messages, and not in anything the client writes to tracing (captured at TRACE
//! level, spans and events, while a request with a password, a retry and a signature runs).
#![cfg(feature = "dcs")]

#[allow(dead_code)]
mod runtime_support;

use std::time::Duration;

use otc_client::dcs::{self, DeleteBackgroundTaskResponse};
use otc_client::runtime::{
    Authentication, Config, Credentials, PasswordCredentials, ProjectScope, IAM_SERVICE_ID,
};
use runtime_support::{
    assert_contains_no_secret, delete_task_request, fast_retry_policy, iam_token_response,
    CapturedTracing, PROJECT_ID, TASK_PATH,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const USER_PASSWORD: &str = "Pa55word-never-to-be-seen";
const ISSUED_TOKEN: &str = "MIIissued-token-never-to-be-seen";
const STATIC_TOKEN: &str = "MIIstatic-token-never-to-be-seen";
const SECRET_KEY: &str = "secret-key-never-to-be-seen";
const SECURITY_TOKEN: &str = "security-token-never-to-be-seen";

const SECRETS: &[&str] = &[
    USER_PASSWORD,
    ISSUED_TOKEN,
    STATIC_TOKEN,
    SECRET_KEY,
    SECURITY_TOKEN,
];

fn password_authentication() -> Authentication {
    Authentication::Password(
        PasswordCredentials::new("api-user", USER_PASSWORD, "domain").with_project_scope(
            ProjectScope::Name {
                name: "eu-de_project".to_owned(),
                domain_name: "domain".to_owned(),
            },
        ),
    )
}

fn temporary_credentials() -> Credentials {
    Credentials::new("PUBLICACCESSKEY", SECRET_KEY).with_security_token(SECURITY_TOKEN)
}

#[test]
fn debug_of_configs_builders_clients_and_credentials_shows_no_secret() {
    let authentications = [
        password_authentication(),
        Authentication::AccessKey(temporary_credentials()),
        Authentication::Token(STATIC_TOKEN.to_owned()),
    ];
    for authentication in authentications {
        let builder = Config::builder()
            .project_id(PROJECT_ID)
            .authentication(authentication.clone());
        let config = builder.clone().build().expect("a config");
        let client = dcs::Client::new(&config).expect("a client");
        let service_client = otc_client::runtime::ServiceClient::from_config(
            &config,
            dcs::SERVICE_ID,
            dcs::SERVER_URL_TEMPLATE,
        )
        .expect("a client");
        for (what, debug) in [
            ("authentication", format!("{authentication:?}")),
            ("builder", format!("{builder:?}")),
            ("config", format!("{config:?}")),
            ("config (pretty)", format!("{config:#?}")),
            ("dcs client", format!("{client:?}")),
            ("service client", format!("{service_client:?}")),
        ] {
            assert_contains_no_secret(&debug, SECRETS, what);
            assert!(
                debug.contains("<redacted>"),
                "{what} shows no redaction: {debug}"
            );
        }
    }
    let password_credentials = PasswordCredentials::new("api-user", USER_PASSWORD, "domain");
    let debug = format!("{password_credentials:?}");
    assert_contains_no_secret(&debug, SECRETS, "password credentials");
    assert!(debug.contains("api-user"), "{debug}");
}

#[tokio::test]
async fn tracing_of_a_password_request_with_a_retry_shows_no_secret() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .respond_with(iam_token_response(
            ISSUED_TOKEN,
            "2999-01-01T00:00:00.000000Z",
            PROJECT_ID,
        ))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(TASK_PATH))
        .respond_with(ResponseTemplate::new(503).insert_header("X-Request-Id", "req-first"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(TASK_PATH))
        .respond_with(ResponseTemplate::new(204).insert_header("X-Request-Id", "req-second"))
        .mount(&server)
        .await;
    let config = Config::builder()
        .authentication(password_authentication())
        .endpoint(IAM_SERVICE_ID, server.uri())
        .endpoint(dcs::SERVICE_ID, server.uri())
        .retry_policy(fast_retry_policy(3))
        .build()
        .expect("a config");
    let captured = CapturedTracing::default();
    let response = {
        let _guard = captured.install();
        dcs::Client::new(&config)
            .expect("a client")
            .delete_background_task(&delete_task_request())
            .await
            .expect("a response")
    };
    assert_eq!(response, DeleteBackgroundTaskResponse::NoContent);
    let output = captured.text();
    assert_contains_no_secret(&output, SECRETS, "tracing output");
    // The output is not empty by accident: the span and its fields are there.
    for expected in [
        "otc_request",
        "operation=\"DeleteBackgroundTask\"",
        "method=DELETE",
        "otc_iam_token",
        "attempt=2",
        "status=503",
        "request_id=\"req-second\"",
        "retrying",
    ] {
        assert!(output.contains(expected), "no {expected:?} in:\n{output}");
    }
}

#[tokio::test]
async fn tracing_of_a_signed_request_shows_neither_keys_nor_the_signature() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(TASK_PATH))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let config = Config::builder()
        .project_id(PROJECT_ID)
        .access_key(temporary_credentials())
        .endpoint(dcs::SERVICE_ID, server.uri())
        .build()
        .expect("a config");
    let captured = CapturedTracing::default();
    {
        let _guard = captured.install();
        dcs::Client::new(&config)
            .expect("a client")
            .delete_background_task(&delete_task_request())
            .await
            .expect("a response");
    }
    let output = captured.text();
    assert_contains_no_secret(&output, SECRETS, "tracing output");
    let authorization = server
        .received_requests()
        .await
        .unwrap_or_default()
        .first()
        .and_then(|request| request.headers.get("Authorization").cloned())
        .and_then(|value| value.to_str().ok().map(str::to_owned))
        .expect("a signed request");
    assert!(!output.contains(&authorization), "{output}");
    assert!(!output.contains("SDK-HMAC-SHA256"), "{output}");
    assert!(
        output.contains("operation=\"DeleteBackgroundTask\""),
        "{output}"
    );
}

#[tokio::test]
async fn tracing_of_a_token_request_and_a_transport_error_shows_no_token() {
    // A port that was bound and closed: the request fails after its retries.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let config = Config::builder()
        .project_id(PROJECT_ID)
        .token(STATIC_TOKEN)
        .endpoint(dcs::SERVICE_ID, format!("http://127.0.0.1:{port}"))
        .retry_policy(fast_retry_policy(2))
        .connect_timeout(Duration::from_secs(5))
        .build()
        .expect("a config");
    let captured = CapturedTracing::default();
    let error = {
        let _guard = captured.install();
        dcs::Client::new(&config)
            .expect("a client")
            .delete_background_task(&delete_task_request())
            .await
            .expect_err("nothing listens")
    };
    let output = captured.text();
    assert_contains_no_secret(&output, SECRETS, "tracing output");
    assert_contains_no_secret(&error.to_string(), SECRETS, "error message");
    assert_contains_no_secret(&format!("{error:?}"), SECRETS, "error debug");
    // Both attempts are visible.
    assert!(
        output.contains("attempt=1") && output.contains("attempt=2"),
        "{output}"
    );
}
