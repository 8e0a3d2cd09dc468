//! The scale benchmark of issue 6: ackbox at 1,000,000 items.
//!
//! ```sh
//! cargo bench --bench scale                 # 1,000,000 items (the targets)
//! cargo bench --bench scale -- --n 100000   # a quick run (or ACKBOX_BENCH_N=100000)
//! ```
//!
//! The data is `../shared/bench/gen_corpus.py --seed 42` (canonical JSON
//! Lines and CSV), generated once per size into `target/bench-data/` and
//! reused; `ACKBOX_BENCH_DATA=DIR` points at a directory that already holds
//! `corpus_<N>.jsonl` and `.csv` (`<N>` as digits, or `1m`, `100k`, `10k`).
//! Imports run the release `ackbox` binary as a child process; the TUI runs
//! in this process against a `TestBackend` of 200×60, as the tests drive it,
//! and in a child process of this binary for its memory. It prints one
//! table: each figure, its target, pass or miss, then the date and machine.

use ackbox::config::{Config, Window};
use ackbox::store::Store;
use ackbox::store::query::Filter;
use ackbox::store::view::{Query, Sort};
use ackbox::tui::effects::FakeOs;
use ackbox::tui::{App, view};
use anyhow::{Context, Result, bail};
use chrono::{DateTime, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The terminal size of every TUI measurement.
const SIZE: (u16, u16) = (200, 60);
/// Items in the incremental imports of figure 2.
const INCREMENT: usize = 10_000;
/// The seed of the "new items" corpus (the main corpus uses 42).
const NEW_SEED: u64 = 4242;
/// Words for figure 9: common ones, rare ones, one that is nowhere.
const SEARCH_WORDS: &[&str] = &[
    "keyboard",
    "rust",
    "jalapeño",
    "zürich",
    "한국어",
    "xylophone",
];

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut n: usize = match std::env::var("ACKBOX_BENCH_N") {
        Ok(v) => v.parse().context("ACKBOX_BENCH_N is not a number")?,
        Err(_) => 1_000_000,
    };
    while let Some(a) = args.next() {
        match a.as_str() {
            // `cargo bench` passes this to every bench target.
            "--bench" => {}
            "--n" => {
                n = args
                    .next()
                    .context("--n needs a number")?
                    .replace('_', "")
                    .parse()
                    .context("--n needs a number")?
            }
            s if s.starts_with("--n=") => n = s[4..].replace('_', "").parse()?,
            "--bench-tui-child" => {
                let db = args.next().context("--bench-tui-child needs a database")?;
                return tui_child(Path::new(&db));
            }
            // A diagnostic: which statements an import spends its time in.
            "--profile-import" => {
                let db = args.next().context("--profile-import DB FILE")?;
                let file = args.next().context("--profile-import DB FILE")?;
                return profile_import(Path::new(&db), &file);
            }
            // A diagnostic: each keystroke of figure 5 on a database, and where its time went.
            "--profile-keys" => {
                let db = args.next().context("--profile-keys DB")?;
                for (what, p) in keystroke_parts(Path::new(&db), &Config::default())? {
                    println!(
                        "{what}: key {} draw {} deferred {}",
                        fmt_ms(p.key),
                        fmt_ms(p.draw),
                        fmt_ms(p.deferred)
                    );
                }
                let store = Store::open(Path::new(&db))?;
                println!("{}", detail_profile(&store, &Config::default())?);
                println!("{}", queue_search(&store)?);
                return Ok(());
            }
            // A diagnostic: the statistics' queries, one by one, on a database.
            "--profile-stats" => {
                let db = args.next().context("--profile-stats DB")?;
                let store = Store::open(Path::new(&db))?;
                for w in [
                    Window::Days(7),
                    Window::Days(30),
                    Window::Days(90),
                    Window::All,
                ] {
                    let t = Instant::now();
                    ackbox::stats::report(&store, &Config::default(), w, corpus_end())?;
                    println!("report {w}: {}", fmt_ms(t.elapsed()));
                }
                println!("{}", stats_profile(&store)?);
                return Ok(());
            }
            "-h" | "--help" => {
                println!(
                    "cargo bench --bench scale [-- --n N]   (default 1000000; ACKBOX_BENCH_N, ACKBOX_BENCH_DATA)"
                );
                return Ok(());
            }
            other => bail!("unknown argument {other:?} (try --n 100000)"),
        }
    }
    if n < 20_000 {
        bail!("--n must be at least 20000 (the incremental imports take 10000)");
    }
    Bench::new(n)?.run()
}

/// The corpus end: the "now" of the TUI and the statistics.
fn corpus_end() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
        .single()
        .expect("valid date")
}

fn say(msg: impl AsRef<str>) {
    eprintln!("• {}", msg.as_ref());
}

// ------------------------------------------------------------------ data

struct Corpus {
    jsonl: PathBuf,
    csv: PathBuf,
}

/// A short name for a size: 1m, 100k, 10k (the names people give files).
fn short(n: usize) -> String {
    if n.is_multiple_of(1_000_000) {
        format!("{}m", n / 1_000_000)
    } else if n.is_multiple_of(1000) {
        format!("{}k", n / 1000)
    } else {
        n.to_string()
    }
}

