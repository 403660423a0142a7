//! Excerpts of real pages whose readings the fidelity work added (issue 21), each with a
//! damaged variant whose error names file, table and row: the spec says what the page says,
//! and nothing on the page is left without a word.

use serde_json::{json, Value};

use crate::import::styles::test_support::{import_rst, problems};
use crate::import::ImportOutcome;

/// The document as JSON.
fn document(outcome: &ImportOutcome) -> Value {
    serde_json::to_value(&outcome.document).expect("a document is JSON")
}

/// A component schema, with its `$ref`s of one-part `allOf` wrappers resolved by the caller.
fn component<'a>(document: &'a Value, name: &str) -> &'a Value {
    &document["components"]["schemas"][name]
}

/// The schema a reference names.
fn resolve<'a>(document: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(reference) => component(
            document,
            reference.trim_start_matches("#/components/schemas/"),
        ),
        None => match schema["allOf"].as_array().map(Vec::as_slice) {
            Some([part]) => resolve(document, part),
            _ => schema,
        },
    }
}

fn notes(outcome: &ImportOutcome) -> Vec<String> {
    outcome
        .summary
        .notes
        .iter()
        .map(|note| format!("{}: {}", note.location, note.message))
        .collect()
}

/// IAM `POST /v3/users` (an excerpt): body tables under "Parameters in the request body" list
/// items, the first captioned for its object ("Description for the user format"), the nested
/// one labelled by a paragraph, examples inside the parameter sections.
const IAM_CREATE_USER: &str = r#":original_name: en-us_topic_0057845637.html

.. _en-us_topic_0057845637:

Creating a User
===============

Function
--------

This API is used to create a user under a domain.

URI
---

POST /v3/users

Request Parameters
------------------

-  Parameters in the request header

   +--------------+-----------+--------+---------------------------------------------+
   | Parameter    | Mandatory | Type   | Description                                 |
   +==============+===========+========+=============================================+
   | X-Auth-Token | Yes       | String | Token with the Security Administrator role. |
   +--------------+-----------+--------+---------------------------------------------+

-  Parameters in the request body

   .. table:: **Table 1** Description for the user format

      +---------------------------------------------------------+-----------+--------+-------------------+
      | Parameter                                               | Mandatory | Type   | Description       |
      +=========================================================+===========+========+===================+
      | :ref:`user <en-us_topic_0057845637__table470015453550>` | Yes       | Object | User information. |
      +---------------------------------------------------------+-----------+--------+-------------------+

   .. _en-us_topic_0057845637__table470015453550:

   .. table:: **Table 2** user

      ============ ========= ======= ==================================
      Parameter    Mandatory Type    Description
      ============ ========= ======= ==================================
      name         Yes       String  A username with 5 to 32 characters.
      domain_id    No        String  ID of the domain of the user.
      password     No        String  Password of the user.
      ============ ========= ======= ==================================

-  Example request

   .. code-block::

      POST https://sample.domain.com/v3/users
      {
          "user": {
              "name": "IAMUser",
              "domain_id": "d78cbac186b744899480f25bd02...",
              "password": "IAMPassword@"
          }
      }

Response Parameters
-------------------

-  Parameters in the response body

   +-------------------------------------------------------------------------+-----------+-------------+--------------+
   | Parameter                                                               | Mandatory | Type        | Description  |
   +=========================================================================+===========+=============+==============+
   | :ref:`user <en-us_topic_0057845637__l86920d09d4224a93a4379c10a51077f0>` | Yes       | JSON object | User object. |
   +-------------------------------------------------------------------------+-----------+-------------+--------------+

-  .. _en-us_topic_0057845637__l86920d09d4224a93a4379c10a51077f0:

   user

   ========= ========= ======= ==========
   Parameter Mandatory Type    Description
   ========= ========= ======= ==========
   id        Yes       String  User ID.
   name      Yes       String  Username.
   ========= ========= ======= ==========

-  Example response

   .. code-block::

      {
          "user": {
              "id": "614d1d2fb86940faab8f350bf1b9dbac",
              "name": "jamesdoe",
              "password_expires_at": null
          }
      }

Status Codes
------------

=========== =================================
Status Code Description
=========== =================================
201         The user is successfully created.
400         The server failed to process the request.
=========== =================================
"#;

