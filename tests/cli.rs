//! The real binary: exit codes, help, config errors, paths and the demo.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use predicates::prelude::*;

/// The binary with every path pointed into `dir`, never at the user's files.
fn ackbox(dir: &std::path::Path) -> Command {
    Command::from_std(process(dir))
}

/// The same as a process of the standard library, whose output may go
/// anywhere (assert_cmd's is a pipe).
fn process(dir: &std::path::Path) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_ackbox"));
    c.env_remove("ACKBOX_DB")
        .env_remove("ACKBOX_CONFIG")
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("TZ", "UTC");
    c
}

#[test]
fn help_everywhere_and_usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    ackbox(dir.path())
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("import").and(predicate::str::contains("stats")));
    for sub in [
        "import", "list", "replies", "mark", "snooze", "mute", "undo", "stats", "export", "config",
    ] {
        ackbox(dir.path())
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"));
    }
    // Where an export goes, and how it comes back, said where it is asked.
    ackbox(dir.path())
        .args(["export", "--help"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("goes to standard output")
                .and(predicate::str::contains("import backup.jsonl")),
        );
    // `help` takes `--help` too: the help it gives anyway.
    for (args, usage) in [
        (&["help", "--help"][..], "Usage: ackbox [OPTIONS] [COMMAND]"),
        (&["help", "import", "-h"], "Usage: ackbox import"),
    ] {
        let mut cmd = ackbox(dir.path());
        cmd.args(args)
            .assert()
            .success()
            .stdout(predicate::str::contains(usage));
    }
    ackbox(dir.path())
        .args(["help", "nope", "--help"])
        .assert()
        .code(2);
    ackbox(dir.path())
        .args(["list", "--state", "bogus"])
        .assert()
        .code(2);
    ackbox(dir.path())
        .args(["mark", "no-colon", "answered"])
        .assert()
        .code(2);
    ackbox(dir.path()).args(["import"]).assert().code(2);
    ackbox(dir.path())
        .args(["import", "--format", "tiktok", "x.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("wordpress").and(predicate::str::contains("canonical")));
    ackbox(dir.path())
        .args(["mark", "x:1", "answered", "--reason", "spam"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("--reason goes with `dismissed` only")
                .and(predicate::str::contains("Usage: ackbox mark")),
        );
    for (args, says) in [
        (
            &["stats", "--window", "3w"][..],
            "a number of days up to 36500 (e.g. 14d) or all",
        ),
        (
            &["mark", "x:1", "dismissed", "--reason", "muted"],
            "ackbox mute",
        ),
        // A negative count is a bad value, not an unknown option.
        (
            &["list", "--limit", "-1"],
            "invalid value '-1' for '--limit <N>': a whole number, 1 or more",
        ),
        (&["people", "--limit", "x"], "a whole number, 1 or more"),
        // A limit of none would list nothing, and say nothing of it.
        (
            &["list", "--limit", "0"],
            "invalid value '0' for '--limit <N>': a whole number, 1 or more",
        ),
        (
            &["people", "--limit", "0"],
            "invalid value '0' for '--limit <N>': a whole number, 1 or more",
        ),
        (
            &["list", "--limit", "99999999999999999999999"],
            "too large: at most",
        ),
        // A search of only what shows nothing looks for nothing.
        (
            &["list", "--search", "\u{1b}[2J\u{200b}"],
            "the search holds no character that shows",
        ),
        (
            &["list", "--search", "\u{200d}\u{fe0f}\u{2800}"],
            "the search holds no character that shows",
        ),
        // A snooze time that is no time at all.
        (
            &["snooze", "x:1", "yesterday"],
            "\"yesterday\" is not a time",
        ),
        // An item named with a control character names none (cleaned, it
        // would name another).
        (
            &["mark", "p:fi\u{1}re", "answered"],
            "holds a control or invisible character",
        ),
    ] {
        ackbox(dir.path())
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
    // A value with a terminal's escapes (copied out of a comment) is quoted
    // with them escaped: clap would quote a C1 CSI as it is, and drop C0
    // controls.
    for (args, raw, shown) in [
        (
            ["list", "--state", "waiting\u{9b}2J"],
            '\u{9b}',
            "'waiting\\u{9b}2J'",
        ),
        (
            ["list", "--limit", "\u{1b}[2J5\u{7}"],
            '\u{1b}',
            "'\\u{1b}[2J5\\u{7}'",
        ),
    ] {
        let out = ackbox(dir.path())
            .args(args)
            .assert()
            .code(2)
            .get_output()
            .stderr
            .clone();
        let err = String::from_utf8(out).unwrap();
        assert!(!err.contains(raw) && err.contains(shown), "{err}");
    }
}

#[test]
fn errors_exit_1_with_a_message_and_paths_follow_xdg() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("notes.txt");
    std::fs::write(&junk, "just some notes\nnothing to import\n").unwrap();
    ackbox(dir.path())
        .args(["import", junk.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("not a format ackbox knows")
                .and(predicate::str::contains("wordpress, disqus")),
        );
    // Standard input, named twice, would be empty the second time: a
    // usage error, with import's usage line.
    ackbox(dir.path())
        .args(["import", "-", "-"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("named more than once")
                .and(predicate::str::contains("Usage: ackbox import")),
        );
    // The default database lives under $XDG_DATA_HOME/ackbox, made by the
    // first import that works (a quiet day's empty file).
    let default_db = dir.path().join("data/ackbox/ackbox.db");
    assert!(!default_db.exists());
    assert!(
        !dir.path().join("data").exists(),
        "a folder made for nothing"
    );
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    ackbox(dir.path())
        .args(["import", empty.to_str().unwrap()])
        .assert()
        .success();
    assert!(default_db.exists());
    // An empty ACKBOX_DB or ACKBOX_CONFIG is an unset one (as XDG's are):
    // the default database is read, not a usage error given.
    ackbox(dir.path())
        .env("ACKBOX_DB", "")
        .env("ACKBOX_CONFIG", "")
        .arg("list")
        .assert()
        .success();
    ackbox(dir.path())
        .args(["mark", "x:1", "answered"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no item x:1"));
    // A folder given for the database file is called one.
    ackbox(dir.path())
        .args(["--db", dir.path().to_str().unwrap(), "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "is a folder: --db or ACKBOX_DB names the database file",
        ));
    // A file where the database's folder would be is called a file.
    let file = dir.path().join("backups");
    std::fs::write(&file, "").unwrap();
    ackbox(dir.path())
        .args([
            "--db",
            file.join("inbox.db").to_str().unwrap(),
            "import",
            "-",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{} is a file, not a folder",
            file.display()
        )));
    // The demo's temporary folder, where TMPDIR names none.
    ackbox(dir.path())
        .env("TMPDIR", dir.path().join("gone"))
        .args(["--demo", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "cannot make the demo's temporary database in {} (TMPDIR)",
            dir.path().join("gone").display()
        )));
    // A name with a control character in it is named as it is, escaped.
    ackbox(dir.path())
        .args(["--db", "nodb\u{1b}[31m.db", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no database at \"nodb\\u{1b}[31m.db\"",
        ));
    // A pipe is no database either, and nothing is written beside it.
    #[cfg(unix)]
    {
        let fifo = dir.path().join("pipe");
        mkfifo(&fifo);
        for args in [&["list"][..], &["import", "-"]] {
            ackbox(dir.path())
                .args(["--db", fifo.to_str().unwrap()])
                .args(args)
                .write_stdin("")
                .assert()
                .code(1)
                .stderr(predicate::str::contains(
                    "is not a file (a device, a pipe or a socket)",
                ));
        }
        assert!(!dir.path().join("pipe-journal").exists());
    }
    ackbox(dir.path())
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(predicate::str::contains("config/ackbox/config.toml"));
    // ACKBOX_DB overrides it. A command that reads a database does not make
    // one where it finds none (a mistyped name); an import does.
    let other = dir.path().join("sub/other.db");
    // The review piped is the queue's list: it reads one too.
    for args in [&["list"][..], &[]] {
        ackbox(dir.path())
            .env("ACKBOX_DB", &other)
            .args(args)
            .assert()
            .code(1)
            .stderr(
                predicate::str::contains("no database at")
                    .and(predicate::str::contains("other.db")),
            );
    }
    assert!(!dir.path().join("sub").exists());
    // An empty file (`--db notes.txt` by mistake) is no database either, and stays empty.
    let empty = dir.path().join("notes.txt");
    std::fs::write(&empty, "").unwrap();
    for cmd in ["list", "stats"] {
        ackbox(dir.path())
            .env("ACKBOX_DB", &empty)
            .arg(cmd)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "notes.txt (an empty file): import comments first",
            ));
    }
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);
    let one = one_comment(dir.path(), "one.jsonl", "youtube", "c1", "a");
    ackbox(dir.path())
        .env("ACKBOX_DB", &other)
        .args(["import", one.to_str().unwrap()])
        .assert()
        .success();
    ackbox(dir.path())
        .env("ACKBOX_DB", &other)
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("hi"));
    // An empty list says so on stderr, and how to see more; stdout stays a list.
    for (args, said) in [
        (
            vec!["list", "--state", "dismissed"],
            "ackbox: no dismissed items (--state all lists every item)\n",
        ),
        (
            vec!["list", "--state", "all", "--search", "zebra"],
            "ackbox: no items matching \"zebra\"\n",
        ),
        (vec!["list", "--state", "dismissed", "--json"], ""),
    ] {
        ackbox(dir.path())
            .env("ACKBOX_DB", &other)
            .args(args)
            .assert()
            .success()
            .stdout("")
            .stderr(said);
    }
    // A config file named on the command line must exist; the default one may not.
    ackbox(dir.path())
        .args(["--config", "nope.toml", "config", "show"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no config file at nope.toml"));
    ackbox(dir.path())
        .env("ACKBOX_CONFIG", dir.path().join("nope.toml"))
        .arg("stats")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nope.toml"));
    // `config show` reads no database and makes none.
    std::fs::remove_file(dir.path().join("data/ackbox/ackbox.db")).unwrap();
    // The default file is missing: it says so (one in the wrong place is not read).
    ackbox(dir.path())
        .args(["config", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "config.toml, not found: the defaults alone",
        ))
        .stdout(predicate::str::contains("default_window"));
    assert!(!dir.path().join("data/ackbox/ackbox.db").exists());
}

#[test]
fn a_malformed_config_names_the_file_the_line_and_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("ackbox.toml");
    let cases = [
        (
            "default_window = \"30d\"\nreply_target_hours = \"soon\"\n",
            "line 2",
        ),
        (
            "[own]\nmastodon = [\"me@x.social\"]\n\ncolour = true\n",
            "colour",
        ),
        (
            "[business_hours]\ntimezone = \"Mars/Olympus\"\n",
            "Mars/Olympus",
        ),
        (
            "[business_hours]\ntimezone = \"UTC\"\nmonday = \"9 to 5\"\n",
            "line 3",
        ),
        (
            "default_window = \"7d\"\nreply_target_hours = -1\n",
            "line 2: reply_target_hours must be a positive",
        ),
        (
            "reply_target_hours = inf\n",
            "line 1: reply_target_hours must be a positive",
        ),
        (
            "reply_target_hours = 1e300\n",
            "line 1: reply_target_hours must be a positive number of hours, at most 876000",
        ),
        // A table that leaves quit no key: the line is quit's.
        (
            "[keys]\nreply = [\"r\"]\nquit = []\n",
            "line 3: [keys] quit: no key is left to quit with",
        ),
        // One that takes back's key, written in capitals, is found so.
        (
            "[keys]\nquit = [\"q\"]\n\nreply = [\"Esc\"]\n",
            "line 4: [keys] back: no key is left to go back with",
        ),
        // The type expected, in a person's words.
        (
            "reply_target_hours = \"24\"\n",
            "expected a number, such as 24 or 1.5",
        ),
        (
            "[own]\nyoutube = \"@me\"\n",
            "expected a list (an [own] platform's handles: [\"@you\"]",
        ),
        // One table written in double brackets: single ones said.
        ("[[own]]\nyoutube = [\"@me\"]\n", "line 1, column 1"),
        (
            "[[keys]]\nquit = [\"q\"]\n",
            "expected one table (such as [own] or [keys], written in single brackets",
        ),
        // Saved replies written as one table: double brackets said.
        (
            "[templates]\nname = 3\n",
            "each of [[templates]] and [[rules]] is a table of its own, in double brackets",
        ),
        (
            "[[rules]]\nflag = \"bait\"\n\n[[rules]]\nreason = \"spam\"\n",
            "line 4: rules[1]: a rule needs a flag, words or a regex",
        ),
        (
            // A rule dismisses as the user does: "removed" is the import's.
            "[[rules]]\nflag = \"bait\"\nreason = \"removed\"\n",
            "removed is for the items an import finds deleted or removed on the platform",
        ),
        ("default_window = \"fortnight\"\n", "default_window"),
        ("[keys]\ndismiss = [\"ctrl-zz\"]\n", "[keys] dismiss"),
        (
            // The key in its own table, not one of that name before it.
            "[analysis.lexicon.bait_phrases]\nen = [\"follow me\"]\n\n\
             [analysis.lexicon.bait_patterns]\nen = [\"ok\", \"(bad\"]\n",
            "line 5: [analysis]: `lexicon.bait_patterns.en[1]` \"(bad\" is not a valid regex: \
             unclosed group",
        ),
        (
            // An empty key name: the line is the binding's.
            "[keys]\nquit = [\"q\"]\n\ndismiss = [\"\"]\n",
            "line 4: [keys] dismiss: \"\" is not a key",
        ),
        (
            // The line where the key is bound twice; the table misspelled.
            "[keys]\nquit = [\"q\"]\ndismiss = [\"a\"]\nanswered = [\"a\"]\n",
            "line 3: [keys]: \"a\" is bound to both",
        ),
        (
            "default_window = \"7d\"\n\n[analysis.wieghts]\nvip = 5\n",
            "line 3: [analysis]: unknown field `wieghts`",
        ),
        (
            "[keys]\nquit = [\"q\"]\nfly = [\"f\"]\n",
            "line 3: [keys]: \"fly\" is not an action",
        ),
        (
            "[analysis.weights]\ncanned_treshold = 4\n",
            "line 2: [analysis]: unknown field `canned_treshold`",
        ),
        (
            "[analysis.weights]\nloyal_weeks = 2\ncanned_threshold = \"x\"\n",
            "line 3: [analysis]: invalid type: string \"x\", expected a whole number",
        ),
        (
            "[analysis.weights]\nquestion = -5\n",
            "line 2: [analysis]: invalid value: integer `-5`, expected a whole number from 0 to 4294967295",
        ),
        (
            "[[templates]]\nname = \"hi\"\nbody = \"Hi {first_name}!\"\n\n\
             [[templates]]\nname = \"yo\"\nbody = \"\"\"Yo\nHi {frist_name}!\"\"\"\n",
            "line 8: templates[1] \"yo\": {frist_name} is not a placeholder",
        ),
        (
            "[[templates]]\nname = \"hi\"\nbody = \"Hi!\"\n\n[[templates]]\nname = \"\"\nbody = \" \"\n",
            "line 5: templates[1]: its name is empty",
        ),
        // The picker lists them by name.
        (
            "[[templates]]\nname = \"hi\"\nbody = \"Hi!\"\n\n[[templates]]\nname = \"hi \"\nbody = \"Hey!\"\n",
            "line 5: templates[1]: the name \"hi\" is templates[0]'s too",
        ),
        (
            "[business_hours]\ntimezone = \"Europe/Berlin\"\n",
            "line 1: [business_hours]: no day has hours",
        ),
    ];
    for (text, expected) in cases {
        std::fs::write(&cfg, text).unwrap();
        ackbox(dir.path())
            .env("ACKBOX_CONFIG", &cfg)
            .arg("list")
            .assert()
            .code(1)
            .stderr(
                predicate::str::contains(cfg.to_str().unwrap())
                    .and(predicate::str::contains(expected)),
            );
    }
    // `config path` still answers with a broken config.
    ackbox(dir.path())
        .env("ACKBOX_CONFIG", &cfg)
        .args(["config", "path"])
        .assert()
        .success();
    // The shipped example parses, and `config show` prints the effective config.
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/assets/config.toml"),
        &cfg,
    )
    .unwrap();
    ackbox(dir.path())
        .env("ACKBOX_CONFIG", &cfg)
        .args(["config", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ackbox.toml, with the defaults"))
        .stdout(predicate::str::contains("reply_target_hours = 24.0"))
        .stderr("");
    // A key given to one action that leaves another with none is said.
    std::fs::write(&cfg, "[keys]\nreply = [\"d\"]\n").unwrap();
    ackbox(dir.path())
        .env("ACKBOX_CONFIG", &cfg)
        .args(["config", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains("dismiss = []"))
        .stderr(predicate::str::contains(
            "ackbox: note: [keys] left no key to dismiss (its keys went to reply)",
        ));
}

#[test]
fn the_demo_uses_a_fresh_database_and_looks_current() {
    let dir = tempfile::tempdir().unwrap();
    let out = ackbox(dir.path())
        .args(["--demo", "list", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let items: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(items.len() > 80, "the demo queue has {} items", items.len());
    let newest = items
        .iter()
        .filter_map(|v| v["created_at"].as_str())
        .max()
        .unwrap()
        .to_owned();
    let newest = chrono::DateTime::parse_from_rfc3339(&newest).unwrap();
    let age = chrono::Utc::now().signed_duration_since(newest);
    assert!(
        age < chrono::Duration::days(8),
        "the demo looks stale: newest item is {age} old"
    );
    let platforms: std::collections::BTreeSet<_> = items
        .iter()
        .map(|v| v["platform"].as_str().unwrap().to_owned())
        .collect();
    assert!(platforms.len() >= 5, "{platforms:?}");
    // A platform is named in any case, as it is written on the platform.
    let youtube = |name: &str| {
        let out = ackbox(dir.path())
            .args(["--demo", "list", "--platform", name])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap().lines().count()
    };
    assert!(youtube("youtube") > 0);
    assert_eq!(youtube("YouTube"), youtube("youtube"));
    // The user's own database was never created.
    assert!(!dir.path().join("data/ackbox/ackbox.db").exists());
    // Nor the one their environment names: the demo is for them too.
    let theirs = dir.path().join("theirs.db");
    ackbox(dir.path())
        .env("ACKBOX_DB", &theirs)
        .args(["--demo", "list"])
        .assert()
        .success();
    assert!(!theirs.exists());
    // Replies say where they came from, as the README promises.
    ackbox(dir.path())
        .args(["--demo", "replies"])
        .assert()
        .success()
        .stdout(predicate::str::contains("  imported  personal  "));
    ackbox(dir.path())
        .args(["--demo", "stats", "--json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"response_rate\""));
}

/// Ctrl-C or a `kill` during an import: the file being read leaves
/// nothing, and a first import leaves no database (it left an empty one,
/// which the next command took for an empty inbox); the exit status is a
/// death by the signal's. A database that had items keeps them.
#[test]
fn a_signal_stops_an_import_and_keeps_what_was_there() {
    let dir = tempfile::tempdir().unwrap();
    let line = |id: usize| {
        format!(
            "{{\"platform\":\"p\",\"id\":\"{id}\",\"author\":\"a\",\"body\":\"hi\",\"created_at\":\"2026-01-01T00:00:00Z\"}}\n"
        )
    };
    let db = dir.path().join("new.db");
    // Under `nohup` (an ignored SIGHUP stays ignored) or not.
    let signalled = |first: usize, nohup: bool, signal: &str| {
        let ackbox = assert_cmd::cargo::cargo_bin("ackbox");
        let mut command = if nohup {
            let mut c = std::process::Command::new("nohup");
            c.arg(ackbox);
            c
        } else {
            std::process::Command::new(ackbox)
        };
        let mut child = command
            .arg("--db")
            .arg(&db)
            .args(["import", "-"])
            .env("ACKBOX_CONFIG", "")
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut input = child.stdin.take().unwrap();
        use std::io::Write;
        input.write_all(line(first).as_bytes()).unwrap();
        input.flush().unwrap();
        // The database is open (its log beside it, made for a first
        // import): the reading is under way.
        signal_once_made(&child, &dir.path().join("new.db-wal"), signal, 0);
        // More to read (unless the stop came through the read already).
        let _ = input.write_all(line(first + 1).as_bytes());
        drop(input);
        child.wait().unwrap().code()
    };
    assert_eq!(signalled(1, false, "-TERM"), Some(143));
    assert!(!db.exists(), "a first import left a database behind");
    // Into a database with items: they stay, nothing of the file is added.
    ackbox(dir.path())
        .arg("--db")
        .arg(&db)
        .args(["import", "-"])
        .write_stdin(line(0))
        .assert()
        .success();
    let listed = || {
        let out = ackbox(dir.path())
            .arg("--db")
            .arg(&db)
            .args(["list", "--state", "all"])
            .assert()
            .success();
        let mut ids = ids(&String::from_utf8_lossy(&out.get_output().stdout));
        ids.sort();
        ids
    };
    assert_eq!(signalled(1, false, "-TERM"), Some(143));
    assert_eq!(listed(), ["p:0"]);
    assert_eq!(
        signalled(1, true, "-HUP"),
        Some(0),
        "nohup's SIGHUP is ignored"
    );
    assert_eq!(listed(), ["p:0", "p:1", "p:2"]);
}

/// A reader that stops reading (`import A B … | grep -q`) stops the output,
/// not the work: every file is imported, and the command succeeds.
#[test]
fn an_import_whose_output_is_no_longer_read_imports_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<_> = (1..=4)
        .map(|n| {
            one_comment(
                dir.path(),
                &format!("f{n}.jsonl"),
                &format!("p{n}"),
                "1",
                "a",
            )
        })
        .collect();
    for json in [false, true] {
        let db = dir.path().join(format!("{json}.db"));
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ackbox"))
            .arg("--db")
            .arg(&db)
            .arg("import")
            .args(json.then_some("--json"))
            .args(&files)
            .env("ACKBOX_CONFIG", "")
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // The reader is gone before the first line is written.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{out:?}");
        // Only the notes that no account of the owner's is known there.
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            (stderr.lines())
                .all(|l| l.starts_with("ackbox: note: no account of yours is known on p")),
            "{stderr}"
        );
        let listed = ackbox(dir.path())
            .args(["--db", db.to_str().unwrap(), "list", "--state", "all"])
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&listed.stdout).lines().count(), 4);
    }
}

/// Sends `child` the signal `signal` (`-TERM`, …) `settle_ms` after
/// `made` appears (10 s at most).
fn signal_once_made(
    child: &std::process::Child,
    made: &std::path::Path,
    signal: &str,
    settle_ms: u64,
) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !made.exists() {
        assert!(std::time::Instant::now() < deadline, "no database made");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(settle_ms));
    let killed = std::process::Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
}

/// `ackbox --db DIR/new.db import ARGS` reading one record from a pipe
/// left open, its output captured; sent SIGTERM once its database is open.
fn import_stopped_on_a_pipe(
    dir: &std::path::Path,
    args: &[&std::ffi::OsStr],
) -> std::process::Output {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ackbox"))
        .arg("--db")
        .arg(dir.join("new.db"))
        .arg("import")
        .args(args)
        .env("ACKBOX_CONFIG", "")
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    use std::io::Write;
    input
        .write_all(b"{\"platform\":\"p\",\"id\":\"1\",\"author\":\"a\",\"body\":\"hi\",\"created_at\":\"2026-01-01T00:00:00Z\"}\n")
        .unwrap();
    input.flush().unwrap();
    signal_once_made(&child, &dir.join("new.db-wal"), "-TERM", 0);
    // The pipe stays open (a stalled `curl … | ackbox import -`) until
    // ackbox has ended.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while child.try_wait().unwrap().is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "still waiting on the pipe"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    drop(input);
    child.wait_with_output().unwrap()
}

/// A signal stops an import that waits on a pipe giving nothing, the pipe
/// still open; a first import leaves no database.
#[test]
fn a_signal_stops_an_import_waiting_on_a_stalled_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let out = import_stopped_on_a_pipe(dir.path(), &["-".as_ref()]);
    assert_eq!(out.status.code(), Some(143));
    assert!(!dir.path().join("new.db").exists());
}

