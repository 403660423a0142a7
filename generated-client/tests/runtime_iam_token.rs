//! Password authentication against a mock IAM: the token request's shape, renewal of a token
//! that expires, one IAM request for many concurrent callers, a project given by name, and
//! IAM refusing the password.
#![cfg(feature = "dcs")]

#[allow(dead_code)]
mod runtime_support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use otc_client::dcs::{self, DeleteBackgroundTaskResponse};
use otc_client::runtime::{
    Authentication, Config, Error, PasswordCredentials, ProjectScope, IAM_SERVICE_ID,
};
use runtime_support::{
    delete_task_request, fast_retry_policy, iam_token_response, json_response, rfc3339_from_now,
    PROJECT_ID, TASK_PATH,
};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const USER_PASSWORD: &str = "correct horse battery staple";
const FAR_FUTURE: &str = "2999-01-01T00:00:00.000000Z";

/// Issues `token-1`, `token-2`, … with the given expiry, after an optional delay.
struct CountingIamResponder {
    issued_tokens: Arc<AtomicUsize>,
    expires_at: String,
    project_id: String,
    delay: Duration,
}

impl Respond for CountingIamResponder {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        let token_number = self.issued_tokens.fetch_add(1, Ordering::SeqCst) + 1;
        iam_token_response(
            &format!("token-{token_number}"),
            &self.expires_at,
            &self.project_id,
        )
        .set_delay(self.delay)
    }
}

/// One mock server playing both IAM (`POST /v3/auth/tokens`) and DCS; returns it with the
/// count of tokens issued.
async fn iam_and_dcs_server(
    expires_at: &str,
    iam_delay: Duration,
) -> (MockServer, Arc<AtomicUsize>) {
    let server = MockServer::start().await;
    let issued_tokens = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .and(query_param("nocatalog", "true"))
        .respond_with(CountingIamResponder {
            issued_tokens: Arc::clone(&issued_tokens),
            expires_at: expires_at.to_owned(),
            project_id: PROJECT_ID.to_owned(),
            delay: iam_delay,
        })
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(TASK_PATH))
        .and(header("X-Project-Id", PROJECT_ID))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    (server, issued_tokens)
}

fn password_client(server: &MockServer) -> dcs::Client {
    let config = Config::builder()
        .project_id(PROJECT_ID)
        .password("api-user", USER_PASSWORD, "OTC-EU-DE-000000000010000")
        .endpoint(IAM_SERVICE_ID, server.uri())
        .endpoint(dcs::SERVICE_ID, server.uri())
        .retry_policy(fast_retry_policy(3))
        .build()
        .expect("a complete config");
    dcs::Client::new(&config).expect("a client")
}

