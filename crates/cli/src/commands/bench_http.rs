//! `tsumiki bench-http`: a closed-loop load generator for one HTTP endpoint on loopback.
//!
//! Why our own: the figures in the closing notes must be reproducible on a bare machine from
//! this repository alone, and `wrk`/`oha` are not Debian-installed by CI. Each of N workers
//! keeps one keep-alive HTTP/1.1 connection (hyper's client connection) and sends the next
//! request as soon as the previous answer is read, so the rate is the server's throughput at
//! that concurrency and every latency is one request's full round trip. A warm-up period is run
//! and discarded. With `--server-pid` the server's resident memory is read from `/proc` before
//! the run (idle) and its peak afterwards (`VmHWM`).

use std::process::ExitCode;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt as _, Full};
use hyper::body::Bytes;
use hyper::{Method, Request};
use hyper_util::rt::TokioIo;
use serde_json::json;
use tokio::net::TcpStream;

use crate::cli::BenchHttpArgs;
use crate::error::CliError;

/// What one worker saw during the measured period.
#[derive(Default)]
struct WorkerTally {
    latencies_micros: Vec<u32>,
    errors: u64,
    unexpected_status: u64,
}

pub fn run(args: BenchHttpArgs) -> Result<ExitCode, CliError> {
    let target = Target::parse(&args.url)?;
    let body = match &args.body {
        Some(path) => std::fs::read(path).map_err(|error| {
            CliError::input(
                format!("cannot read {path}: {error}"),
                format!("{path} を読めません: {error}"),
            )
        })?,
        None => Vec::new(),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| CliError::input(error.to_string(), error.to_string()))?;
    let idle_rss = args
        .server_pid
        .and_then(|pid| proc_status_kib(pid, "VmRSS"));
    let concurrency = args.concurrency.max(1);
    let tallies = runtime.block_on(load(
        &target,
        Bytes::from(body),
        concurrency,
        Duration::from_secs_f64(args.warmup.max(0.0)),
        Duration::from_secs_f64(args.seconds.max(0.1)),
        args.expect_status,
    ))?;
    let after_rss = args
        .server_pid
        .and_then(|pid| proc_status_kib(pid, "VmRSS"));
    let peak_rss = args
        .server_pid
        .and_then(|pid| proc_status_kib(pid, "VmHWM"));

    let mut latencies: Vec<u32> = Vec::new();
    let (mut errors, mut unexpected) = (0, 0);
    for tally in tallies {
        latencies.extend(tally.latencies_micros);
        errors += tally.errors;
        unexpected += tally.unexpected_status;
    }
    latencies.sort_unstable();
    let completed = latencies.len();
    let millis = |micros: u32| f64::from(micros) / 1000.0;
    let percentile = |p: f64| -> Option<f64> {
        if latencies.is_empty() {
            return None;
        }
        // Nearest-rank percentile.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let rank = ((p / 100.0) * completed as f64).ceil().max(1.0) as usize;
        latencies.get(rank - 1).copied().map(millis)
    };
    let mean = if completed == 0 {
        None
    } else {
        Some(latencies.iter().map(|&l| f64::from(l)).sum::<f64>() / completed as f64 / 1000.0)
    };
    let report = json!({
        "url": args.url,
        "method": if args.body.is_some() { "POST" } else { "GET" },
        "concurrency": concurrency,
        "seconds": args.seconds,
        "requests": completed,
        "errors": errors,
        "unexpectedStatus": unexpected,
        "requestsPerSecond": completed as f64 / args.seconds.max(0.1),
        "latencyMs": {
            "mean": mean,
            "p50": percentile(50.0),
            "p90": percentile(90.0),
            "p99": percentile(99.0),
            "max": latencies.last().copied().map(millis),
        },
        "serverMemoryKiB": {
            "idleRss": idle_rss,
            "rssAfterLoad": after_rss,
            "peakRss": peak_rss,
        },
    });
    println!("{report}");
    Ok(if errors == 0 && unexpected == 0 && completed > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `http://host:port/path` on loopback; TLS would measure the handshake library, not us.
struct Target {
    address: String,
    host_header: String,
    path: String,
}

impl Target {
    fn parse(url: &str) -> Result<Target, CliError> {
        let rest = url.strip_prefix("http://").ok_or_else(|| {
            CliError::input(
                format!("--url must be an http:// URL, got {url:?}"),
                format!("--url は http:// の URL にしてください（指定: {url:?}）"),
            )
        })?;
        let (authority, path) = match rest.find('/') {
            Some(slash) => rest.split_at(slash),
            None => (rest, "/"),
        };
        if authority.is_empty() {
            return Err(CliError::input(
                format!("--url has no host: {url:?}"),
                format!("--url にホストがありません: {url:?}"),
            ));
        }
        let address = if authority.contains(':') {
            authority.to_owned()
        } else {
            format!("{authority}:80")
        };
        Ok(Target {
            address,
            host_header: authority.to_owned(),
            path: path.to_owned(),
        })
    }
}

async fn load(
    target: &Target,
    body: Bytes,
    concurrency: u32,
    warmup: Duration,
    measured: Duration,
    expect_status: u16,
) -> Result<Vec<WorkerTally>, CliError> {
    let start = Instant::now();
    let measure_from = start + warmup;
    let stop_at = measure_from + measured;
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let address = target.address.clone();
        let host = target.host_header.clone();
        let path = target.path.clone();
        let body = body.clone();
        workers.push(tokio::spawn(async move {
            worker(
                &address,
                &host,
                &path,
                body,
                measure_from,
                stop_at,
                expect_status,
            )
            .await
        }));
    }
    let mut tallies = Vec::new();
    for handle in workers {
        match handle.await {
            Ok(Ok(tally)) => tallies.push(tally),
            Ok(Err(error)) => return Err(error),
            Err(join) => {
                return Err(CliError::input(join.to_string(), join.to_string()));
            }
        }
    }
    Ok(tallies)
}

async fn connect(
    address: &str,
) -> Result<hyper::client::conn::http1::SendRequest<Full<Bytes>>, CliError> {
    let stream = TcpStream::connect(address).await.map_err(|error| {
        CliError::input(
            format!("cannot connect to {address}: {error}"),
            format!("{address} に接続できません: {error}"),
        )
    })?;
    let _ = stream.set_nodelay(true);
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|error| CliError::input(error.to_string(), error.to_string()))?;
    tokio::spawn(connection);
    Ok(sender)
}