#[test]
fn iam_body_tables_under_list_items_and_their_examples_are_in_the_spec() {
    let outcome = import_rst(&[("apis/user_management/creating_a_user.rst", IAM_CREATE_USER)]);
    assert!(outcome.is_complete(), "{:?}", problems(&outcome));
    let document = document(&outcome);
    let operation = &document["paths"]["/v3/users"]["post"];
    let request = &operation["requestBody"]["content"]["application/json"];
    let body = resolve(&document, &request["schema"]);
    let user = resolve(&document, &body["properties"]["user"]);
    assert_eq!(user["required"], json!(["name"]));
    assert_eq!(user["properties"]["password"]["format"], "password");
    assert_eq!(
        request["examples"]["example_1"]["value"]["user"]["name"],
        "IAMUser"
    );
    let created = &operation["responses"]["201"]["content"]["application/json"];
    let response_user = resolve(
        &document,
        &resolve(&document, &created["schema"])["properties"]["user"],
    );
    assert_eq!(response_user["required"], json!(["id", "name"]));
    // The example shows a field the tables lack (as null, which says nothing of its type):
    // optional, any value, and said so.
    let inferred = &response_user["properties"]["password_expires_at"];
    assert!(
        inferred["description"]
            .as_str()
            .is_some_and(|text| text.contains("inferred from its example")),
        "{inferred}"
    );
    assert!(inferred.get("type").is_none(), "{inferred}");
    assert_eq!(
        created["examples"]["example_1"]["value"]["user"]["id"],
        "614d1d2fb86940faab8f350bf1b9dbac"
    );
    assert!(outcome
        .summary
        .example_evidence
        .iter()
        .any(|decision| decision.contains("password_expires_at")));
}

#[test]
fn an_iam_table_no_reading_takes_fails_the_page_and_is_named() {
    // The nested table loses its label and its link: nothing on the page says what it is.
    let damaged = IAM_CREATE_USER
        .replace(
            ".. _en-us_topic_0057845637__table470015453550:",
            ".. _en-us_topic_0057845637__table470015453551:",
        )
        .replace(
            ".. table:: **Table 2** user",
            ".. table:: **Table 2** User data as listed",
        );
    let outcome = import_rst(&[("apis/user_management/creating_a_user.rst", &damaged)]);
    assert_eq!(
        problems(&outcome),
        ["apis/user_management/creating_a_user.rst, table \"User data as listed\": this table (table 3 of the page) is neither taken into the spec nor reported: no reading of the page accounts for it"]
    );
}

/// VBS "Adding a Tag to a Backup Policy" (an excerpt): `tag | dict` with its fields as rows
/// of the same table, which the example nests.
const VBS_ADD_TAG: &str = r#"Adding a Tag to a Backup Policy
===============================

URI
---

POST /v2/{project_id}/backuppolicy/{policy_id}/tags

========== ========= ================
Parameter  Mandatory Description
========== ========= ================
project_id Yes       Project ID
policy_id  Yes       Backup policy ID
========== ========= ================

Request
-------

========= ========= ====== ================
Parameter Mandatory Type   Description
========= ========= ====== ================
tag       Yes       dict   Tag to be added
key       Yes       string Tag key.
value     Yes       string Tag value.
========= ========= ====== ================

-  Example request

   .. code-block::

      {
          "tag": {
              "key": "0f187b65-8d0e-4fc0-9096-3b55d330531e",
              "value": "volume"
          }
      }

Status Code
-----------

-  Normal

   204
"#;

#[test]
fn vbs_flat_tag_rows_are_nested_as_the_example_nests_them() {
    let outcome = import_rst(&[("adding_a_tag_to_a_backup_policy.rst", VBS_ADD_TAG)]);
    assert!(outcome.is_complete(), "{:?}", problems(&outcome));
    let document = document(&outcome);
    let body = resolve(
        &document,
        &document["paths"]["/v2/{project_id}/backuppolicy/{policy_id}/tags"]["post"]["requestBody"]
            ["content"]["application/json"]["schema"],
    );
    assert_eq!(body["required"], json!(["tag"]));
    assert!(body["properties"].get("key").is_none(), "{body}");
    let tag = &body["properties"]["tag"];
    assert_eq!(tag["properties"]["key"]["type"], "string");
    assert_eq!(tag["required"], json!(["key", "value"]));
}

