//! Running the real `kehoach` binary, from a chosen working folder, with a time limit: a run that hangs (reading a
//! FIFO, `/dev/zero`) fails its test instead of hanging it.

#![allow(
    dead_code,
    reason = "each test crate uses a different part of this helper"
)]

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub status: i32,
    pub out: String,
    pub err: String,
}

impl Run {
    /// Both streams, for assertions about everything shown.
    pub fn all(&self) -> String {
        format!("{}\n{}", self.out, self.err)
    }
}

/// Runs `kehoach ARGS` in `cwd`.
pub fn kehoach(cwd: &Path, args: &[&str]) -> Run {
    run(cwd, env!("CARGO_BIN_EXE_kehoach"), args)
}

/// Runs `PROGRAM PREFIX… kehoach ARGS` in `cwd` (e.g. `setpriv --reuid=… kehoach check`).
pub fn kehoach_through(cwd: &Path, program: &str, prefix: &[&str], args: &[&str]) -> Run {
    let mut all: Vec<&str> = prefix.to_vec();
    all.push(env!("CARGO_BIN_EXE_kehoach"));
    all.extend_from_slice(args);
    run(cwd, program, &all)
}

#[expect(
    clippy::unwrap_used,
    clippy::panic,
    reason = "a test helper: a binary that cannot be started, or that hangs, fails the test"
)]
fn run(cwd: &Path, program: &str, args: &[&str]) -> Run {
    let limit = Duration::from_secs(60);
    let mut child = Command::new(program)
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let drain = |mut stream: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = stream.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`kehoach {}` did not finish in {limit:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        status: status.code().unwrap_or(-1),
        out: out.join().unwrap(),
        err: err.join().unwrap(),
    }
}
