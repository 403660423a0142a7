//! No secret of the configuration (token, password, secret key, security token) and no secret
//! body field ever appears on stdout or stderr, on any path: dry runs of every authentication
//! method, `auth show`, verbose calls, HTTP errors whose body echoes the secret, IAM refusing
//! the password, connection failures. Each run is the real binary with sentinel values in its
//! environment; a local server answers the calls that are sent.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::{Command, Output};
use std::thread;

const SECRET_KEY: &str = "SENTINEL-SECRET-KEY-7f3a9c";
const SECURITY_TOKEN: &str = "SENTINEL-SECURITY-TOKEN-91c2e4";
const TOKEN: &str = "SENTINEL-TOKEN-55d1b0";
const PASSWORD: &str = "SENTINEL-PASSWORD-2b8e6f";
const BODY_SECRET: &str = "SENTINEL-BODY-PASSWORD-0d4c";
const SENTINELS: [&str; 5] = [SECRET_KEY, SECURITY_TOKEN, TOKEN, PASSWORD, BODY_SECRET];

/// The environment of one authentication method, nothing else of the machine's.
fn command(environment: &[(&str, &str)], arguments: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_otc"));
    command.env_clear();
    command.env("HOME", std::env::temp_dir());
    for (name, value) in environment {
        command.env(name, value);
    }
    command.args(arguments);
    command
}

const AKSK: [(&str, &str); 5] = [
    ("OS_ACCESS_KEY", "AKPUBLIC0001"),
    ("OS_SECRET_KEY", SECRET_KEY),
    ("OS_SECURITY_TOKEN", SECURITY_TOKEN),
    ("OS_PROJECT_ID", "0123456789abcdef0123456789abcdef"),
    ("OS_REGION_NAME", "eu-de"),
];
const TOKEN_ENVIRONMENT: [(&str, &str); 3] = [
    ("OS_TOKEN", TOKEN),
    ("OS_PROJECT_ID", "0123456789abcdef0123456789abcdef"),
    ("OS_REGION_NAME", "eu-de"),
];

fn password_environment(auth_url: &str) -> Vec<(&'static str, String)> {
    vec![
        ("OS_USERNAME", "alice".to_owned()),
        ("OS_PASSWORD", PASSWORD.to_owned()),
        (
            "OS_USER_DOMAIN_NAME",
            "OTC-EU-DE-000000000010000000001".to_owned(),
        ),
        ("OS_PROJECT_NAME", "eu-de_project".to_owned()),
        ("OS_AUTH_URL", auth_url.to_owned()),
        ("OS_REGION_NAME", "eu-de".to_owned()),
    ]
}

/// Fails when a sentinel is in the output; returns stdout and stderr.
fn assert_no_secret(what: &str, output: &Output) -> (String, String) {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    for sentinel in SENTINELS {
        assert!(
            !stdout.contains(sentinel),
            "{what}: {sentinel} on stdout:\n{stdout}"
        );
        assert!(
            !stderr.contains(sentinel),
            "{what}: {sentinel} on stderr:\n{stderr}"
        );
    }
    (stdout, stderr)
}

/// A server on a free loopback port that answers each of `responses` once, in order (status
/// line and body), and then stops; returns its URL and the requests it read.
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
            let mut head = String::new();
            let mut content_length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(length) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    content_length = length.trim().parse().unwrap_or(0);
                }
                head.push_str(&line);
            }
            let mut request_body = vec![0; content_length];
            let _ = reader.read_exact(&mut request_body);
            requests.push(format!(
                "{head}\n{}",
                String::from_utf8_lossy(&request_body)
            ));
            let response = format!(
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nx-subject-token: {TOKEN}\r\nconnection: close\r\n\r\n{body}",
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
fn dry_runs_show_no_secret_of_any_authentication_method() {
    let change_password = [
        "dcs",
        "change-password-dcs-instance",
        "i-1",
        "--old-password",
        BODY_SECRET,
        "--new-password",
        BODY_SECRET,
        "--dry-run",
    ];
    let output = command(&AKSK, &change_password).output().expect("otc runs");
    let (stdout, _) = assert_no_secret("AK/SK dry run", &output);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("x-security-token: <redacted>"), "{stdout}");
    assert!(stdout.contains("Signature=<redacted>"), "{stdout}");
    assert!(
        stdout.contains("\"new_password\": \"<redacted>\""),
        "{stdout}"
    );
    for format in ["json", "yaml"] {
        let mut arguments = change_password.to_vec();
        arguments.extend(["-o", format]);
        let output = command(&AKSK, &arguments).output().expect("otc runs");
        assert_no_secret("AK/SK dry run as data", &output);
        assert!(output.status.success());
    }
    let output = command(&TOKEN_ENVIRONMENT, &change_password)
        .output()
        .expect("otc runs");
    let (stdout, _) = assert_no_secret("token dry run", &output);
    assert!(stdout.contains("x-auth-token: <redacted>"), "{stdout}");
    // Password authentication asks IAM for nothing in a dry run: the server would fail the
    // test if anything reached it.
    let environment = password_environment("http://127.0.0.1:9/v3");
    let environment: Vec<(&str, &str)> = environment
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    let output = command(&environment, &change_password)
        .output()
        .expect("otc runs");
    let (stdout, _) = assert_no_secret("password dry run", &output);
    assert!(output.status.success(), "{stdout}");
    assert!(
        stdout.contains("the IAM token, obtained when the request is sent"),
        "{stdout}"
    );
    assert!(
        stdout.contains("/v1.0/{project_id}/instances/i-1/password"),
        "{stdout}"
    );
}

