//! The runtime against a local mock server: method, path, query, default and request headers,
//! body with content type, the raw response kept whole, and redirects returned, not followed.

use otc_client_runtime::{Body, OperationRequest, ServiceClient};
use wiremock::matchers::{body_string, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn sends_the_request_and_keeps_the_raw_response() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/projects/p1/pets/a%20b"))
        .and(query_param("tag", "x"))
        .and(header("authorization", "Bearer t"))
        .and(header("x-request-id", "r1"))
        .and(header("content-type", "application/json"))
        .and(body_string(r#"{"name":"Rex"}"#))
        .respond_with(ResponseTemplate::new(418).set_body_string("teapot"))
        .expect(1)
        .mount(&server)
        .await;
    let client = ServiceClient::builder(&format!("{}/v1", server.uri()))
        .header("Authorization", "Bearer t")
        .path_parameter("project_id", "p1")
        .build()
        .expect("valid client");
    let path = client
        .expand_path(
            "/projects/{project_id}/pets/{pet_id}",
            &[("pet_id", "a b".to_owned())],
        )
        .expect("expands");
    let raw = client
        .send(OperationRequest {
            operation_id: "addPet",
            method: reqwest::Method::POST,
            path,
            query: vec![("tag", "x".to_owned())],
            headers: vec![("x-request-id", "r1".to_owned())],
            body: Some(Body::json(&serde_json::json!({"name": "Rex"})).expect("encodes")),
        })
        .await
        .expect("sent");
    assert_eq!(raw.status, 418);
    assert_eq!(raw.decode_text().expect("text"), "teapot");
    let error = raw
        .decode_json::<serde_json::Value>()
        .expect_err("not JSON");
    match error {
        otc_client_runtime::Error::Decode { status, body, .. } => {
            assert_eq!(status, 418);
            assert_eq!(body, "teapot");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_redirect_is_the_response_not_followed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/template"))
        .respond_with(
            ResponseTemplate::new(307)
                .insert_header("location", format!("{}/elsewhere", server.uri())),
        )
        .expect(1)
        .mount(&server)
        .await;
    // Following it would send the request (and its token) to wherever the Location points.
    Mock::given(method("GET"))
        .and(path("/elsewhere"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let client = ServiceClient::builder(&server.uri())
        .build()
        .expect("valid client");
    let raw = client
        .send(OperationRequest {
            operation_id: "getTemplate",
            method: reqwest::Method::GET,
            path: "/template".to_owned(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        })
        .await
        .expect("sent");
    assert_eq!(raw.status, 307);
    assert_eq!(
        raw.headers
            .get("location")
            .and_then(|value| value.to_str().ok()),
        Some(format!("{}/elsewhere", server.uri()).as_str())
    );
}