/// The `X-Auth-Token` of every DCS request the server received, in order.
async fn tokens_sent_to_dcs(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|request| request.method.as_str() == "DELETE")
        .map(|request| {
            request
                .headers
                .get("X-Auth-Token")
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn the_token_request_has_the_documented_shape() {
    let (server, issued_tokens) = iam_and_dcs_server(FAR_FUTURE, Duration::ZERO).await;
    let response = password_client(&server)
        .delete_background_task(&delete_task_request())
        .await
        .expect("a response");
    assert_eq!(response, DeleteBackgroundTaskResponse::NoContent);
    assert_eq!(issued_tokens.load(Ordering::SeqCst), 1);
    let requests = server.received_requests().await.unwrap_or_default();
    let token_request = requests
        .iter()
        .find(|request| request.method.as_str() == "POST")
        .expect("a token request");
    let body: serde_json::Value =
        serde_json::from_slice(&token_request.body).expect("a JSON token request");
    assert_eq!(
        body,
        serde_json::json!({
            "auth": {
                "identity": {
                    "methods": ["password"],
                    "password": {
                        "user": {
                            "name": "api-user",
                            "password": USER_PASSWORD,
                            "domain": { "name": "OTC-EU-DE-000000000010000" }
                        }
                    }
                },
                "scope": { "project": { "id": PROJECT_ID } }
            }
        })
    );
    assert_eq!(tokens_sent_to_dcs(&server).await, ["token-1"]);
}

#[tokio::test]
async fn a_valid_token_is_reused_across_calls() {
    let (server, issued_tokens) = iam_and_dcs_server(FAR_FUTURE, Duration::ZERO).await;
    let client = password_client(&server);
    for _ in 0..3 {
        client
            .delete_background_task(&delete_task_request())
            .await
            .expect("a response");
    }
    assert_eq!(issued_tokens.load(Ordering::SeqCst), 1);
    assert_eq!(
        tokens_sent_to_dcs(&server).await,
        ["token-1", "token-1", "token-1"]
    );
}

#[tokio::test]
async fn a_token_within_the_renewal_margin_is_renewed_before_the_next_call() {
    // IAM hands out tokens with one minute left: inside the five-minute renewal margin.
    let (server, issued_tokens) = iam_and_dcs_server(&rfc3339_from_now(60), Duration::ZERO).await;
    let client = password_client(&server);
    for _ in 0..2 {
        client
            .delete_background_task(&delete_task_request())
            .await
            .expect("a response");
    }
    assert_eq!(issued_tokens.load(Ordering::SeqCst), 2);
    assert_eq!(tokens_sent_to_dcs(&server).await, ["token-1", "token-2"]);
}

#[tokio::test]
async fn an_expired_token_is_renewed() {
    let (server, issued_tokens) =
        iam_and_dcs_server("2000-01-01T00:00:00.000000Z", Duration::ZERO).await;
    let client = password_client(&server);
    for _ in 0..2 {
        client
            .delete_background_task(&delete_task_request())
            .await
            .expect("a response");
    }
    assert_eq!(issued_tokens.load(Ordering::SeqCst), 2);
    assert_eq!(tokens_sent_to_dcs(&server).await, ["token-1", "token-2"]);
}

#[tokio::test]
async fn concurrent_callers_share_one_token_request() {
    // IAM answers slowly, so every caller is waiting for a token while the first request is
    // in flight: without single-flight each would ask IAM itself.
    let (server, issued_tokens) = iam_and_dcs_server(FAR_FUTURE, Duration::from_millis(300)).await;
    let client = password_client(&server);
    let request = delete_task_request();
    let results = tokio::join!(
        client.delete_background_task(&request),
        client.delete_background_task(&request),
        client.delete_background_task(&request),
        client.delete_background_task(&request),
        client.delete_background_task(&request),
    );
    for result in [results.0, results.1, results.2, results.3, results.4] {
        assert_eq!(
            result.expect("a response"),
            DeleteBackgroundTaskResponse::NoContent
        );
    }
    assert_eq!(issued_tokens.load(Ordering::SeqCst), 1);
    assert_eq!(tokens_sent_to_dcs(&server).await, ["token-1"; 5]);
}

#[tokio::test]
async fn clients_of_one_config_share_the_token() {
    let (server, issued_tokens) = iam_and_dcs_server(FAR_FUTURE, Duration::ZERO).await;
    let config = Config::builder()
        .project_id(PROJECT_ID)
        .password("api-user", USER_PASSWORD, "domain")
        .endpoint(IAM_SERVICE_ID, server.uri())
        .endpoint(dcs::SERVICE_ID, server.uri())
        .build()
        .expect("a config");
    let first = dcs::Client::new(&config).expect("a client");
    let second = dcs::Client::new(&config.clone()).expect("a client");
    for client in [&first, &second] {
        client
            .delete_background_task(&delete_task_request())
            .await
            .expect("a response");
    }
    assert_eq!(issued_tokens.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_project_given_by_name_takes_its_id_from_the_token() {
    let (server, issued_tokens) = iam_and_dcs_server(FAR_FUTURE, Duration::ZERO).await;
    let credentials = PasswordCredentials::new("api-user", USER_PASSWORD, "domain")
        .with_project_scope(ProjectScope::Name {
            name: "eu-de_project".to_owned(),
            domain_name: "domain".to_owned(),
        })
        .with_auth_url(format!("{}/v3", server.uri()));
    let config = Config::builder()
        .authentication(Authentication::Password(credentials))
        .endpoint(dcs::SERVICE_ID, server.uri())
        .build()
        .expect("a config without a project id");
    assert_eq!(config.project_id(), None);
    // The DCS mock only answers the path and X-Project-Id of the project IAM reports.
    let response = dcs::Client::new(&config)
        .expect("a client")
        .delete_background_task(&delete_task_request())
        .await
        .expect("a response");
    assert_eq!(response, DeleteBackgroundTaskResponse::NoContent);
    assert_eq!(issued_tokens.load(Ordering::SeqCst), 1);
    let requests = server.received_requests().await.unwrap_or_default();
    let token_request_body: serde_json::Value = requests
        .iter()
        .find(|request| request.method.as_str() == "POST")
        .and_then(|request| serde_json::from_slice(&request.body).ok())
        .expect("a token request");
    assert_eq!(
        token_request_body["auth"]["scope"],
        serde_json::json!({ "project": { "name": "eu-de_project", "domain": { "name": "domain" } } })
    );
}

#[tokio::test]
async fn a_refused_password_is_an_authentication_error_without_the_password() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .respond_with(
            json_response(
                401,
                r#"{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}"#,
            )
            .insert_header("X-Request-Id", "iam-req-401"),
        )
        .mount(&server)
        .await;
    let error = password_client(&server)
        .delete_background_task(&delete_task_request())
        .await
        .expect_err("IAM refuses");
    match &error {
        Error::Authentication {
            status, request_id, ..
        } => {
            assert_eq!(*status, Some(401));
            assert_eq!(request_id.as_deref(), Some("iam-req-401"));
        }
        other => panic!("expected an authentication error, got {other:?}"),
    }
    let message = error.to_string();
    assert_eq!(
        message,
        "iam authentication failed with status 401 (request id iam-req-401): \
         401: The username or password is wrong."
    );
    assert!(!format!("{error:?}").contains(USER_PASSWORD));
    // No DCS request was sent without a token.
    let requests = server.received_requests().await.unwrap_or_default();
    assert!(requests
        .iter()
        .all(|request| request.method.as_str() == "POST"));
}

#[tokio::test]
async fn an_iam_answer_without_a_token_header_is_an_authentication_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({
            "token": { "expires_at": FAR_FUTURE }
        })))
        .mount(&server)
        .await;
    let error = password_client(&server)
        .delete_background_task(&delete_task_request())
        .await
        .expect_err("no token");
    assert!(
        matches!(&error, Error::Authentication { status: Some(201), message, .. } if message.contains("x-subject-token")),
        "{error:?}"
    );
}

