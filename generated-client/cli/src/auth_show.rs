//! `otc auth show`: the effective configuration, secrets masked: where it came from, region,
//! project, how requests are authenticated and by whom; the token, password, secret key and
//! security token only as `<redacted>`.

use otc_client_runtime::{Authentication, ProjectScope, REDACTED_PLACEHOLDER};
use serde_json::{json, Value};

use crate::command_line::CommandLine;
use crate::failure::CliError;

/// The configuration as data (rendered with `-o`).
pub fn effective_configuration(
    command_line: &CommandLine,
) -> Result<(Value, otc_client_runtime::Config), CliError> {
    // The endpoint shown is IAM's, the service every authentication method may reach.
    let config = crate::configuration::load(command_line, otc_client_runtime::IAM_SERVICE_ID)?;
    let authentication = match config.authentication() {
        Authentication::Token(_) => json!({"method": "token", "token": REDACTED_PLACEHOLDER}),
        Authentication::AccessKey(credentials) => json!({
            "method": "aksk",
            "access_key": credentials.access_key(),
            "secret_key": REDACTED_PLACEHOLDER,
            "security_token": if credentials.has_security_token() { Value::from(REDACTED_PLACEHOLDER) } else { Value::Null },
        }),
        Authentication::Password(credentials) => {
            let scope = match credentials.project_scope() {
                Some(ProjectScope::Id(id)) => json!({"project_id": id}),
                Some(ProjectScope::Name { name, domain_name }) => {
                    json!({"project_name": name, "project_domain_name": domain_name})
                }
                Some(_) | None => Value::Null,
            };
            json!({
                "method": "password",
                "user_name": credentials.user_name(),
                "user_domain_name": credentials.user_domain_name(),
                "password": REDACTED_PLACEHOLDER,
                "scope": scope,
            })
        }
        Authentication::None => json!({"method": "none"}),
        _ => json!({"method": "hook"}),
    };
    let value = json!({
        "source": crate::configuration::source_description(command_line),
        "region": config.region(),
        "project_id": config.project_id(),
        "authentication": authentication,
        "iam_endpoint": config.endpoint_for(otc_client_runtime::IAM_SERVICE_ID, otc_client_runtime::OPEN_TELEKOM_CLOUD_ENDPOINT_TEMPLATE).ok(),
    });
    Ok((value, config))
}
