//! The client's own cost per call, for `cargo xtask bench --client`: the CPU time of a generated
//! call (build the request, send it, decode the response enum) against a raw `reqwest` call of
//! the same request on loopback (its URL formatted per call from the same ids), decoded into the
//! same body type, measured side by side in one run.
//!
//! `cargo run --release -p otc-client --example call_overhead -- [--calls N] [--rounds R]`
//! prints one line per round and a summary line,
//! `call-overhead generated_ns=… raw_ns=… overhead_percent=…` (medians of the rounds; the
//! overhead is the median of the rounds' own overheads, the two sides taking turns in blocks of
//! calls within a round).
//!
//! Only the calling thread's CPU time is counted (`/proc/thread-self/schedstat`): the loopback
//! server runs on a thread of its own, so its work is in neither number.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use otc_client::dcs::{self, ShowInstanceRequest, ShowInstanceResponse};
use otc_client::runtime::{Config, RetryPolicy};

/// A 200 body of ShowInstance with the fields a caller reads.
const RESPONSE_BODY: &str = r#"{"instance_id":"5560df16-cebf-4473-95c4-d1b573c16e79","name":"dcs-bench","engine":"Redis","engine_version":"5.0","capacity":2,"status":"RUNNING","ip":"192.168.0.10","port":6379,"vpc_id":"5e37b3be-950a-48e1-b498-65b63d336481","subnet_id":"a4112635-3ec0-471c-95c3-5cf49b9533af","created_at":"2024-01-09T08:14:50.000Z","max_memory":1024,"used_memory":2,"charging_mode":0,"description":"a benchmark instance"}"#;

const PROJECT_ID: &str = "a4d31cb6-3d72-4fdc-8ec9-6e3a41e47f71";
const INSTANCE_ID: &str = "5560df16-cebf-4473-95c4-d1b573c16e79";
const TOKEN: &str = "MIIbenchmarktoken";
/// The calls of one side in a row before the other side's turn.
const BLOCK_CALLS: usize = 50;

/// Serves every request on every connection with the same 200 response, keeping connections
/// alive, until the process ends.
fn serve_forever(listener: TcpListener) {
    for stream in listener.incoming().flatten() {
        std::thread::spawn(move || serve_connection(stream));
    }
}

fn serve_connection(stream: TcpStream) {
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-request-id: bench\r\ncontent-length: {}\r\n\r\n{RESPONSE_BODY}",
        RESPONSE_BODY.len()
    );
    loop {
        let mut content_length = 0usize;
        let mut line = String::new();
        loop {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            if line == "\r\n" {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    content_length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; content_length];
        if reader.read_exact(&mut body).is_err() || writer.write_all(response.as_bytes()).is_err() {
            return;
        }
    }
}

/// The calling thread's CPU time so far, in nanoseconds.
fn thread_cpu_nanoseconds() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse().ok())
        .expect("/proc/thread-self/schedstat (Linux) gives the thread's CPU time")
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn option_value(arguments: &[String], name: &str, default: usize) -> usize {
    arguments
        .iter()
        .position(|argument| argument == name)
        .and_then(|index| arguments.get(index + 1))
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let calls = option_value(&arguments, "--calls", 2000);
    let rounds = option_value(&arguments, "--rounds", 11);
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let base_url = format!("http://{}", listener.local_addr()?);
    std::thread::spawn(move || serve_forever(listener));

    // Both sides send through one reqwest client with the same settings.
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()?;
    let config = Config::builder()
        .project_id(PROJECT_ID)
        .token(TOKEN)
        .endpoint("dcs", base_url.as_str())
        .retry_policy(RetryPolicy::default())
        .build()?;
    let client = dcs::Client::new(&config)?;
    let mut request = ShowInstanceRequest::default();
    request.instance_id = INSTANCE_ID.to_owned();

    let generated_call = || async {
        match client.show_instance(&request).await {
            Ok(ShowInstanceResponse::Ok(body)) => body.capacity.unwrap_or_default(),
            other => panic!("the loopback server answers 200: {other:?}"),
        }
    };
    let raw_call = || async {
        // The URL is built per call, as a caller of reqwest builds it from the call's ids
        // (here without percent-encoding them, which ids like these do not need).
        let url = format!(
            "{base_url}/v2/{PROJECT_ID}/instances/{}",
            request.instance_id
        );
        let response = http
            .get(url)
            .header("X-Auth-Token", TOKEN)
            .header("X-Project-Id", PROJECT_ID)
            .send()
            .await
            .expect("the loopback server answers");
        assert_eq!(response.status(), 200);
        let bytes = response.bytes().await.expect("a body");
        let body: dcs::types::ShowInstanceResponseBody =
            serde_json::from_slice(&bytes).expect("the body decodes");
        body.capacity.unwrap_or_default()
    };

    // Warm up both: connections made, code paged in.
    for _ in 0..200 {
        generated_call().await;
        raw_call().await;
    }
    // Within a round the two sides take turns in blocks of BLOCK_CALLS calls (the first side
    // alternating), so both see the same machine: on a shared machine a round's CPU time per
    // call moves by more than the difference measured. A round's overhead is its generated
    // time over its raw time, and the result is the median of the rounds' overheads.
    let mut generated_per_call = Vec::new();
    let mut raw_per_call = Vec::new();
    let mut overhead_percents = Vec::new();
    for round in 0..rounds {
        let mut generated_nanoseconds = 0;
        let mut raw_nanoseconds = 0;
        for block in 0..calls.div_ceil(BLOCK_CALLS) {
            let block_calls = BLOCK_CALLS.min(calls - block * BLOCK_CALLS);
            let generated_first = block % 2 == 0;
            for generated_turn in [generated_first, !generated_first] {
                let started = thread_cpu_nanoseconds();
                if generated_turn {
                    for _ in 0..block_calls {
                        generated_call().await;
                    }
                    generated_nanoseconds += thread_cpu_nanoseconds() - started;
                } else {
                    for _ in 0..block_calls {
                        raw_call().await;
                    }
                    raw_nanoseconds += thread_cpu_nanoseconds() - started;
                }
            }
        }
        let generated = generated_nanoseconds as f64 / calls as f64;
        let raw = raw_nanoseconds as f64 / calls as f64;
        let overhead_percent = (generated - raw) / raw * 100.0;
        println!(
            "round {round}: generated {generated:.0} ns/call, raw {raw:.0} ns/call, overhead {overhead_percent:+.1}%"
        );
        generated_per_call.push(generated);
        raw_per_call.push(raw);
        overhead_percents.push(overhead_percent);
    }
    let generated = median(&mut generated_per_call);
    let raw = median(&mut raw_per_call);
    let overhead_percent = median(&mut overhead_percents);
    println!(
        "call-overhead generated_ns={generated:.0} raw_ns={raw:.0} overhead_percent={overhead_percent:.1} calls={calls} rounds={rounds}"
    );
    Ok(())
}
