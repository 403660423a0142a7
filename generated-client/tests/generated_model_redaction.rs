//! Secrets in generated models (fields the importer marks `format: password`) never show in
//! `Debug` output, while the other fields do.

#[cfg(feature = "dcs")]
#[test]
fn dcs_password_change_body_debug_hides_both_passwords() {
    let mut body = otc_client::dcs::types::UpdatePasswordRequestBody::default();
    body.old_password = "old-secret-Passw0rd".to_owned();
    body.new_password = "new-secret-Passw0rd".to_owned();
    let printed = format!("{body:?}");
    assert!(!printed.contains("secret-Passw0rd"), "{printed}");
    assert!(
        printed.contains("old_password: \"<redacted>\""),
        "{printed}"
    );
    // The value itself is untouched: it still goes to the API.
    let json = serde_json::to_value(&body).expect("encodes");
    assert_eq!(json["new_password"], "new-secret-Passw0rd");
}

#[cfg(feature = "elb")]
#[test]
fn elb_certificate_debug_hides_the_private_key_but_not_the_certificate() {
    let mut certificate = otc_client::elb::types::CertificateInfo::default();
    certificate.private_key = Some("-----BEGIN PRIVATE KEY-----secret".to_owned());
    certificate.certificate = Some("-----BEGIN CERTIFICATE-----public".to_owned());
    let printed = format!("{certificate:?}");
    assert!(!printed.contains("PRIVATE KEY"), "{printed}");
    assert!(printed.contains("BEGIN CERTIFICATE"), "{printed}");
}
