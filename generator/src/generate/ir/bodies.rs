//! Request and response bodies: the media type chosen (JSON, form, multipart, text, bytes),
//! how a request body is encoded (multipart: one part per struct field) and a response body
//! decoded, and the examples of JSON bodies.

use openapiv3::{ReferenceOr, RequestBody, Response};

use super::builder::Builder;
use super::model::{
    BodyDecoding, BodyDefinition, BodyEncoding, ExampleDefinition, MultipartField, MultipartKind,
    RustType,
};
use super::shapes::{shape_of, SchemaRef, Shape};
use crate::openapi_refs::escape_pointer;

/// The kinds of media types, in the order a body's media type is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum MediaKind {
    Json,
    Form,
    Multipart,
    Text,
    Binary,
}

fn media_kind(media_type: &str) -> MediaKind {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") || essence == "text/json" {
        MediaKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        MediaKind::Form
    } else if essence == "multipart/form-data" {
        MediaKind::Multipart
    } else if essence.starts_with("text/") {
        MediaKind::Text
    } else {
        MediaKind::Binary
    }
}

/// The media type a body is generated for: JSON first, then form, multipart, text, bytes.
fn choose_media_type(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
) -> Option<(&String, &openapiv3::MediaType, MediaKind)> {
    content
        .iter()
        .map(|(name, media)| (name, media, media_kind(name)))
        .min_by_key(|(_, _, kind)| *kind)
}

impl<'a> Builder<'a> {
    pub(super) fn request_body(
        &mut self,
        body: &'a RequestBody,
        pointer: &str,
        hint: &str,
    ) -> Option<BodyDefinition> {
        let Some((content_type, media, kind)) = choose_media_type(&body.content) else {
            self.unsupported(pointer, "a request body without content", "no body is sent");
            return None;
        };
        let media_pointer = format!("{pointer}/content/{}", escape_pointer(content_type));
        let schema_pointer = format!("{media_pointer}/schema");
        let schema_type = |builder: &mut Self| match &media.schema {
            Some(schema) => builder.rust_type(SchemaRef::of(schema), hint, &schema_pointer),
            None => RustType::JsonValue,
        };
        let (rust_type, encoding) = match kind {
            MediaKind::Json => (schema_type(self), BodyEncoding::Json),
            MediaKind::Form => {
                let rust_type = schema_type(self);
                if self.is_object_type(&rust_type) {
                    (rust_type, BodyEncoding::Form)
                } else {
                    self.unsupported(
                        &media_pointer,
                        "a form body that is not an object",
                        "bytes, sent as given",
                    );
                    (RustType::Bytes, BodyEncoding::Binary)
                }
            }
            MediaKind::Multipart => {
                self.binary_strings = true;
                let rust_type = schema_type(self);
                self.binary_strings = false;
                match self.multipart_fields(&rust_type) {
                    Some(fields) => (rust_type, BodyEncoding::Multipart(fields)),
                    None => {
                        self.unsupported(
                            &media_pointer,
                            "a multipart body that is not an object",
                            "bytes, sent as given",
                        );
                        (RustType::Bytes, BodyEncoding::Binary)
                    }
                }
            }
            MediaKind::Text => (RustType::String, BodyEncoding::Text),
            MediaKind::Binary => {
                self.report_structured_bytes(media, content_type, &media_pointer);
                (RustType::Bytes, BodyEncoding::Binary)
            }
        };
        Some(BodyDefinition {
            rust_type,
            optional: !body.required,
            content_type: content_type.clone(),
            encoding,
            examples: if kind == MediaKind::Json {
                examples_of(media)
            } else {
                Vec::new()
            },
        })
    }

    /// A media type the generator cannot decode (XML, …) with a structured schema: the bytes
    /// are kept, and the report says the schema was not used.
    fn report_structured_bytes(
        &mut self,
        media: &'a openapiv3::MediaType,
        content_type: &str,
        pointer: &str,
    ) {
        let structured = media.schema.as_ref().is_some_and(|schema| match schema {
            ReferenceOr::Item(schema) => !matches!(
                shape_of(schema),
                Shape::Scalar(RustType::String) | Shape::Any
            ),
            ReferenceOr::Reference { .. } => true,
        });
        if structured {
            self.unsupported(
                pointer,
                format!("a {content_type} body with a schema (only JSON, forms and multipart are typed)"),
                "bytes::Bytes, as sent or received",
            );
        }
    }