fn human(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

struct Bench {
    n: usize,
    /// The reference size for figure 8 (memory the same at both sizes).
    small: usize,
    dir: PathBuf,
    ackbox: PathBuf,
    generator: PathBuf,
    config: PathBuf,
}

impl Bench {
    fn new(n: usize) -> Result<Bench> {
        let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        // target/<profile>/deps/scale-<hash>: the data lives beside the profiles.
        let target = std::env::current_exe()?
            .ancestors()
            .nth(3)
            .map(Path::to_path_buf)
            .filter(|t| t.join("CACHEDIR.TAG").exists())
            .unwrap_or_else(|| manifest.join("target"));
        let dir = target.join("bench-data");
        std::fs::create_dir_all(&dir)?;
        let config = dir.join("empty-config.toml");
        std::fs::write(&config, "")?;
        Ok(Bench {
            n,
            small: n / 10,
            dir,
            ackbox: PathBuf::from(env!("CARGO_BIN_EXE_ackbox")),
            generator: manifest.join("../shared/bench/gen_corpus.py"),
            config,
        })
    }

    /// The seed-42 corpus of `n` rows: from ACKBOX_BENCH_DATA, the cache,
    /// or generated into the cache.
    fn corpus(&self, n: usize) -> Result<Corpus> {
        let mut dirs = Vec::new();
        if let Some(d) = std::env::var_os("ACKBOX_BENCH_DATA") {
            dirs.push(PathBuf::from(d));
        }
        dirs.push(self.dir.clone());
        for d in &dirs {
            for name in [n.to_string(), short(n)] {
                let c = Corpus {
                    jsonl: d.join(format!("corpus_{name}.jsonl")),
                    csv: d.join(format!("corpus_{name}.csv")),
                };
                if c.jsonl.exists() && c.csv.exists() {
                    return Ok(c);
                }
            }
        }
        let c = Corpus {
            jsonl: self.dir.join(format!("corpus_{n}.jsonl")),
            csv: self.dir.join(format!("corpus_{n}.csv")),
        };
        self.generate(42, n, &c)?;
        Ok(c)
    }

    fn generate(&self, seed: u64, n: usize, c: &Corpus) -> Result<()> {
        say(format!(
            "generating {} rows (seed {seed}) with {}{}",
            human(n),
            self.generator.display(),
            if n >= 500_000 {
                " (about 6 min for 1M; cached afterwards)"
            } else {
                ""
            }
        ));
        if !self.generator.exists() {
            bail!(
                "the generator {} is missing (or set ACKBOX_BENCH_DATA to a directory with corpus_<N>.jsonl/.csv)",
                self.generator.display()
            );
        }
        // Written under temporary names: an interrupted run leaves no half corpus.
        let (tj, tc) = (
            c.jsonl.with_extension("jsonl.part"),
            c.csv.with_extension("csv.part"),
        );
        let status = Command::new("python3")
            .arg(&self.generator)
            .args(["--seed", &seed.to_string(), "--n", &n.to_string()])
            .arg("--jsonl")
            .arg(&tj)
            .arg("--csv")
            .arg(&tc)
            .status()
            .context("cannot run python3")?;
        if !status.success() {
            bail!("gen_corpus.py failed: {status}");
        }
        std::fs::rename(&tj, &c.jsonl)?;
        std::fs::rename(&tc, &c.csv)?;
        Ok(())
    }

    /// The first 10,000 lines of the corpus: items the database already has.
    fn known(&self, c: &Corpus) -> Result<PathBuf> {
        let out = self.dir.join(format!("known_{}_{INCREMENT}.jsonl", self.n));
        if !out.exists() {
            let part = out.with_extension("part");
            let mut w = BufWriter::new(std::fs::File::create(&part)?);
            for line in BufReader::new(std::fs::File::open(&c.jsonl)?)
                .lines()
                .take(INCREMENT)
            {
                writeln!(w, "{}", line?)?;
            }
            w.flush()?;
            std::fs::rename(&part, &out)?;
        }
        Ok(out)
    }

    /// 10,000 items no database of the seed-42 corpus has: a corpus of
    /// another seed, every id (and parent id) given a suffix so that none
    /// collides while replies still find their parents.
    fn new_items(&self) -> Result<PathBuf> {
        let out = self
            .dir
            .join(format!("new_{INCREMENT}_seed{NEW_SEED}.jsonl"));
        if out.exists() {
            return Ok(out);
        }
        let raw = Corpus {
            jsonl: self
                .dir
                .join(format!("raw_{INCREMENT}_seed{NEW_SEED}.jsonl")),
            csv: self.dir.join(format!("raw_{INCREMENT}_seed{NEW_SEED}.csv")),
        };
        if !raw.jsonl.exists() {
            self.generate(NEW_SEED, INCREMENT, &raw)?;
        }
        let part = out.with_extension("part");
        let mut w = BufWriter::new(std::fs::File::create(&part)?);
        for line in BufReader::new(std::fs::File::open(&raw.jsonl)?).lines() {
            let mut v: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&line?)?;
            for key in ["id", "parent_id"] {
                if let Some(serde_json::Value::String(s)) = v.get_mut(key) {
                    s.push_str("-new");
                }
            }
            writeln!(w, "{}", serde_json::Value::Object(v))?;
        }
        w.flush()?;
        std::fs::rename(&part, &out)?;
        Ok(out)
    }

    fn db(&self, n: usize) -> PathBuf {
        self.dir.join(format!("ackbox_{n}.db"))
    }
}

fn remove_db(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let p = PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("cannot remove {}", p.display())),
        }
    }
    Ok(())
}

/// Reads a file through once, so that every contender starts with it in
/// the page cache.
fn warm_file(path: &Path) -> Result<()> {
    std::io::copy(&mut std::fs::File::open(path)?, &mut std::io::sink())?;
    Ok(())
}

// ------------------------------------------------------------------ processes

