//! Every region reaches its own hosts: a `clouds.yaml` (or a builder) naming eu-de, eu-nl or
//! the Swiss cloud's eu-ch2 sends IAM's token request and a service's call to that region's
//! hosts, with no override. The client goes through a local proxy that records the host of each
//! `CONNECT` and refuses the tunnel, so no request leaves the machine and the host the client
//! would have reached is known exactly. An override still wins (checked against a wiremock
//! server), an unknown region is a configuration error that lists the known ones, and each
//! crate's `REGIONS` lists the regions whose cloud documents the service. The runtime's regions
//! agree with the `[[cloud]]`s of `spec/services.toml`.
#![cfg(all(feature = "vpc", feature = "iam", feature = "dcs"))]

use std::sync::{Arc, Mutex};

use otc_client::runtime::openstack_config::config_builder_from_clouds_yaml_text;
use otc_client::runtime::{Config, ConfigBuilder, Error, RetryPolicy, OPEN_TELEKOM_CLOUD_REGIONS};
use otc_client::{dcs, iam, vpc};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PROJECT_ID: &str = "a4d31cb6-3d72-4fdc-8ec9-6e3a41e47f71";

/// A proxy that answers every `CONNECT` with 403 and keeps its target (`host:port`).
struct RecordingProxy {
    url: String,
    targets: Arc<Mutex<Vec<String>>>,
}

impl RecordingProxy {
    async fn start() -> RecordingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let url = format!("http://{}", listener.local_addr().expect("an address"));
        let targets = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&targets);
        tokio::spawn(async move {
            while let Ok((mut connection, _)) = listener.accept().await {
                let recorded = Arc::clone(&recorded);
                tokio::spawn(async move {
                    let mut head = Vec::new();
                    let mut buffer = [0u8; 1024];
                    while !head.windows(4).any(|window| window == b"\r\n\r\n") {
                        match connection.read(&mut buffer).await {
                            Ok(0) | Err(_) => return,
                            Ok(read) => head.extend_from_slice(&buffer[..read]),
                        }
                    }
                    let head = String::from_utf8_lossy(&head).into_owned();
                    let first_line = head.lines().next().unwrap_or_default().to_owned();
                    if let Some(target) = first_line
                        .strip_prefix("CONNECT ")
                        .and_then(|rest| rest.split(' ').next())
                    {
                        recorded
                            .lock()
                            .expect("the targets")
                            .push(target.to_owned());
                    } else {
                        recorded.lock().expect("the targets").push(first_line);
                    }
                    let _ = connection
                        .write_all(b"HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n")
                        .await;
                });
            }
        });
        RecordingProxy { url, targets }
    }

    /// The targets recorded since the last call.
    fn take_targets(&self) -> Vec<String> {
        std::mem::take(&mut *self.targets.lock().expect("the targets"))
    }
}

/// A cloud of `clouds.yaml` in `region` with a password, or with a token when `token` is set
/// (no `auth_url`: IAM's endpoint comes from the region).
fn clouds_yaml(region: &str, token: bool) -> String {
    let auth = if token {
        format!(
            "auth_type: token\n    auth:\n      token: test-token\n      project_id: {PROJECT_ID}"
        )
    } else {
        format!(
            "auth:\n      username: api-user\n      password: test-password\n      user_domain_name: OTC-EU-DE-00000000001000000000\n      project_id: {PROJECT_ID}"
        )
    };
    format!("clouds:\n  otc:\n    region_name: {region}\n    {auth}\n")
}

fn without_retries(builder: ConfigBuilder, proxy: &RecordingProxy) -> Result<Config, Error> {
    builder
        .proxy(&proxy.url)
        .retry_policy(RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        })
        .build()
}

/// The host VPC's list call reaches, and then the hosts of the same call with a password (IAM's
/// token request comes first), for a config from `clouds.yaml` in `region`.
async fn hosts_reached(region: &str, proxy: &RecordingProxy) -> (Vec<String>, Vec<String>) {
    let mut reached = Vec::new();
    for token in [true, false] {
        let builder =
            config_builder_from_clouds_yaml_text(&clouds_yaml(region, token), None, "otc")
                .expect("a cloud");
        let config = without_retries(builder, proxy).expect("a config");
        let client = vpc::Client::new(&config).expect("a VPC client");
        let error = client
            .list_vpcs_v3(&vpc::ListVpcsV3Request::default())
            .await
            .expect_err("the proxy refuses every tunnel");
        assert!(matches!(error, Error::Transport(_)), "{error:?}");
        reached.push(proxy.take_targets());
    }
    let password = reached.pop().unwrap_or_default();
    let token = reached.pop().unwrap_or_default();
    (token, password)
}

#[tokio::test]
async fn each_region_reaches_its_own_iam_and_service_hosts() {
    let proxy = RecordingProxy::start().await;
    for (region, service_host, iam_host) in [
        (
            "eu-de",
            "vpc.eu-de.otc.t-systems.com:443",
            "iam.eu-de.otc.t-systems.com:443",
        ),
        (
            "eu-nl",
            "vpc.eu-nl.otc.t-systems.com:443",
            "iam.eu-nl.otc.t-systems.com:443",
        ),
        (
            "eu-ch2",
            "vpc.eu-ch2.sc.otc.t-systems.com:443",
            "iam-pub.eu-ch2.sc.otc.t-systems.com:443",
        ),
    ] {
        let (with_token, with_password) = hosts_reached(region, &proxy).await;
        assert_eq!(with_token, [service_host], "{region} with a token");
        // The password's token comes first; the call waits for it, and IAM refused.
        assert_eq!(with_password, [iam_host], "{region} with a password");
    }
}