#[test]
fn a_damaged_vbs_tag_row_names_file_table_and_row() {
    let damaged = VBS_ADD_TAG.replace("key       Yes       string", "key       Yes       str!ng");
    let outcome = import_rst(&[("adding_a_tag_to_a_backup_policy.rst", &damaged)]);
    assert_eq!(
        problems(&outcome),
        ["adding_a_tag_to_a_backup_policy.rst, table \"untitled table (Parameter | Mandatory | Type | Description)\", row 2 (key): unknown type \"str!ng\""]
    );
}

/// ECS "Querying Details About ECSs" (an excerpt): `addresses` typed as one object, with the
/// sentence "The structure is Map<String, Object>", and an example of lists per network.
const ECS_ADDRESSES: &str = r#"Querying ECS Details
====================

URI
---

GET /v1/{project_id}/cloudservers/{server_id}

Response
--------

.. table:: **Table 1** Response parameters

   ========= ====== ===================================
   Parameter Type   Description
   ========= ====== ===================================
   server    Object Specifies the ECS. See Table 2.
   ========= ====== ===================================

.. table:: **Table 2** **server** field description

   +-----------+--------+----------------------------------------------------------------------+
   | Parameter | Type   | Description                                                          |
   +===========+========+======================================================================+
   | id        | String | Specifies the ECS ID.                                                |
   +-----------+--------+----------------------------------------------------------------------+
   | addresses | Object | Specifies the network addresses of an ECS.                           |
   |           |        |                                                                      |
   |           |        | The structure is Map<String, Object>.                                |
   |           |        |                                                                      |
   |           |        | The key indicates the network name; the value is in Table 3.         |
   +-----------+--------+----------------------------------------------------------------------+

.. table:: **Table 3** **addresses** field description

   ========= ======= =================================
   Parameter Type    Description
   ========= ======= =================================
   addr      String  Specifies the IP address.
   version   Integer Specifies the IP address version.
   ========= ======= =================================

Example Response
----------------

.. code-block::

   {
       "server": {
           "id": "616fb98f-46ca-475e-917e-2563e5a8cd19",
           "addresses": {
               "demo_net": [
                   {"addr": "192.168.0.12", "version": 4}
               ]
           }
       }
   }

Returned Values
---------------

-  Normal

   200
"#;

#[test]
fn ecs_addresses_is_a_map_of_address_lists() {
    let outcome = import_rst(&[("querying_ecs_details.rst", ECS_ADDRESSES)]);
    assert!(outcome.is_complete(), "{:?}", problems(&outcome));
    let document = document(&outcome);
    let body = resolve(
        &document,
        &document["paths"]["/v1/{project_id}/cloudservers/{server_id}"]["get"]["responses"]["200"]
            ["content"]["application/json"]["schema"],
    );
    let server = resolve(&document, &body["properties"]["server"]);
    let addresses = &server["properties"]["addresses"];
    assert_eq!(addresses["type"], "object");
    assert_eq!(addresses["additionalProperties"]["type"], "array");
    let address = resolve(&document, &addresses["additionalProperties"]["items"]);
    assert_eq!(address["properties"]["version"]["format"], "int64");
}

/// CCE "Creating a Cluster" (an excerpt): a version format with a bullet per letter, and an
/// example value of a backup window (RDS) introduced as "Example value:".
const FORMAT_LEGEND_AND_EXAMPLE_VALUES: &str = r#"Creating a Cluster
==================

URI
---

POST /api/v3/projects/{project_id}/clusters

Request Parameters
------------------

.. table:: **Table 1** Request body parameters

   +-------------+-----------+--------+------------------------------------------------------------------+
   | Parameter   | Mandatory | Type   | Description                                                      |
   +=============+===========+========+==================================================================+
   | version     | No        | String | The value must be in the format of **vX.Y[.Z[-rN]]**, for        |
   |             |           |        | example, **v1.30** or **v1.30.0-r0**.                            |
   |             |           |        |                                                                  |
   |             |           |        | -  X: major version                                              |
   |             |           |        | -  Y: minor version                                              |
   |             |           |        | -  Z: patch version                                              |
   |             |           |        | -  N: patch release                                              |
   +-------------+-----------+--------+------------------------------------------------------------------+
   | start_time  | No        | String | Backup time window in the "hh:mm-HH:MM" format.                  |
   |             |           |        |                                                                  |
   |             |           |        | Example value:                                                   |
   |             |           |        |                                                                  |
   |             |           |        | -  08:15-09:15                                                   |
   |             |           |        | -  23:00-00:00                                                   |
   +-------------+-----------+--------+------------------------------------------------------------------+
   | kind        | No        | String | Cluster kind. Enumeration values:                                |
   |             |           |        |                                                                  |
   |             |           |        | -  **VirtualMachine**                                            |
   |             |           |        | -  **BareMetal**                                                 |
   +-------------+-----------+--------+------------------------------------------------------------------+

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
201         Created.
=========== ===========
"#;

