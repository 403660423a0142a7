//! Marker pagination through the generated ELB `list_load_balancers_stream` against a mock
//! server: the items of every page in order, the `marker`/`limit` sent for each page, the end
//! at a page without `page_info.next_marker`, an error status mid-walk and the guard against a
//! service that repeats a marker.
#![cfg(feature = "elb")]

use futures::StreamExt;
use otc_client::elb::types::LoadBalancer;
use otc_client::elb::{self, ListLoadBalancersRequest};
use otc_client::runtime::{Config, Error};
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PROJECT_ID: &str = "060576782980d5762f9ec014dd2f1148";
const LOAD_BALANCERS_PATH: &str = "/v3/060576782980d5762f9ec014dd2f1148/elb/loadbalancers";

fn client_for(server: &MockServer) -> elb::Client {
    let config = Config::builder()
        .project_id(PROJECT_ID)
        .token("test-token")
        .endpoint(elb::SERVICE_ID, server.uri())
        .build()
        .expect("a complete config");
    elb::Client::new(&config).expect("a client")
}

/// A 200 page of load balancers with these ids; `next_marker` is left out when `None`, as
/// the service does on the last page.
fn load_balancers_page(ids: &[&str], next_marker: Option<&str>) -> ResponseTemplate {
    let load_balancers: Vec<serde_json::Value> = ids
        .iter()
        .map(|id| json!({ "id": id, "name": format!("lb-{id}") }))
        .collect();
    let mut page_info = json!({ "current_count": ids.len() });
    if let Some(next_marker) = next_marker {
        page_info["next_marker"] = json!(next_marker);
    }
    ResponseTemplate::new(200).set_body_json(json!({
        "loadbalancers": load_balancers,
        "page_info": page_info,
        "request_id": "8709f187-c879-446c-a198-8f93ede2c178"
    }))
}

/// Mounts one page, answered exactly once, for the request with this marker (`None`: the
/// first request, without marker).
async fn mount_page(server: &MockServer, marker: Option<&str>, response: ResponseTemplate) {
    let mock = Mock::given(method("GET")).and(path(LOAD_BALANCERS_PATH));
    let mock = match marker {
        Some(marker) => mock.and(query_param("marker", marker)),
        None => mock.and(query_param_is_missing("marker")),
    };
    mock.respond_with(response).expect(1).mount(server).await;
}

/// The `marker` and `limit` query parameters of every request the server received, in order.
async fn markers_and_limits_sent(server: &MockServer) -> Vec<(Option<String>, Option<String>)> {
    let requests = server.received_requests().await.expect("recording is on");
    requests
        .iter()
        .map(|request| {
            let value_of = |name: &str| {
                request
                    .url
                    .query_pairs()
                    .find(|(key, _)| key == name)
                    .map(|(_, value)| value.into_owned())
            };
            (value_of("marker"), value_of("limit"))
        })
        .collect()
}

fn ids(load_balancers: &[LoadBalancer]) -> Vec<&str> {
    load_balancers
        .iter()
        .map(|load_balancer| load_balancer.id.as_deref().unwrap_or("?"))
        .collect()
}

fn request_with_limit(limit: i64) -> ListLoadBalancersRequest {
    let mut request = ListLoadBalancersRequest::default();
    request.limit = Some(limit);
    request
}

#[tokio::test]
async fn three_pages_are_walked_by_next_marker_until_a_page_has_none() {
    let server = MockServer::start().await;
    mount_page(&server, None, load_balancers_page(&["a", "b"], Some("b"))).await;
    mount_page(
        &server,
        Some("b"),
        load_balancers_page(&["c", "d"], Some("d")),
    )
    .await;
    mount_page(&server, Some("d"), load_balancers_page(&["e"], None)).await;
    let client = client_for(&server);
    let load_balancers: Vec<LoadBalancer> = client
        .list_load_balancers_stream(&request_with_limit(2))
        .map(|item| item.expect("every page answers 200"))
        .collect()
        .await;
    assert_eq!(ids(&load_balancers), ["a", "b", "c", "d", "e"]);
    let two = Some("2".to_owned());
    assert_eq!(
        markers_and_limits_sent(&server).await,
        [
            (None, two.clone()),
            (Some("b".to_owned()), two.clone()),
            (Some("d".to_owned()), two)
        ]
    );
}