    pub(super) fn response_body(
        &mut self,
        response: &'a Response,
        pointer: &str,
        hint: &str,
    ) -> (Option<(RustType, BodyDecoding)>, Vec<ExampleDefinition>) {
        let Some((content_type, media, kind)) = choose_media_type(&response.content) else {
            return (None, Vec::new());
        };
        let media_pointer = format!("{pointer}/content/{}", escape_pointer(content_type));
        match kind {
            MediaKind::Json => {
                let rust_type = match &media.schema {
                    Some(schema) => self.rust_type(
                        SchemaRef::of(schema),
                        hint,
                        &format!("{media_pointer}/schema"),
                    ),
                    None => RustType::JsonValue,
                };
                (Some((rust_type, BodyDecoding::Json)), examples_of(media))
            }
            MediaKind::Text => (Some((RustType::String, BodyDecoding::Text)), Vec::new()),
            _ => {
                self.report_structured_bytes(media, content_type, &media_pointer);
                (Some((RustType::Bytes, BodyDecoding::Bytes)), Vec::new())
            }
        }
    }

    fn is_object_type(&self, rust_type: &RustType) -> bool {
        matches!(rust_type, RustType::Map(_) | RustType::JsonObject)
            || self.struct_fields(rust_type).is_some()
    }

    fn multipart_fields(&self, rust_type: &RustType) -> Option<Vec<MultipartField>> {
        let fields = self.struct_fields(rust_type)?;
        Some(
            fields
                .iter()
                .map(|field| {
                    let (element, repeated) = match &field.rust_type {
                        RustType::Vec(element) => (element.as_ref(), true),
                        other => (other, false),
                    };
                    let kind = match element {
                        RustType::Bytes => MultipartKind::Bytes,
                        scalar if self.is_parameter_scalar(scalar, 0) => MultipartKind::Text,
                        _ => MultipartKind::Json,
                    };
                    // An array of JSON values is one JSON part, not a part per element.
                    let repeated = repeated && kind != MultipartKind::Json;
                    MultipartField {
                        wire_name: field.json_name.clone(),
                        rust_name: field.rust_name.clone(),
                        kind,
                        optional: field.optional,
                        repeated,
                    }
                })
                .collect(),
        )
    }
}

fn examples_of(media: &openapiv3::MediaType) -> Vec<ExampleDefinition> {
    let mut examples: Vec<ExampleDefinition> = media
        .examples
        .iter()
        .filter_map(|(name, example)| match example {
            ReferenceOr::Item(example) => example.value.clone().map(|value| ExampleDefinition {
                name: name.clone(),
                value,
            }),
            ReferenceOr::Reference { .. } => None,
        })
        .collect();
    if let Some(value) = &media.example {
        examples.push(ExampleDefinition {
            name: "example".to_owned(),
            value: value.clone(),
        });
    }
    examples
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_are_told_apart_by_their_essence() {
        for (media_type, expected) in [
            ("application/json", MediaKind::Json),
            ("application/problem+json; charset=utf-8", MediaKind::Json),
            ("Text/JSON", MediaKind::Json),
            ("application/x-www-form-urlencoded", MediaKind::Form),
            ("multipart/form-data; boundary=x", MediaKind::Multipart),
            ("text/plain", MediaKind::Text),
            ("application/xml", MediaKind::Binary),
            ("application/octet-stream", MediaKind::Binary),
            ("", MediaKind::Binary),
        ] {
            assert_eq!(media_kind(media_type), expected, "{media_type:?}");
        }
    }

    #[test]
    fn json_is_chosen_over_every_other_media_type() {
        let content: indexmap::IndexMap<String, openapiv3::MediaType> = [
            "application/octet-stream",
            "text/plain",
            "application/merge-patch+json",
            "multipart/form-data",
        ]
        .iter()
        .map(|name| ((*name).to_owned(), openapiv3::MediaType::default()))
        .collect();
        let (name, _, kind) = choose_media_type(&content).expect("a media type");
        assert_eq!(
            (name.as_str(), kind),
            ("application/merge-patch+json", MediaKind::Json)
        );
        assert!(choose_media_type(&indexmap::IndexMap::new()).is_none());
    }

    #[test]
    fn named_examples_come_before_the_single_example() {
        let media: openapiv3::MediaType = serde_json::from_value(serde_json::json!({
            "example": {"id": 3},
            "examples": {"first": {"value": {"id": 1}}, "without_value": {"summary": "none"}},
        }))
        .expect("a media type");
        assert_eq!(
            examples_of(&media),
            [
                ExampleDefinition {
                    name: "first".to_owned(),
                    value: serde_json::json!({"id": 1}),
                },
                ExampleDefinition {
                    name: "example".to_owned(),
                    value: serde_json::json!({"id": 3}),
                },
            ]
        );
    }
}
