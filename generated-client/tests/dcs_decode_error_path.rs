//! A response of the generated DCS client that does not match its type: `Error::Decode` names
//! the failing field's JSON path, the type it expected and what the body has there, keeps the
//! status, the request id and the raw body, and its message is one line. For the single call
//! and for a page of the item stream.
#![cfg(feature = "dcs")]

use futures::StreamExt;
use otc_client::dcs::{self, ListInstancesRequest};
use otc_client::runtime::{Config, DecodeError, Error};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PROJECT_ID: &str = "a4d31cb6-3d72-4fdc-8ec9-6e3a41e47f71";
const INSTANCES_PATH: &str = "/v2/a4d31cb6-3d72-4fdc-8ec9-6e3a41e47f71/instances";

/// A page of 40 instances, each with a full set of fields, where instance 27 has its capacity
/// as a string: a body of several kilobytes with one wrong field deep inside.
fn body_with_one_wrong_field() -> String {
    let instances: Vec<serde_json::Value> = (0..40)
        .map(|index| {
            json!({
                "name": format!("dcs-{index}"),
                "instance_id": format!("id-{index}"),
                "engine": "Redis",
                "engine_version": "6.0",
                "capacity": if index == 27 { json!("20") } else { json!(8) },
                "max_memory": 6963,
                "used_memory": 12,
                "status": "RUNNING",
                "vpc_id": "27c1f9a4-ff0e-4f21-bd66-42c5d6a1a0b3",
                "enable_ssl": false,
            })
        })
        .collect();
    serde_json::to_string(&json!({ "instance_num": 40, "instances": instances })).expect("a body")
}

async fn server_answering(body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(INSTANCES_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-Request-Id", "req-42")
                .insert_header("Content-Type", "application/json")
                .set_body_string(body),
        )
        .mount(&server)
        .await;
    server
}

fn client_for(server: &MockServer) -> dcs::Client {
    let config = Config::builder()
        .project_id(PROJECT_ID)
        .token("test-token")
        .endpoint(dcs::SERVICE_ID, server.uri())
        .build()
        .expect("a complete config");
    dcs::Client::new(&config).expect("a client")
}

/// Everything the issue asks of the error, checked on one `Error::Decode`.
fn check_decode_error(error: &Error, body: &str) {
    let Error::Decode {
        status,
        request_id,
        body: kept_body,
        source,
    } = error
    else {
        panic!("expected a decode error, got {error:?}");
    };
    assert_eq!(*status, 200);
    assert_eq!(request_id.as_deref(), Some("req-42"));
    assert_eq!(
        &kept_body[..],
        body.as_bytes(),
        "the raw body is kept whole"
    );
    let DecodeError::Json(json_error) = source else {
        panic!("expected a JSON decode error, got {source:?}");
    };
    assert_eq!(json_error.path(), "$.instances[27].capacity");
    assert_eq!(json_error.expected(), Some("i64"));
    assert_eq!(json_error.found(), Some("string \"20\""));
    let column = body.find("\"20\"").expect("the wrong value") + "\"20\"".len();
    assert_eq!((json_error.line(), json_error.column()), (1, column));
    let message = error.to_string();
    assert_eq!(
        message,
        format!(
            "response with status 200 (request id req-42) does not decode: \
             at $.instances[27].capacity: expected i64, found string \"20\" (line 1 column {column})"
        )
    );
    assert!(!message.contains('\n'));
}

#[tokio::test]
async fn a_decode_error_names_the_failing_field_of_a_generated_operation() {
    let body = body_with_one_wrong_field();
    assert!(body.len() > 5_000, "{} bytes", body.len());
    let server = server_answering(&body).await;
    let error = client_for(&server)
        .list_instances(&ListInstancesRequest::default())
        .await
        .expect_err("capacity is a string");
    check_decode_error(&error, &body);
}

#[tokio::test]
async fn a_page_of_an_item_stream_that_does_not_decode_names_the_field_too() {
    let body = body_with_one_wrong_field();
    let server = server_answering(&body).await;
    let client = client_for(&server);
    let items: Vec<_> = client
        .list_instances_stream(&ListInstancesRequest::default())
        .collect()
        .await;
    assert_eq!(items.len(), 1, "the error is the stream's only item");
    let error = items
        .into_iter()
        .next()
        .and_then(Result::err)
        .expect("an error");
    check_decode_error(&error, &body);
}
