//! Load generator for `wenshu-lint serve` (used by scripts/bench_serve.sh; never a test).
//!
//!     serve_load ADDR CLIENTS SECONDS FILE...
//!
//! CLIENTS threads, each on its own keep-alive connection, POST the files round-robin to
//! /v1/check for SECONDS; prints one JSON line: requests, errors, throughput, p50/p99 latency.
//! Plain std: raw HTTP/1.1 over TcpStream, so the client costs little CPU next to the server.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn one(
    stream: &mut BufReader<TcpStream>,
    addr: &str,
    name: &str,
    body: &[u8],
) -> std::io::Result<u16> {
    let head = format!(
        "POST /v1/check?name={name} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let s = stream.get_mut();
    s.write_all(head.as_bytes())?;
    s.write_all(body)?;
    let mut line = String::new();
    stream.read_line(&mut line)?;
    let status: u16 = line
        .split(' ')
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut len = 0usize;
    loop {
        line.clear();
        stream.read_line(&mut line)?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            len = v.trim().parse().unwrap_or(0);
        }
    }
    let mut buf = vec![0; len];
    stream.read_exact(&mut buf)?;
    Ok(status)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 4 {
        eprintln!("usage: serve_load ADDR CLIENTS SECONDS FILE...");
        std::process::exit(2);
    }
    let addr = args[0].clone();
    let clients: usize = args[1].parse().unwrap();
    let secs: f64 = args[2].parse().unwrap();
    let files: Vec<(String, Vec<u8>)> = args[3..]
        .iter()
        .map(|p| {
            let name = std::path::Path::new(p)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .replace(' ', "_");
            (name, std::fs::read(p).unwrap())
        })
        .collect();
    let files = std::sync::Arc::new(files);
    let start = Instant::now();
    let end = start + Duration::from_secs_f64(secs);
    let threads: Vec<_> = (0..clients)
        .map(|t| {
            let (files, addr) = (files.clone(), addr.clone());
            std::thread::spawn(move || {
                let mut lat = Vec::new();
                let mut errors = 0u64;
                let mut conn = BufReader::new(TcpStream::connect(&addr).unwrap());
                let _ = conn.get_ref().set_nodelay(true);
                let mut i = t;
                while Instant::now() < end {
                    let (name, body) = &files[i % files.len()];
                    i += 1;
                    let t0 = Instant::now();
                    match one(&mut conn, &addr, name, body) {
                        Ok(200) => lat.push(t0.elapsed().as_secs_f64()),
                        Ok(_) => errors += 1,
                        Err(_) => {
                            errors += 1;
                            conn = BufReader::new(TcpStream::connect(&addr).unwrap());
                        }
                    }
                }
                (lat, errors)
            })
        })
        .collect();
    let mut lat = Vec::new();
    let mut errors = 0;
    for t in threads {
        let (l, e) = t.join().unwrap();
        lat.extend(l);
        errors += e;
    }
    let took = start.elapsed().as_secs_f64();
    lat.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let q = |p: f64| {
        if lat.is_empty() {
            0.0
        } else {
            lat[((lat.len() - 1) as f64 * p).round() as usize] * 1000.0
        }
    };
    println!(
        "{{\"requests\": {}, \"errors\": {errors}, \"seconds\": {took:.3}, \"rps\": {:.1}, \"p50_ms\": {:.3}, \"p99_ms\": {:.3}}}",
        lat.len(),
        lat.len() as f64 / took,
        q(0.5),
        q(0.99)
    );
}