/// A child process's wall time and peak resident memory.
struct Run {
    wall: Duration,
    /// VmHWM in kB, polled every few milliseconds from /proc while it ran.
    peak_kb: Option<u64>,
    stdout: String,
}

fn vm_hwm_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Runs a command to its end, timing it and polling its peak memory.
fn measure(cmd: &mut Command) -> Result<Run> {
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run {cmd:?}"))?;
    let pid = child.id();
    let done = AtomicBool::new(false);
    let (status, wall, peak, out, err) = std::thread::scope(|s| -> Result<_> {
        let poller = s.spawn(|| {
            let mut peak = None;
            while !done.load(Ordering::Relaxed) {
                if let Some(kb) = vm_hwm_kb(pid) {
                    peak = Some(kb);
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            peak
        });
        let mut stdout = child.stdout.take().context("stdout")?;
        let mut stderr = child.stderr.take().context("stderr")?;
        let err_reader = s.spawn(move || {
            let mut e = String::new();
            std::io::Read::read_to_string(&mut stderr, &mut e).map(|_| e)
        });
        let mut out = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut out)?;
        let status = child.wait()?;
        let wall = start.elapsed();
        done.store(true, Ordering::Relaxed);
        let peak = poller.join().ok().flatten();
        let err = err_reader
            .join()
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default();
        Ok((status, wall, peak, out, err))
    })?;
    if !status.success() {
        bail!("{cmd:?} failed ({status}):\n{out}{err}");
    }
    Ok(Run {
        wall,
        peak_kb: peak,
        stdout: out,
    })
}

// ------------------------------------------------------------------ the TUI

fn key(code: KeyCode) -> KeyEvent {
    let mods = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    KeyEvent::new(code, mods)
}

/// The keystrokes of figures 5 and 8, each with what it exercises.
fn keystrokes() -> Vec<(&'static str, KeyEvent)> {
    let mut keys = Vec::new();
    let mut add = |what: &'static str, codes: &[KeyCode]| {
        keys.extend(codes.iter().map(|c| (what, key(*c))));
    };
    add("move down (j)", &[KeyCode::Char('j'); 30]);
    add("move up (k)", &[KeyCode::Char('k'); 30]);
    add("page down", &[KeyCode::PageDown; 100]);
    add("jump to end (G)", &[KeyCode::Char('G')]);
    add("open detail (Enter)", &[KeyCode::Enter]);
    add("close detail (Esc)", &[KeyCode::Esc]);
    add("search: /", &[KeyCode::Char('/')]);
    let word: Vec<KeyCode> = "keyboard".chars().map(KeyCode::Char).collect();
    add("search: a letter", &word);
    add("search: Esc (cleared)", &[KeyCode::Esc]);
    add(
        "switch view (2 3 4 5 6 1)",
        &"234561".chars().map(KeyCode::Char).collect::<Vec<_>>(),
    );
    add("switch view (Tab)", &[KeyCode::Tab; 6]);
    add("dismiss (d)", &[KeyCode::Char('d')]);
    add("dismiss: pick the reason", &[KeyCode::Enter]);
    add("undo (u)", &[KeyCode::Char('u')]);
    keys
}

type Term = Terminal<TestBackend>;

fn draw(app: &App, term: &mut Term) -> Result<()> {
    term.draw(|f| view::render(f, &app.state))?;
    Ok(())
}

/// One keystroke as the terminal loop handles it: the key, a frame, then
/// the effects that waited for that frame and another frame, until settled.
fn press(app: &mut App, term: &mut Term, k: KeyEvent) -> Result<Duration> {
    Ok(press_parts(app, term, k)?.total())
}

/// Where a keystroke's time went.
#[derive(Clone, Copy, Default)]
struct Parts {
    /// `App::key`: update and the effects run at once (page and detail loads).
    key: Duration,
    /// Drawing frames.
    draw: Duration,
    /// Effects that wait for a frame (counts, statistics, undo).
    deferred: Duration,
}

impl Parts {
    fn total(self) -> Duration {
        self.key + self.draw + self.deferred
    }
    fn add(&mut self, o: Parts) {
        self.key += o.key;
        self.draw += o.draw;
        self.deferred += o.deferred;
    }
}

fn press_parts(app: &mut App, term: &mut Term, k: KeyEvent) -> Result<Parts> {
    let mut p = Parts::default();
    let t = Instant::now();
    app.key(k);
    p.key = t.elapsed();
    let t = Instant::now();
    draw(app, term)?;
    p.draw = t.elapsed();
    loop {
        let t = Instant::now();
        let more = app.run_deferred();
        p.deferred += t.elapsed();
        if !more {
            break;
        }
        let t = Instant::now();
        draw(app, term)?;
        p.draw += t.elapsed();
    }
    // A report the key asked of the statistics' thread counts until it is
    // on screen.
    while app.waiting() {
        let t = Instant::now();
        let arrived = app.receive(Duration::from_millis(100));
        p.deferred += t.elapsed();
        if arrived {
            let t = Instant::now();
            draw(app, term)?;
            p.draw += t.elapsed();
        }
    }
    Ok(p)
}

/// The app on the queue of `store`, as of the corpus end, on a 200×60 screen.
fn open_app<'a>(store: &'a mut Store, config: &'a Config) -> Result<App<'a>> {
    App::new(
        store,
        config,
        Box::new(FakeOs::default()),
        corpus_end(),
        SIZE,
        true,
    )
}

/// A screen for `app`, its first frame drawn and what waited for it run.
fn settled(app: &mut App) -> Result<Term> {
    let mut term = Terminal::new(TestBackend::new(SIZE.0, SIZE.1))?;
    draw(app, &mut term)?;
    while app.run_deferred() {
        draw(app, &mut term)?;
    }
    Ok(term)
}

