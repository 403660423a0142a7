//! The module lists of `otc-client`: which service crates it re-exports and which contract
//! drivers exist, each behind its service's cargo feature. Emitted as tokens and formatted like every
//! other generated file.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::generate::format::format_file;
use crate::generate::ir::GenerateError;
use crate::generate::GENERATED_HEADER;

/// A service whose crate `otc-client` carries: its cargo feature (the service id), its module
/// name in `otc-client` and its title.
#[derive(Debug, Clone, Copy)]
pub struct ClientService<'a> {
    pub id: &'a str,
    pub module: &'a str,
    pub title: &'a str,
}

impl ClientService<'_> {
    /// The package of the service's crate: `otc-<module>` (the name rule every stage uses).
    pub fn crate_name(&self) -> String {
        service_crate_name(self.module)
    }
}

/// The package name of a service's crate: `otc-<module>`.
pub fn service_crate_name(module: &str) -> String {
    format!("otc-{}", module.replace('_', "-"))
}

/// `#[cfg(feature = "<id>")] <visibility> mod <prefix><module>;` for each service.
fn feature_gated_modules(
    services: &[ClientService<'_>],
    module_prefix: &str,
    visibility: TokenStream,
) -> TokenStream {
    let modules = services.iter().map(|service| {
        let feature = service.id;
        let module = format_ident!("{module_prefix}{}", service.module);
        quote! {
            #[cfg(feature = #feature)]
            #visibility mod #module;
        }
    });
    quote! { #(#modules)* }
}

/// `generated-client/src/services.rs`: each service's crate re-exported under its module name,
/// behind the feature of the same name.
pub fn service_reexports_list(services: &[ClientService<'_>]) -> Result<String, GenerateError> {
    let reexports = services.iter().map(|service| {
        let feature = service.id;
        let module = format_ident!("{}", service.module);
        let crate_ident = format_ident!("{}", service.crate_name().replace('-', "_"));
        let documentation = format!(
            " The {} API (crate `{}`, feature `{}`).",
            service.title,
            service.crate_name(),
            service.id
        );
        quote! {
            #[cfg(feature = #feature)]
            #[doc = #documentation]
            pub use ::#crate_ident as #module;
        }
    });
    format_file(
        GENERATED_HEADER,
        quote! { #(#reexports)* },
        &["//! The service crates, each re-exported behind the cargo feature of the same name."],
    )
}

/// `generated-client/examples/prism_contract/generated/mod.rs`: the contract drivers, and the
/// call of one service's driver by its id.
pub fn contract_drivers_list(services: &[ClientService<'_>]) -> Result<String, GenerateError> {
    let modules = feature_gated_modules(services, "contract_", quote! { pub });
    let calls = services.iter().map(|service| {
        let feature = service.id;
        let module = format_ident!("contract_{}", service.module);
        quote! {
            #[cfg(feature = #feature)]
            if service_id == #feature {
                let view = harness.view();
                let counts = #module::OPERATION_COUNTS.get(view).zip(#module::DOCUMENTED_STATUS_COUNTS.get(view));
                if counts.is_some() {
                    #module::call_every_operation(harness).await;
                }
                return counts.map(|(operations, statuses)| (*operations, *statuses));
            }
        }
    });
    let tokens = quote! {
        #modules

        /// The operation and documented status counts of the harness's view of the service's
        /// spec, after calling every operation of it; `None` for a service this build does not
        /// have (its feature is off) or a view the spec does not have.
        #[allow(unused_variables)]
        pub async fn call_every_operation(
            service_id: &str,
            harness: &mut crate::harness::ContractHarness,
        ) -> Option<(usize, usize)> {
            #(#calls)*
            None
        }
    };
    format_file(
        GENERATED_HEADER,
        tokens,
        &[
            "//! The contract drivers, one module per service behind its feature, and the call of one",
            "//! service's driver by its id.",
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVICES: [ClientService<'static>; 2] = [
        ClientService {
            id: "dcs",
            module: "dcs",
            title: "Distributed Cache Service",
        },
        ClientService {
            id: "elb",
            module: "elb",
            title: "Elastic Load Balancing",
        },
    ];

    #[test]
    fn each_service_crate_is_reexported_behind_its_feature() {
        let source = service_reexports_list(&SERVICES).expect("formatted");
        assert!(source.starts_with(GENERATED_HEADER), "{source}");
        assert!(
            source.contains("#[cfg(feature = \"elb\")]\n/// The Elastic Load Balancing API (crate `otc-elb`, feature `elb`).\npub use ::otc_elb as elb;\n"),
            "{source}"
        );
    }

    #[test]
    fn the_contract_dispatch_calls_the_driver_of_the_named_service_only() {
        let source = contract_drivers_list(&SERVICES).expect("formatted");
        assert!(source.contains("pub mod contract_dcs;"), "{source}");
        assert!(
            source.contains("if service_id == \"dcs\" {\n        let view = harness.view();"),
            "{source}"
        );
        assert!(source.trim_end().ends_with("None\n}"), "{source}");
    }
}