/// A file `name` in `dir` of one canonical comment, "hi", by `author`.
fn one_comment(
    dir: &std::path::Path,
    name: &str,
    platform: &str,
    id: &str,
    author: &str,
) -> std::path::PathBuf {
    let file = dir.join(name);
    let line = serde_json::json!({
        "platform": platform, "id": id, "author": author, "body": "hi",
        "created_at": "2026-11-20T10:00:00Z",
    });
    std::fs::write(&file, line.to_string()).unwrap();
    file
}

/// Each shell's completion script offers every command (and, where the
/// shell completes values, formats and states);
/// bash's, sourced, completes `ackbox` (and `--demo` or a database does
/// not get in its way).
#[test]
fn completion_scripts_offer_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let commands = [
        "import",
        "list",
        "replies",
        "mark",
        "snooze",
        "mute",
        "unmute",
        "undo",
        "stats",
        "people",
        "person",
        "rules",
        "export",
        "config",
        "completions",
    ];
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = ackbox(dir.path())
            .args(["--demo", "--db", "nowhere/a.db", "completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        // Elvish and PowerShell complete no values.
        let values: &[&str] = match shell {
            "bash" | "zsh" | "fish" => &["hackernews", "needs-reply"],
            _ => &[],
        };
        for word in commands.iter().chain(values) {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    assert!(!dir.path().join("nowhere").exists());
    let script = dir.path().join("ackbox.bash");
    let out = ackbox(dir.path())
        .args(["completions", "bash"])
        .output()
        .unwrap();
    std::fs::write(&script, out.stdout).unwrap();
    let complete = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source {}; COMP_WORDS=(ackbox imp); COMP_CWORD=1; _ackbox ackbox imp ackbox; echo \"${{COMPREPLY[@]}}\"",
            script.display()
        ))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&complete.stdout).trim(), "import");
    // Fish completes positional values too (a state after `mark ITEM`, a
    // shell), which clap_complete's script leaves out; run where fish is.
    let out = ackbox(dir.path())
        .args(["completions", "fish"])
        .output()
        .unwrap();
    let script = dir.path().join("ackbox.fish");
    std::fs::write(&script, &out.stdout).unwrap();
    let fish = String::from_utf8(out.stdout).unwrap();
    assert!(
        fish.contains("\"__ackbox_positional mark 1\" -f -a \"answered dismissed needs-reply\""),
        "{fish}"
    );
    let completes = |line: &str| {
        std::process::Command::new("fish")
            .arg("-c")
            .arg(format!("source {}; complete -C '{line}'", script.display()))
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
    };
    let states = "answered\ndismissed\nneeds-reply\n";
    if let Some(got) = completes("ackbox mark youtube:c1 ") {
        assert_eq!(got, states);
        // In the state's place only: past options and their values, not
        // where the item goes, nor after the state.
        let got = completes("ackbox --db a.db mark --reason spam youtube:c1 ").unwrap();
        assert_eq!(got, states);
        for line in [
            "ackbox --db a.db mark ",
            "ackbox mark youtube:c1 answered ",
            "ackbox help mark youtube:c1 ",
        ] {
            assert!(!completes(line).unwrap().contains("answered"), "{line}");
        }
        let shells = completes("ackbox completions ").unwrap();
        assert!(shells.starts_with("bash\nelvish\nfish\n"), "{shells}");
    }
    ackbox(dir.path())
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values: bash"));
}