async fn worker(
    address: &str,
    host: &str,
    path: &str,
    body: Bytes,
    measure_from: Instant,
    stop_at: Instant,
    expect_status: u16,
) -> Result<WorkerTally, CliError> {
    let mut tally = WorkerTally::default();
    let mut sender = connect(address).await?;
    let method = if body.is_empty() {
        Method::GET
    } else {
        Method::POST
    };
    loop {
        let sent = Instant::now();
        if sent >= stop_at {
            break;
        }
        let request = Request::builder()
            .method(method.clone())
            .uri(path)
            .header(hyper::header::HOST, host)
            .header(hyper::header::CONTENT_TYPE, "application/json")
            .body(Full::new(body.clone()))
            .map_err(|error| CliError::input(error.to_string(), error.to_string()))?;
        let outcome = match sender.send_request(request).await {
            Ok(response) => {
                let status = response.status().as_u16();
                match response.into_body().collect().await {
                    Ok(_) => Ok(status),
                    Err(error) => Err(error.to_string()),
                }
            }
            Err(error) => Err(error.to_string()),
        };
        let elapsed = sent.elapsed();
        let measured = sent >= measure_from;
        match outcome {
            Ok(status) if measured => {
                if status != expect_status {
                    tally.unexpected_status += 1;
                }
                tally
                    .latencies_micros
                    .push(u32::try_from(elapsed.as_micros()).unwrap_or(u32::MAX));
            }
            Ok(_) => {}
            Err(_) => {
                if measured {
                    tally.errors += 1;
                }
                // The server closed the connection: open a new one and go on.
                sender = connect(address).await?;
            }
        }
    }
    Ok(tally)
}

/// A `Vm…:` field of `/proc/PID/status`, in KiB (Linux only; `None` elsewhere).
fn proc_status_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|line| {
        let value = line.strip_prefix(field)?.strip_prefix(':')?;
        value.split_whitespace().next()?.parse().ok()
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_host_port_and_path() {
        let target = Target::parse("http://127.0.0.1:8080/credentials/verify").unwrap();
        assert_eq!(target.address, "127.0.0.1:8080");
        assert_eq!(target.path, "/credentials/verify");
        let bare = Target::parse("http://localhost").unwrap();
        assert_eq!(bare.address, "localhost:80");
        assert_eq!(bare.path, "/");
        assert!(Target::parse("https://127.0.0.1/").is_err());
        assert!(Target::parse("http:///x").is_err());
    }

    #[test]
    fn proc_status_reads_our_own_memory() {
        let rss = proc_status_kib(std::process::id(), "VmRSS");
        assert!(rss.is_some_and(|kib| kib > 0));
        assert_eq!(proc_status_kib(std::process::id(), "NoSuchField"), None);
    }
}
