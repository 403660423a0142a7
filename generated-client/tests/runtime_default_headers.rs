//! Default headers and the response observer, end to end through the generated DCS operation
//! and `ServiceClient::send`: the headers a mock server or gateway needs reach it, an
//! operation's own header wins over a default of the same name, invalid and runtime-owned
//! names are refused, and the observer sees the headers a documented variant drops.
#![cfg(feature = "dcs")]

#[allow(dead_code)]
mod runtime_support;

use std::sync::{Arc, Mutex};

use otc_client::dcs::{self, DeleteBackgroundTaskResponse};
use otc_client::runtime::{
    Config, ConfigBuilder, OperationRequest, ResponseObserver, RetryPolicy, ServiceClient,
};
use runtime_support::{delete_task_request, json_response, TASK_PATH};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer};

fn config_for(base_url: &str) -> ConfigBuilder {
    Config::builder()
        .project_id(runtime_support::PROJECT_ID)
        .token("test-token")
        .endpoint(dcs::SERVICE_ID, base_url)
        .retry_policy(RetryPolicy::no_retries())
}

/// The values of header `name` in the only request the server received.
async fn received_header_values(server: &MockServer, name: &str) -> Vec<String> {
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests.len(), 1, "exactly one request");
    requests[0]
        .headers
        .get_all(name)
        .iter()
        .map(|value| value.to_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn default_headers_are_sent_with_every_request() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(TASK_PATH))
        .and(header("Prefer", "code=404"))
        .respond_with(json_response(404, runtime_support::ERROR_BODY))
        .mount(&server)
        .await;
    let config = config_for(&server.uri())
        .default_header("Prefer", "code=404")
        .default_header("X-Trace", "a")
        .default_header("X-Trace", "b")
        .build()
        .expect("a config");
    let response = dcs::Client::new(&config)
        .expect("a client")
        .delete_background_task(&delete_task_request())
        .await
        .expect("a response");
    assert!(
        matches!(response, DeleteBackgroundTaskResponse::NotFound(_)),
        "{response:?}"
    );
    assert_eq!(received_header_values(&server, "X-Trace").await, ["a", "b"]);
    // Authentication is still the runtime's own.
    assert_eq!(
        received_header_values(&server, "X-Auth-Token").await,
        ["test-token"]
    );
}

#[tokio::test]
async fn an_operation_header_takes_the_place_of_a_default_header() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/things"))
        .respond_with(json_response(200, "{}"))
        .mount(&server)
        .await;
    let config = config_for(&server.uri())
        .default_header("x-language", "en-us")
        .build()
        .expect("a config");
    let client = ServiceClient::from_config(&config, dcs::SERVICE_ID, dcs::SERVER_URL_TEMPLATE)
        .expect("a client");
    client
        .send(OperationRequest {
            operation_id: "ListThings",
            method: reqwest::Method::GET,
            path: "/v1/things".to_owned(),
            query: Vec::new(),
            headers: vec![("X-Language", "de-de".to_owned())],
            body: None,
        })
        .await
        .expect("a response");
    assert_eq!(
        received_header_values(&server, "X-Language").await,
        ["de-de"]
    );
}

#[test]
fn invalid_and_runtime_owned_default_headers_are_refused() {
    let check = |name: &str, value: &str, expected: &str| {
        let error = config_for("http://127.0.0.1:9")
            .default_header(name, value)
            .build()
            .expect_err("refused");
        assert_eq!(error.to_string(), expected);
    };
    check(
        "X-Auth-Token",
        "other-token",
        "invalid client configuration: default header X-Auth-Token is set by the client itself and cannot be a default header",
    );
    check(
        "content-type",
        "text/plain",
        "invalid client configuration: default header content-type is set by the client itself and cannot be a default header",
    );
    check(
        "Bad Name",
        "x",
        "invalid client configuration: default header name \"Bad Name\" is not a valid HTTP header name",
    );
    // The message names the header but never shows its value.
    check(
        "X-Gateway-Key",
        "secret\nvalue",
        "invalid client configuration: the value of default header X-Gateway-Key is not a valid HTTP header value",
    );
}

#[test]
fn debug_output_shows_default_header_names_but_not_values() {
    let config = config_for("http://127.0.0.1:9")
        .default_header("X-Gateway-Key", "gateway-secret")
        .build()
        .expect("a config");
    let debug = format!("{config:?}");
    assert!(debug.contains("X-Gateway-Key: <redacted>"), "{debug}");
    assert!(!debug.contains("gateway-secret"), "{debug}");
}

/// Operation id, status and `sl-violations` header of one observed response.
type ObservedResponse = (String, u16, Option<String>);

#[tokio::test]
async fn the_observer_sees_headers_that_a_documented_variant_drops() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(TASK_PATH))
        .respond_with(
            json_response(200, r#"{"message":"deleted"}"#)
                .insert_header("X-Request-Id", "request-7")
                .insert_header("sl-violations", "[]"),
        )
        .mount(&server)
        .await;
    let observed: Arc<Mutex<Vec<ObservedResponse>>> = Arc::default();
    let observed_by_the_observer = Arc::clone(&observed);
    let config = config_for(&server.uri())
        .response_observer(ResponseObserver::new(move |operation_id, response| {
            if let Ok(mut observed) = observed_by_the_observer.lock() {
                observed.push((
                    operation_id.to_owned(),
                    response.status,
                    response
                        .headers
                        .get("sl-violations")
                        .and_then(|value| value.to_str().ok())
                        .map(str::to_owned),
                ));
            }
        }))
        .build()
        .expect("a config");
    let response = dcs::Client::new(&config)
        .expect("a client")
        .delete_background_task(&delete_task_request())
        .await
        .expect("a response");
    assert!(
        matches!(response, DeleteBackgroundTaskResponse::Ok(_)),
        "{response:?}"
    );
    let observed = observed.lock().expect("not poisoned").clone();
    assert_eq!(
        observed,
        [(
            "DeleteBackgroundTask".to_owned(),
            200,
            Some("[]".to_owned())
        )]
    );
    assert!(format!("{config:?}").contains("response_observer: Some(ResponseObserver)"));
}