/// Opens the app on the queue, settles it, then presses every key of
/// `keystrokes`: where each one's time went.
fn keystroke_parts(db: &Path, config: &Config) -> Result<Vec<(&'static str, Parts)>> {
    let mut store = Store::open(db)?;
    let mut app = open_app(&mut store, config)?;
    let mut term = settled(&mut app)?;
    keystrokes()
        .into_iter()
        .map(|(what, k)| Ok((what, press_parts(&mut app, &mut term, k)?)))
        .collect()
}

/// Opens the database, builds the app on the queue and draws the first
/// frame: the total, and the time to open, to build the app and to draw.
fn first_frame(db: &Path, config: &Config) -> Result<(Duration, [Duration; 3])> {
    let t = Instant::now();
    let mut store = Store::open(db)?;
    let open = t.elapsed();
    let app = open_app(&mut store, config)?;
    let built = t.elapsed();
    let mut term = Terminal::new(TestBackend::new(SIZE.0, SIZE.1))?;
    draw(&app, &mut term)?;
    let total = t.elapsed();
    Ok((total, [open, built - open, total - built]))
}

/// The p50 and p99 of keystroke times.
fn key_percentiles(each: &[(&str, Parts)]) -> (Duration, Duration) {
    let mut sorted: Vec<Duration> = each.iter().map(|(_, p)| p.total()).collect();
    sorted.sort();
    (percentile(&sorted, 0.5), percentile(&sorted, 0.99))
}

/// A note: each kind of keystroke, the slowest first (max / mean).
fn slowest_kinds(title: &str, each: &[(&str, Parts)]) -> Result<String> {
    let mut by_kind: Vec<(&str, Duration, Duration, u32)> = Vec::new();
    for (what, p) in each {
        let d = p.total();
        match by_kind.iter_mut().find(|k| k.0 == *what) {
            Some(k) => {
                k.1 = k.1.max(d);
                k.2 += d;
                k.3 += 1;
            }
            None => by_kind.push((what, d, d, 1)),
        }
    }
    by_kind.sort_by_key(|k| std::cmp::Reverse(k.1));
    let mut s = format!("{title}, slowest kind first (max / mean):");
    for (what, max, sum, count) in by_kind {
        write!(s, " {what} {} / {};", fmt_ms(max), fmt_ms(sum / count))?;
    }
    Ok(s)
}

/// Reads the whole file, so that it is in the kernel's page cache.
fn read_through(path: &Path) -> Result<()> {
    std::io::copy(&mut std::fs::File::open(path)?, &mut std::io::sink())?;
    Ok(())
}

/// Drops the kernel's page cache; false without permission.
fn drop_caches() -> bool {
    let synced = Command::new("sync").status().is_ok_and(|s| s.success());
    synced && std::fs::write("/proc/sys/vm/drop_caches", "3\n").is_ok()
}

/// The hidden child mode of figure 8: browse like figure 5, then report
/// this process's peak resident memory.
fn tui_child(db: &Path) -> Result<()> {
    let config = Config::default();
    let mut store = Store::open(db)?;
    let mut app = open_app(&mut store, &config)?;
    let hwm = || vm_hwm_kb(std::process::id()).context("no VmHWM");
    let mut term = settled(&mut app)?;
    // The peak after each kind of keystroke: where the memory grew.
    let mut steps = vec![format!("start {:.0}", mb(hwm()?))];
    let keys = keystrokes();
    for (i, (what, k)) in keys.iter().enumerate() {
        press(&mut app, &mut term, *k)?;
        if keys.get(i + 1).is_none_or(|next| next.0 != *what) {
            steps.push(format!("{what} {:.0}", mb(hwm()?)));
        }
    }
    println!("VmHWM {}", hwm()?);
    println!("steps {}", steps.join(", "));
    Ok(())
}

/// Imports `file` into `db` in this process with statement profiling on
/// and prints the costliest statements (the database is changed).
fn profile_import(db: &Path, file: &str) -> Result<()> {
    let mut store = Store::open(db)?;
    let own = ackbox::config::OwnIdentities::new(&Config::default(), &[]);
    let t = Instant::now();
    let (summary, rows) = store.profiled(|s| {
        ackbox::import::import_path(
            s,
            Path::new(file),
            &own,
            &ackbox::import::Options::default(),
            Utc::now(),
        )
    })?;
    let wall = t.elapsed();
    println!(
        "{} new, {} unchanged in {}",
        summary.counts.new,
        summary.counts.unchanged,
        fmt_ms(wall)
    );
    let total: Duration = rows.iter().map(|r| r.2).sum();
    println!("statements: {} in total", fmt_ms(total));
    for (sql, count, d) in rows.iter().take(30) {
        let sql = sql.split_whitespace().collect::<Vec<_>>().join(" ");
        let cut: String = sql.chars().take(160).collect();
        println!("{:>9} {count:>7}×  {cut}", fmt_ms(*d));
    }
    Ok(())
}

// ------------------------------------------------------------------ figures

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn fmt_ms(d: Duration) -> String {
    let m = ms(d);
    if m >= 10_000.0 {
        format!("{:.1} s", m / 1000.0)
    } else if m >= 100.0 {
        format!("{m:.0} ms")
    } else if m >= 10.0 {
        format!("{m:.1} ms")
    } else {
        format!("{m:.2} ms")
    }
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

/// The median of a few runs after one unmeasured warm-up; also the first (cold) run.
fn timed<T>(runs: usize, mut f: impl FnMut() -> Result<T>) -> Result<(Duration, Duration, T)> {
    let t = Instant::now();
    let mut out = f()?;
    let first = t.elapsed();
    let mut all = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        out = f()?;
        all.push(t.elapsed());
    }
    all.sort();
    Ok((first, all[all.len() / 2], out))
}