#[tokio::test]
async fn password_settings_from_the_environment_reach_iam() {
    let (server, issued_tokens) = iam_and_dcs_server(FAR_FUTURE, Duration::ZERO).await;
    let auth_url = format!("{}/v3", server.uri());
    let environment = [
        ("OS_AUTH_URL", auth_url.as_str()),
        ("OS_USERNAME", "api-user"),
        ("OS_PASSWORD", USER_PASSWORD),
        ("OS_USER_DOMAIN_NAME", "OTC-EU-DE-000000000010000"),
        ("OS_PROJECT_ID", PROJECT_ID),
        ("OS_REGION_NAME", "eu-de"),
    ];
    let lookup = |name: &str| {
        environment
            .iter()
            .find(|(variable, _)| *variable == name)
            .map(|(_, value)| (*value).to_owned())
    };
    let config = otc_client::runtime::openstack_config::config_builder_from_env_lookup(lookup)
        .expect("complete settings")
        .endpoint(dcs::SERVICE_ID, server.uri())
        .build()
        .expect("a config");
    let response = dcs::Client::new(&config)
        .expect("a client")
        .delete_background_task(&delete_task_request())
        .await
        .expect("a response");
    assert_eq!(response, DeleteBackgroundTaskResponse::NoContent);
    assert_eq!(issued_tokens.load(Ordering::SeqCst), 1);
}

/// DCS accepts only `token-2`: the first token issued was revoked.
async fn server_revoking_the_first_token() -> (MockServer, Arc<AtomicUsize>) {
    let server = MockServer::start().await;
    let issued_tokens = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .respond_with(CountingIamResponder {
            issued_tokens: Arc::clone(&issued_tokens),
            expires_at: FAR_FUTURE.to_owned(),
            project_id: PROJECT_ID.to_owned(),
            delay: Duration::ZERO,
        })
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(TASK_PATH))
        .and(header("X-Auth-Token", "token-2"))
        .respond_with(ResponseTemplate::new(204))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(TASK_PATH))
        .respond_with(json_response(401, runtime_support::ERROR_BODY))
        .with_priority(10)
        .mount(&server)
        .await;
    (server, issued_tokens)
}

#[tokio::test]
async fn a_revoked_token_is_renewed_once_after_a_401() {
    let (server, issued_tokens) = server_revoking_the_first_token().await;
    let client = password_client(&server);
    let response = client
        .delete_background_task(&delete_task_request())
        .await
        .expect("a response");
    assert_eq!(response, DeleteBackgroundTaskResponse::NoContent);
    assert_eq!(issued_tokens.load(Ordering::SeqCst), 2);
    assert_eq!(tokens_sent_to_dcs(&server).await, ["token-1", "token-2"]);
    // The renewed token is cached for the next call.
    client
        .delete_background_task(&delete_task_request())
        .await
        .expect("a response");
    assert_eq!(issued_tokens.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_401_that_persists_is_returned_after_one_renewal() {
    let server = MockServer::start().await;
    let issued_tokens = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .respond_with(CountingIamResponder {
            issued_tokens: Arc::clone(&issued_tokens),
            expires_at: FAR_FUTURE.to_owned(),
            project_id: PROJECT_ID.to_owned(),
            delay: Duration::ZERO,
        })
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(TASK_PATH))
        .respond_with(json_response(401, runtime_support::ERROR_BODY))
        .mount(&server)
        .await;
    let response = password_client(&server)
        .delete_background_task(&delete_task_request())
        .await
        .expect("a response");
    assert!(
        matches!(response, DeleteBackgroundTaskResponse::Unauthorized(_)),
        "{response:?}"
    );
    assert_eq!(issued_tokens.load(Ordering::SeqCst), 2);
    assert_eq!(tokens_sent_to_dcs(&server).await, ["token-1", "token-2"]);
}
