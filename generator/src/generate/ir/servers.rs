//! The endpoint of a service in each region its spec's servers name: every server's `region`
//! variable, each of its values filled in (other variables at their defaults), in the spec's
//! order, the first server naming a region winning. An Open Telekom Cloud spec has one server
//! per cloud (`https://vpc.{region}.otc.t-systems.com` for eu-de and eu-nl,
//! `https://vpc.{region}.sc.otc.t-systems.com` for eu-ch2), so this is the crate's table the
//! runtime resolves `Config`'s region with.

use openapiv3::Server;

/// The server variable a region fills.
pub const REGION_VARIABLE: &str = "region";

/// `(region, base URL)` for every region the servers list.
pub fn region_endpoints(servers: &[Server]) -> Vec<(String, String)> {
    let mut endpoints: Vec<(String, String)> = Vec::new();
    for server in servers {
        let Some(variables) = &server.variables else {
            continue;
        };
        let Some(region) = variables.get(REGION_VARIABLE) else {
            continue;
        };
        for value in &region.enumeration {
            if endpoints.iter().any(|(known, _)| known == value) {
                continue;
            }
            let mut url = server.url.replace("{region}", value);
            for (name, variable) in variables {
                url = url.replace(&format!("{{{name}}}"), &variable.default);
            }
            endpoints.push((value.clone(), url));
        }
    }
    endpoints
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_of_every_server_once() {
        let servers: Vec<Server> = serde_json::from_value(serde_json::json!([
            {"url": "https://vpc.{region}.otc.t-systems.com",
             "variables": {"region": {"default": "eu-de", "enum": ["eu-de", "eu-nl"]}}},
            {"url": "https://{prefix}.{region}.sc.otc.t-systems.com",
             "variables": {"region": {"default": "eu-ch2", "enum": ["eu-ch2", "eu-nl"]},
                           "prefix": {"default": "vpc"}}},
            {"url": "https://no-region.example.com"},
        ]))
        .expect("servers");
        assert_eq!(
            region_endpoints(&servers),
            [
                (
                    "eu-de".to_owned(),
                    "https://vpc.eu-de.otc.t-systems.com".to_owned()
                ),
                (
                    "eu-nl".to_owned(),
                    "https://vpc.eu-nl.otc.t-systems.com".to_owned()
                ),
                (
                    "eu-ch2".to_owned(),
                    "https://vpc.eu-ch2.sc.otc.t-systems.com".to_owned()
                ),
            ]
        );
    }
}