/// Nearest-rank-free percentile: linear interpolation, as the statistics do.
fn percentile(sorted: &[Duration], q: f64) -> Duration {
    let ns: Vec<i64> = sorted.iter().map(|d| d.as_nanos() as i64).collect();
    Duration::from_nanos(ackbox::stats::quantile(&ns, q).unwrap_or(0).max(0) as u64)
}

#[derive(Clone, Copy, PartialEq)]
enum Verdict {
    Pass,
    Miss,
    NotMeasured,
}

impl Verdict {
    fn of(ok: bool) -> Verdict {
        if ok { Verdict::Pass } else { Verdict::Miss }
    }
    fn and(self, other: Verdict) -> Verdict {
        match (self, other) {
            (Verdict::NotMeasured, _) | (_, Verdict::NotMeasured) => Verdict::NotMeasured,
            (Verdict::Pass, Verdict::Pass) => Verdict::Pass,
            _ => Verdict::Miss,
        }
    }
    fn word(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Miss => "**miss**",
            Verdict::NotMeasured => "n/a",
        }
    }
}

struct Row {
    num: u8,
    what: &'static str,
    measured: String,
    target: &'static str,
    verdict: Verdict,
}

impl Bench {
    fn run(&self) -> Result<()> {
        let n = self.n;
        let started = Utc::now();
        say(format!(
            "ackbox scale benchmark at {} items (reference {} for memory); data in {}",
            human(n),
            human(self.small),
            self.dir.display()
        ));
        let corpus = self.corpus(n)?;
        let small_corpus = self.corpus(self.small)?;
        let known = self.known(&corpus)?;
        let new = self.new_items()?;
        say(format!("corpus {}", corpus.jsonl.display()));
        let mut rows: Vec<Row> = Vec::new();
        let mut notes: Vec<String> = Vec::new();
        let config = Config::default();

        // 1 and 3: the first import, against sqlite3's .import of the same rows.
        warm_file(&corpus.jsonl)?;
        warm_file(&corpus.csv)?;
        let anchor = self.sqlite3_anchor(&corpus.csv, n);
        let db = self.db(n);
        remove_db(&db)?;
        say(format!(
            "importing {} items into an empty database",
            human(n)
        ));
        let import = self.import(&db, &corpus.jsonl)?;
        notes.push(format!(
            "import summary: {}",
            import
                .stdout
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        ));
        let (measured, verdict) = match &anchor {
            Ok(a) => {
                let ratio = import.wall.as_secs_f64() / a.as_secs_f64();
                (
                    format!(
                        "{} (sqlite3 .import {}; ratio {ratio:.2})",
                        fmt_ms(import.wall),
                        fmt_ms(*a)
                    ),
                    Verdict::of(ratio <= 0.8),
                )
            }
            Err(why) => (
                format!("{} (anchor: {why})", fmt_ms(import.wall)),
                Verdict::NotMeasured,
            ),
        };
        rows.push(Row {
            num: 1,
            what: "first import of the JSONL into an empty database",
            measured,
            target: "≤ 0.8 × sqlite3 .import --csv",
            verdict,
        });
        let peak = import.peak_kb.unwrap_or(0);
        rows.push(Row {
            num: 3,
            what: "peak memory of an import",
            measured: format!("{:.0} MB", mb(peak)),
            target: "≤ 100 MB",
            verdict: Verdict::of(import.peak_kb.is_some() && mb(peak) <= 100.0),
        });

        // 10: the size, right after the import, with the WAL checkpointed.
        let size = db_size(&db)?;
        rows.push(Row {
            num: 10,
            what: "database size (file + WAL after a checkpoint)",
            measured: format!("{:.0} MB", size as f64 / 1e6),
            target: "≤ 600 MB",
            verdict: Verdict::of(size as f64 / 1e6 <= 600.0),
        });

        // 7, 6, 9: store queries, in this process.
        {
            let mut store = Store::open(&db)?;
            let (first, med, count) = timed(5, || store.needs_reply_count())?;
            rows.push(Row {
                num: 7,
                what: "count of items needing a reply",
                measured: format!(
                    "{} (first {}; {} items)",
                    fmt_ms(med),
                    fmt_ms(first),
                    human(count as usize)
                ),
                target: "≤ 20 ms",
                verdict: Verdict::of(ms(med) <= 20.0),
            });

            let mut parts = Vec::new();
            let mut worst = Duration::ZERO;
            for w in [
                Window::Days(7),
                Window::Days(30),
                Window::Days(90),
                Window::All,
            ] {
                let (first, med, _) = timed(3, || {
                    ackbox::stats::report(&store, &config, w, corpus_end())
                })?;
                parts.push(format!("{w} {}", fmt_ms(med)));
                notes.push(format!(
                    "stats {w}: first run {}, median of 3 {}",
                    fmt_ms(first),
                    fmt_ms(med)
                ));
                worst = worst.max(med);
            }
            notes.push(stats_profile(&store)?);
            rows.push(Row {
                num: 6,
                what: "statistics (stats --json / Stats view) per window",
                measured: parts.join(", "),
                target: "≤ 100 ms each",
                verdict: Verdict::of(ms(worst) <= 100.0),
            });

            let fts = has_fts(&db)?;
            let mut parts = Vec::new();
            let mut worst = Duration::ZERO;
            for word in SEARCH_WORDS {
                let q = Query {
                    filter: Filter {
                        search: Some((*word).to_owned()),
                        ..Filter::default()
                    },
                    ..Query::default()
                };
                let (first, med, page) = timed(3, || store.view_page(&q, Sort::NEWEST, None, 50))?;
                parts.push(format!("{word} {}", fmt_ms(med)));
                notes.push(format!(
                    "search {word:?}: {} matches shown, first run {}, median of 3 {}",
                    page.len(),
                    fmt_ms(first),
                    fmt_ms(med)
                ));
                worst = worst.max(med);
            }
            notes.push(queue_search(&store)?);
            let q = Query {
                filter: Filter {
                    search: Some(SEARCH_WORDS[0].to_owned()),
                    ..Filter::default()
                },
                ..Query::default()
            };
            let (_, sql) = store.traced(|s| s.view_page(&q, Sort::NEWEST, None, 50))?;
            for (_, expanded) in sql.iter().filter(|(w, _)| w.contains("LIMIT")) {
                notes.push(format!(
                    "search plan: {} → {}",
                    expanded.split_whitespace().collect::<Vec<_>>().join(" "),
                    store.query_plan(expanded)?.join(" | ")
                ));
            }
            notes.push(detail_profile(&store, &config)?);
            rows.push(Row {
                num: 9,
                what: if fts {
                    "full-text search (FTS5), newest 50 matches"
                } else {
                    "search (LIKE, not FTS5), newest 50 matches"
                },
                measured: parts.join(", "),
                target: "≤ 30 ms",
                verdict: Verdict::of(ms(worst) <= 30.0),
            });
        }

        // 4: start to first frame, warm and cold.
        say("TUI: first frame, warm and cold");
        first_frame(&db, &config)?;
        let (warm, phases) = first_frame(&db, &config)?;
        let phase_note = |what: &str, p: [Duration; 3]| {
            format!(
                "first frame {what}: open the database {}, App::new (first page, platforms) {}, draw {}",
                fmt_ms(p[0]),
                fmt_ms(p[1]),
                fmt_ms(p[2])
            )
        };
        notes.push(phase_note("warm", phases));
        let (cold, cold_text) = if drop_caches() {
            let (c, phases) = first_frame(&db, &config)?;
            notes.push(phase_note("cold", phases));
            (Some(c), format!("cold {}", fmt_ms(c)))
        } else {
            (
                None,
                "cold: not measured (no permission to drop the page cache)".to_owned(),
            )
        };
        rows.push(Row {
            num: 4,
            what: "TUI start to first drawn frame (queue)",
            measured: format!("warm {}, {cold_text}", fmt_ms(warm)),
            target: "≤ 50 ms warm, ≤ 100 ms cold",
            verdict: Verdict::of(ms(warm) <= 50.0)
                .and(cold.map_or(Verdict::NotMeasured, |c| Verdict::of(ms(c) <= 100.0))),
        });

        // 5: work per keystroke, with the file in the kernel's page cache (as
        // after the import, before figure 4 dropped it: a database in daily
        // use), then once more after dropping the cache, shown beside it.
        say("TUI: keystrokes");
        {
            read_through(&db)?;
            let each = keystroke_parts(&db, &config)?;
            let mut parts = Parts::default();
            for (_, p) in &each {
                parts.add(*p);
            }
            notes.push(format!(
                "keystrokes, where the time went: App::key (update, page and detail loads) {}, \
                 drawing {}, effects deferred to after a frame {} (sums over all keys)",
                fmt_ms(parts.key),
                fmt_ms(parts.draw),
                fmt_ms(parts.deferred)
            ));
            let (p50, p99) = key_percentiles(&each);
            let cold = if drop_caches() {
                let cold = keystroke_parts(&db, &config)?;
                notes.push(slowest_kinds(
                    "keystrokes after dropping the page cache",
                    &cold,
                )?);
                let (c50, c99) = key_percentiles(&cold);
                format!(
                    "; cold page cache: p50 {}, p99 {}",
                    fmt_ms(c50),
                    fmt_ms(c99)
                )
            } else {
                String::new()
            };
            rows.push(Row {
                num: 5,
                what: "work per keystroke (key + frames, TestBackend 200×60)",
                measured: format!(
                    "p50 {}, p99 {} ({} keys, warm page cache{cold})",
                    fmt_ms(p50),
                    fmt_ms(p99),
                    each.len()
                ),
                target: "p50 ≤ 2 ms, p99 ≤ 4 ms",
                verdict: Verdict::of(ms(p50) <= 2.0 && ms(p99) <= 4.0),
            });
            notes.push(slowest_kinds("keystrokes", &each)?);
        }

        // 8: memory of the TUI, at this size and a tenth of it.
        let small_db = self.db(self.small);
        remove_db(&small_db)?;
        say(format!(
            "importing {} items for the memory reference",
            human(self.small)
        ));
        self.import(&small_db, &small_corpus.jsonl)?;
        say("TUI memory (child processes)");
        let (big, big_steps) = self.tui_memory(&db)?;
        let (small, small_steps) = self.tui_memory(&small_db)?;
        notes.push(format!(
            "TUI memory, peak MB after each kind of key: at {}: {big_steps}; at {}: {small_steps}",
            short(n),
            short(self.small)
        ));
        let (big_mb, small_mb) = (mb(big), mb(small));
        rows.push(Row {
            num: 8,
            what: "peak memory of the TUI browsing (as in 5)",
            measured: format!(
                "{} {big_mb:.0} MB, {} {small_mb:.0} MB",
                short(n),
                short(self.small)
            ),
            target: "≤ 64 MB, the same at both sizes (within 10 %)",
            verdict: Verdict::of(big_mb <= 64.0 && small_mb <= 64.0 && big_mb <= small_mb * 1.1),
        });

        // 2: incremental imports into the big database (last: they change
        // it). A re-import of known items changes nothing, so it is timed
        // like the other figures, warm (median of 3), and also with the
        // page cache dropped first.
        say("importing 10,000 known and 10,000 new items");
        let known_cold = if drop_caches() {
            Some(self.import(&db, &known)?.wall)
        } else {
            None
        };
        let mut again = (0..3)
            .map(|_| self.import(&db, &known))
            .collect::<Result<Vec<_>>>()?;
        again.sort_by_key(|r| r.wall);
        let again = again.swap_remove(1);
        let fresh = self.import(&db, &new)?;
        notes.push(format!(
            "10k known: {}; 10k new: {}",
            again
                .stdout
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            fresh
                .stdout
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        ));
        let cold = known_cold.map_or_else(
            || " (cold: not measured, no permission to drop the page cache)".to_owned(),
            |c| format!(" (cold page cache: {})", fmt_ms(c)),
        );
        rows.push(Row {
            num: 2,
            what: "import 10,000 new items / re-import 10,000 known ones",
            measured: format!("{} / {}{cold}", fmt_ms(fresh.wall), fmt_ms(again.wall)),
            target: "≤ 500 ms / ≤ 60 ms",
            verdict: Verdict::of(ms(fresh.wall) <= 500.0 && ms(again.wall) <= 60.0),
        });

        rows.sort_by_key(|r| r.num);
        let mut out = String::new();
        writeln!(out, "\nackbox scale benchmark, {} items\n", human(n))?;
        writeln!(out, "| # | figure | measured | target | result |")?;
        writeln!(out, "|---|---|---|---|---|")?;
        for r in &rows {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                r.num,
                r.what,
                r.measured,
                r.target,
                r.verdict.word()
            )?;
        }
        writeln!(out)?;
        writeln!(out, "{}", machine(started))?;
        writeln!(out, "\nnotes:")?;
        for note in &notes {
            writeln!(out, "- {note}")?;
        }
        print!("{out}");
        let saved = self.dir.join(format!("results_{n}.md"));
        std::fs::write(&saved, &out)?;
        say(format!("also written to {}", saved.display()));
        Ok(())
    }

    /// `ackbox import FILE` into `db` in a child process, timed and measured.
    fn import(&self, db: &Path, file: &Path) -> Result<Run> {
        measure(
            Command::new(&self.ackbox)
                .arg("--config")
                .arg(&self.config)
                .arg("--db")
                .arg(db)
                .arg("import")
                .arg(file),
        )
    }

    /// sqlite3's `.import --csv` of the same rows into a table with the
    /// same columns, the unique key and two indexes, timed as a process.
    fn sqlite3_anchor(&self, csv: &Path, n: usize) -> Result<Duration, String> {
        if Command::new("sqlite3")
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .is_err()
        {
            return Err("sqlite3 not found (apt-get install sqlite3)".to_owned());
        }
        say("anchor: sqlite3 .import --csv");
        let db = self.dir.join(format!("anchor_{n}.db"));
        remove_db(&db).map_err(|e| e.to_string())?;
        let schema = "CREATE TABLE t (platform TEXT NOT NULL, id TEXT NOT NULL, parent_id TEXT, \
             thread_id TEXT, thread_title TEXT, thread_url TEXT, author TEXT NOT NULL, \
             author_name TEXT, body TEXT NOT NULL, created_at TEXT NOT NULL, url TEXT, own TEXT, \
             UNIQUE (platform, id)); \
             CREATE INDEX t_created ON t (created_at); CREATE INDEX t_author ON t (author);";
        let run = measure(
            Command::new("sqlite3")
                .arg(&db)
                .arg(schema)
                .arg(format!(".import --csv --skip 1 {} t", csv.display())),
        )
        .map_err(|e| format!("sqlite3 failed: {e:#}"))?;
        let count = Command::new("sqlite3")
            .arg(&db)
            .arg("SELECT COUNT(*) FROM t")
            .output()
            .map_err(|e| e.to_string())?;
        let rows = String::from_utf8_lossy(&count.stdout).trim().to_owned();
        if rows != n.to_string() {
            return Err(format!("sqlite3 imported {rows} rows, not {n}"));
        }
        let _ = remove_db(&db);
        Ok(run.wall)
    }

    /// The TUI child's peak memory in kB, and its peak after each kind of key (MB).
    fn tui_memory(&self, db: &Path) -> Result<(u64, String)> {
        let run = measure(
            Command::new(std::env::current_exe()?)
                .arg("--bench-tui-child")
                .arg(db),
        )?;
        let line = |tag: &str| {
            run.stdout
                .lines()
                .find_map(|l| l.strip_prefix(tag))
                .map(str::trim)
        };
        let kb = line("VmHWM ")
            .and_then(|v| v.parse().ok())
            .with_context(|| format!("the TUI child said {:?}", run.stdout))?;
        Ok((kb, line("steps ").unwrap_or_default().to_owned()))
    }
}

