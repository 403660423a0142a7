//! `--dry-run`: the request the runtime would send (its [`RequestPreview`], built by the same
//! code that sends, secrets already replaced there), with body fields the spec marks secret
//! (`format: password`) replaced too. Printed as text, or as JSON with `-o json`/`-o yaml`.

use otc_cli_table::BodyEncoding;
use otc_client_runtime::{RequestPreview, REDACTED_PLACEHOLDER};
use serde_json::Value;

use crate::flags::OperationFlags;
use crate::output::Format;

/// The preview as the command prints it.
pub fn describe(
    preview: &RequestPreview,
    flags: &OperationFlags<'_>,
    body: Option<&Value>,
    structured: Option<Format>,
) -> String {
    let multipart = flags
        .operation
        .body
        .as_ref()
        .is_some_and(|definition| definition.encoding == BodyEncoding::Multipart);
    let body_text = match body {
        // A multipart body as it goes on the wire (its parts, files read), the values of
        // secret fields replaced.
        Some(body) if multipart => preview.body.as_ref().map(|bytes| {
            let mut text = String::from_utf8_lossy(bytes).into_owned();
            for secret in secret_field_values(flags, body) {
                text = text.replace(&secret, REDACTED_PLACEHOLDER);
            }
            text
        }),
        Some(body) => {
            let mut shown = body.clone();
            if let Some(definition) = &flags.operation.body {
                redact_secret_fields(flags, &definition.shape, &mut shown, 0);
            }
            Some(serde_json::to_string_pretty(&shown).unwrap_or_default())
        }
        None => preview
            .body
            .as_ref()
            .map(|bytes| String::from_utf8_lossy(bytes).into_owned()),
    };
    if let Some(format @ (Format::Json | Format::Yaml)) = structured {
        let mut document = serde_json::json!({
            "method": preview.method,
            "url": preview.url,
            "headers": preview.headers.iter().map(|(name, value)| serde_json::json!([name, value])).collect::<Vec<_>>(),
            "body": body_text.as_ref().map(|text| serde_json::from_str::<Value>(text).unwrap_or_else(|_| Value::String(text.clone()))),
        });
        if let Some(signing) = &preview.signing {
            document["signing"] = serde_json::json!({
                "canonical_request": signing.canonical_request,
                "string_to_sign": signing.string_to_sign,
                "signed_headers": signing.signed_header_names,
            });
        }
        return match format {
            Format::Yaml => serde_yaml::to_string(&document).unwrap_or_default(),
            _ => format!(
                "{}\n",
                serde_json::to_string_pretty(&document).unwrap_or_default()
            ),
        };
    }
    let mut text = format!("{} {}\n", preview.method, preview.url);
    for (name, value) in &preview.headers {
        text.push_str(&format!("{name}: {value}\n"));
    }
    if let Some(body_text) = &body_text {
        text.push('\n');
        text.push_str(body_text);
        text.push('\n');
    }
    if let Some(signing) = &preview.signing {
        text.push_str(&format!(
            "\n# AK/SK signature (SDK-HMAC-SHA256)\n# signed headers: {}\n# canonical request:\n{}\n# string to sign:\n{}\n",
            signing.signed_header_names,
            indent(&signing.canonical_request),
            indent(&signing.string_to_sign)
        ));
    }
    text
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("#   {line}").trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The values of a body's secret fields (`format: password`), which nothing printed may show.
pub fn secret_field_values(flags: &OperationFlags<'_>, body: &Value) -> Vec<String> {
    let Some(definition) = &flags.operation.body else {
        return Vec::new();
    };
    let mut redacted = body.clone();
    redact_secret_fields(flags, &definition.shape, &mut redacted, 0);
    let mut secrets = Vec::new();
    differing_strings(body, &redacted, &mut secrets);
    secrets
}

/// The strings of `original` that `redacted` replaced.
fn differing_strings(original: &Value, redacted: &Value, secrets: &mut Vec<String>) {
    match (original, redacted) {
        (Value::Object(members), Value::Object(redacted_members)) => {
            for (name, member) in members {
                if let Some(redacted_member) = redacted_members.get(name) {
                    differing_strings(member, redacted_member, secrets);
                }
            }
        }
        (Value::Array(elements), Value::Array(redacted_elements)) => {
            for (element, redacted_element) in elements.iter().zip(redacted_elements) {
                differing_strings(element, redacted_element, secrets);
            }
        }
        (original, redacted) if original != redacted => {
            secrets.push(crate::request::wire_text(original))
        }
        _ => {}
    }
}

/// Replaces the values of secret fields (`format: password`) in a body.
pub fn redact_secret_fields(
    flags: &OperationFlags<'_>,
    shape: &otc_cli_table::Shape,
    value: &mut Value,
    depth: usize,
) {
    use otc_cli_table::{Shape, TypeKind};
    if depth > 64 {
        return;
    }
    let service = flags.service;
    match (service.resolve(shape), value) {
        (Shape::Array(item), Value::Array(elements)) => {
            for element in elements {
                redact_secret_fields(flags, item, element, depth + 1);
            }
        }
        (Shape::Map(item), Value::Object(entries)) => {
            for entry in entries.values_mut() {
                redact_secret_fields(flags, item, entry, depth + 1);
            }
        }
        (Shape::Type(index), value) => match &service.type_entry(*index).kind {
            TypeKind::Struct { fields, .. } => {
                if let Value::Object(members) = value {
                    for field in fields {
                        if let Some(member) = members.get_mut(field.name.as_ref()) {
                            if field.secret && !member.is_null() {
                                *member = Value::String(REDACTED_PLACEHOLDER.to_owned());
                            } else {
                                redact_secret_fields(flags, &field.shape, member, depth + 1);
                            }
                        }
                    }
                }
            }
            TypeKind::Union { variants, .. } => {
                for variant in variants {
                    redact_secret_fields(flags, variant, value, depth + 1);
                }
            }
            TypeKind::Enum { .. } | TypeKind::Alias(_) => {}
        },
        _ => {}
    }
}
