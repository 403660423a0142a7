//! The peak memory of a command and every process it starts, together: what a `cargo build`
//! costs the machine while several `rustc` run at once. GNU time's maximum resident set size is
//! that of the single largest process, so a build with two jobs can take up to twice what it
//! reports; this samples the whole process tree from `/proc` instead (Linux only).

use std::collections::HashMap;
use std::fs;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

/// How often the tree is sampled. A rustc process lives for seconds, so a peak between two
/// samples 50 ms apart is within a few percent of the true one.
const SAMPLE_INTERVAL: Duration = Duration::from_millis(50);

/// What one run of a command cost.
#[derive(Debug)]
pub struct TreeRun {
    pub seconds: f64,
    /// The largest sum of the resident memory of the command and its descendants, in kB.
    pub peak_kilobytes: u64,
}

/// Runs `command` to its end, sampling the summed resident memory of its process tree; fails
/// when the command fails.
pub fn run_sampling_tree_memory(mut command: Command, what: &str) -> anyhow::Result<TreeRun> {
    let started = Instant::now();
    let mut child = command
        .spawn()
        .with_context(|| format!("starting {what}"))?;
    let root_process = child.id();
    let mut peak_kilobytes = 0;
    let status = loop {
        if let Some(status) = child
            .try_wait()
            .with_context(|| format!("waiting for {what}"))?
        {
            break status;
        }
        peak_kilobytes = peak_kilobytes.max(tree_resident_kilobytes(root_process));
        std::thread::sleep(SAMPLE_INTERVAL);
    };
    if !status.success() {
        bail!("{what} failed with {status}");
    }
    Ok(TreeRun {
        seconds: started.elapsed().as_secs_f64(),
        peak_kilobytes,
    })
}

/// The summed resident memory (kB) of `root_process` and every process below it, now.
/// Processes that end while being read are left out.
fn tree_resident_kilobytes(root_process: u32) -> u64 {
    let Ok(entries) = fs::read_dir("/proc") else {
        return 0;
    };
    let mut parent_of: HashMap<u32, u32> = HashMap::new();
    for entry in entries.flatten() {
        let Some(process) = entry
            .file_name()
            .to_str()
            .and_then(|name| name.parse().ok())
        else {
            continue;
        };
        if let Some(parent) = fs::read_to_string(format!("/proc/{process}/stat"))
            .ok()
            .and_then(|stat| parent_process(&stat))
        {
            parent_of.insert(process, parent);
        }
    }
    parent_of
        .keys()
        .filter(|&&process| descends_from(process, root_process, &parent_of))
        .filter_map(|process| {
            fs::read_to_string(format!("/proc/{process}/status"))
                .ok()
                .and_then(|status| resident_kilobytes(&status))
        })
        .sum()
}

/// Whether `process` is `root_process` or below it.
fn descends_from(process: u32, root_process: u32, parent_of: &HashMap<u32, u32>) -> bool {
    let mut current = process;
    // A parent chain is at most as long as the table (no cycles in a real one).
    for _ in 0..=parent_of.len() {
        if current == root_process {
            return true;
        }
        match parent_of.get(&current) {
            Some(&parent) if parent != 0 && parent != current => current = parent,
            _ => return false,
        }
    }
    false
}

/// The parent process of a `/proc/<pid>/stat` line. The command name (second field) is in
/// parentheses and may itself contain spaces and parentheses, so the fields after it are
/// counted from the last `)`: state, then the parent.
fn parent_process(stat: &str) -> Option<u32> {
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(1)?.parse().ok()
}

/// `VmRSS` of a `/proc/<pid>/status` text, in kB (absent for kernel threads).
fn resident_kilobytes(status: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parent_is_read_after_a_command_name_with_spaces_and_parentheses() {
        assert_eq!(
            parent_process("4242 (rustc (a) b) S 4100 4242 4100 0 -1 4194304"),
            Some(4100)
        );
        assert_eq!(parent_process("1 (init) S 0 1 1"), Some(0));
        assert_eq!(parent_process("garbage"), None);
    }

    #[test]
    fn resident_memory_is_read_from_vmrss() {
        let status = "Name:\trustc\nVmPeak:\t  900 kB\nVmRSS:\t  123456 kB\nThreads:\t4\n";
        assert_eq!(resident_kilobytes(status), Some(123_456));
        assert_eq!(resident_kilobytes("Name:\tkthreadd\n"), None);
    }

    #[test]
    fn descendants_are_found_through_their_parents() {
        let parent_of = HashMap::from([(10, 1), (20, 10), (30, 20), (40, 1), (50, 50)]);
        assert!(descends_from(30, 10, &parent_of));
        assert!(descends_from(10, 10, &parent_of));
        assert!(!descends_from(40, 10, &parent_of));
        // A process that names itself as its parent ends the walk.
        assert!(!descends_from(50, 10, &parent_of));
    }

    #[test]
    fn a_command_and_its_children_are_measured_together() {
        let mut command = Command::new("sh");
        command.args(["-c", "sleep 0.3 & sleep 0.3; wait"]);
        let run = run_sampling_tree_memory(command, "sh").expect("sh runs");
        assert!(run.peak_kilobytes > 0, "{run:?}");
        assert!(run.seconds >= 0.3, "{run:?}");
        let mut failing = Command::new("sh");
        failing.args(["-c", "exit 3"]);
        let error = run_sampling_tree_memory(failing, "sh -c 'exit 3'").unwrap_err();
        assert!(
            error.to_string().contains("sh -c 'exit 3' failed"),
            "{error}"
        );
    }
}