/// The TUI's own search runs in the view it was started from: the queue,
/// best first. Timed for the notes.
fn queue_search(store: &Store) -> Result<String> {
    let mut parts = Vec::new();
    for word in SEARCH_WORDS {
        let q = Query {
            filter: Filter {
                state: Some(ackbox::model::State::NeedsReply),
                search: Some((*word).to_owned()),
                ..Filter::default()
            },
            ..Query::default()
        };
        let (_, med, _) = timed(3, || store.view_page(&q, Sort::BEST, None, 100))?;
        parts.push(format!("{word} {}", fmt_ms(med)));
    }
    Ok(format!(
        "search in the queue view (best first, a page of 100, as the TUI's / does): {}",
        parts.join(", ")
    ))
}

/// Each store query of the statistics for the "all" window, timed alone.
fn stats_profile(store: &Store) -> Result<String> {
    let now = corpus_end();
    let (from, to) = ackbox::stats::window_range(store, Window::All, now)?;
    let (from90, _) = ackbox::stats::window_range(store, Window::Days(90), now)?;
    let mut parts: Vec<(&str, Duration)> = Vec::new();
    let mut time = |what: &'static str, f: &mut dyn FnMut() -> Result<()>| -> Result<()> {
        let t = Instant::now();
        f()?;
        parts.push((what, t.elapsed()));
        Ok(())
    };
    time("time_span", &mut || store.time_span().map(drop))?;
    time("window_counts", &mut || {
        store.window_counts(from, to).map(drop)
    })?;
    time("dismissals", &mut || store.dismissals(from, to).map(drop))?;
    time("reply_times", &mut || store.reply_times(from, to).map(drop))?;
    time("every open item, newest first", &mut || {
        store.open_newest_first(from, to, |_, _| true)
    })?;
    time("oldest open item per platform", &mut || {
        for p in store.platforms()? {
            store.oldest_open(&p, from, to)?;
        }
        Ok(())
    })?;
    time("backlog", &mut || store.backlog(now.timestamp()).map(drop))?;
    time("buckets (weekly)", &mut || {
        let starts = ackbox::stats::bucket_starts(&chrono::Utc, from, to, true);
        store.buckets(from, to, &starts).map(drop)
    })?;
    time("active_people", &mut || {
        store.active_people(from, to, 20).map(drop)
    })?;
    time("active_people (90 days)", &mut || {
        store.active_people(from90, to, 20).map(drop)
    })?;
    time("today", &mut || ackbox::stats::today(store, now).map(drop))?;
    let mut s = String::from("stats all, each store query alone:");
    for (what, d) in parts {
        write!(s, " {what} {};", fmt_ms(d))?;
    }
    Ok(s)
}