#[test]
fn format_legends_and_example_values_are_no_enumerations() {
    let outcome = import_rst(&[("creating_a_cluster.rst", FORMAT_LEGEND_AND_EXAMPLE_VALUES)]);
    assert!(outcome.is_complete(), "{:?}", problems(&outcome));
    let document = document(&outcome);
    let body = resolve(
        &document,
        &document["paths"]["/api/v3/projects/{project_id}/clusters"]["post"]["requestBody"]
            ["content"]["application/json"]["schema"],
    );
    assert!(
        body["properties"]["version"].get("enum").is_none(),
        "{body}"
    );
    assert!(
        body["properties"]["start_time"].get("enum").is_none(),
        "{body}"
    );
    // A real enumeration beside them stays one.
    assert_eq!(
        body["properties"]["kind"]["enum"],
        json!(["VirtualMachine", "BareMetal"])
    );
}

/// Anti-DDoS "Querying Weekly Defense Statistics" (an excerpt): `weekdata` typed "Data
/// structure" (one object, by the word), shown as an array.
const ANTI_DDOS_WEEKLY: &str = r#"Querying Weekly Defense Statistics
==================================

URI
---

GET /v1/{project_id}/antiddos/weekly

Response
--------

========== ============== ==========================
Parameter  Type           Description
========== ============== ==========================
weekdata   Data structure Number of attacks in a week. See weekdata.
========== ============== ==========================

-  Data structure description of **weekdata**

   ================== ======= ======================
   Parameter          Type    Description
   ================== ======= ======================
   max_attack_bps     Long    Maximum attack traffic.
   period_start_date  Long    Start date.
   ================== ======= ======================

Example
-------

-  Example response

   .. code-block::

      {
          "weekdata": [
              {"max_attack_bps": 0, "period_start_date": 1474214461651}
          ]
      }

Status Code
-----------

-  Normal

   200
"#;

#[test]
fn a_vaguely_typed_object_shown_as_an_array_is_an_array() {
    let outcome = import_rst(&[("querying_weekly_defense_statistics.rst", ANTI_DDOS_WEEKLY)]);
    assert!(outcome.is_complete(), "{:?}", problems(&outcome));
    let document = document(&outcome);
    let body = resolve(
        &document,
        &document["paths"]["/v1/{project_id}/antiddos/weekly"]["get"]["responses"]["200"]
            ["content"]["application/json"]["schema"],
    );
    let weekdata = &body["properties"]["weekdata"];
    assert_eq!(weekdata["type"], "array", "{body}");
    let element = resolve(&document, &weekdata["items"]);
    assert_eq!(
        element["properties"]["period_start_date"]["format"],
        "int64"
    );
    assert!(notes(&outcome)
        .iter()
        .all(|note| !note.contains("contradicts")));
}

/// VPCEP (an excerpt): a query parameter typed "Integer" whose values do not fit in 32 bits.
const VPCEP_MARKER_ID: &str = r#"Querying Connections
====================

URI
---

GET /v1/{project_id}/vpc-endpoint-services/{vpc_endpoint_service_id}/connections?marker_id={marker_id}

.. table:: **Table 1** Path Parameters

   ======================= ========= ======= =============================
   Parameter               Mandatory Type    Description
   ======================= ========= ======= =============================
   project_id              Yes       String  Project ID.
   vpc_endpoint_service_id Yes       String  VPC endpoint service ID.
   ======================= ========= ======= =============================

.. table:: **Table 2** Query Parameters

   ========= ========= ======= ============================================
   Parameter Mandatory Type    Description
   ========= ========= ======= ============================================
   marker_id No        Integer Packet ID of the VPC endpoint (322312312312).
   ========= ========= ======= ============================================