/// An import whose summary cannot be written (a full disk under stdout)
/// is committed all the same, and its error says so.
/// `ackbox ARGS` writing its output to a full disk (`/dev/full`).
fn to_a_full_disk(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    process(dir).args(args).stdout(full).output().unwrap()
}

/// A standard output open for reading only (`1<FILE`) is said, not taken
/// for one that took every line.
#[test]
fn a_standard_output_open_for_reading_only_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("read-only.txt");
    std::fs::write(&file, "").unwrap();
    // Help and the version too: what they print is lost as well.
    for args in [
        &["stats", "--json"][..],
        &["--help"],
        &["--version"],
        &["import", "--help"],
    ] {
        let out = process(dir.path())
            .args(args)
            .stdout(std::fs::File::open(&file).unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr)
                .contains("standard output is open for reading only (`1<FILE`?)"),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A note that cannot be written (standard error on a full disk, or its
/// reader gone) fails nothing: the import and the change are made, with
/// success.
#[test]
fn a_note_lost_with_its_standard_error_fails_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // On x, no account of the user's is known: the import notes it.
    let file = one_comment(dir.path(), "one.jsonl", "x", "1", "ann");
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let out = process(dir.path())
        .args(["import", file.to_str().unwrap()])
        .stderr(full())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // A usage error quoting an argument with a control character in it.
    let out = process(dir.path())
        .arg("--bo\u{1b}gus")
        .stderr(full())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    // A platform's typo in the config is noted by every command.
    let config = dir.path().join("typo.toml");
    std::fs::write(&config, "[own]\nredit = [\"me\"]\n").unwrap();
    let out = process(dir.path())
        .args(["--config", config.to_str().unwrap()])
        .args(["mark", "x:1", "answered"])
        .stderr(full())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    ackbox(dir.path())
        .args(["list", "--state", "answered"])
        .assert()
        .success()
        .stdout(predicate::str::contains("x:1"));
}

/// A change whose message cannot be written (a full disk) says it was
/// made all the same: a script must not make it again.
#[test]
fn a_change_whose_message_cannot_be_written_says_it_was_made() {
    let dir = tempfile::tempdir().unwrap();
    let one = one_comment(dir.path(), "one.jsonl", "youtube", "c1", "@ann");
    ackbox(dir.path())
        .args(["import", one.to_str().unwrap()])
        .assert()
        .success();
    for args in [
        &["mark", "youtube:c1", "answered"][..],
        &["undo"],
        &["snooze", "youtube:c1", "3h"],
        &["person", "youtube:@ann", "--vip"],
    ] {
        let out = to_a_full_disk(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("done, but what it did could not be written: No space left"),
            "{args:?}: {err}"
        );
    }
    let listed = ackbox(dir.path())
        .args(["list", "--state", "all", "--json"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&listed.stdout).contains("\"state\":\"snoozed\""));
}

#[test]
fn an_import_whose_summary_cannot_be_written_says_it_was_imported() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.jsonl");
    std::fs::write(
        &file,
        r#"{"platform":"x","id":"1","author":"a","body":"hi","created_at":"2026-11-01T10:00:00Z"}"#,
    )
    .unwrap();
    let db = dir.path().join("a.db");
    let db = db.to_str().unwrap();
    let out = to_a_full_disk(
        dir.path(),
        &["--db", db, "import", file.to_str().unwrap(), "next.jsonl"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "c.jsonl imported, but its summary could not be written, and next.jsonl not imported"
        ),
        "{err}"
    );
    ackbox(dir.path())
        .args(["--db", db, "list", "--state", "all"])
        .assert()
        .success()
        .stdout(predicate::str::contains("x:1"));
}

/// Makes a named pipe at `path`.
fn mkfifo(path: &std::path::Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.unwrap().success(), "mkfifo {}", path.display());
}

/// A named pipe no program writes to yet is waited on as a stalled pipe
/// is: the first signal stops the import (opening it waited, deaf to
/// signals), and a first import leaves no database.
#[test]
fn a_signal_stops_an_import_waiting_for_a_named_pipes_writer() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("comments.jsonl");
    mkfifo(&fifo);
    let db = dir.path().join("new.db");
    let child = process(dir.path())
        .args([
            "--db",
            db.to_str().unwrap(),
            "import",
            fifo.to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Given time to be waiting for the writer once its database is made.
    signal_once_made(&child, &db, "-TERM", 200);
    let mut child = child;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("the signal did not stop the wait for a writer");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(143));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nothing of it imported"), "{err}");
    assert!(!db.exists());
}

/// Stopped by a signal, `import --json` still gives each file its line:
/// the one being read and those not started.
#[test]
fn a_signal_stops_an_import_with_a_json_line_for_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let later = dir.path().join("later.jsonl");
    std::fs::write(&later, "").unwrap();
    let out = import_stopped_on_a_pipe(
        dir.path(),
        &["--json".as_ref(), "-".as_ref(), later.as_os_str()],
    );
    assert_eq!(out.status.code(), Some(143));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // The first one is being read, or about to be (the signal may come first).
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0]["file"], "-");
    let first = lines[0]["error"].as_str().unwrap();
    assert!(
        [
            "interrupted: nothing of it imported",
            "interrupted: not started"
        ]
        .contains(&first),
        "{first}"
    );
    assert_eq!(
        lines[1],
        serde_json::json!({"file": later, "error": "interrupted: not started"})
    );
}

/// Stopped by a signal, a plain import names the files it did not start.
#[test]
fn a_signal_stops_an_import_naming_the_files_not_started() {
    let dir = tempfile::tempdir().unwrap();
    let (later, last) = (dir.path().join("later.jsonl"), dir.path().join("last.csv"));
    std::fs::write(&later, "").unwrap();
    std::fs::write(&last, "").unwrap();
    let out = import_stopped_on_a_pipe(
        dir.path(),
        &["-".as_ref(), later.as_os_str(), last.as_os_str()],
    );
    assert_eq!(out.status.code(), Some(143));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ackbox: interrupted: -: "), "{err}");
    let rest = format!(
        "ackbox: not started: {}, {}\n",
        later.display(),
        last.display()
    );
    assert!(err.contains(&rest), "{err}");
}

/// The `platform:id` of each line `list` printed.
fn ids(listed: &str) -> Vec<String> {
    listed
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect()
}

#[test]
fn a_file_that_fails_leaves_the_others_to_import() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"platform\":\"x\",\"id\":\"1\"}\n").unwrap();
    let good = dir.path().join("good.jsonl");
    std::fs::write(
        &good,
        "{\"platform\":\"x\",\"id\":\"2\",\"author\":\"a\",\"body\":\"hi\",\"created_at\":\"2026-11-01T10:00:00Z\"}\n",
    )
    .unwrap();
    ackbox(dir.path())
        .args(["import", bad.to_str().unwrap(), good.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("good.jsonl (canonical): 1 new"))
        .stderr(
            predicate::str::contains("bad.jsonl:1: created_at: is missing")
                .and(predicate::str::contains(
                    "1 of 2 files not imported (nothing of it was written): ",
                ))
                .and(predicate::str::contains("; the other file is imported")),
        );
    // A dry run says what would be.
    ackbox(dir.path())
        .args([
            "import",
            "--dry-run",
            bad.to_str().unwrap(),
            good.to_str().unwrap(),
        ])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains(
                "1 of 2 files could not be imported (nothing of it was written): ",
            )
            .and(predicate::str::contains(
                "; the other file would be imported",
            )),
        );
    ackbox(dir.path())
        .args(["list", "--json"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("\"id\":\"2\"")
                .and(predicate::str::contains("\"id\":\"1\"").not()),
        );
    // With --json, each file gives a line: its summary or its error.
    let out = ackbox(dir.path())
        .args([
            "import",
            "--json",
            bad.to_str().unwrap(),
            good.to_str().unwrap(),
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0]["error"]
            .as_str()
            .unwrap()
            .contains("bad.jsonl:1: created_at: is missing")
    );
    assert_eq!(lines[1]["unchanged"], 1, "{lines:?}");
}

/// A list's reader that goes away (`| head`) is no error; an export's is: a
/// backup cut short must not pass for one.
#[test]
fn a_reader_that_goes_away_is_an_error_for_an_export_only() {
    let dir = tempfile::tempdir().unwrap();
    let many: String = (0..5000)
        .map(|i| format!("{{\"platform\":\"x\",\"id\":\"{i}\",\"author\":\"a\",\"body\":\"b\",\"created_at\":\"2026-11-01T10:00:00Z\"}}\n"))
        .collect();
    let file = dir.path().join("many.jsonl");
    std::fs::write(&file, many).unwrap();
    ackbox(dir.path())
        .args(["import", file.to_str().unwrap()])
        .assert()
        .success();
    for args in [
        &["list", "--json"][..],
        &["export"][..],
        &["list", "--csv"][..],
        &["export", "--format", "csv"][..],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ackbox"))
            .args(args)
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env_remove("ACKBOX_DB")
            .env_remove("ACKBOX_CONFIG")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Read one line, then hang up, as `| head -1` does.
        let mut first = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(child.stdout.take().unwrap()),
            &mut first,
        )
        .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            first.starts_with('{') || first.starts_with("platform,"),
            "{first}"
        );
        let err = String::from_utf8_lossy(&out.stderr);
        if args[0] == "export" {
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            assert!(
                err.contains(
                    "stopped reading before its end (a closed pipe): what it got is incomplete"
                ),
                "{args:?}: {err}"
            );
        } else {
            assert!(out.status.success(), "{args:?}: {err}");
            assert!(err.is_empty(), "{args:?}: {err}");
        }
    }
}