/// The detail pane's queries (as effects::LoadDetail runs them) for the
/// first 30 items of the queue: where a move of the cursor spends its time.
fn detail_profile(store: &Store, config: &Config) -> Result<String> {
    let now = corpus_end();
    let queue = Query {
        filter: Filter {
            state: Some(ackbox::model::State::NeedsReply),
            ..Filter::default()
        },
        ..Query::default()
    };
    let items = store.view_page(&queue, Sort::BEST, None, 30)?;
    let mut sums = [Duration::ZERO; 7];
    for it in &items {
        let mut lap = {
            let mut t = Instant::now();
            move || {
                let d = t.elapsed();
                t = Instant::now();
                d
            }
        };
        store.item(it.rid)?;
        sums[0] += lap();
        store.person_tags(&it.platform, &it.author)?;
        sums[1] += lap();
        store.priority(it, now, config.target_secs())?;
        sums[2] += lap();
        store.parent(it)?;
        sums[3] += lap();
        store.exchange(it, 8)?;
        sums[4] += lap();
        store.elsewhere(it, 3)?;
        sums[5] += lap();
        store.person(&it.platform, &it.author)?;
        sums[6] += lap();
    }
    let n = items.len().max(1) as u32;
    let names = [
        "item",
        "person_tags",
        "priority",
        "parent",
        "exchange",
        "elsewhere",
        "person",
    ];
    let mut s = format!(
        "detail pane, mean per item over the first {} of the queue:",
        items.len()
    );
    for (name, sum) in names.iter().zip(sums) {
        write!(s, " {name} {};", fmt_ms(sum / n))?;
    }
    Ok(s)
}

