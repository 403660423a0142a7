//! Transport faults and retries, end to end through the generated DCS operation (and
//! `ServiceClient::send` for methods DCS does not have): refused and reset connections, slow
//! responses, retryable statuses, `Retry-After`, and POST not being retried.
#![cfg(feature = "dcs")]

#[allow(dead_code)]
mod runtime_support;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use otc_client::dcs::{self, DeleteBackgroundTaskResponse};
use otc_client::runtime::{Config, ConfigBuilder, Error, OperationRequest, ServiceClient};
use runtime_support::{
    delete_task_request, fast_retry_policy, json_response, start_raw_server, TASK_PATH,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn config_for(base_url: &str, max_attempts: u32) -> ConfigBuilder {
    Config::builder()
        .project_id(runtime_support::PROJECT_ID)
        .token("test-token")
        .endpoint(dcs::SERVICE_ID, base_url)
        .retry_policy(fast_retry_policy(max_attempts))
}

fn dcs_client(config: ConfigBuilder) -> dcs::Client {
    let config = config.build().expect("a complete config");
    dcs::Client::new(&config).expect("a client")
}

async fn received_count(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .map(|requests| requests.len())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_refused_connection_is_a_connect_error() {
    // Bind a port and close it again: nothing listens there any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let client = dcs_client(config_for(&format!("http://127.0.0.1:{port}"), 3));
    let error = client
        .delete_background_task(&delete_task_request())
        .await
        .expect_err("nothing listens");
    assert!(
        error.is_connect(),
        "expected a connect error, got {error:?}"
    );
    assert!(matches!(error, Error::Transport(_)));
}

/// Headers promising 100 bytes, then 11 bytes of body, then the connection closes.
const TRUNCATED_RESPONSE: &[u8] =
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"message\":";

#[tokio::test]
async fn a_connection_reset_mid_body_is_retried_for_delete_then_reported() {
    let (base_url, accepted_connections) = start_raw_server(TRUNCATED_RESPONSE, 5)
        .await
        .expect("a raw server");
    let client = dcs_client(config_for(&base_url, 2));
    let error = client
        .delete_background_task(&delete_task_request())
        .await
        .expect_err("the body never completes");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(!error.is_timeout() && !error.is_connect(), "{error:?}");
    // DELETE is idempotent: the broken attempt was repeated once, as the policy allows.
    assert_eq!(accepted_connections.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_connection_reset_mid_body_is_not_retried_for_post() {
    let (base_url, accepted_connections) = start_raw_server(TRUNCATED_RESPONSE, 5)
        .await
        .expect("a raw server");
    let config = config_for(&base_url, 3).build().expect("a config");
    let client = ServiceClient::from_config(&config, dcs::SERVICE_ID, dcs::SERVER_URL_TEMPLATE)
        .expect("a client");
    let error = client
        .send(OperationRequest {
            operation_id: "CreateSomething",
            method: reqwest::Method::POST,
            path: "/v2/things".to_owned(),
            query: Vec::new(),
            headers: Vec::new(),
            body: Some(otc_client::runtime::Body::bytes(
                "application/json",
                &b"{}"[..],
            )),
        })
        .await
        .expect_err("the body never completes");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert_eq!(accepted_connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_response_slower_than_the_timeout_fails_as_a_timeout_without_retry() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(TASK_PATH))
        .respond_with(ResponseTemplate::new(204).set_delay(Duration::from_secs(2)))
        .mount(&server)
        .await;
    let client = dcs_client(config_for(&server.uri(), 3).timeout(Duration::from_millis(200)));
    let error = client
        .delete_background_task(&delete_task_request())
        .await
        .expect_err("the server is too slow");
    assert!(error.is_timeout(), "expected a timeout, got {error:?}");
    // The timeout is the caller's limit for an attempt: it is not multiplied by retries.
    assert_eq!(received_count(&server).await, 1);
}

#[tokio::test]
async fn status_503_then_200_succeeds_after_one_retry() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(TASK_PATH))
        .respond_with(json_response(
            503,
            r#"{"code":"APIGW.0101","message":"busy"}"#,
        ))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(TASK_PATH))
        .respond_with(json_response(200, r#"{"message":"done"}"#))
        .mount(&server)
        .await;
    let response = dcs_client(config_for(&server.uri(), 3))
        .delete_background_task(&delete_task_request())
        .await
        .expect("a response");
    match response {
        DeleteBackgroundTaskResponse::Ok(body) => assert_eq!(body.message.as_deref(), Some("done")),
        other => panic!("expected Ok, got {other:?}"),
    }
    assert_eq!(received_count(&server).await, 2);
}

#[tokio::test]
async fn a_persisting_503_is_returned_as_the_response_after_the_last_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(TASK_PATH))
        .respond_with(
            json_response(503, r#"{"code":"APIGW.0101","message":"busy"}"#)
                .insert_header("X-Request-Id", "req-503"),
        )
        .mount(&server)
        .await;
    let response = dcs_client(config_for(&server.uri(), 3))
        .delete_background_task(&delete_task_request())
        .await
        .expect("a response, not an error");
    match response {
        DeleteBackgroundTaskResponse::Unexpected(raw) => {
            assert_eq!(raw.status, 503);
            assert_eq!(raw.request_id(), Some("req-503"));
            let cloud_error = raw.cloud_error().expect("an error body");
            assert_eq!(cloud_error.code.as_deref(), Some("APIGW.0101"));
            assert_eq!(cloud_error.message.as_deref(), Some("busy"));
        }
        other => panic!("expected Unexpected(503), got {other:?}"),
    }
    assert_eq!(received_count(&server).await, 3);
}

#[tokio::test]
async fn status_429_with_retry_after_is_retried_after_the_requested_wait() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(TASK_PATH))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(TASK_PATH))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = dcs_client(config_for(&server.uri(), 3));
    let started = Instant::now();
    let response = client
        .delete_background_task(&delete_task_request())
        .await
        .expect("a response");
    let waited = started.elapsed();
    assert_eq!(response, DeleteBackgroundTaskResponse::NoContent);
    assert_eq!(received_count(&server).await, 2);
    // A lower bound only: the backoff of this policy is 2 ms, so the wait is Retry-After's.
    assert!(
        waited >= Duration::from_millis(900),
        "waited only {waited:?}"
    );
}

