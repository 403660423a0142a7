//! A representative slice of the ELB v3 client against a mock server: a list with array query
//! parameters and pagination fields, a create with a nested body, an update, and a delete
//! without a response body.
#![cfg(feature = "elb")]

use otc_client::elb::types::{
    CreateLoadBalancerBandwidthOption, CreateLoadBalancerBandwidthOptionShareType,
    CreateLoadBalancerOption, CreateLoadBalancerPublicIpOption, Tag,
};
use otc_client::elb::{
    self, CreateLoadBalancerRequest, CreateLoadBalancerResponse, DeleteLoadBalancerRequest,
    DeleteLoadBalancerResponse, ListLoadBalancersRequest, ListLoadBalancersResponse,
    UpdateLoadBalancerRequest, UpdateLoadBalancerResponse,
};
use otc_client::runtime::Config;
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PROJECT_ID: &str = "060576782980d5762f9ec014dd2f1148";
const LOAD_BALANCER_ID: &str = "2f2d1d5b-4a6b-4a4f-8f5c-3f3fbd2a4e87";

async fn client_for(server: &MockServer) -> elb::Client {
    let config = Config::builder()
        .project_id(PROJECT_ID)
        .token("test-token")
        .endpoint(elb::SERVICE_ID, server.uri())
        .build()
        .expect("a complete config");
    elb::Client::new(&config).expect("a client")
}

#[tokio::test]
async fn list_sends_array_query_parameters_as_repeated_keys_and_decodes_page_info() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v3/{PROJECT_ID}/elb/loadbalancers")))
        .and(header("X-Auth-Token", "test-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "loadbalancers": [{"id": "a", "name": "lb-a", "tags": [{"key": "k", "value": "v"}]}],
            "page_info": {"next_marker": "a", "previous_marker": "a", "current_count": 1},
            "request_id": "8709f187-c879-446c-a198-8f93ede2c178"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let mut request = ListLoadBalancersRequest::default();
    request.limit = Some(1);
    request.marker = Some("start".to_owned());
    request.id = vec!["a".to_owned(), "b c".to_owned()];
    let response = client_for(&server)
        .await
        .list_load_balancers(&request)
        .await
        .expect("a response");
    let received = server.received_requests().await.expect("recording is on");
    assert_eq!(
        received[0].url.query(),
        Some("marker=start&limit=1&id=a&id=b+c")
    );
    let ListLoadBalancersResponse::Ok(body) = response else {
        panic!("expected Ok, got {response:?}");
    };
    let page_info = body.page_info.expect("page_info");
    assert_eq!(page_info.next_marker.as_deref(), Some("a"));
    assert_eq!(page_info.current_count, Some(1));
    let load_balancers = body.loadbalancers.expect("loadbalancers");
    assert_eq!(load_balancers[0].name.as_deref(), Some("lb-a"));
    assert_eq!(
        load_balancers[0].tags.as_ref().expect("tags")[0]
            .key
            .as_deref(),
        Some("k")
    );
}

#[tokio::test]
async fn create_sends_the_nested_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/v3/{PROJECT_ID}/elb/loadbalancers")))
        .and(header("Content-Type", "application/json"))
        .and(body_json(json!({
            "loadbalancer": {
                "name": "elb-ipv4-public",
                "vpc_id": "e5a892ff-3c33-44ef-ada5-b713eb1f7a8b",
                "availability_zone_list": ["eu-de-01"],
                "tags": [{"key": "team", "value": "ops"}],
                "publicip": {
                    "network_type": "5_bgp",
                    "bandwidth": {"name": "elb_eip_traffic", "size": 2, "charge_mode": "traffic", "share_type": "PER"}
                },
                "elb_virsubnet_ids": ["1fe8c0a8-d648-4294-8ea5-4d7f0c700e69"]
            }
        })))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "loadbalancer": {"id": LOAD_BALANCER_ID, "name": "elb-ipv4-public"},
            "request_id": "86bb342be098113734389bffcf593607"
        })))
        .expect(1)
        .mount(&server)
        .await;
    // Generated structs are #[non_exhaustive]: each is built from its default.
    let mut bandwidth = CreateLoadBalancerBandwidthOption::default();
    bandwidth.name = Some("elb_eip_traffic".to_owned());
    bandwidth.size = Some(2);
    bandwidth.charge_mode = Some("traffic".to_owned());
    bandwidth.share_type = Some(CreateLoadBalancerBandwidthOptionShareType::Per);
    let mut public_ip = CreateLoadBalancerPublicIpOption::default();
    public_ip.network_type = "5_bgp".to_owned();
    public_ip.bandwidth = bandwidth;
    let mut tag = Tag::default();
    tag.key = Some("team".to_owned());
    tag.value = Some("ops".to_owned());
    let mut load_balancer = CreateLoadBalancerOption::default();
    load_balancer.name = Some("elb-ipv4-public".to_owned());
    load_balancer.vpc_id = Some("e5a892ff-3c33-44ef-ada5-b713eb1f7a8b".to_owned());
    load_balancer.availability_zone_list = vec!["eu-de-01".to_owned()];
    load_balancer.tags = Some(vec![tag]);
    load_balancer.publicip = Some(public_ip);
    load_balancer.elb_virsubnet_ids = Some(vec!["1fe8c0a8-d648-4294-8ea5-4d7f0c700e69".to_owned()]);
    let mut request = CreateLoadBalancerRequest::default();
    request.body.loadbalancer = load_balancer;
    let response = client_for(&server)
        .await
        .create_load_balancer(&request)
        .await
        .expect("a response");
    let CreateLoadBalancerResponse::Created(body) = response else {
        panic!("expected Created, got {response:?}");
    };
    assert_eq!(
        body.loadbalancer.expect("loadbalancer").id.as_deref(),
        Some(LOAD_BALANCER_ID)
    );
}

#[tokio::test]
async fn update_sends_only_the_fields_set() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(format!(
            "/v3/{PROJECT_ID}/elb/loadbalancers/{LOAD_BALANCER_ID}"
        )))
        .and(body_json(json!({"loadbalancer": {"name": "renamed"}})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "loadbalancer": {"id": LOAD_BALANCER_ID, "name": "renamed"},
            "request_id": "r"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let mut request = UpdateLoadBalancerRequest::default();
    request.loadbalancer_id = LOAD_BALANCER_ID.to_owned();
    request.body.loadbalancer.name = Some("renamed".to_owned());
    let response = client_for(&server)
        .await
        .update_load_balancer(&request)
        .await
        .expect("a response");
    let UpdateLoadBalancerResponse::Ok(body) = response else {
        panic!("expected Ok, got {response:?}");
    };
    assert_eq!(
        body.loadbalancer.expect("loadbalancer").name.as_deref(),
        Some("renamed")
    );
}

#[tokio::test]
async fn delete_has_no_response_body() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(format!(
            "/v3/{PROJECT_ID}/elb/loadbalancers/{LOAD_BALANCER_ID}"
        )))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let mut request = DeleteLoadBalancerRequest::default();
    request.loadbalancer_id = LOAD_BALANCER_ID.to_owned();
    let response = client_for(&server)
        .await
        .delete_load_balancer(&request)
        .await
        .expect("a response");
    assert_eq!(response, DeleteLoadBalancerResponse::NoContent);
    let received = server.received_requests().await.expect("recording is on");
    assert!(received[0].body.is_empty(), "a DELETE sends no body");
}