/// File plus WAL, after a checkpoint that empties the WAL.
fn db_size(db: &Path) -> Result<u64> {
    let conn = rusqlite::Connection::open(db)?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    drop(conn);
    let len = |p: PathBuf| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    Ok(len(db.to_path_buf()) + len(PathBuf::from(format!("{}-wal", db.display()))))
}

fn has_fts(db: &Path) -> Result<bool> {
    let conn = rusqlite::Connection::open(db)?;
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM sqlite_schema WHERE sql LIKE '%USING fts5%')",
        [],
        |r| r.get(0),
    )?)
}

/// The date and the machine: cores, CPU model, memory, and the commit.
fn machine(started: DateTime<Utc>) -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map_or_else(|| "unknown CPU".to_owned(), |m| m.trim().to_owned());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let ram_gb = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or_else(
            || "? GB".to_owned(),
            |kb| format!("{:.1} GB", kb / 1024.0 / 1024.0),
        );
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let commit = Command::new("git")
        .args([
            "-C",
            env!("CARGO_MANIFEST_DIR"),
            "describe",
            "--always",
            "--dirty",
        ])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map_or_else(
            || "unknown".to_owned(),
            |o| String::from_utf8_lossy(&o.stdout).trim().to_owned(),
        );
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".to_owned());
    format!(
        "date: {} · machine: {cores} cores (nproc), {model}, {ram_gb} RAM · SQLite {} (bundled) · \
         load average {load} at the end · commit {commit}",
        started.format("%Y-%m-%d %H:%M UTC"),
        rusqlite::version(),
    )
}
