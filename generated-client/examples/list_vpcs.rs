//! Lists every VPC of a project, page after page (VPC v3 pages by marker), with the
//! credentials of the cloud named by `OS_CLOUD` in `clouds.yaml`, or else of the `OS_*`
//! variables: `OS_CLOUD=otc cargo run -p otc-client --features vpc --example list_vpcs`.

use futures::StreamExt;
use otc_client::runtime::{Config, Error};
use otc_client::vpc::{self, ListVpcsV3Request};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_openstack_defaults()?;
    let client = vpc::Client::new(&config)?;
    // Up to 200 VPCs per page: the stream asks for the next page (by the page's next marker)
    // when this one is used up.
    let mut request = ListVpcsV3Request::default();
    request.limit = Some(200);
    let mut vpcs = client.list_vpcs_v3_stream(&request);
    let mut count = 0;
    while let Some(vpc) = vpcs.next().await {
        let vpc = match vpc {
            Ok(vpc) => vpc,
            // A page answered with an error status: the cloud's error code and message.
            Err(Error::UnexpectedStatus { response, .. }) => {
                return Err(format!(
                    "status {} (request id {:?}): {:?}",
                    response.status,
                    response.request_id(),
                    response.cloud_error()
                )
                .into())
            }
            Err(other) => return Err(other.into()),
        };
        count += 1;
        println!(
            "{}  {}  {}",
            vpc.id.as_deref().unwrap_or("-"),
            vpc.name.as_deref().unwrap_or("-"),
            vpc.cidr.as_deref().unwrap_or("-"),
        );
    }
    println!("{count} VPC(s)");
    Ok(())
}
