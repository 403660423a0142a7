//! The contract test driver: calls every operation of one service's generated client against
//! a Prism mock server of the service's spec, once per documented status, and reports the
//! operations called, the statuses exercised and every failure.
//!
//! `cargo xtask contract-test --prism <path>` starts Prism on each spec and runs this driver
//! against it. By hand, with Prism listening on port 4010:
//!
//! ```text
//! prism mock -p 4010 spec/elb.openapi.yaml
//! cargo run -p otc-client --all-features --example prism_contract -- --service elb --base-url http://127.0.0.1:4010
//! ```
//!
//! Prism serves one operation per method and path, so the variants of one
//! (`x-operation-variants`) are called in views of the spec, each serving the variants at one
//! place: `--view 0` (the default) calls the operations that are no variant and the first
//! variants, `--view n` the variants at place n; `cargo xtask contract-test` writes the views
//! (`otc_codegen::generate::contract_tests::variant_view`) and runs one Prism for each.
//!
//! The calls are generated (`generated/`, by `cargo xtask codegen`); the checks are in
//! `harness.rs`.

// The drivers are formatted by the generator (prettyplease), not by rustfmt.
#[rustfmt::skip]
mod generated;
mod harness;

use std::process::ExitCode;

use harness::ContractHarness;

const USAGE: &str =
    "usage: prism_contract --service <id> --base-url <url of the Prism mock server> [--view <n>]";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
    // The view of the spec Prism serves: 0 (the spec, with each operation that has variants
    // served as its first variant), or the place of the variants it serves (`cargo xtask
    // contract-test` writes one view per place).
    let parsed = match arguments.as_slice() {
        ["--service", service_id, "--base-url", base_url]
        | ["--base-url", base_url, "--service", service_id] => Some((*service_id, *base_url, 0)),
        ["--service", service_id, "--base-url", base_url, "--view", view] => {
            view.parse().ok().map(|view| (*service_id, *base_url, view))
        }
        _ => None,
    };
    let Some((service_id, base_url, view)) = parsed else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let mut harness = ContractHarness::new(service_id, base_url, view);
    // Boxed: the driver's future holds the largest call of the whole service.
    let counts = Box::pin(generated::call_every_operation(service_id, &mut harness)).await;
    let Some((operation_count, documented_status_count)) = counts else {
        eprintln!(
            "no contract driver for service {service_id:?} in this build (build with --all-features), or no view {view} of its spec"
        );
        return ExitCode::from(2);
    };
    print!(
        "{}",
        harness.report(operation_count, documented_status_count)
    );
    if harness.passed(operation_count, documented_status_count) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