Response Parameters
-------------------

None

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK.
=========== ===========
"#;

#[test]
fn integers_are_64_bits_unless_the_page_says_32() {
    let outcome = import_rst(&[("querying_connections.rst", VPCEP_MARKER_ID)]);
    assert!(outcome.is_complete(), "{:?}", problems(&outcome));
    let document = document(&outcome);
    let parameters = &document["paths"]
        ["/v1/{project_id}/vpc-endpoint-services/{vpc_endpoint_service_id}/connections"]["get"]
        ["parameters"];
    let marker = parameters
        .as_array()
        .expect("parameters")
        .iter()
        .find(|parameter| parameter["name"] == "marker_id")
        .expect("marker_id");
    assert_eq!(marker["schema"]["format"], "int64");
    let explicit =
        VPCEP_MARKER_ID.replace("marker_id No        Integer", "marker_id No        int32  ");
    let outcome = import_rst(&[("querying_connections.rst", &explicit)]);
    let document = serde_json::to_value(&outcome.document).expect("JSON");
    let marker = document["paths"]
        ["/v1/{project_id}/vpc-endpoint-services/{vpc_endpoint_service_id}/connections"]["get"]
        ["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .find(|parameter| parameter["name"] == "marker_id")
        .expect("marker_id")
        .clone();
    assert_eq!(marker["schema"]["format"], "int32");
}

/// RDS "Deleting a Parameter Template" (an excerpt) and the shared error page it links to:
/// "Normal response: None", "Abnormal response: For details, see Abnormal Request Results".
const RDS_DELETE_TEMPLATE: &str = r#":original_name: rds_09_0304.html

Deleting a Parameter Template
=============================

URI
---

-  URI format

   DELETE /v3/{project_id}/configurations/{config_id}

-  Parameter description

   ========== ========= ===================
   Name       Mandatory Description
   ========== ========= ===================
   project_id Yes       Project ID.
   config_id  Yes       Parameter template ID.
   ========== ========= ===================

Response
--------

-  Normal response

   None

-  Abnormal response

   For details, see :ref:`Abnormal Request Results <en-us_topic_0032488197>`.

Status Code
-----------

-  Normal

   200

-  Abnormal

   For details, see :ref:`Status Codes <en-us_topic_0032488240>`.
"#;

const RDS_ABNORMAL_RESULTS: &str = r#":original_name: en-us_topic_0032488197.html

.. _en-us_topic_0032488197:

Abnormal Request Results
========================

v3 APIs
-------

.. table:: **Table 1** Abnormal response description

   ========== ====== ==============
   Name       Type   Description
   ========== ====== ==============
   error_code String Error code.
   error_msg  String Error message.
   ========== ====== ==============

v1 APIs
-------

.. table:: **Table 2** Abnormal response description

   =============== ====== ==============
   Name            Type   Description
   =============== ====== ==============
   errCode         String Error code.
   externalMessage String Error message.
   =============== ====== ==============
"#;

const RDS_STATUS_CODES: &str = r#".. _en-us_topic_0032488240:

Status Codes
============

=========== ===========================
Status Code Description
=========== ===========================
200         OK.
400         The request is not valid.
=========== ===========================
"#;

#[test]
fn rds_none_under_normal_response_means_no_body_and_the_abnormal_page_is_the_error_body() {
    let outcome = import_rst(&[
        ("deleting_a_parameter_template.rst", RDS_DELETE_TEMPLATE),
        (
            "appendix/abnormal_request_results.rst",
            RDS_ABNORMAL_RESULTS,
        ),
        ("appendix/status_codes.rst", RDS_STATUS_CODES),
    ]);
    assert!(outcome.is_complete(), "{:?}", problems(&outcome));
    let document = document(&outcome);
    let responses =
        &document["paths"]["/v3/{project_id}/configurations/{config_id}"]["delete"]["responses"];
    assert!(responses["200"].get("content").is_none(), "{responses}");
    let error = resolve(
        &document,
        &responses["400"]["content"]["application/json"]["schema"],
    );
    assert!(error["properties"]["error_code"].is_object(), "{error}");
}

/// WAF "Querying the QPS Statistics" (an excerpt): the response body is a top-level array,
/// written as one `[items]` row.
const WAF_QPS: &str = r#"Querying the QPS Statistics
===========================

URI
---

GET /v1/{project_id}/waf/overviews/qps/timeline

Response Parameters
-------------------

**Status code: 200**

.. table:: **Table 1** Response body parameters

   ========= ================================================================== ============
   Parameter Type                                                               Description
   ========= ================================================================== ============
   [items]   Array of :ref:`ListQpsTimelineItem <listqpstimeline_item>` objects QPS timeline
   ========= ================================================================== ============

.. _listqpstimeline_item:

.. table:: **Table 2** ListQpsTimelineItem

   ========= ====== ===========
   Parameter Type   Description
   ========= ====== ===========
   key       String Key.
   ========= ====== ===========

Example Responses
-----------------

**Status code: 200**

.. code-block::

   [ {"key": "ACCESS"} ]

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK.
=========== ===========
"#;

#[test]
fn an_items_row_makes_the_body_a_top_level_array() {
    let outcome = import_rst(&[("querying_the_qps_statistics.rst", WAF_QPS)]);
    assert!(outcome.is_complete(), "{:?}", problems(&outcome));
    let document = document(&outcome);
    let media = &document["paths"]["/v1/{project_id}/waf/overviews/qps/timeline"]["get"]
        ["responses"]["200"]["content"]["application/json"];
    let body = resolve(&document, &media["schema"]);
    assert_eq!(body["type"], "array", "{body}");
    assert_eq!(media["examples"]["example_1"]["value"][0]["key"], "ACCESS");
}

/// Neutron (VPC) creating a network: no status on the page; the service's status code page
/// says POST of the OpenStack Neutron API answers 201.
const NEUTRON_CREATE_NETWORK: &str = r#"Creating a Network
==================

URI
---

POST /v2.0/networks

Request
-------

========= ========= ====== ===========
Parameter Mandatory Type   Description
========= ========= ====== ===========
name      No        String Name.
========= ========= ====== ===========

Response
--------

========= ====== ===========
Parameter Type   Description
========= ====== ===========
id        String ID.
========= ====== ===========
"#;

const VPC_STATUS_CODES: &str = r#"Status Codes
============

.. table:: **Table 1** Normal values

   ==================== ========== =======================================================================================
   Normal Response Code Type       Description
   ==================== ========== =======================================================================================
   200                  OK         Specifies the normal response code for the GET, PUT, and POST operations.
   201                  Created    Specifies the normal response code for the POST operation of the OpenStack Neutron API.
   204                  No Content Specifies the normal response code for the DELETE operation.
   ==================== ========== =======================================================================================

.. table:: **Table 2** Abnormal values

   =============== ===========================
   Returned Value  Description
   =============== ===========================
   400 Bad Request The request is not valid.
   =============== ===========================
"#;

#[test]
fn neutron_creates_answer_201_by_the_status_code_page() {
    let outcome = import_rst(&[
        (
            "native_openstack_neutron_apis_v2.0/network/creating_a_network.rst",
            NEUTRON_CREATE_NETWORK,
        ),
        ("appendix/status_codes.rst", VPC_STATUS_CODES),
    ]);
    assert!(outcome.is_complete(), "{:?}", problems(&outcome));
    let document = document(&outcome);
    let responses = &document["paths"]["/v2.0/networks"]["post"]["responses"];
    assert!(responses["201"]["content"].is_object(), "{responses}");
    assert!(responses.get("200").is_none(), "{responses}");
    assert!(notes(&outcome)
        .iter()
        .any(|note| note.contains("success status 201: the general status code page")));
}

/// TaurusDB (an excerpt): a URI example whose host swallowed the template's first segment is
/// an example of the template, not an operation.
const TAURUSDB_EXAMPLE_LINE: &str = r#"Changing DB Instance Specifications
===================================

URI
---

-  URI format

   POST https://{endpoint}/mysql/v3/{project_id}/instances/{instance_id}/action

-  URI example

   POST https://gaussdb-mysql.eu-de.otc.t-systems.commysql/v3/97b026aa9cc4417888c14c84a1ad9860/instances/c3ec2c6148ad4d71b1a8411a62df0d3cin07/action

-  Parameter description

   =========== ========= ====== ================
   Name        Mandatory Type   Description
   =========== ========= ====== ================
   project_id  Yes       String Project ID.
   instance_id Yes       String DB instance ID.
   =========== ========= ====== ================

Status Code
-----------

-  Normal

   202
"#;

#[test]
fn an_example_request_line_is_no_operation() {
    let outcome = import_rst(&[(
        "changing_db_instance_specifications.rst",
        TAURUSDB_EXAMPLE_LINE,
    )]);
    assert!(outcome.is_complete(), "{:?}", problems(&outcome));
    let paths: Vec<&String> = outcome.document.paths.paths.keys().collect();
    assert_eq!(
        paths,
        ["/mysql/v3/{project_id}/instances/{instance_id}/action"]
    );
    assert!(notes(&outcome)
        .iter()
        .any(|note| note.contains("is an example of the page's template")));
}

/// IAM `DELETE /v3.0/OS-AGENCY/agencies/{agency_id}` (the whole page): its one example is
/// headed "Example response (request failed)" and has no status line; the page's one success
/// is 204.
const IAM_DELETE_AGENCY: &str = r#":original_name: en-us_topic_0079467625.html

.. _en-us_topic_0079467625:

Deleting an Agency
==================

Function
--------

This API is used to delete an agency.

.. note::

   After this operation, the delegated party can no longer access the relevant resources. Exercise caution when performing this operation.

URI
---

-  URI format

   DELETE /v3.0/OS-AGENCY/agencies/{agency_id}

-  URI parameters

   ========= ========= ====== ================
   Parameter Mandatory Type   Description
   ========= ========= ====== ================
   agency_id Yes       String ID of an agency.
   ========= ========= ====== ================

Request Parameters
------------------

-  Parameters in the request header

   +--------------+-----------+--------+---------------------------------------------------------------------+
   | Parameter    | Mandatory | Type   | Description                                                         |
   +==============+===========+========+=====================================================================+
   | Content-Type | Yes       | String | Fill **application/json;charset=utf8** in this field.               |
   +--------------+-----------+--------+---------------------------------------------------------------------+
   | X-Auth-Token | Yes       | String | Authenticated token with the **Security Administrator** permission. |
   +--------------+-----------+--------+---------------------------------------------------------------------+

-  Example request

   .. code-block::

      curl -i -k -H "X-Auth-Token:$token" -H 'Content-Type:application/json;charset=utf8' -X DELETE https://sample.domain.com/v3.0/OS-AGENCY/agencies/2809756f748a46e2b92d58d309f67291

Response Parameters
-------------------

-  Example response (request failed)

   .. code-block::

      {
          "error": {
              "message": "Could not find agency: 2809756f748a46e2b92d58d309f67291",
              "code": 404,
              "title": "Not Found"
          }
      }

**Status Codes**
----------------

=========== =======================================
Status Code Description
=========== =======================================
204         The request is successful.
401         Authentication failed.
403         Access denied.
404         The requested resource cannot be found.
500         Internal server error.
=========== =======================================
"#;

#[test]
fn a_failed_request_example_is_no_example_of_the_only_success() {
    let outcome = import_rst(&[(
        "apis/agency_management/deleting_an_agency.rst",
        IAM_DELETE_AGENCY,
    )]);
    assert!(outcome.is_complete(), "{:?}", problems(&outcome));
    let spec = document(&outcome);
    let deleted =
        &spec["paths"]["/v3.0/OS-AGENCY/agencies/{agency_id}"]["delete"]["responses"]["204"];
    assert!(deleted.get("content").is_none(), "{deleted}");
    assert!(
        notes(&outcome).iter().any(|note| note.contains(
            "example left out: its heading says the request failed, and no \"Status code: N\" line says with which status"
        )),
        "{:?}",
        notes(&outcome)
    );
    // Headed as a success, the same example would be the 204's, which HTTP gives no body.
    let success_headed =
        IAM_DELETE_AGENCY.replace("Example response (request failed)", "Example response");
    let outcome = import_rst(&[(
        "apis/agency_management/deleting_an_agency.rst",
        &success_headed,
    )]);
    let success_document = document(&outcome);
    let deleted = &success_document["paths"]["/v3.0/OS-AGENCY/agencies/{agency_id}"]["delete"]
        ["responses"]["204"];
    assert!(deleted.get("content").is_none(), "{deleted}");
    assert!(
        notes(&outcome)
            .iter()
            .any(|note| note.contains("example left out: status code 204 carries no body in HTTP")),
        "{:?}",
        notes(&outcome)
    );
}