/// A change made while another process writes (an import) waits for it
/// instead of failing at once; when the wait runs out, the message says
/// what is going on, not SQLite's "database is locked".
#[test]
fn a_change_waits_for_another_writer_and_says_when_it_is_busy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let file = dir.path().join("a.jsonl");
    std::fs::write(
        &file,
        r#"{"platform":"x","id":"1","author":"ann","body":"hi?","created_at":"2026-11-01T10:00:00Z"}"#,
    )
    .unwrap();
    let run = |args: &[&str]| {
        ackbox(dir.path())
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["import", file.to_str().unwrap()]).status.success());
    let writer = rusqlite::Connection::open(&db).unwrap();
    writer
        .execute_batch("BEGIN IMMEDIATE; UPDATE items SET state_at = state_at WHERE id = '1';")
        .unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(400));
        writer.execute_batch("COMMIT").unwrap();
    });
    let out = run(&["mark", "x:1", "dismissed"]);
    release.join().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let writer = rusqlite::Connection::open(&db).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = run(&["mark", "x:1", "needs-reply"]);
    // Worth trying again: its own exit status.
    assert_eq!(out.status.code(), Some(75));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the database is busy: another ackbox is writing"),
        "{err}"
    );
    // In its words only, not SQLite's too.
    assert!(!err.contains("locked"), "{err}");
    // An import says which file it did not import, and why.
    let out = run(&["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(75));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a.jsonl not imported: the database is busy: another ackbox is writing"),
        "{err}"
    );
    // So do several files, all refused as busy; one refused for itself is an error.
    let again = dir.path().join("b.jsonl");
    std::fs::copy(&file, &again).unwrap();
    let out = run(&["import", file.to_str().unwrap(), again.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(75));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("2 of 2 files not imported (nothing of them was written)")
            && err.contains("b.jsonl: the database is busy"),
        "{err}"
    );
    let broken = dir.path().join("c.jsonl");
    std::fs::write(&broken, "{").unwrap();
    let out = run(&["import", file.to_str().unwrap(), broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    // An import's JSON line says it in the same words.
    let out = run(&["import", "--json", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(75));
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        line["error"]
            .as_str()
            .unwrap()
            .contains("the database is busy: another ackbox is writing"),
        "{line}"
    );
}

/// `import --json` writes a line for each file also when the database
/// cannot be opened at all (a folder, another program's file): a script
/// reading it learns why none went in.
#[test]
fn import_json_says_why_when_the_database_cannot_be_opened() {
    let dir = tempfile::tempdir().unwrap();
    let file = one_comment(dir.path(), "a.jsonl", "x", "1", "a");
    let foreign = dir.path().join("other.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE notes (x)")
        .unwrap();
    for (db, why) in [
        (dir.path().to_path_buf(), "is a folder"),
        (foreign, "not an ackbox database"),
    ] {
        let out = ackbox(dir.path())
            .args(["--db", db.to_str().unwrap(), "import", "--json"])
            .args([&file, &file])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let lines: Vec<serde_json::Value> = (String::from_utf8(out.stdout).unwrap().lines())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        for line in &lines {
            assert_eq!(line["file"], file.to_str().unwrap());
            let error = line["error"].as_str().unwrap();
            assert!(
                error.starts_with("not imported: ") && error.contains(why),
                "{line}"
            );
        }
    }
}

/// A platform in `[own]` that no format reads and no item has is most
/// likely a typo: said on stderr, without failing (the canonical format
/// takes any platform, and says nothing once its items are in, nor on the
/// import that brings them). A known platform in other case is the same
/// platform, as identities match it.
#[test]
fn an_own_platform_nothing_knows_is_pointed_out() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("c.toml");
    std::fs::write(
        &cfg,
        "[own]\nmastodn = [\"me\"]\ntiktok = [\"me\"]\nYouTube = [\"@me\"]\n",
    )
    .unwrap();
    let one = one_comment(dir.path(), "one.jsonl", "tiktok", "c1", "a");
    ackbox(dir.path())
        .env("ACKBOX_CONFIG", &cfg)
        .args(["import", one.to_str().unwrap()])
        .assert()
        .success()
        .stderr(
            predicate::str::contains("\"mastodn\"").and(predicate::str::contains("tiktok").not()),
        );
    ackbox(dir.path())
        .env("ACKBOX_CONFIG", &cfg)
        .arg("list")
        .assert()
        .success()
        .stderr(
            predicate::str::contains("\"mastodn\"")
                .and(predicate::str::contains("tiktok").not())
                .and(predicate::str::contains("youtube\"").not())
                .and(predicate::str::contains("YouTube").not()),
        );
    // `config show`, which reads no database, says so of every name no
    // format reads.
    ackbox(dir.path())
        .env("ACKBOX_CONFIG", &cfg)
        .args(["config", "show"])
        .assert()
        .success()
        .stderr(
            predicate::str::contains(
                "[own] names \"mastodn\", a platform no file format reads (fine if your \
                 canonical files name it); a typo?",
            )
            .and(predicate::str::contains("\"tiktok\""))
            .and(predicate::str::contains("YouTube").not()),
        );
    // So are `--own`, a rule's platform and a reply limit's.
    std::fs::write(
        &cfg,
        "[reply_limits]\nmastadon = 5000\n\n[[rules]]\nplatform = \"instagramm\"\nflag = \"bait\"\n",
    )
    .unwrap();
    ackbox(dir.path())
        .env("ACKBOX_CONFIG", &cfg)
        .args(["config", "show"])
        .assert()
        .success()
        .stderr(predicate::str::contains("a rule names \"instagramm\"").and(
            predicate::str::contains("[reply_limits] names \"mastadon\""),
        ));
    ackbox(dir.path())
        .env("ACKBOX_CONFIG", &cfg)
        .args(["import", "--own", "hn:me", one.to_str().unwrap()])
        .assert()
        .success()
        .stderr(
            predicate::str::contains("a rule names \"instagramm\"")
                .and(predicate::str::contains("--own names \"hn\""))
                .and(predicate::str::contains(
                    "[reply_limits] names \"mastadon\"",
                )),
        );
    // Spaces around a value (quoted, pasted) are not part of it.
    ackbox(dir.path())
        .env("ACKBOX_CONFIG", &cfg)
        .args(["import", "--own", " youtube : me ", one.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains("--own names").not());
    // A platform the file being imported brings is no typo, in a dry run
    // (which keeps none of it) too.
    let forum = one_comment(dir.path(), "forum.jsonl", "forum", "f1", "ann");
    ackbox(dir.path())
        .args([
            "import",
            "--dry-run",
            "--own",
            "forum:me",
            forum.to_str().unwrap(),
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("forum\"").not());
    // A typo beside it is still one.
    ackbox(dir.path())
        .args(["import", "--dry-run", "--own", "formu:me"])
        .arg(&forum)
        .assert()
        .success()
        .stderr(predicate::str::contains("--own names \"formu\""));
    ackbox(dir.path())
        .args(["import", "--own", "forum:me", forum.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains("forum").not());
}

/// A Mastodon outbox marks its account the owner's; not named in `[own]`,
/// the import says that its statuses from the API will wait as comments,
/// and the import that then stores one so says it too (once each).
#[test]
fn an_account_an_outbox_marks_yours_is_pointed_out() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = dir.path().join("outbox.json");
    std::fs::write(
        &outbox,
        r#"{"type":"OrderedCollection","orderedItems":[{"type":"Create","actor":"https://coffee.social/users/fernweh","published":"2026-11-01T10:00:00Z","object":{"type":"Note","id":"https://coffee.social/users/fernweh/statuses/1000","published":"2026-11-01T10:00:00Z","content":"<p>New beans today</p>","attributedTo":"https://coffee.social/users/fernweh"}}]}"#,
    )
    .unwrap();
    let status = dir.path().join("mine.json");
    std::fs::write(
        &status,
        r#"[{"id":"1170","created_at":"2026-11-20T14:00:00.000Z","in_reply_to_id":"1105","uri":"https://coffee.social/users/fernweh/statuses/1170","url":"https://coffee.social/@fernweh/1170","content":"<p>Carl, thanks for the link!</p>","account":{"id":"109000000000000001","username":"fernweh","acct":"fernweh","display_name":"Fernweh Coffee","bot":false,"url":"https://coffee.social/@fernweh"},"mentions":[],"media_attachments":[]}]"#,
    )
    .unwrap();
    let import = |file: &std::path::Path| {
        let name = file.file_name().unwrap();
        let mut cmd = ackbox(dir.path());
        cmd.current_dir(dir.path()).arg("import").arg(name);
        cmd.assert().success()
    };
    import(&outbox).stderr(
        "ackbox: note: outbox.json marks mastodon:fernweh@coffee.social yours, an account [own] \
         does not name: its items in other files come in as comments to answer; add it to [own] \
         in the config (`ackbox config path`), or import those with --own \
         mastodon:fernweh@coffee.social\n",
    );
    import(&outbox).stderr("");
    import(&status).stderr(
        "ackbox: note: 1 item by mastodon:fernweh@coffee.social, marked yours by a file imported \
         before, is stored as a comment to answer: import the files again with --own \
         mastodon:fernweh@coffee.social, or add it to [own] in the config\n",
    );
    ackbox(dir.path())
        .args(["import", "--own", "mastodon:fernweh@coffee.social"])
        .arg(&status)
        .assert()
        .success()
        .stderr("")
        .stdout(predicates::str::contains("0 items need a reply"));
}

/// An identity given with `--own` once and not the next time: that import
/// says its replies came in as comments to answer, and how to mend it; told
/// again, they are replies and it says no more.
#[test]
fn an_own_identity_not_given_again_is_pointed_out() {
    let dir = tempfile::tempdir().unwrap();
    let mine = |name: &str, id: &str| one_comment(dir.path(), name, "forum", id, "Me");
    let first = mine("a.jsonl", "1");
    let second = mine("b.jsonl", "2");
    let import = |file: &std::path::Path, own: bool| {
        let mut cmd = ackbox(dir.path());
        cmd.arg("import").arg(file);
        if own {
            cmd.args(["--own", "forum:me"]);
        }
        cmd.assert().success()
    };
    import(&first, true).stderr("");
    import(&second, false).stderr(
        "ackbox: note: 1 item by forum:me, given as yours with --own before, is stored as a \
         comment to answer: import the files again with --own forum:me, or add it to [own] in \
         the config\n",
    );
    import(&second, true).stderr("");
    import(&second, false).stderr("");
    // Hacker News tells `Founder` from `founder`: nothing by the one given
    // (which is said as a likely typo, not as an identity given before).
    let hn = one_comment(dir.path(), "hn.jsonl", "hackernews", "h1", "founder");
    for (own, said) in [
        (
            &["--own", "hackernews:Founder"][..],
            "ackbox: note: no item on hackernews is by Founder, named yours, but founder wrote 1 \
             item: if that is you, correct the name in [own] (`ackbox config path`) or --own and \
             import again\n",
        ),
        (&[], ""),
    ] {
        let mut cmd = ackbox(dir.path());
        cmd.arg("import")
            .arg(&hn)
            .args(own)
            .assert()
            .success()
            .stderr(said);
    }
}

/// An identity given with `--own` that a file names by the account's login,
/// not as the author shown (a WordPress user's display name): the next
/// import not told counts that user's replies by their login, and says so.
#[test]
fn an_own_login_not_given_again_is_pointed_out() {
    let dir = tempfile::tempdir().unwrap();
    let day = |n: u32| {
        let wxr = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Fernweh</title>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[fernadmin]]></wp:author_login><wp:author_display_name><![CDATA[Fern]]></wp:author_display_name></wp:author>
<item><title>V60</title><link>https://fernweh.example/v60/</link><wp:post_id>42</wp:post_id>
<wp:comment><wp:comment_id>{n}1</wp:comment_id><wp:comment_author><![CDATA[Anna]]></wp:comment_author><wp:comment_date_gmt>2026-11-{n:02} 12:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[Which grind size?]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>
<wp:comment><wp:comment_id>{n}2</wp:comment_id><wp:comment_author><![CDATA[Fern]]></wp:comment_author><wp:comment_date_gmt>2026-11-{n:02} 14:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[Anna, a bit coarser.]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>{n}1</wp:comment_parent><wp:comment_user_id>1</wp:comment_user_id></wp:comment>
</item></channel></rss>"#
        );
        let path = dir.path().join(format!("day{n}.xml"));
        std::fs::write(&path, wxr).unwrap();
        path
    };
    let mut cmd = ackbox(dir.path());
    cmd.arg("import")
        .arg(day(1))
        .args(["--own", "wordpress:fernadmin"]);
    cmd.assert().success().stderr("");
    ackbox(dir.path())
        .arg("import")
        .arg(day(2))
        .assert()
        .success()
        .stderr(predicate::str::starts_with(
            "ackbox: note: 1 item by wordpress:fernadmin, given as yours with --own before, is \
             stored as a comment to answer",
        ));
    // A dry run says what its import would store.
    let mut cmd = ackbox(dir.path());
    cmd.args(["import", "--dry-run"]).arg(day(3));
    cmd.assert().success().stderr(predicate::str::starts_with(
        "ackbox: note: 1 item by wordpress:fernadmin, given as yours with --own before, would be \
         stored as a comment to answer",
    ));
    // A guest who typed the owner's login as their name is not the owner.
    let guest = day(4).to_str().unwrap().to_owned();
    let typed = std::fs::read_to_string(&guest)
        .unwrap()
        .replace("[CDATA[Fern]]", "[CDATA[fernadmin]]")
        .replace("<wp:comment_user_id>1<", "<wp:comment_user_id>0<");
    std::fs::write(&guest, typed).unwrap();
    let mut cmd = ackbox(dir.path());
    cmd.arg("import").arg(&guest).assert().success().stderr("");
}

#[test]
fn the_command_line_words_its_answers_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("one.jsonl");
    std::fs::write(
        &file,
        r#"{"platform":"youtube","id":"c1","author":"@ines","body":"When is the next\nvideo about grinders coming out?","created_at":"2026-11-20T10:00:00Z"}"#,
    )
    .unwrap();
    ackbox(dir.path())
        .args(["import", file.to_str().unwrap()])
        .assert()
        .success();
    // One item: singular.
    ackbox(dir.path())
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Today: 0 answered, 0 dismissed, 1 still needs a reply\n",
        ));
    // Times on the command line are RFC 3339 in UTC.
    let snoozed = ackbox(dir.path())
        .args(["snooze", "youtube:c1", "2099-01-02T03:04:05+02:00"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(snoozed).unwrap(),
        "youtube:c1: snoozed until 2099-01-02T01:04:05Z\n"
    );
    // A time of several words needs no quotes; months among other units
    // are refused as a usage error.
    ackbox(dir.path())
        .args(["snooze", "youtube:c1", "2099-01-02", "03:04"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "youtube:c1: snoozed until 2099-01-02T",
        ));
    ackbox(dir.path()).arg("undo").assert().success();
    ackbox(dir.path())
        .args(["snooze", "youtube:c1", "1month", "2d"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "months and years are counted on the calendar",
        ));
    ackbox(dir.path())
        .args(["snooze", "youtube:c1", "2099-01-02T03:04:05+02:00"])
        .assert()
        .success();
    // The same snooze again records nothing (one undo takes the first
    // back), and says so.
    ackbox(dir.path())
        .args(["snooze", "youtube:c1", "2099-01-02T01:04:05Z"])
        .assert()
        .success()
        .stdout("youtube:c1: already snoozed until 2099-01-02T01:04:05Z, nothing changed\n");
    // Undoing one item's change names it.
    ackbox(dir.path())
        .arg("undo")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "undone: snoozed (youtube:c1 \"When is the next video about grinders c…\") from ",
        ));
    // The reasons offered are the ones one can give.
    let reasons = "bait, spam, emoji-only, handled-elsewhere, off-topic, other";
    ackbox(dir.path())
        .args(["mark", "youtube:c1", "dismissed", "--reason", "bogus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "is not one of: {reasons}\n"
        )));
    ackbox(dir.path())
        .args(["mark", "--help"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("handled-elsewhere")
                .and(predicate::str::contains("muted").not()),
        );
    // A platform with no items is most likely a typo: said on stderr.
    for cmd in ["list", "people"] {
        ackbox(dir.path())
            .args([cmd, "--platform", "nosuch"])
            .assert()
            .success()
            .stdout("")
            .stderr("ackbox: no items from nosuch; it has items from youtube\n");
        // One with a control character is named as typed, escaped.
        ackbox(dir.path())
            .args([cmd, "--platform", "you\u{1b}tube"])
            .assert()
            .success()
            .stderr("ackbox: no items from \"you\\u{1b}tube\"; it has items from youtube\n");
        for known in ["youtube", "YouTube"] {
            ackbox(dir.path())
                .args([cmd, "--platform", known])
                .assert()
                .success()
                .stdout(predicate::str::is_empty().not())
                .stderr("");
        }
        // A limit past SQLite's integers is no limit.
        ackbox(dir.path())
            .args([cmd, "--limit", "9223372036854775808"])
            .assert()
            .success()
            .stdout(predicate::str::is_empty().not());
    }
}