#[tokio::test]
async fn the_walk_starts_at_the_marker_of_the_request() {
    let server = MockServer::start().await;
    mount_page(&server, Some("x"), load_balancers_page(&["y"], Some("y"))).await;
    mount_page(&server, Some("y"), load_balancers_page(&["z"], None)).await;
    let client = client_for(&server);
    let mut request = ListLoadBalancersRequest::default();
    request.marker = Some("x".to_owned());
    let load_balancers: Vec<LoadBalancer> = client
        .list_load_balancers_stream(&request)
        .map(|item| item.expect("every page answers 200"))
        .collect()
        .await;
    assert_eq!(ids(&load_balancers), ["y", "z"]);
}

#[tokio::test]
async fn an_empty_page_ends_the_walk_even_with_a_next_marker() {
    let server = MockServer::start().await;
    mount_page(&server, None, load_balancers_page(&["a"], Some("a"))).await;
    mount_page(&server, Some("a"), load_balancers_page(&[], Some("a2"))).await;
    let client = client_for(&server);
    let load_balancers: Vec<LoadBalancer> = client
        .list_load_balancers_stream(&request_with_limit(1))
        .map(|item| item.expect("every page answers 200"))
        .collect()
        .await;
    assert_eq!(ids(&load_balancers), ["a"]);
}

#[tokio::test]
async fn an_error_status_mid_walk_is_the_last_item_with_the_raw_response() {
    let server = MockServer::start().await;
    mount_page(&server, None, load_balancers_page(&["a", "b"], Some("b"))).await;
    mount_page(
        &server,
        Some("b"),
        ResponseTemplate::new(403)
            .insert_header("X-Request-Id", "req-page-2")
            .set_body_json(json!({ "error_code": "ELB.8902", "error_msg": "Forbidden." })),
    )
    .await;
    let client = client_for(&server);
    let items: Vec<Result<LoadBalancer, Error>> = client
        .list_load_balancers_stream(&request_with_limit(2))
        .collect()
        .await;
    assert_eq!(
        items.len(),
        3,
        "two load balancers, then the error: {items:?}"
    );
    assert!(items[..2].iter().all(Result::is_ok));
    let error = items[2].as_ref().expect_err("the failed page");
    assert_eq!(
        error.to_string(),
        "ListLoadBalancers answered with status 403 (request id req-page-2): ELB.8902: Forbidden."
    );
    match error {
        Error::UnexpectedStatus { response, .. } => {
            assert_eq!(response.status, 403);
            assert_eq!(
                response.body.as_ref(),
                br#"{"error_code":"ELB.8902","error_msg":"Forbidden."}"#
            );
        }
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }
}

#[tokio::test]
async fn a_page_that_does_not_decode_is_a_decode_error_item() {
    let server = MockServer::start().await;
    mount_page(
        &server,
        None,
        ResponseTemplate::new(200).set_body_json(json!({ "loadbalancers": "not a list" })),
    )
    .await;
    let client = client_for(&server);
    let items: Vec<Result<LoadBalancer, Error>> = client
        .list_load_balancers_stream(&request_with_limit(2))
        .collect()
        .await;
    assert_eq!(items.len(), 1);
    assert!(
        matches!(items[0], Err(Error::Decode { status: 200, .. })),
        "{items:?}"
    );
}

#[tokio::test]
async fn a_repeated_marker_stops_the_walk_with_an_error_after_the_page_items() {
    let server = MockServer::start().await;
    mount_page(&server, None, load_balancers_page(&["a", "b"], Some("b"))).await;
    // The service answers the page after `b` with `b` again: following it would loop forever.
    mount_page(
        &server,
        Some("b"),
        load_balancers_page(&["c", "b"], Some("b")),
    )
    .await;
    let client = client_for(&server);
    let items: Vec<Result<LoadBalancer, Error>> = client
        .list_load_balancers_stream(&request_with_limit(2))
        .collect()
        .await;
    let load_balancers: Vec<LoadBalancer> = items
        .iter()
        .filter_map(|item| item.as_ref().ok().cloned())
        .collect();
    assert_eq!(ids(&load_balancers), ["a", "b", "c", "b"]);
    let error = items
        .last()
        .and_then(|item| item.as_ref().err())
        .expect("the loop guard");
    assert_eq!(
        error.to_string(),
        "walking the pages of ListLoadBalancers stopped: after 2 page(s) the service answered with the marker of the current or the previous page again, which would loop forever"
    );
}
