//! The command line as a script sees it: a dry run sends nothing and shows the exact request
//! (URL with query, headers, body, for AK/SK the canonical request); input is checked before
//! sending, with errors naming the flag; exit codes are distinct; a closed pipe is no error;
//! `--all` walks every page, and a page that fails fails the command saying where; the
//! output formats and `--query` apply to the whole result; `--body` and flags merge.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::thread;

const ENVIRONMENT: [(&str, &str); 3] = [
    ("OS_TOKEN", "test-token"),
    ("OS_PROJECT_ID", "0123456789abcdef0123456789abcdef"),
    ("OS_REGION_NAME", "eu-de"),
];

fn otc(arguments: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_otc"));
    command.env_clear().env("HOME", std::env::temp_dir());
    for (name, value) in ENVIRONMENT {
        command.env(name, value);
    }
    command.args(arguments);
    command
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A server answering each of `responses` once (status, body) and the request lines it saw.
fn serve(responses: Vec<(&'static str, String)>) -> (String, thread::JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    let handle = thread::spawn(move || {
        let mut requests = Vec::new();
        for (status, body) in responses {
            let Ok((stream, _)) = listener.accept() else {
                break;
            };
            let mut reader = BufReader::new(stream);
            let mut request_line = String::new();
            let _ = reader.read_line(&mut request_line);
            let mut content_length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(length) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    content_length = length.trim().parse().unwrap_or(0);
                }
            }
            let mut body_bytes = vec![0; content_length];
            let _ = reader.read_exact(&mut body_bytes);
            requests.push(format!(
                "{}{}",
                request_line.trim_end(),
                if content_length > 0 {
                    format!(" {}", text(&body_bytes))
                } else {
                    String::new()
                }
            ));
            let response = format!(
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let mut stream = reader.into_inner();
            let _ = stream.write_all(response.as_bytes());
        }
        requests
    });
    (url, handle)
}

#[test]
fn a_dry_run_sends_nothing_and_shows_the_signed_request() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    listener.set_nonblocking(true).expect("non-blocking");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    let output = Command::new(env!("CARGO_BIN_EXE_otc"))
        .env_clear()
        .envs([
            ("OS_ACCESS_KEY", "AKPUBLIC0001"),
            ("OS_SECRET_KEY", "secret-key-0001"),
            ("OS_PROJECT_ID", "0123456789abcdef0123456789abcdef"),
        ])
        .args([
            "vpc",
            "list-vpcs",
            "--limit",
            "5",
            "--endpoint",
            &url,
            "--dry-run",
        ])
        .output()
        .expect("otc runs");
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        stdout.starts_with(&format!(
            "GET {url}/v1/0123456789abcdef0123456789abcdef/vpcs?limit=5\n"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("x-project-id: 0123456789abcdef0123456789abcdef\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("authorization: SDK-HMAC-SHA256 Access=AKPUBLIC0001, SignedHeaders="),
        "{stdout}"
    );
    assert!(stdout.contains("# canonical request:\n#   GET\n#   /v1/0123456789abcdef0123456789abcdef/vpcs/\n#   limit=5\n"), "{stdout}");
    assert!(
        matches!(listener.accept(), Err(error) if error.kind() == std::io::ErrorKind::WouldBlock),
        "the dry run connected to the endpoint"
    );
}

#[test]
fn input_is_checked_before_sending_and_errors_name_the_flag() {
    let output = otc(&[
        "vpc",
        "update-publicips",
        "p-1",
        "--publicip.alias",
        &"x".repeat(65),
        "--endpoint",
        "http://127.0.0.1:9",
    ])
    .output()
    .expect("otc runs");
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("--publicip.alias: longer than 64 characters"),
        "{stderr}"
    );
    let output = otc(&[
        "vpc",
        "create-vpc-flow-log",
        "--flow-log.resource-type",
        "bogus",
        "--flow-log.resource-id",
        "r-1",
    ])
    .output()
    .expect("otc runs");
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("--flow-log.resource-type: \"bogus\" is not one of port, vpc, network"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--flow-log.traffic-type: required"),
        "{stderr}"
    );
    let output = otc(&["vpc", "list-vpcs", "--limit", "many"])
        .output()
        .expect("otc runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("--limit: \"many\" is not an integer"),
        "{}",
        text(&output.stderr)
    );
    let output = otc(&["vpc", "list-vpcs", "--no-such-flag", "1"])
        .output()
        .expect("otc runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("unexpected argument '--no-such-flag' found"),
        "{}",
        text(&output.stderr)
    );
    let output = otc(&["vpc", "no-such-operation"])
        .output()
        .expect("otc runs");
    assert_eq!(output.status.code(), Some(2));
    // A body that breaks the spec goes out with --no-validate, because docs can be wrong.
    let (url, server) = serve(vec![("200 OK", "{\"vpc\": {\"id\": \"v-1\"}}".to_owned())]);
    let output = otc(&[
        "vpc",
        "update-publicips",
        "p-1",
        "--publicip.alias",
        &"x".repeat(65),
        "--no-validate",
        "--endpoint",
        &url,
    ])
    .output()
    .expect("otc runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    server.join().expect("the server ends");
}