#[tokio::test]
async fn the_builder_s_region_reaches_the_swiss_hosts_too() {
    let proxy = RecordingProxy::start().await;
    let builder = Config::builder()
        .project_id(PROJECT_ID)
        .token("test-token")
        .region("eu-ch2");
    let config = without_retries(builder, &proxy).expect("a config");
    let client = iam::Client::new(&config).expect("an IAM client");
    assert_eq!(
        client.service_client().base_url(),
        "https://iam-pub.eu-ch2.sc.otc.t-systems.com"
    );
    let client = vpc::Client::new(&config).expect("a VPC client");
    let _ = client
        .list_vpcs_v3(&vpc::ListVpcsV3Request::default())
        .await
        .expect_err("refused");
    assert_eq!(
        proxy.take_targets(),
        ["vpc.eu-ch2.sc.otc.t-systems.com:443"]
    );
}

#[tokio::test]
async fn an_override_wins_in_the_swiss_region() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v3/{PROJECT_ID}/vpc/vpcs")))
        .respond_with(ResponseTemplate::new(200).set_body_string("{\"vpcs\": []}"))
        .expect(2)
        .mount(&server)
        .await;
    let in_code = Config::builder()
        .project_id(PROJECT_ID)
        .token("test-token")
        .region("eu-ch2")
        .endpoint(vpc::SERVICE_ID, server.uri())
        .build()
        .expect("a config");
    let yaml = format!(
        "{}    vpc_endpoint_override: {}\n",
        clouds_yaml("eu-ch2", true),
        server.uri()
    );
    let from_yaml = config_builder_from_clouds_yaml_text(&yaml, None, "otc")
        .expect("a cloud")
        .build()
        .expect("a config");
    for config in [in_code, from_yaml] {
        let response = vpc::Client::new(&config)
            .expect("a client")
            .list_vpcs_v3(&vpc::ListVpcsV3Request::default())
            .await
            .expect("the mock's answer");
        assert_eq!(response.status(), 200);
    }
}

#[test]
fn an_unknown_region_lists_the_known_ones_and_a_region_without_the_service_is_named() {
    let known = "the regions of Open Telekom Cloud are eu-de, eu-nl, eu-ch2";
    let message = |result: Result<_, Error>| match result {
        Err(Error::Configuration(message)) => message,
        other => panic!("expected a configuration error, got {other:?}"),
    };
    let password = config_builder_from_clouds_yaml_text(&clouds_yaml("eu-ch", false), None, "otc")
        .expect("a cloud")
        .build()
        .map(|_| ());
    assert_eq!(
        message(password),
        format!("unknown region \"eu-ch\": {known}; for another cloud set an endpoint template (ConfigBuilder::endpoint_template) or each service's endpoint")
    );
    let token = config_builder_from_clouds_yaml_text(&clouds_yaml("eu-ch", true), None, "otc")
        .expect("a cloud")
        .build()
        .expect("a token config needs no IAM");
    assert!(message(vpc::Client::new(&token).map(|_| ())).contains(known));
    let swiss = config_builder_from_clouds_yaml_text(&clouds_yaml("eu-ch2", true), None, "otc")
        .expect("a cloud")
        .build()
        .expect("a config");
    assert_eq!(
        message(dcs::Client::new(&swiss).map(|_| ())),
        "service dcs is not documented for region eu-ch2 (its regions: eu-de, eu-nl); give its endpoint with ConfigBuilder::endpoint(\"dcs\", …) or dcs_endpoint_override in clouds.yaml"
    );
}

#[test]
fn regions_list_the_clouds_that_document_the_service() {
    assert_eq!(vpc::REGIONS, ["eu-de", "eu-nl", "eu-ch2"]);
    assert_eq!(iam::REGIONS, ["eu-de", "eu-nl", "eu-ch2"]);
    assert_eq!(dcs::REGIONS, ["eu-de", "eu-nl"]);
    assert_eq!(
        vpc::REGION_ENDPOINTS,
        [
            ("eu-de", "https://vpc.eu-de.otc.t-systems.com"),
            ("eu-nl", "https://vpc.eu-nl.otc.t-systems.com"),
            ("eu-ch2", "https://vpc.eu-ch2.sc.otc.t-systems.com"),
        ]
    );
    // IAM's crate and the runtime's own IAM endpoint (password authentication) agree.
    for (region, base_url) in iam::REGION_ENDPOINTS {
        let runtime_region = otc_client::runtime::Region::find(region).expect("a known region");
        assert_eq!(format!("{base_url}/v3"), runtime_region.identity_endpoint);
    }
}

#[test]
fn the_runtime_s_regions_are_the_service_catalog_s_clouds() {
    let catalog_path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/services.toml");
    let catalog: toml::Value =
        toml::from_str(&std::fs::read_to_string(&catalog_path).expect("spec/services.toml"))
            .expect("TOML");
    let mut from_catalog = Vec::new();
    for cloud in catalog["cloud"].as_array().expect("[[cloud]]s") {
        for region in cloud["regions"].as_array().expect("regions") {
            let region = region.as_str().expect("a region name");
            let template = cloud["url"]
                .as_str()
                .expect("a url")
                .replace("{region}", region);
            from_catalog.push((
                region.to_owned(),
                cloud["title"].as_str().expect("a title").to_owned(),
                template,
            ));
        }
    }
    let from_runtime: Vec<(String, String, String)> = OPEN_TELEKOM_CLOUD_REGIONS
        .iter()
        .map(|region| {
            (
                region.name.to_owned(),
                region.cloud.to_owned(),
                region.endpoint_template.to_owned(),
            )
        })
        .collect();
    assert_eq!(from_runtime, from_catalog);
}