#[test]
fn the_summary_quotes_nothing_from_a_file_that_could_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    // A WordPress comment type the reader does not know is skipped, by name.
    let export = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/wordpress/export-part1.xml"
    ))
    .unwrap()
    .replace(
        "<![CDATA[pingback]]>",
        "<![CDATA[\u{1b}]0;PWNED\u{7}\u{1b}[2Jpingback\u{202e}]]>",
    );
    let file = dir.path().join("evil\u{1b}]0;pwned\u{7}\u{1b}[31m.xml");
    std::fs::write(&file, export).unwrap();
    for json in [false, true] {
        let mut cmd = ackbox(dir.path());
        cmd.arg("import");
        if json {
            cmd.arg("--json");
        }
        let out = cmd.arg(&file).assert().success().get_output().clone();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.contains("evil"), "{stdout}");
        assert!(stdout.contains("pingback"), "{stdout}");
        assert!(
            !stdout.contains(['\u{1b}', '\u{7}', '\u{202e}']),
            "{stdout:?}"
        );
        if json {
            // The file as given, escaped, for a script to match.
            let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            assert_eq!(v["file"].as_str(), file.to_str(), "{stdout}");
            assert!(!v["skipped"].to_string().contains("u001b"), "{stdout}");
        } else {
            assert!(!stdout.contains("\\u001b"), "{stdout:?}");
        }
    }
}

#[test]
fn a_file_name_that_would_break_the_line_is_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let item = r#"{"platform":"youtube","id":"c1","author":"@joe","body":"hi","created_at":"2026-01-01T00:00:00Z"}"#;
    let good = dir.path().join("two\rlines.jsonl");
    std::fs::write(&good, format!("{item}\n")).unwrap();
    let out = ackbox(dir.path())
        .arg("import")
        .arg(&good)
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout:?}");
    assert!(stdout.starts_with('"'), "{stdout:?}");
    assert!(
        stdout.contains(r#"/two\rlines.jsonl" (canonical): 1 new"#),
        "{stdout:?}"
    );

    // What an import of `files` that fails says.
    let fails = |files: &[&std::path::Path]| {
        let out = ackbox(dir.path())
            .arg("import")
            .args(files)
            .assert()
            .failure();
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    };
    let bad = dir.path().join("bad\nname.jsonl");
    std::fs::write(&bad, "{\"platform\":\n").unwrap();
    let stderr = fails(&[&bad]);
    assert!(stderr.contains(r#"/bad\nname.jsonl":1:"#), "{stderr:?}");
    // With others, and named in the closing count; a missing one alike.
    let missing = dir.path().join("gone\n.jsonl");
    let stderr = fails(&[&bad, &missing, &good]);
    assert!(
        stderr.contains(r#"cannot open "/"#) && stderr.contains(r#"/gone\n.jsonl""#),
        "{stderr:?}"
    );
    assert!(
        stderr.contains("2 of 3 files not imported") && stderr.contains(r#"/bad\nname.jsonl""#),
        "{stderr:?}"
    );
    assert_eq!(stderr.lines().count(), 3, "{stderr:?}");
    // A file no format reads, alike.
    let junk = dir.path().join("junk\nfile.txt");
    std::fs::write(&junk, "just notes\n").unwrap();
    let stderr = fails(&[&junk]);
    assert!(
        stderr.contains(r#"/junk\nfile.txt": not a format ackbox knows"#),
        "{stderr:?}"
    );
}

#[test]
fn people_line_up_whatever_their_names_are_written_in() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wide.jsonl");
    let long = format!("@{}", "long".repeat(30));
    let lines: String = ["@plainname", "@宮崎はやお", "@emoji😀😀😀", &long]
        .iter()
        .enumerate()
        .map(|(i, who)| {
            format!(
                "{{\"platform\":\"youtube\",\"id\":\"c{i}\",\"author\":\"{who}\",\"body\":\"hi\",\"created_at\":\"2026-11-20T10:00:00Z\"}}\n"
            )
        })
        .collect();
    std::fs::write(&file, lines).unwrap();
    ackbox(dir.path())
        .args(["import", file.to_str().unwrap()])
        .assert()
        .success();
    // At most 48 columns of names, then the count right-aligned in 4 (in
    // the statistics, under a heading: 2 columns in). A longer name is
    // whole (it is pasted into `ackbox person`), pushing its own row only.
    for (args, marker, widest) in [
        (vec!["people"], " 1 item", 48 + 3),
        (vec!["stats", "--window", "all"], " 1 item", 2 + 48 + 3),
    ] {
        let out = ackbox(dir.path())
            .args(&args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let out = String::from_utf8(out).unwrap();
        let whole = format!("youtube:{long} ");
        assert_eq!(out.matches(&whole).count(), 1, "{args:?}: {out}");
        let columns: Vec<usize> = out
            .lines()
            .filter(|l| !l.contains(&whole))
            .filter_map(|l| l.find(marker).map(|at| ackbox::text::width(&l[..at])))
            .collect();
        assert_eq!(columns.len(), 3, "{args:?}: {out}");
        assert!(
            columns.windows(2).all(|w| w[0] == w[1]) && columns[0] <= widest,
            "{args:?}: {columns:?}\n{out}"
        );
    }
}

/// A first import that fails makes no database: the next command says
/// there is none. A failed import into a database that has items keeps it.
#[test]
fn a_failed_first_import_leaves_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"platform\":\"x\",\"id\":\"1\"}\n").unwrap();
    let good = one_comment(dir.path(), "good.jsonl", "x", "1", "a");
    let import = |db: &std::path::Path, file: &std::path::Path| {
        ackbox(dir.path())
            .args([
                "--db",
                db.to_str().unwrap(),
                "import",
                file.to_str().unwrap(),
            ])
            .assert()
    };
    import(&db, &bad).code(1);
    assert!(!db.exists());
    // Nor the folders made for it, up to the first that was there.
    import(&dir.path().join("new/sub/folders/inbox.db"), &bad).code(1);
    assert!(!dir.path().join("new").exists());
    assert!(dir.path().exists());
    ackbox(dir.path())
        .args(["--db", db.to_str().unwrap(), "stats"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no database at"));
    // A path that is a link: the link stays, whatever the import.
    let link = dir.path().join("link.db");
    std::os::unix::fs::symlink(dir.path().join("target.db"), &link).unwrap();
    import(&link, &bad).code(1);
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    // Items in it: kept, whatever fails next.
    import(&db, &good).success();
    import(&db, &bad).code(1);
    assert!(db.exists());
    ackbox(dir.path())
        .args(["--db", db.to_str().unwrap(), "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("hi"));
}

/// A database in a folder that cannot be written (a read-only disk, a
/// backup) is read by the commands that only read, as immutable (SQLite
/// cannot make there the FILE-shm it reads a WAL database through), and
/// nothing is written beside it; a change says why it cannot be made.
/// Root writes anywhere: as root, the commands run as `nobody`.
#[test]
fn a_database_in_a_read_only_folder_is_read_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("backup");
    let (db, _) = two_items_in(dir.path(), &folder);
    mode(&folder, 0o555);
    let run = |args: &[&str]| as_nobody(dir.path(), &db, args);
    let listed = run(&["list", "--state", "all"]);
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    let mut listed = ids(&String::from_utf8(listed.stdout).unwrap());
    listed.sort();
    assert_eq!(listed, ["x:1", "x:2"]);
    assert!(run(&["stats", "--json"]).status.success());
    let changed = run(&["mark", "x:1", "dismissed"]);
    assert_eq!(changed.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&changed.stderr).contains("the database cannot be written"),
        "{}",
        String::from_utf8_lossy(&changed.stderr)
    );
    let beside: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(beside, ["a.db"]);
    mode(&folder, 0o755);
}

/// Sets a file's or folder's permission bits.
fn mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A database `folder/a.db` holding x:1 and x:2, imported from
/// `home/a.jsonl`, under a `home` others may enter: (database, file).
fn two_items_in(
    home: &std::path::Path,
    folder: &std::path::Path,
) -> (std::path::PathBuf, std::path::PathBuf) {
    let db = folder.join("a.db");
    let file = home.join("a.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"platform":"x","id":"1","author":"ann","body":"hi?","created_at":"2026-11-01T10:00:00Z"}"#,
            "\n",
            r#"{"platform":"x","id":"2","author":"bo","body":"yo","created_at":"2026-11-02T10:00:00Z"}"#,
        ),
    )
    .unwrap();
    ackbox(home)
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&file)
        .assert()
        .success();
    mode(home, 0o755);
    (db, file)
}

/// Runs ackbox on `db` as a user the file system can refuse (root is let
/// in anywhere: as root, as `nobody`).
fn as_nobody(home: &std::path::Path, db: &std::path::Path, args: &[&str]) -> std::process::Output {
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .unwrap()
        .stdout
        == b"0\n";
    let bin = env!("CARGO_BIN_EXE_ackbox");
    let mut c = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin]);
        c
    } else {
        std::process::Command::new(bin)
    };
    c.env_remove("ACKBOX_DB")
        .env_remove("ACKBOX_CONFIG")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("TZ", "UTC")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

/// A database that cannot be reached (a folder on the way closed to the
/// user) or read (its own permissions) is named with why, never called
/// missing ("no database: import comments first") or read-only.
#[test]
fn a_database_closed_to_the_user_says_permission_denied() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("private");
    let (db, file) = two_items_in(dir.path(), &folder);
    let refused = |args: &[&str], why: &str| {
        let out = as_nobody(dir.path(), &db, args);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("Permission denied") && err.contains(why),
            "{args:?}: {err}"
        );
        assert!(
            !err.contains("no database") && !err.contains("immutable"),
            "{err}"
        );
    };
    // The folder closed: reading, the review piped, and an import.
    mode(&folder, 0o700);
    for args in [
        &["list"][..],
        &["stats"],
        &[],
        &["import", file.to_str().unwrap()],
    ] {
        refused(args, "a folder on the way to it is closed to you");
    }
    // The folder open, the file closed.
    mode(&folder, 0o777);
    mode(&db, 0o600);
    for args in [&["list"][..], &["export"], &["mark", "x:1", "dismissed"]] {
        refused(args, "cannot open the database");
    }
    mode(&db, 0o644);
    mode(&folder, 0o755);
    // A new database in a folder the user cannot write to.
    let new = folder.join("new.db");
    let out = as_nobody(dir.path(), &new, &["import", file.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("cannot create the database {}", new.display()))
            && err.contains("(Permission denied"),
        "{err}"
    );
    assert!(!new.exists());
}

/// An empty inbox, piped, says on stderr how to fill it (stdout holds
/// only items): the import command names the database given (a bare
/// `ackbox import` would fill another).
#[test]
fn an_empty_inbox_says_how_to_import_into_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let empty = dir.path().join("none.jsonl");
    std::fs::write(&empty, "").unwrap();
    ackbox(dir.path())
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&empty)
        .assert()
        .success();
    for args in [&[][..], &["list"], &["list", "--state", "dismissed"]] {
        ackbox(dir.path())
            .arg("--db")
            .arg(&db)
            .args(args)
            .assert()
            .success()
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "your inbox is empty. Import comments with `ackbox --db {} import FILE`",
                db.display()
            )));
    }
    // A clear queue says so on stderr: the list itself is empty.
    let one = one_comment(dir.path(), "one.jsonl", "youtube", "c1", "a");
    let with = |args: &[&str]| {
        let mut cmd = ackbox(dir.path());
        cmd.arg("--db").arg(&db).args(args);
        cmd
    };
    // No replies, no people: said on stderr too, stdout empty.
    with(&["replies"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("no replies of yours yet"));
    with(&["people"])
        .assert()
        .success()
        .stdout("")
        .stderr("ackbox: nobody has commented yet\n");
    with(&["import", one.to_str().unwrap()]).assert().success();
    with(&["mark", "youtube:c1", "dismissed"])
        .assert()
        .success();
    with(&[])
        .assert()
        .success()
        .stdout("")
        .stderr("ackbox: the queue is clear: no item needs a reply\n");
    with(&["people"]).assert().success().stderr("");
    // Cleared by a snooze, it says what waits.
    with(&["undo"]).assert().success();
    with(&["snooze", "youtube:c1", "2099-01-02T03:04:05Z"])
        .assert()
        .success();
    with(&[])
        .assert()
        .success()
        .stdout("")
        .stderr("ackbox: the queue is clear: no item needs a reply (1 snoozed comes back later)\n");
}