#[test]
fn exit_codes_say_what_failed() {
    let (url, server) = serve(vec![
        (
            "404 Not Found",
            "{\"error_code\": \"VPC.0001\", \"error_msg\": \"no such vpc\"}".to_owned(),
        ),
        ("503 Service Unavailable", "{}".to_owned()),
    ]);
    let output = otc(&["vpc", "show-vpc", "v-1", "--endpoint", &url])
        .output()
        .expect("otc runs");
    assert_eq!(output.status.code(), Some(4), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains("VPC.0001"),
        "{}",
        text(&output.stderr)
    );
    assert!(output.stdout.is_empty(), "stdout is for data only");
    // 503 is retried by the runtime's policy; the server answers once, then the connection
    // is refused: a 5xx or a network failure, never success.
    let output = otc(&["vpc", "show-vpc", "v-1", "--endpoint", &url])
        .output()
        .expect("otc runs");
    assert!(
        matches!(output.status.code(), Some(5 | 6)),
        "{:?} {}",
        output.status,
        text(&output.stderr)
    );
    server.join().expect("the server ends");
    let output = Command::new(env!("CARGO_BIN_EXE_otc"))
        .env_clear()
        .args(["vpc", "list-vpcs"])
        .output()
        .expect("otc runs");
    assert_eq!(
        output.status.code(),
        Some(3),
        "no credentials: {}",
        text(&output.stderr)
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = otc(&["docs"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("otc runs");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0; 16];
    stdout.read_exact(&mut first).expect("the first bytes");
    drop(stdout);
    let status = child.wait().expect("otc ends");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn every_page_is_walked_and_the_query_sees_them_all() {
    let page = |ids: &[&str], next: Option<&str>| {
        let instances: Vec<String> = ids
            .iter()
            .map(|id| format!("{{\"instance_id\": \"{id}\", \"name\": \"n-{id}\"}}"))
            .collect();
        format!(
            "{{\"instances\": [{}], \"instance_num\": 3}}{}",
            instances.join(", "),
            next.unwrap_or_default()
        )
    };
    let (url, server) = serve(vec![
        ("200 OK", page(&["a", "b"], None)),
        ("200 OK", page(&["c"], None)),
    ]);
    let output = otc(&[
        "dcs",
        "list-instances",
        "--all",
        "--page-size",
        "2",
        "--endpoint",
        &url,
        "--query",
        "instances[].instance_id",
        "-o",
        "value",
    ])
    .output()
    .expect("otc runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), "a\nb\nc\n");
    let requests = server.join().expect("the server ends");
    assert_eq!(requests.len(), 2, "{requests:?}");
    assert!(
        requests[0].contains("limit=2") && requests[1].contains("offset=2"),
        "{requests:?}"
    );

    // A later page fails: the command fails, saying where.
    let (url, server) = serve(vec![
        ("200 OK", page(&["a", "b"], None)),
        ("500 Internal Server Error", "{}".to_owned()),
    ]);
    let output = otc(&[
        "dcs",
        "list-instances",
        "--all",
        "--page-size",
        "2",
        "--endpoint",
        &url,
    ])
    .output()
    .expect("otc runs");
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(5), "{stderr}");
    assert!(stderr.contains("page 2 failed after 2 item(s)"), "{stderr}");
    assert!(output.stdout.is_empty());
    server.join().expect("the server ends");
}

#[test]
fn body_and_flags_merge_and_flags_win() {
    let (url, server) = serve(vec![(
        "200 OK",
        "{\"vpc\": {\"id\": \"v-1\", \"name\": \"web\"}}".to_owned(),
    )]);
    let output = otc(&[
        "vpc",
        "create-vpc",
        "--body",
        "vpc:\n  name: from-body\n  cidr: 10.0.0.0/16\n",
        "--vpc.name",
        "from-flag",
        "--endpoint",
        &url,
        "-o",
        "table",
    ])
    .output()
    .expect("otc runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let table = text(&output.stdout);
    assert!(table.contains("v-1") && table.contains("web"), "{table}");
    let requests = server.join().expect("the server ends");
    assert!(
        requests[0].ends_with("{\"vpc\":{\"name\":\"from-flag\",\"cidr\":\"10.0.0.0/16\"}}"),
        "{requests:?}"
    );
}

/// What the bash script's call answers for the last of `words` (clap_complete's protocol:
/// the words after `--`, the cursor's word by index, candidates one per line).
fn complete_in_bash(words: &[&str], directory: Option<&std::path::Path>) -> String {
    let mut command = otc(&[]);
    command
        .env("OTC_COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .arg("--")
        .args(words);
    if let Some(directory) = directory {
        command.current_dir(directory);
    }
    let output = command.output().expect("otc runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    text(&output.stdout)
}

#[test]
fn completion_scripts_exist_for_every_shell_and_complete_flags_and_values() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = otc(&["completion", shell]).output().expect("otc runs");
        assert!(output.status.success());
        assert!(text(&output.stdout).contains("OTC_COMPLETE"), "{shell}");
    }
    assert_eq!(
        complete_in_bash(
            &["otc", "ecs", "create-ecs-instances", "--server.nics.2.sub"],
            None
        ),
        "--server.nics.2.subnet-id"
    );
    assert_eq!(
        complete_in_bash(&["otc", "vpc", "list-vpcs", "-o", ""], None),
        "json\nyaml\ntable\nwide\ntsv\ncsv\nvalue\nndjson"
    );
    let folder = std::env::temp_dir().join(format!("otc-completion-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("a folder");
    std::fs::write(
        folder.join("clouds.yaml"),
        "clouds:\n  production:\n    region_name: eu-de\n  staging:\n    region_name: eu-nl\n",
    )
    .expect("written");
    assert_eq!(
        complete_in_bash(&["otc", "--os-cloud", ""], Some(&folder)),
        "production\nstaging"
    );
    std::fs::remove_dir_all(&folder).expect("removed");
}

#[test]
fn wait_for_repeats_a_read_until_its_condition_holds() {
    let (url, server) = serve(vec![
        (
            "200 OK",
            "{\"vpc\": {\"id\": \"v-1\", \"status\": \"CREATING\"}}".to_owned(),
        ),
        (
            "200 OK",
            "{\"vpc\": {\"id\": \"v-1\", \"status\": \"OK\"}}".to_owned(),
        ),
    ]);
    let output = otc(&[
        "vpc",
        "show-vpc",
        "v-1",
        "--wait-for",
        "vpc.status=='OK'",
        "--wait-interval",
        "0",
        "--endpoint",
        &url,
        "--query",
        "vpc.status",
        "-o",
        "value",
    ])
    .output()
    .expect("otc runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), "OK\n");
    assert_eq!(server.join().expect("the server ends").len(), 2);
    let (url, server) = serve(vec![(
        "200 OK",
        "{\"vpc\": {\"status\": \"CREATING\"}}".to_owned(),
    )]);
    let output = otc(&[
        "vpc",
        "show-vpc",
        "v-1",
        "--wait-for",
        "vpc.status=='OK'",
        "--wait-timeout",
        "0",
        "--endpoint",
        &url,
    ])
    .output()
    .expect("otc runs");
    assert_eq!(output.status.code(), Some(7), "{}", text(&output.stderr));
    server.join().expect("the server ends");
}

#[test]
fn api_reaches_any_path_with_the_same_configuration() {
    let (url, server) = serve(vec![(
        "200 OK",
        "{\"versions\": [{\"id\": \"v1\"}]}".to_owned(),
    )]);
    let output = otc(&[
        "api",
        "vpc",
        "GET",
        "/v1/{project_id}/anything?limit=2",
        "--endpoint",
        &url,
        "-o",
        "csv",
    ])
    .output()
    .expect("otc runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), "id\nv1\n");
    let requests = server.join().expect("the server ends");
    assert_eq!(
        requests[0],
        "GET /v1/0123456789abcdef0123456789abcdef/anything?limit=2 HTTP/1.1"
    );
}

#[test]
fn a_multipart_body_sends_its_members_as_parts_and_reads_files() {
    let directory = std::env::temp_dir().join(format!("otc-multipart-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("a folder");
    let chart = directory.join("chart.tgz");
    std::fs::write(&chart, b"chart bytes").expect("the file");
    let output = otc(&[
        "cce",
        "upload-chart",
        "--content",
        &format!("@{}", chart.display()),
        "--parameters",
        r#"{"override":true}"#,
        "--endpoint",
        "http://127.0.0.1:9",
        "--dry-run",
    ])
    .output()
    .expect("otc runs");
    std::fs::remove_dir_all(&directory).expect("clean-up");
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        stdout.contains("content-type: multipart/form-data; boundary="),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "Content-Disposition: form-data; name=\"parameters\"\r\n\r\n{\"override\":true}\r\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("Content-Disposition: form-data; name=\"content\"; filename=\"content\"\r\nContent-Type: application/octet-stream\r\n\r\nchart bytes\r\n"),
        "{stdout}"
    );
    // A member the body has no part for is refused before anything is sent.
    let output = otc(&[
        "cce",
        "upload-chart",
        "--body",
        r#"{"content":"x","unknown":1}"#,
        "--no-validate",
        "--endpoint",
        "http://127.0.0.1:9",
        "--dry-run",
    ])
    .output()
    .expect("otc runs");
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("the body has no part \"unknown\""),
        "{}",
        text(&output.stderr)
    );
}
