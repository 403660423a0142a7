//! Lists every DCS instance of a project, page after page, with the credentials of the cloud
//! named by `OS_CLOUD` in `clouds.yaml`, or else of the `OS_*` variables:
//! `OS_CLOUD=otc cargo run -p otc-client --example list_dcs_instances`.

use futures::StreamExt;
use otc_client::dcs::{self, ListInstancesRequest};
use otc_client::runtime::{Config, Error};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_openstack_defaults()?;
    let client = dcs::Client::new(&config)?;
    // Up to 100 instances per page: the stream asks for the next page when this one is used up.
    let mut request = ListInstancesRequest::default();
    request.limit = Some(100);
    let mut instances = client.list_instances_stream(&request);
    let mut count = 0;
    while let Some(instance) = instances.next().await {
        let instance = match instance {
            Ok(instance) => instance,
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
            "{}  {}  {}  {} GB  {}",
            instance.instance_id.as_deref().unwrap_or("-"),
            instance.name.as_deref().unwrap_or("-"),
            instance.engine.as_deref().unwrap_or("-"),
            instance.capacity.unwrap_or_default(),
            instance.status.as_deref().unwrap_or("-"),
        );
    }
    println!("{count} instance(s)");
    Ok(())
}