/// `import --json` names each file as given, a succeeding one as a failing
/// one, so that a script matches them back; a character that reorders a
/// line or drives a terminal is a `\u` escape in the JSON, not raw.
#[test]
fn import_json_names_files_as_given_and_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let good = one_comment(dir.path(), "ok\u{202e}gnp.jsonl", "x", "1", "a");
    let bad = dir.path().join("bad\u{9b}.jsonl");
    std::fs::write(&bad, "{\"platform\":\n").unwrap();
    let out = ackbox(dir.path())
        .args(["import", "--json", "--dry-run"])
        .arg(&good)
        .arg(&bad)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains(['\u{202e}', '\u{9b}']), "{out}");
    let files: Vec<String> = out
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["file"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(
        files,
        [good.to_str().unwrap(), bad.to_str().unwrap()],
        "{out}"
    );
}

/// `config show` prints TOML that reads back: its header is one comment
/// line whatever the path holds (a line break, an escape).
#[test]
fn config_show_names_any_path_on_one_comment_line() {
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("a\nx = 1\u{1b}[2J");
    std::fs::create_dir_all(&odd).unwrap();
    let path = odd.join("c.toml");
    std::fs::write(&path, "reply_target_hours = 12\n").unwrap();
    let out = ackbox(dir.path())
        .arg("--config")
        .arg(&path)
        .args(["config", "show"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let header = out.lines().next().unwrap();
    assert!(
        header.starts_with("# ") && header.ends_with(", with the defaults"),
        "{header}"
    );
    assert!(!out.contains('\u{1b}'), "{out:?}");
    let shown: toml::Table = toml::from_str(&out).expect("reads back");
    assert_eq!(shown["reply_target_hours"].as_float(), Some(12.0));
}

/// A config's name holding an escape is shown escaped: an error names the
/// file it means (not another, the escape taken out), and `config path`
/// sends nothing raw to the terminal.
#[test]
fn a_config_name_with_an_escape_is_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("cfg")).unwrap();
    std::fs::write(dir.path().join("cfg/z.toml"), "reply_target_hours = 12\n").unwrap();
    let odd = dir.path().join("cfg/z\u{1b}[1m.toml");
    std::fs::write(&odd, "reply_target_hours = -1\n").unwrap();
    let shown = "cfg/z\\u{1b}[1m.toml\": invalid config";
    ackbox(dir.path())
        .arg("--config")
        .arg(&odd)
        .arg("stats")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(shown))
        .stderr(predicate::str::contains("\u{1b}").not());
    ackbox(dir.path())
        .env("ACKBOX_CONFIG", &odd)
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(predicate::str::contains("cfg/z\\u{1b}[1m.toml\"\n"))
        .stdout(predicate::str::contains("\u{1b}").not());
    // On the command line as in the config, an own handle with a control
    // character is refused.
    ackbox(dir.path())
        .args(["import", "--own", "youtube:\u{1b}[2Jme", "x.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("control or invisible character"));
}

/// `--db` names a file: `file:x.db` and `:memory:` too (not a URI, not a
/// database in memory that nothing is kept of), and `~/x.db` as a shell
/// would read it unquoted.
#[test]
fn a_database_path_is_a_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = one_comment(dir.path(), "in.jsonl", "x", "1", "a");
    for name in ["file:inbox.db", ":memory:", "~/home.db"] {
        ackbox(dir.path())
            .current_dir(dir.path())
            .args(["--db", name, "import"])
            .arg(&file)
            .assert()
            .success();
        ackbox(dir.path())
            .current_dir(dir.path())
            .args(["--db", name, "list"])
            .assert()
            .success()
            .stdout(predicate::str::contains("x:1"));
        let stored = dir.path().join(name.trim_start_matches("~/"));
        assert!(stored.is_file(), "{name}");
    }
    assert!(!dir.path().join("~").exists());
}

/// `person --vip` or `--note` that changes nothing says so on stderr (as
/// `mark` and `snooze` do), the person still shown on stdout.
#[test]
fn a_person_tag_that_changes_nothing_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let one = one_comment(dir.path(), "one.jsonl", "youtube", "c1", "@ann");
    let run = |args: &[&str]| {
        let mut cmd = ackbox(dir.path());
        cmd.args(args);
        cmd.assert().success()
    };
    run(&["import", one.to_str().unwrap()]);
    let said = "already so, nothing changed";
    run(&["person", "youtube:@ann", "--vip"]).stderr(predicate::str::contains(said).not());
    run(&["person", "youtube:@ann", "--vip"])
        .stderr(predicate::str::contains(format!("youtube:@ann: {said}")))
        .stdout(predicate::str::contains("youtube:@ann"));
    run(&["person", "youtube:@ann", "--note", "hi"]).stderr(predicate::str::contains(said).not());
    run(&["person", "youtube:@ann", "--note", "hi"]).stderr(predicate::str::contains(said));
}

/// An own identity given as an address that names no handle (another
/// site's, a page without one) matches nobody: an import says so.
#[test]
fn an_own_address_that_names_no_handle_is_pointed_out() {
    let dir = tempfile::tempdir().unwrap();
    let one = one_comment(dir.path(), "one.jsonl", "x", "c1", "ann");
    let import = |own: &str| {
        let mut cmd = ackbox(dir.path());
        cmd.args(["import", "--own", own, one.to_str().unwrap()]);
        cmd.assert().success()
    };
    import("x:https://github.com/me").stderr(predicate::str::contains(
        "--own x:https://github.com/me names no handle",
    ));
    import("x:https://x.com/me").stderr(predicate::str::contains("names no handle").not());
}

/// An account named yours that matches none of a platform's items, while a
/// handle a letter or two from it wrote some, is pointed out: a typo leaves
/// your replies waiting as comments. A right name, or no one near it, is not.
#[test]
fn an_own_account_a_letter_off_is_pointed_out() {
    let dir = tempfile::tempdir().unwrap();
    let import = |db: &str, file: &std::path::Path, own: &str| {
        let out = ackbox(dir.path())
            .arg("--db")
            .arg(dir.path().join(db))
            .args(["import", "--own", own])
            .arg(file)
            .assert()
            .success();
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    };
    let mine = one_comment(dir.path(), "a.jsonl", "github", "1", "emelie-fw");
    let said = import("a.db", &mine, "github:emelie-fwx");
    assert!(
        said.contains(
            "ackbox: note: no item on github is by emelie-fwx, named yours, but emelie-fw wrote \
             1 item: if that is you, correct the name"
        ),
        "{said}"
    );
    assert!(!import("b.db", &mine, "github:emelie-fw").contains("note:"));
    // A dry run says it too, into a database with items and without, and
    // keeps nothing.
    for db in ["g.db", "a.db"] {
        let said = ackbox(dir.path())
            .arg("--db")
            .arg(dir.path().join(db))
            .args(["import", "--dry-run", "--own", "github:emelie-fwx"])
            .arg(&mine)
            .assert()
            .success();
        let said = String::from_utf8_lossy(&said.get_output().stderr).into_owned();
        assert!(
            said.contains("no item on github is by emelie-fwx, named yours, but emelie-fw wrote"),
            "{db}: {said}"
        );
    }
    assert!(!dir.path().join("g.db").exists());
    // Over several files, what they all bring, as their import counts it.
    let more = one_comment(dir.path(), "a2.jsonl", "github", "2", "emelie-fw");
    let most = one_comment(dir.path(), "a3.jsonl", "github", "3", "emelie-fw");
    let said = ackbox(dir.path())
        .arg("--db")
        .arg(dir.path().join("a.db"))
        .args(["import", "--dry-run", "--own", "github:emelie-fwx"])
        .args([&more, &most])
        .assert()
        .success();
    let said = String::from_utf8_lossy(&said.get_output().stderr).into_owned();
    assert!(said.contains("but emelie-fw wrote 3 items"), "{said}");
    let theirs = one_comment(dir.path(), "c.jsonl", "github", "2", "octocat");
    assert!(!import("c.db", &theirs, "github:emelie-fwx").contains("note:"));
    // The nearest is named; on Hacker News, other case alone is nearest.
    let several = dir.path().join("e.jsonl");
    let by = |platform: &str, authors: &[&str]| {
        let lines: Vec<String> = (authors.iter().enumerate())
            .map(|(i, who)| {
                serde_json::json!({"platform": platform, "id": i.to_string(), "author": who,
                                   "body": "hi", "created_at": "2026-11-20T10:00:00Z"})
                .to_string()
            })
            .collect();
        std::fs::write(&several, lines.join("\n")).unwrap();
    };
    by("x", &["ann", "janet"]);
    let said = import("e.db", &several, "x:jane");
    assert!(said.contains("but janet wrote 1 item"), "{said}");
    by("hackernews", &["jdoe1", "JDoe"]);
    let said = import("f.db", &several, "hackernews:jdoe");
    assert!(said.contains("but JDoe wrote 1 item"), "{said}");
    // A handle on a server: the user before it, a letter off.
    let acct = one_comment(dir.path(), "d.jsonl", "mastodon", "3", "fernweh");
    let said = import("d.db", &acct, "mastodon:fernwhe@mastodon.social");
    assert!(said.contains("but fernweh wrote 1 item"), "{said}");
    // The same user on another server is someone else (an impostor, may
    // be): not pointed out as yours.
    let elsewhere = one_comment(
        dir.path(),
        "h.jsonl",
        "mastodon",
        "4",
        "fernweh@evil.example",
    );
    let said = import("h.db", &elsewhere, "mastodon:fernweh@mastodon.social");
    assert!(!said.contains("but fernweh@evil.example wrote"), "{said}");
    let said = import("i.db", &elsewhere, "mastodon:fernweh@evil.exampel");
    assert!(
        said.contains("but fernweh@evil.example wrote 1 item"),
        "{said}"
    );
}

/// A platform new to the inbox where no account is known as the owner's
/// and none of its items is theirs is pointed out once: replies written
/// there would wait as comments. An own item, or `--own`, says whose.
#[test]
fn a_new_platform_without_an_owner_is_pointed_out_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let import = |file: &std::path::Path, extra: &[&str]| {
        let out = ackbox(dir.path())
            .arg("--db")
            .arg(&db)
            .arg("import")
            .args(extra)
            .arg(file)
            .assert()
            .success();
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    };
    let note =
        "ackbox: note: no account of yours is known on mastodon and none of its items is yours";
    let first = one_comment(dir.path(), "a.jsonl", "mastodon", "1", "ann@x.social");
    // A dry run says it, and again the import.
    assert!(import(&first, &["--dry-run"]).contains(note), "dry run");
    let said = import(&first, &[]);
    assert!(
        said.contains(note)
            && said.contains("(any in this file too) wait as comments")
            && said.contains("--own mastodon:HANDLE, and import the file again"),
        "{said}"
    );
    let next = one_comment(dir.path(), "b.jsonl", "mastodon", "2", "bob@x.social");
    assert!(!import(&next, &[]).contains("note:"), "once");
    // YouTube's reader tells the channel's replies by itself.
    let youtube = one_comment(dir.path(), "y.jsonl", "youtube", "5", "@dan");
    assert!(!import(&youtube, &[]).contains("note:"));
    let given = one_comment(dir.path(), "c.jsonl", "bluesky", "3", "carl.bsky.social");
    assert!(!import(&given, &["--own", "bluesky:me.bsky.social"]).contains("note:"));
    let own = dir.path().join("d.jsonl");
    let line = serde_json::json!({
        "platform": "github", "id": "4", "author": "me", "body": "fixed",
        "created_at": "2026-11-20T10:00:00Z", "own": true,
    });
    std::fs::write(&own, line.to_string()).unwrap();
    assert!(!import(&own, &[]).contains("note:"));
    // WordPress has no handles: a login names the account.
    let wordpress = one_comment(dir.path(), "w.jsonl", "wordpress", "9", "Ann");
    assert!(import(&wordpress, &[]).contains("--own wordpress:LOGIN"));
    // Nor Facebook: the Page's replies are by its id.
    let facebook = one_comment(dir.path(), "f.jsonl", "facebook", "8", "1234567");
    assert!(import(&facebook, &[]).contains("--own facebook:PAGE_ID"));
}

/// Standard input in UTF-16 is told how to convert it on its way in: no
/// file named `<stdin>` to give iconv.
#[test]
fn utf16_on_standard_input_says_how_to_convert_it() {
    let dir = tempfile::tempdir().unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("[{\"id\": 1}]".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let out = ackbox(dir.path())
        .arg("--db")
        .arg(dir.path().join("t.db"))
        .args(["import", "-"])
        .write_stdin(utf16)
        .assert()
        .failure();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("(pipe it through `iconv -f UTF-16 -t UTF-8` into this command)"),
        "{stderr}"
    );
}

/// A file whose name is not UTF-8 (from a Latin-1 zip) is imported, named
/// as it can be shown (it was refused as an argument, with the usage).
#[test]
fn a_file_named_in_latin_1_is_imported() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let good = one_comment(dir.path(), "good.jsonl", "blog", "1", "ann");
    let latin = dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"caf\xe9.jsonl"));
    std::fs::rename(&good, &latin).unwrap();
    let out = ackbox(dir.path())
        .arg("import")
        .arg(&latin)
        .assert()
        .success();
    let said = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        said.contains("caf\u{fffd}.jsonl (canonical): 1 new"),
        "{said}"
    );
}

