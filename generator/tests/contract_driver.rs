//! Snapshot of the contract driver emitted for a small hand-written spec: an operation without
//! request, an outdated one, parameters with constraints and no examples, a body without an
//! example (synthesized from its schema), and a status range and a `default` response (which
//! Prism's `Prefer: code=` cannot ask for, so the driver lists them as exclusions).

const SPEC: &str = r##"
openapi: 3.0.3
info: { title: Contract, version: v1 }
servers: [{ url: "https://contract.example.com" }]
paths:
  /v1/versions:
    get:
      operationId: ListVersions
      deprecated: true
      responses:
        '200': { description: ok }
  /v1/{project_id}/things/{thing_id}:
    put:
      operationId: UpdateThing
      parameters:
      - { in: path, name: project_id, required: true, schema: { type: string } }
      - { in: path, name: thing_id, required: true, schema: { type: string, format: uuid } }
      - { in: query, name: limit, schema: { type: integer, format: int32, minimum: 10, maximum: 500 } }
      - { in: query, name: mode, example: fast, schema: { type: string, enum: [slow, fast] } }
      - { in: query, name: tags, schema: { type: array, items: { type: string, maxLength: 3 } } }
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties:
                name: { type: string, minLength: 10 }
                size: { type: integer, default: 4 }
                id: { type: string, readOnly: true }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { name: { type: string } } }
              example: { name: thing }
        '204': { description: no content }
        4XX:
          description: client error
          content:
            application/json:
              schema: { type: object, properties: { message: { type: string } } }
        default: { description: anything else }
"##;

#[test]
fn contract_driver_of_a_small_spec() {
    let document = otc_codegen::openapi_text::parse_openapi_text(SPEC).expect("a valid spec");
    let driver = otc_codegen::generate::generate_contract_driver(&document, "contract", "contract")
        .expect("the spec generates");
    insta::assert_snapshot!(driver);
}
