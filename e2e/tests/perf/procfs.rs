//! What Linux's /proc tells about the app's processes: which they are, when they
//! started, how much memory they hold.

use std::path::Path;
use std::time::{Duration, SystemTime};

/// Process ids, for which `keep(pid, comm)` holds.
fn processes(keep: impl Fn(u32, &str) -> bool) -> Vec<u32> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
        let Ok(comm) = std::fs::read_to_string(format!("/proc/{pid}/comm")) else { continue };
        if keep(pid, comm.trim_end()) {
            out.push(pid);
        }
    }
    out
}

/// The app process started with `MABOS_PLANNER_DB=database` (other engineers' apps may
/// run beside it).
pub fn app_process(database: &Path) -> Option<u32> {
    let wanted = format!("MABOS_PLANNER_DB={}", database.display());
    processes(|pid, comm| {
        comm == "mabos-planner"
            && std::fs::read(format!("/proc/{pid}/environ"))
                .map(|env| env.split(|b| *b == 0).any(|var| var == wanted.as_bytes()))
                .unwrap_or(false)
    })
    .into_iter()
    .next()
}

/// The processes below `root` (children, theirs, …) whose name starts with `prefix`.
/// WebKit names its helpers "WebKitWebProces" and "WebKitNetworkPr" (cut to 15 bytes),
/// and may start them through a sandbox launcher.
pub fn descendants(root: u32, prefix: &str) -> Vec<u32> {
    let all = processes(|_, _| true);
    let parent = |pid: u32| stat_field(pid, 4).map(|p| p as u32);
    let below = |mut pid: u32| {
        while let Some(p) = parent(pid).filter(|&p| p > 1) {
            if p == root {
                return true;
            }
            pid = p;
        }
        false
    };
    all.into_iter()
        .filter(|&pid| below(pid))
        .filter(|&pid| std::fs::read_to_string(format!("/proc/{pid}/comm")).is_ok_and(|c| c.starts_with(prefix)))
        .collect()
}

/// Field `n` (1-based, as in proc(5)) of /proc/pid/stat.
fn stat_field(pid: u32, n: usize) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name, field 2, is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    rest.split(' ').nth(n - 3)?.parse().ok()
}

/// When the process started, to 10 ms: its start in clock ticks since boot, against the
/// time since boot now (/proc/uptime; the boot time in /proc/stat has whole seconds only).
pub fn started_at(pid: u32) -> SystemTime {
    let ticks = stat_field(pid, 22).expect("process start time");
    // SAFETY: sysconf has no preconditions.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    let now = SystemTime::now();
    let uptime: f64 = std::fs::read_to_string("/proc/uptime").unwrap().split(' ').next().unwrap().parse().unwrap();
    let age = (uptime - ticks as f64 / per_second).max(0.0);
    now - Duration::from_secs_f64(age)
}

/// Resident and proportional set size, in KiB (PSS shares each shared page among the
/// processes that map it, so PSS figures add up).
pub fn memory(pid: u32) -> (u64, u64) {
    let kib = |file: &str, field: &str| -> u64 {
        std::fs::read_to_string(format!("/proc/{pid}/{file}"))
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix(field))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    (kib("status", "VmRSS:"), kib("smaps_rollup", "Pss:"))
}

/// CPU time the process has used so far (user + system), in seconds.
pub fn cpu_seconds(pid: u32) -> f64 {
    let ticks = stat_field(pid, 14).unwrap_or(0) + stat_field(pid, 15).unwrap_or(0);
    // SAFETY: sysconf has no preconditions.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    ticks as f64 / per_second
}
