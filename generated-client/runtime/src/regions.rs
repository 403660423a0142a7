//! The regions of Open Telekom Cloud as data: each region's cloud, the URL template of its
//! services (`{host}` being a service's host name) and IAM's endpoint there, which is not
//! always `iam.<region>` (the Swiss cloud's public IAM is `iam-pub.eu-ch2.sc…`).
//!
//! A service crate carries its own endpoint per region (`REGION_ENDPOINTS`, from its spec's
//! servers); this table is what the runtime itself needs: IAM's endpoint for password
//! authentication, and the regions a config may name without an endpoint template. The same
//! clouds are `[[cloud]]` entries of `spec/services.toml`, where specs get their servers from;
//! a test of `otc-client` checks that the two agree.

use crate::Error;

/// One region of Open Telekom Cloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Region {
    /// `eu-de`, `eu-nl`, `eu-ch2`.
    pub name: &'static str,
    /// The cloud the region belongs to.
    pub cloud: &'static str,
    /// A service's base URL in the region, `{host}` being its host name (`vpc`).
    pub endpoint_template: &'static str,
    /// IAM's Keystone v3 base URL in the region (what `OS_AUTH_URL` says).
    pub identity_endpoint: &'static str,
}

/// The regions of Open Telekom Cloud.
pub const OPEN_TELEKOM_CLOUD_REGIONS: &[Region] = &[
    Region {
        name: "eu-de",
        cloud: "Open Telekom Cloud",
        endpoint_template: "https://{host}.eu-de.otc.t-systems.com",
        identity_endpoint: "https://iam.eu-de.otc.t-systems.com/v3",
    },
    Region {
        name: "eu-nl",
        cloud: "Open Telekom Cloud",
        endpoint_template: "https://{host}.eu-nl.otc.t-systems.com",
        identity_endpoint: "https://iam.eu-nl.otc.t-systems.com/v3",
    },
    Region {
        name: "eu-ch2",
        cloud: "Open Telekom Cloud Swiss",
        endpoint_template: "https://{host}.eu-ch2.sc.otc.t-systems.com",
        identity_endpoint: "https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3",
    },
];

impl Region {
    /// The region of this name.
    pub fn find(name: &str) -> Option<&'static Region> {
        OPEN_TELEKOM_CLOUD_REGIONS
            .iter()
            .find(|region| region.name == name)
    }

    /// The region of this name, or a configuration error that lists the known regions.
    pub fn find_or_error(name: &str) -> Result<&'static Region, Error> {
        Region::find(name).ok_or_else(|| unknown_region(name))
    }

    /// A service's base URL in the region: [`Region::endpoint_template`] with its host.
    pub fn endpoint_of(&self, host: &str) -> String {
        self.endpoint_template.replace("{host}", host)
    }
}

/// The error of a region Open Telekom Cloud does not have.
pub(crate) fn unknown_region(name: &str) -> Error {
    let known: Vec<&str> = OPEN_TELEKOM_CLOUD_REGIONS
        .iter()
        .map(|region| region.name)
        .collect();
    Error::Configuration(format!(
        "unknown region {name:?}: the regions of Open Telekom Cloud are {}; for another cloud set an endpoint template (ConfigBuilder::endpoint_template) or each service's endpoint",
        known.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_region_is_found_by_name_and_an_unknown_one_lists_the_known() {
        let swiss = Region::find("eu-ch2").expect("the Swiss region");
        assert_eq!(
            swiss.endpoint_of("vpc"),
            "https://vpc.eu-ch2.sc.otc.t-systems.com"
        );
        assert_eq!(
            Region::find("eu-nl").map(|region| region.endpoint_of("dcs")),
            Some("https://dcs.eu-nl.otc.t-systems.com".to_owned())
        );
        let error = Region::find_or_error("eu-ch").expect_err("no such region");
        assert_eq!(
            error.to_string(),
            "invalid client configuration: unknown region \"eu-ch\": the regions of Open Telekom Cloud are eu-de, eu-nl, eu-ch2; for another cloud set an endpoint template (ConfigBuilder::endpoint_template) or each service's endpoint"
        );
    }
}