/// A backup copied back over a database whose log (FILE-wal, FILE-shm) is
/// still beside it: ackbox finds the file damaged and leaves both as they
/// are, so that the advice to move the log away can still be followed (the
/// log was copied into the file on closing: the backup was lost).
#[test]
fn a_damaged_file_with_another_copys_log_is_left_as_found() {
    let dir = tempfile::tempdir().unwrap();
    let import = |db: &std::path::Path, n: usize, platform: &str| {
        let lines: Vec<String> = (0..n)
            .map(|i| {
                serde_json::json!({
                    "platform": platform, "id": format!("c{i}"), "author": format!("user{}", i % 97),
                    "body": format!("comment number {i} about the {} blend", i % 13),
                    "created_at": "2026-11-20T10:00:00Z",
                })
                .to_string()
            })
            .collect();
        let file = dir.path().join(format!("{platform}.jsonl"));
        std::fs::write(&file, lines.join("\n")).unwrap();
        ackbox(dir.path())
            .arg("--db")
            .arg(db)
            .arg("import")
            .arg(&file)
            .assert()
            .success();
    };
    let (backup, other) = (dir.path().join("backup.db"), dir.path().join("other.db"));
    import(&backup, 3000, "blog");
    import(&other, 400, "forum");
    // A log of changes to the other database, kept beside it.
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .unwrap();
        c.execute_batch(
            "PRAGMA wal_autocheckpoint = 0; UPDATE items SET created_at = created_at + 1;",
        )
        .unwrap();
    }
    for end in ["-wal", "-shm"] {
        let beside = |p: &std::path::Path| format!("{}{end}", p.display());
        std::fs::copy(beside(&other), beside(&backup)).unwrap();
    }
    let before = std::fs::read(&backup).unwrap();
    let log = std::fs::read(format!("{}-wal", backup.display())).unwrap();
    ackbox(dir.path())
        .arg("--db")
        .arg(&backup)
        .arg("list")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the database file is damaged"));
    assert!(
        std::fs::read(&backup).unwrap() == before,
        "the file is as it was"
    );
    let left = std::fs::read(format!("{}-wal", backup.display())).unwrap();
    assert!(left == log, "the log is as it was");
}

/// Garbles the page of `name` (a table or an index) past its header, as a
/// bad disk sector would: SQLite reads its cells as none rather than fail.
fn garble(db: &std::path::Path, name: &str) {
    use std::io::{Seek, Write};
    let (root, page) = root_page(db, name);
    let mut file = std::fs::OpenOptions::new().write(true).open(db).unwrap();
    file.seek(std::io::SeekFrom::Start((root - 1) * page + 8))
        .unwrap();
    file.write_all(&vec![0x5a; page as usize - 8]).unwrap();
}

/// The root page of table or index `name`, and the page size, with the
/// log checkpointed into the file (for the tests to damage it).
fn root_page(db: &std::path::Path, name: &str) -> (u64, u64) {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    let root = c
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .unwrap();
    let page = c.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    (root, page)
}

/// Halves the count of cells on the first leaf of index `name`, as a bad
/// sector would: SQLite reads the index's other cells, and stops.
fn shorten_first_leaf(db: &std::path::Path, name: &str) {
    use std::io::{Read, Seek, SeekFrom, Write};
    let (root, page) = root_page(db, name);
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(db)
        .unwrap();
    let mut read = |at: u64, bytes: &mut [u8]| {
        file.seek(SeekFrom::Start(at)).unwrap();
        file.read_exact(bytes).unwrap();
    };
    // An interior page (2): its first cell starts with its left child's number.
    let mut header = [0; 14];
    read((root - 1) * page, &mut header);
    assert_eq!(header[0], 2, "{name} is more than one page");
    let first_cell = u64::from(u16::from_be_bytes([header[12], header[13]]));
    let mut child = [0; 4];
    read((root - 1) * page + first_cell, &mut child);
    let leaf = (u64::from(u32::from_be_bytes(child)) - 1) * page;
    let mut cells = [0; 2];
    read(leaf + 3, &mut cells);
    let halved = u16::from_be_bytes(cells) / 2;
    file.seek(SeekFrom::Start(leaf + 3)).unwrap();
    file.write_all(&halved.to_be_bytes()).unwrap();
}

/// A list that a damaged index ends early, which SQLite lets by, says the
/// file is damaged: a script would take the part for the whole.
#[test]
fn a_list_a_damaged_index_cuts_short_says_the_file_is_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.jsonl");
    ackbox(dir.path())
        .args(["--db", db.to_str().unwrap(), "import", demo])
        .assert()
        .success();
    shorten_first_leaf(&db, "items_incoming_created");
    ackbox(dir.path())
        .args(["--db", db.to_str().unwrap(), "list", "--state", "all"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "a list read as fewer items than its count; SQLite's check: *** in database main *** Fragmentation",
        ));
}

/// A list or statistics that a damaged page makes disagree with their own
/// counts say the file is damaged (the queue read as empty, "within target"
/// as 2966 %, both with success).
#[test]
fn damage_that_sqlite_reads_as_nothing_is_found_out() {
    let dir = tempfile::tempdir().unwrap();
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.jsonl");
    let sound = dir.path().join("sound.db");
    ackbox(dir.path())
        .args(["--db", sound.to_str().unwrap(), "import", demo])
        .assert()
        .success();
    for (name, args) in [
        ("items_queue", &["list"][..]),
        ("daily", &["stats", "--window", "all", "--json"][..]),
    ] {
        let db = dir.path().join(format!("{name}.db"));
        std::fs::copy(&sound, &db).unwrap();
        garble(&db, name);
        ackbox(dir.path())
            .args(["--db", db.to_str().unwrap()])
            .args(args)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains("the database file is damaged"));
    }
    ackbox(dir.path())
        .args(["--db", sound.to_str().unwrap(), "stats", "--window", "all"])
        .assert()
        .success();
}

/// A folder named to import says what to name instead (it said "Is a
/// directory (os error 21)").
#[test]
fn a_folder_to_import_says_to_name_its_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("archive")).unwrap();
    ackbox(dir.path())
        .current_dir(dir.path())
        .args(["--db", "a.db", "import", "archive"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "archive is a folder: name the files in it (`ackbox import archive/*.json`",
        ));
    assert!(!dir.path().join("a.db").exists());
    // Quoted as a shell reads it back; a file in it (a few folders down)
    // that is a platform's download of your own writing is named as the
    // file is (ackbox refuses it), by its content: a file of the API with
    // a name like it (data/tweets_mentions.json) is not one.
    let takeout = "Comment ID,Channel ID,Comment Create Timestamp,Price,Parent Comment ID,Post ID,Video ID,Comment Text\n";
    let archive = "window.YTD.tweets.part0 = [ {\"tweet\": {}} ]";
    let api = r#"{"data":[],"meta":{"result_count":0}}"#;
    for (folder, file, content, says) in [
        (
            "my comments",
            "",
            "",
            "(`ackbox import 'my comments'/*.json`",
        ),
        (
            "Takeout/YouTube and YouTube Music",
            "comments/comments.csv",
            takeout,
            "/*.json`; of a Mastodon archive, its outbox.json); comments/comments.csv in it is a Google Takeout YouTube comments file",
        ),
        (
            "twitter-2026-12-01-abc",
            "data/tweets.js",
            archive,
            "; data/tweets.js in it is an X archive's data file",
        ),
        ("data", "tweets_mentions.json", api, "outbox.json)\n"),
        // Notes that mention an archive's marker are no archive.
        ("notes", "NOTES.md", archive, "outbox.json)\n"),
    ] {
        let path = dir.path().join(folder);
        std::fs::create_dir_all(&path).unwrap();
        if !file.is_empty() {
            std::fs::create_dir_all(path.join(file).parent().unwrap()).unwrap();
            std::fs::write(path.join(file), content).unwrap();
        }
        ackbox(dir.path())
            .current_dir(dir.path())
            .args(["--db", "a.db", "import", folder])
            .assert()
            .code(1)
            .stderr(
                predicate::str::contains(format!("{folder} is a folder: name the files in it"))
                    .and(predicate::str::contains(says)),
            );
    }
    // The root's files are /*.json.
    ackbox(dir.path())
        .args(["--db", "a.db", "import", "/"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("(`ackbox import /*.json`"));
    // A name that is not UTF-8 is written back with its bytes escaped.
    let odd: &std::ffi::OsStr = std::os::unix::ffi::OsStrExt::from_bytes(b"bad\xff dir");
    std::fs::create_dir(dir.path().join(odd)).unwrap();
    ackbox(dir.path())
        .current_dir(dir.path())
        .args(["--db", "a.db", "import"])
        .arg(odd)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            r"(`ackbox import $'bad\xff dir'/*.json`",
        ));
}

/// Help that cannot be written (a full disk) is an error, as any output
/// is; an empty `--platform` is a usage error (it listed "no items from ").
#[test]
fn help_unwritten_and_an_empty_platform_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["--help"][..],
        &["list", "--help"],
        &["--version"],
        &["completions", "bash"],
    ] {
        let out = to_a_full_disk(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("writing to standard output: No space left"),
            "{err}"
        );
    }
    for sub in ["list", "people"] {
        ackbox(dir.path())
            .args([sub, "--platform", " "])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "a platform's name, such as youtube, is needed",
            ));
    }
}

/// Every config example of the README is a config ackbox reads as it is,
/// with no note on stderr (a copied example that fails, or is read other
/// than it says, loses a newcomer).
#[test]
fn the_readmes_config_examples_are_read_as_written() {
    let readme = include_str!("../README.md");
    let blocks: Vec<&str> = readme
        .split("```toml\n")
        .skip(1)
        .filter_map(|rest| rest.split_once("\n```").map(|(block, _)| block))
        .collect();
    assert!(blocks.len() >= 3, "{} blocks", blocks.len());
    let dir = tempfile::tempdir().unwrap();
    for block in blocks {
        let cfg = dir.path().join("config.toml");
        std::fs::write(&cfg, block).unwrap();
        ackbox(dir.path())
            .env("ACKBOX_CONFIG", &cfg)
            .args(["config", "show"])
            .assert()
            .success()
            .stderr("");
    }
}

/// A folder of API files (an Instagram post's comments, which have
/// `comments` and `timestamp` as a Facebook download's older comments
/// file does) is only told to name its files.
#[test]
fn a_folder_of_api_files_is_not_called_a_download() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ig");
    std::fs::create_dir(&folder).unwrap();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/instagram/graph_media_comments.json");
    std::fs::copy(&fixture, folder.join("graph_media_comments.json")).unwrap();
    let out = ackbox(dir.path())
        .current_dir(dir.path())
        .args(["--db", "a.db", "import", "ig"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ig is a folder: name the files in it"),
        "{err}"
    );
    assert!(!err.contains("Download your information"), "{err}");
}

/// `ackbox --db DB ARGS` given `stdin`: its exit code, output and errors.
fn on_db(
    dir: &std::path::Path,
    db: &std::path::Path,
    args: &[&str],
    stdin: &str,
) -> (Option<i32>, String, String) {
    let out = ackbox(dir)
        .arg("--db")
        .arg(db)
        .args(args)
        .write_stdin(stdin.to_owned())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A listing of more items than `mark` reads at a time (it reads them a
/// few thousand at a time, not all at once) changes them all, each counted
/// once: those a reply answered already said, the others so already not.
#[test]
fn mark_of_many_items_counts_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let file = dir.path().join("in.jsonl");
    let mut content = String::new();
    for i in 0..12_001 {
        let at = format!("2026-11-01T10:{:02}:{:02}Z", (i / 60) % 60, i % 60);
        content += &format!(
            "{{\"platform\":\"x\",\"id\":\"c{i}\",\"author\":\"a{}\",\"body\":\"hi {i}\",\"created_at\":\"{at}\"}}\n",
            i % 50
        );
    }
    // Two answered already by a reply: one in the first few thousand, one in the last.
    for (n, parent) in ["c1", "c12000"].iter().enumerate() {
        content += &format!(
            "{{\"platform\":\"x\",\"id\":\"r{n}\",\"parent_id\":\"{parent}\",\"author\":\"me\",\"body\":\"Thanks!\",\"created_at\":\"2026-11-02T10:00:00Z\",\"own\":true}}\n"
        );
    }
    std::fs::write(&file, content).unwrap();
    let run = |args: &[&str], stdin: &str| on_db(dir.path(), &db, args, stdin);
    assert_eq!(run(&["import", file.to_str().unwrap()], "").0, Some(0));
    let (_, listed, _) = run(&["list", "--state", "all", "--limit", "20000"], "");
    assert_eq!(listed.lines().count(), 12_001);
    let (code, said, err) = run(&["mark", "-", "dismissed"], &listed);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        said.starts_with("12001 items dismissed")
            && said.contains("; 2 of them no longer counted as answered"),
        "{said}"
    );
    let (_, waiting, _) = run(&["list", "--state", "dismissed", "--limit", "20000"], "");
    assert_eq!(waiting.lines().count(), 12_001);
}

/// A line of `list --json` names its item as it is: an id that starts with
/// `'` (which `list --csv` would add before `=x1`) is not another's.
#[test]
fn mark_takes_a_json_lines_id_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let file = dir.path().join("in.jsonl");
    let item = |id: &str, author: &str, body: &str| {
        format!(
            "{{\"platform\":\"youtube\",\"id\":\"{id}\",\"author\":\"{author}\",\"body\":\"{body}\",\"created_at\":\"2026-11-01T10:00:00Z\"}}\n"
        )
    };
    std::fs::write(
        &file,
        item("'=x1", "@a", "hello there") + &item("=x1", "@b", "other one"),
    )
    .unwrap();
    let run = |args: &[&str], stdin: &str| on_db(dir.path(), &db, args, stdin);
    assert_eq!(run(&["import", file.to_str().unwrap()], "").0, Some(0));
    let (_, listed, _) = run(&["list", "--json", "--search", "hello"], "");
    assert_eq!(listed.lines().count(), 1, "{listed}");
    assert_eq!(run(&["mark", "-", "answered"], &listed).0, Some(0));
    let (_, states, _) = run(&["list", "--state", "all", "--json"], "");
    for l in states.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        let want = if v["id"] == "'=x1" {
            "answered"
        } else {
            "needs-reply"
        };
        assert_eq!(v["state"], want, "{l}");
    }
}