fn post_request() -> OperationRequest {
    OperationRequest {
        operation_id: "CreateSomething",
        method: reqwest::Method::POST,
        path: "/v2/things".to_owned(),
        query: Vec::new(),
        headers: Vec::new(),
        body: Some(otc_client::runtime::Body::bytes(
            "application/json",
            &br#"{"name":"thing"}"#[..],
        )),
    }
}

async fn server_answering_post_with_503_then_201() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/things"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/things"))
        .respond_with(ResponseTemplate::new(201))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn post_with_503_is_not_retried() {
    let server = server_answering_post_with_503_then_201().await;
    let config = config_for(&server.uri(), 3).build().expect("a config");
    let client = ServiceClient::from_config(&config, dcs::SERVICE_ID, dcs::SERVER_URL_TEMPLATE)
        .expect("a client");
    let response = client.send(post_request()).await.expect("a response");
    assert_eq!(response.status, 503);
    assert_eq!(received_count(&server).await, 1);
}

#[tokio::test]
async fn post_with_503_is_retried_when_the_caller_opts_in() {
    let server = server_answering_post_with_503_then_201().await;
    let mut policy = fast_retry_policy(3);
    policy.retry_non_idempotent = true;
    let config = config_for(&server.uri(), 3)
        .retry_policy(policy)
        .build()
        .expect("a config");
    let client = ServiceClient::from_config(&config, dcs::SERVICE_ID, dcs::SERVER_URL_TEMPLATE)
        .expect("a client");
    let response = client.send(post_request()).await.expect("a response");
    assert_eq!(response.status, 201);
    assert_eq!(received_count(&server).await, 2);
}

#[tokio::test]
async fn a_decode_error_names_the_status_and_request_id() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(TASK_PATH))
        .respond_with(json_response(404, "{not json").insert_header("X-Request-Id", "req-404"))
        .mount(&server)
        .await;
    let error = dcs_client(config_for(&server.uri(), 3))
        .delete_background_task(&delete_task_request())
        .await
        .expect_err("a decode error");
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.request_id(), Some("req-404"));
    assert!(
        error
            .to_string()
            .starts_with("response with status 404 (request id req-404) does not decode"),
        "{error}"
    );
}