#[test]
fn auth_show_masks_every_secret() {
    let environment = password_environment("https://iam.example.com/v3");
    let password: Vec<(&str, &str)> = environment
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    for (what, environment) in [
        ("AK/SK", &AKSK[..]),
        ("token", &TOKEN_ENVIRONMENT[..]),
        ("password", &password[..]),
    ] {
        for format in ["json", "yaml", "table"] {
            let output = command(environment, &["auth", "show", "-o", format])
                .output()
                .expect("otc runs");
            let (stdout, _) = assert_no_secret(what, &output);
            assert!(output.status.success(), "{what}: {stdout}");
            assert!(stdout.contains("<redacted>"), "{what}: {stdout}");
        }
    }
}

#[test]
fn errors_that_echo_a_secret_are_redacted_on_stderr() {
    // The service refuses and echoes the token and the body's secret in its error body.
    let echo = format!(
        "{{\"error_code\": \"APIGW.0301\", \"error_msg\": \"bad token {TOKEN}, {BODY_SECRET}\"}}"
    );
    let (url, server) = serve(vec![("401 Unauthorized", echo)]);
    let output = command(
        &TOKEN_ENVIRONMENT,
        &[
            "dcs",
            "change-password-dcs-instance",
            "i-1",
            "--old-password",
            BODY_SECRET,
            "--new-password",
            BODY_SECRET,
            "--endpoint",
            &url,
            "--verbose",
        ],
    )
    .output()
    .expect("otc runs");
    let (_, stderr) = assert_no_secret("HTTP error", &output);
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains("APIGW.0301"), "{stderr}");
    let requests = server.join().expect("the server ends");
    // The request did carry the token and the body's secret: only the output hides them.
    assert!(
        requests[0].contains(TOKEN) && requests[0].contains(BODY_SECRET),
        "{requests:?}"
    );

    // IAM refuses the password and echoes it.
    let echo =
        format!("{{\"error\": {{\"code\": 401, \"message\": \"wrong password {PASSWORD}\"}}}}");
    let (url, server) = serve(vec![("401 Unauthorized", echo)]);
    let environment = password_environment(&format!("{url}/v3"));
    let environment: Vec<(&str, &str)> = environment
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    let output = command(
        &environment,
        &["vpc", "list-vpcs", "--endpoint", &url, "--verbose"],
    )
    .output()
    .expect("otc runs");
    let (_, stderr) = assert_no_secret("IAM error", &output);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    server.join().expect("the server ends");

    // A connection that fails, verbose, with AK/SK.
    let output = command(
        &AKSK,
        &[
            "vpc",
            "list-vpcs",
            "--endpoint",
            "http://127.0.0.1:9",
            "--verbose",
        ],
    )
    .output()
    .expect("otc runs");
    let (_, stderr) = assert_no_secret("connection failure", &output);
    assert_eq!(output.status.code(), Some(6), "{stderr}");
}

#[test]
fn a_successful_verbose_call_with_a_password_shows_no_token() {
    // IAM issues the sentinel token (in `X-Subject-Token`), the service echoes it in its body
    // on stdout, which is data the service sent: stderr must still not show it.
    let token_body = "{\"token\": {\"expires_at\": \"2099-01-01T00:00:00.000000Z\", \"project\": {\"id\": \"0123456789abcdef0123456789abcdef\"}}}".to_owned();
    let (url, server) = serve(vec![
        ("201 Created", token_body),
        ("200 OK", "{\"vpcs\": []}".to_owned()),
    ]);
    let environment = password_environment(&format!("{url}/v3"));
    let environment: Vec<(&str, &str)> = environment
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    let output = command(
        &environment,
        &[
            "vpc",
            "list-vpcs",
            "--endpoint",
            &url,
            "--verbose",
            "-o",
            "table",
        ],
    )
    .output()
    .expect("otc runs");
    let (stdout, stderr) = assert_no_secret("password call", &output);
    assert!(output.status.success(), "{stdout}{stderr}");
    let requests = server.join().expect("the server ends");
    assert!(
        requests[1].contains(TOKEN),
        "the service got the token: {requests:?}"
    );
}