/// `mark - STATE` changes the items listed on standard input (as
/// PLATFORM:ID or as `list` writes its lines) in one action, one undo; an
/// unknown one among them changes none and names its line.
#[test]
fn mark_reads_the_items_of_standard_input_as_one_action() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let file = dir.path().join("in.jsonl");
    let line = |id: &str, body: &str, extra: &str| {
        format!(
            "{{\"platform\":\"youtube\",\"id\":\"{id}\",\"author\":\"@a{id}\",\"body\":\"{body}\",\
             \"created_at\":\"2026-03-0{}T10:00:00Z\"{extra}}}\n",
            id.len()
        )
    };
    let content = [
        line("c", "follow for follow", ""),
        line("cc", "like my page and follow for follow", ""),
        line("ccc", "When is the coupon date?", ""),
        line(
            "cccc",
            "I have followed you for years, thanks for the follow-up",
            "",
        ),
        line(
            "ccccc",
            "Thanks @accc, the coupon runs till Friday",
            ",\"own\":true,\"parent_id\":\"ccc\"",
        ),
    ]
    .concat();
    std::fs::write(&file, content).unwrap();
    let run = |args: &[&str], stdin: &str| on_db(dir.path(), &db, args, stdin);
    assert_eq!(run(&["import"], "").0, Some(2));
    assert_eq!(run(&["import", file.to_str().unwrap()], "").0, Some(0));
    let states = || run(&["list", "--state", "all", "--csv"], "").1;
    let before = states();
    // `list`'s own lines, piped in, a blank line and one named twice: the
    // bait (a search for its words would also find the genuine comment).
    assert_eq!(
        run(&["list", "--search", "follow"], "").1.lines().count(),
        3
    );
    let (_, bait, _) = run(&["list", "--flag", "bait"], "");
    assert_eq!(bait.lines().count(), 2, "{bait}");
    assert!(!bait.contains("youtube:cccc "), "{bait}");
    let (_, questions, _) = run(
        &["list", "--flag", "question", "--state", "all", "--json"],
        "",
    );
    assert!(
        questions.lines().count() == 1 && questions.contains(r#""id":"ccc""#),
        "{questions}"
    );
    let (code, _, err) = run(&["list", "--flag", "emoji_only"], "");
    assert_eq!(
        (code, err.as_str()),
        (
            Some(0),
            "ackbox: no item needs a reply flagged emoji_only (--state all lists every item)\n"
        )
    );
    let (code, out, err) = run(
        &["mark", "-", "dismissed", "--reason", "bait"],
        &format!("{bait}\n youtube:c \n"),
    );
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (Some(0), "2 items dismissed (bait)\n", "")
    );
    assert!(states().contains("youtube,c,") && states().matches(",dismissed,bait,").count() == 2);
    // So do the lines of `list --json`; one that is JSON of another kind
    // says what it should be.
    let (_, bait_json, _) = run(&["list", "--state", "all", "--flag", "bait", "--json"], "");
    assert_eq!(
        run(&["mark", "-", "dismissed", "--reason", "spam"], &bait_json).1,
        "2 items dismissed (spam)\n"
    );
    assert_eq!(run(&["undo"], "").0, Some(0));
    let (code, _, err) = run(&["mark", "-", "dismissed"], "{\"platform\":\"youtube\"}\n");
    assert_eq!(code, Some(1));
    assert!(
        err.contains("line 1: not a line of `ackbox list --json`: missing field `id`"),
        "{err}"
    );
    // `list --csv` is not read (a row may span lines), and said so.
    let (_, csv, _) = run(&["list", "--state", "all", "--flag", "bait", "--csv"], "");
    let (code, _, err) = run(&["mark", "-", "dismissed"], &csv);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("line 1: the header of `ackbox list --csv`: give `ackbox list` or"),
        "{err}"
    );
    // Its header cut (`tail -n +2`), a row says what it is too.
    let rows = csv.split_once('\n').expect("a header").1;
    let (code, _, err) = run(&["mark", "-", "dismissed"], rows);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("line 1: a row of `ackbox list --csv`: give `ackbox list` or"),
        "{err}"
    );
    // Without --reason, what is dismissed already keeps its reason.
    let (code, out, _) = run(&["mark", "-", "dismissed"], &bait);
    assert_eq!(
        (code, out.as_str()),
        (Some(0), "2 items: already so, nothing changed\n")
    );
    assert_eq!(states().matches(",dismissed,bait,").count(), 2);
    // One undo takes both back.
    let (code, out, _) = run(&["undo"], "");
    assert_eq!(code, Some(0));
    assert!(out.contains("(2 items)"), "{out}");
    assert_eq!(states(), before);
    // An unknown item among them: nothing changes, its line is named.
    let (code, _, err) = run(&["mark", "-", "dismissed"], "youtube:c\nyoutube:nope\n");
    assert_eq!(code, Some(1));
    assert!(
        err.contains("standard input, line 2: no item youtube:nope"),
        "{err}"
    );
    assert_eq!(states(), before);
    // A pipe from a `list` that found nothing is no failure (a cron job's).
    let (code, out, _) = run(&["mark", "-", "dismissed"], "\n  \n");
    assert_eq!(code, Some(0));
    assert_eq!(out, "no item on standard input, nothing changed\n");
    // An own reply, named by its line; a list line's unknown item by its id.
    let (code, _, err) = run(&["mark", "-", "dismissed"], "youtube:c\nyoutube:ccccc\n");
    assert_eq!(code, Some(1));
    assert!(
        err.contains("standard input, line 2: youtube:ccccc is an own reply"),
        "{err}"
    );
    let (_, _, err) = run(
        &["mark", "-", "dismissed"],
        "youtube:zz  needs-reply  1 d  x  Hi\n",
    );
    assert!(
        err.contains("line 1: no item youtube:zz (`ackbox list"),
        "{err}"
    );
    // What is already so, and what the change takes beyond the state.
    let answered = "1 item marked answered; 1 of them answered already by your reply, and now \
                    your decision too: they stay answered if it is moved or deleted\n";
    assert_eq!(run(&["mark", "-", "answered"], "youtube:ccc\n").1, answered);
    assert_eq!(
        run(&["mark", "-", "answered"], "youtube:ccc\n").1,
        "1 item: already so, nothing changed\n"
    );
    // A line of `replies` names an own reply, refused as such.
    let (_, replies, _) = run(&["replies"], "");
    let (code, _, err) = run(&["mark", "-", "dismissed"], &replies);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("line 1: youtube:ccccc is an own reply"),
        "{err}"
    );
    run(&["undo"], "");
    let (_, out, _) = run(&["mark", "-", "needs-reply"], "youtube:c\nyoutube:ccc\n");
    assert_eq!(
        out,
        "1 of 2 items back in the queue; the other 1 already so; your replies no longer answer \
         1 of them (`ackbox mark ITEM answered` counts one again)\n"
    );
    // Put back already: no answer lost again.
    let (_, out, _) = run(&["mark", "-", "needs-reply"], "youtube:ccc\n");
    assert_eq!(out, "1 item: already so, nothing changed\n");
    // A classic Mac's line ends (CR alone) end lines too.
    let (_, out, _) = run(&["mark", "-", "dismissed"], "youtube:c\ryoutube:cc\r");
    assert_eq!(out, "2 items dismissed (other)\n");
    run(&["undo"], "");
    let (_, out, _) = run(&["mark", "-", "dismissed"], "youtube:c\nyoutube:cc\n");
    assert_eq!(out, "2 items dismissed (other)\n");
    let (_, out, _) = run(&["mark", "-", "dismissed"], "youtube:c\nyoutube:cc\n");
    assert_eq!(out, "2 items: already so, nothing changed\n");
}

/// An id may hold two spaces: `list` writes it as stored, and `mark -`
/// reads a `list` line's item up to its state column, so a line names its
/// own item, not the one with a single space. So do `people`'s keys.
#[test]
fn list_lines_keep_the_spaces_of_ids_that_mark_reads() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let file = dir.path().join("in.jsonl");
    std::fs::write(
        &file,
        "\u{feff}{\"platform\":\"forum\",\"id\":\"post 7\",\"author\":\"joe\",\"body\":\"Great meetup\",\"created_at\":\"2026-12-05T10:00:00Z\"}\n\
         {\"platform\":\"forum\",\"id\":\"post  7\",\"author\":\"ann  lee\",\"body\":\"follow for follow\",\"created_at\":\"2026-12-05T10:01:00Z\"}\n",
    )
    .unwrap();
    let run = |args: &[&str], stdin: &str| {
        let (code, out, err) = on_db(dir.path(), &db, args, stdin);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        out
    };
    run(&["import", file.to_str().unwrap()], "");
    let bait = run(&["list", "--search", "follow for follow"], "");
    assert!(bait.starts_with("forum:post  7  needs-reply  "), "{bait}");
    // With a byte-order mark, as an editor may save the list.
    let out = run(
        &["mark", "-", "dismissed", "--reason", "bait"],
        &format!("\u{feff}{bait}"),
    );
    assert_eq!(out, "1 item dismissed (bait)\n");
    let states = run(&["list", "--state", "all", "--csv"], "");
    assert!(
        states.contains("forum,post  7,") && states.contains(",dismissed,bait,"),
        "{states}"
    );
    assert!(
        states.contains("forum,post 7,") && states.contains(",needs-reply,"),
        "{states}"
    );
    // A line whose columns read two ways (an id holding them) is refused.
    run(
        &["import", "-"],
        "{\"platform\":\"forum\",\"id\":\"post  7  needs-reply  1 d  ann  lee\",\"author\":\"x\",\"body\":\"b\",\"created_at\":\"2026-12-05T10:00:00Z\"}\n",
    );
    let (code, _, err) = on_db(
        dir.path(),
        &db,
        &["mark", "-", "answered"],
        "forum:post  7  needs-reply  1 d  ann  lee  needs-reply  1 d  x  b\n",
    );
    assert_eq!(code, Some(1));
    assert!(err.contains("line 1: the line names 2 items"), "{err}");
    // So is one that is an item's id whole and another's `list` line.
    let (code, _, err) = on_db(
        dir.path(),
        &db,
        &["mark", "-", "answered"],
        "forum:post  7  needs-reply  1 d  ann  lee\n",
    );
    assert_eq!(code, Some(1));
    assert!(err.contains("line 1: the line names 2 items"), "{err}");
    let people = run(&["people"], "");
    assert!(people.contains("forum:ann  lee"), "{people}");
    assert!(run(&["person", "forum:ann  lee"], "").contains("ann  lee"));
}

/// An export that cannot be written out (a full disk) says it is
/// incomplete, with a failing exit status; a reader gone away is no error.
#[test]
fn an_export_cut_short_by_a_full_disk_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = one_comment(dir.path(), "c.jsonl", "youtube", "c1", "@ann");
    ackbox(dir.path())
        .args(["import", file.to_str().unwrap()])
        .assert()
        .success();
    for format in ["jsonl", "csv"] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = process(dir.path())
            .args(["export", "--format", format])
            .stdout(full)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{format}: {err}");
        assert!(
            err.contains("the export could not be written out") && err.contains("incomplete"),
            "{format}: {err}"
        );
    }
}

/// A database given as a link whose target's folder is not there is said
/// to be a link to that target, with the file system's reason.
#[test]
fn a_database_linked_to_nowhere_says_where_it_points() {
    let dir = tempfile::tempdir().unwrap();
    let file = one_comment(dir.path(), "c.jsonl", "youtube", "c1", "@ann");
    let target = dir.path().join("nowhere").join("inbox.db");
    let link = dir.path().join("link.db");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = process(dir.path())
        .arg("--db")
        .arg(&link)
        .args(["import", file.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "a link to {} (No such file or directory",
            target.display()
        )),
        "{err}"
    );
    assert!(!target.exists() && !dir.path().join("nowhere").exists());
}

/// An export imported into the database it came from, whose states have
/// moved on since, names the first items it does not restore (HH).
#[test]
fn an_export_not_restored_names_its_items() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("items.jsonl");
    let line = |id: u32| {
        format!(
            "{{\"platform\":\"x\",\"id\":\"{id}\",\"author\":\"a{id}\",\"body\":\"hi?\",\
             \"created_at\":\"2026-11-20T10:00:00Z\"}}\n"
        )
    };
    std::fs::write(&file, (1..=4).map(line).collect::<String>()).unwrap();
    ackbox(dir.path())
        .arg("import")
        .arg(&file)
        .assert()
        .success();
    let export = ackbox(dir.path()).arg("export").output().unwrap();
    let exported = dir.path().join("export.jsonl");
    std::fs::write(&exported, export.stdout).unwrap();
    for id in 1..=4 {
        ackbox(dir.path())
            .args(["mark", &format!("x:{id}"), "dismissed"])
            .assert()
            .success();
    }
    ackbox(dir.path())
        .arg("import")
        .arg(&exported)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "export.jsonl stored already (x:1, x:2, x:3 and 1 more): the states",
        ));
}
