//! Key bindings: the defaults embedded from `assets/keys.toml`, the user's
//! `[keys]` table merged over them. Only key presses reach the keymap.

use super::action::Command;
use anyhow::{Result, anyhow, bail};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::{BTreeMap, HashMap};

pub const DEFAULT_KEYS: &str = include_str!("../../assets/keys.toml");

/// A key with its modifiers, normalised so that `G` and `shift-g` agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut mods =
            ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match ev.code {
            // The character already says whether shift was down.
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c)
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            c => c,
        };
        Key { code, mods }
    }

    /// Parses `j`, `G`, `ctrl-e`, `alt-x`, `shift-tab`, `pagedown`, `f5`...
    pub fn parse(s: &str) -> Result<Key> {
        let bad = || anyhow!("{s:?} is not a key (try j, G, ctrl-e, enter, pagedown, f5)");
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        // A single character is itself, even `-`.
        while rest.chars().count() > 1 {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = lower
                .strip_prefix("ctrl-")
                .or_else(|| lower.strip_prefix("c-"))
            {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower
                .strip_prefix("alt-")
                .or_else(|| lower.strip_prefix("m-"))
            {
                mods |= KeyModifiers::ALT;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower
                .strip_prefix("shift-")
                .or_else(|| lower.strip_prefix("s-"))
            {
                mods |= KeyModifiers::SHIFT;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if mods.contains(KeyModifiers::SHIFT) && c.is_ascii_lowercase() {
                    mods.remove(KeyModifiers::SHIFT);
                    KeyCode::Char(c.to_ascii_uppercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            (None, _) => return Err(bad()),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if mods.contains(KeyModifiers::SHIFT) => {
                    mods.remove(KeyModifiers::SHIFT);
                    KeyCode::BackTab
                }
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                "backspace" => KeyCode::Backspace,
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n) if (1..=12).contains(&n) => KeyCode::F(n),
                    _ => return Err(bad()),
                },
                _ => return Err(bad()),
            },
        };
        // Shift with a key that is no letter types another character (`!`
        // for 1 on most keyboards), which is what comes: bound, it never does.
        if let KeyCode::Char(c) = code
            && mods.contains(KeyModifiers::SHIFT)
            && !c.is_alphabetic()
        {
            // What a US keyboard types, as an example.
            const US: [(char, char); 21] = [
                ('1', '!'),
                ('2', '@'),
                ('3', '#'),
                ('4', '$'),
                ('5', '%'),
                ('6', '^'),
                ('7', '&'),
                ('8', '*'),
                ('9', '('),
                ('0', ')'),
                ('-', '_'),
                ('=', '+'),
                ('[', '{'),
                (']', '}'),
                ('\\', '|'),
                (';', ':'),
                ('\'', '"'),
                (',', '<'),
                ('.', '>'),
                ('/', '?'),
                ('`', '~'),
            ];
            let example = match US.iter().find(|(k, _)| *k == c) {
                Some((_, typed)) => format!(" (on a US keyboard, {typed:?})"),
                None if c == ' ' => " (a space: \"space\")".to_owned(),
                None => String::new(),
            };
            return Err(anyhow!(
                "{s:?} reaches ackbox as the character shift types with it: bind that \
                 character instead{example}"
            ));
        }
        if let KeyCode::Char(c) = code
            && mods.contains(KeyModifiers::CONTROL)
        {
            // A terminal sends these as other keys: bound, they never come.
            let sent_as = match c.to_ascii_lowercase() {
                'm' | 'j' => Some("enter"),
                'i' => Some("tab"),
                '[' | '3' => Some("esc"),
                '2' | '@' => Some("ctrl-space"),
                '8' | '?' => Some("backspace"),
                '\\' => Some("ctrl-4"),
                ']' => Some("ctrl-5"),
                '^' => Some("ctrl-6"),
                '/' | '_' => Some("ctrl-7"),
                _ => None,
            };
            // Ctrl with 0, 1 or 9: a terminal sends the digit alone, or
            // nothing (4 to 7 come as themselves).
            if matches!(c, '0' | '1' | '9') {
                return Err(anyhow!(
                    "{s:?} is no key a terminal sends (ctrl with {c}): bind another"
                ));
            }
            if let Some(other) = sent_as {
                // With alt, that key with alt ("alt-ctrl-/" is alt-ctrl-7).
                let alt = if mods.contains(KeyModifiers::ALT) {
                    "alt-"
                } else {
                    ""
                };
                return Err(anyhow!(
                    "{s:?} reaches ackbox as {alt}{other}: bind {alt}{other} instead"
                ));
            }
            // ctrl-C is ctrl-c.
            if c.is_ascii_uppercase() {
                return Ok(Key {
                    code: KeyCode::Char(c.to_ascii_lowercase()),
                    mods,
                });
            }
        }
        Ok(Key { code, mods })
    }
}

/// Commands by key, and keys by command (for hints and help).
#[derive(Debug, Clone)]
pub struct Keymap {
    by_key: HashMap<Key, Command>,
    /// Per command, in help order, the key names as written.
    pub bindings: Vec<(Command, Vec<String>)>,
    /// The actions `[keys]` left without a key by giving theirs to others
    /// (not those it named with none), each with the one that took the last.
    pub unbound: Vec<(Command, Command)>,
}

impl Keymap {
    /// The defaults with `overrides` (the config's `[keys]`) merged over them.
    pub fn new(overrides: &BTreeMap<String, Vec<String>>) -> Result<Keymap> {
        let defaults: BTreeMap<String, Vec<String>> = toml::from_str(DEFAULT_KEYS)?;
        let mut table: Vec<(Command, Vec<String>)> = Vec::new();
        let mut unbound = Vec::new();
        for (cmd, name, _) in Command::ALL {
            let keys = defaults
                .get(*name)
                .cloned()
                .ok_or_else(|| anyhow!("assets/keys.toml lacks {name}"))?;
            table.push((*cmd, keys));
        }
        for (name, keys) in overrides {
            let Some(cmd) = Command::from_name(name) else {
                let names: Vec<&str> = Command::ALL.iter().map(|(_, n, _)| *n).collect();
                bail!(
                    "[keys]: {name:?} is not an action; the actions are: {}",
                    names.join(", ")
                );
            };
            let parsed: Vec<Key> = keys
                .iter()
                .map(|k| Key::parse(k))
                .collect::<Result<_>>()
                .map_err(|e| anyhow!("[keys] {name}: {e}"))?;
            // A key the user gives is taken from whatever had it by
            // default; two actions the user names with one key conflict.
            for (c, ks) in table.iter_mut() {
                if !overrides.contains_key(c.name()) && !ks.is_empty() {
                    ks.retain(|k| Key::parse(k).map_or(true, |k| !parsed.contains(&k)));
                    if ks.is_empty() {
                        unbound.push((*c, cmd));
                    }
                }
            }
            if let Some((_, ks)) = table.iter_mut().find(|(c, _)| *c == cmd) {
                // Named as the hints and the help can show it.
                *ks = (keys.iter())
                    .map(|k| match k.strip_suffix(' ') {
                        Some(mods) if mods.is_empty() || mods.ends_with('-') => {
                            format!("{mods}space")
                        }
                        _ => k.clone(),
                    })
                    .collect();
            }
        }
        let mut by_key = HashMap::new();
        for (cmd, keys) in &table {
            for k in keys {
                let key = Key::parse(k).map_err(|e| anyhow!("[keys] {}: {e}", cmd.name()))?;
                if let Some(other) = by_key.insert(key, *cmd)
                    && other != *cmd
                {
                    bail!(
                        "[keys]: {k:?} is bound to both {} and {}",
                        other.name(),
                        cmd.name()
                    );
                }
            }
        }
        // A review nothing but a signal can end; a detail pane or a
        // person's view nothing leaves.
        for (cmd, what, example) in [
            (Command::Quit, "quit with", "q"),
            (Command::Back, "go back with", "esc"),
        ] {
            if !by_key.values().any(|c| *c == cmd) {
                // Named first, as `[keys] quit:`, for the line it is on.
                bail!(
                    "[keys] {name}: no key is left to {what} (it has none, or its keys went to \
                     other actions); give it one, e.g. {name} = [\"{example}\"]",
                    name = cmd.name()
                );
            }
        }
        Ok(Keymap {
            by_key,
            bindings: table,
            unbound,
        })
    }

    pub fn command(&self, ev: &KeyEvent) -> Option<Command> {
        self.by_key.get(&Key::from_event(ev)).copied()
    }

    /// What the review says when it opens on a `[keys]` table that left
    /// actions without a key, if it did.
    pub fn unbound_note(&self) -> Option<String> {
        let lost: Vec<String> = (self.unbound.iter())
            .map(|(lost, taker)| format!("{} (its keys went to {})", lost.name(), taker.name()))
            .collect();
        (!lost.is_empty()).then(|| {
            format!(
                "[keys] left no key to {}: give {} one in the config",
                lost.join(", "),
                if lost.len() == 1 { "it" } else { "each" }
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        let mut e = KeyEvent::new(code, mods);
        e.kind = KeyEventKind::Press;
        e
    }

    #[test]
    fn defaults_cover_every_command_and_parse() {
        let km = Keymap::new(&BTreeMap::new()).expect("keymap");
        assert_eq!(km.bindings.len(), Command::ALL.len());
        assert_eq!(
            km.command(&ev(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Command::Down)
        );
        assert_eq!(
            km.command(&ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Command::Bottom)
        );
        assert_eq!(
            km.command(&ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Command::PrevView)
        );
        assert_eq!(
            km.command(&ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Command::Quit)
        );
        assert_eq!(
            km.command(&ev(KeyCode::Char('z'), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn user_keys_replace_and_steal() {
        let mut o = BTreeMap::new();
        o.insert(
            "dismiss".to_owned(),
            vec!["x".to_owned(), "delete".to_owned()],
        );
        let km = Keymap::new(&o).expect("keymap");
        assert_eq!(
            km.command(&ev(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Command::Dismiss)
        );
        assert_eq!(
            km.command(&ev(KeyCode::Char('d'), KeyModifiers::NONE)),
            None
        );
        // `select` keeps its other default key.
        assert_eq!(
            km.command(&ev(KeyCode::Char(' '), KeyModifiers::NONE)),
            Some(Command::Select)
        );
        assert_eq!(km.unbound_note(), None);
    }

    /// An action whose every key the table gives to others is said to have
    /// none left; one the table names with none is the user's choice.
    #[test]
    fn an_action_left_without_a_key_is_pointed_out() {
        let mut o = BTreeMap::new();
        o.insert("reply".to_owned(), vec!["d".to_owned()]);
        let km = Keymap::new(&o).expect("keymap");
        assert_eq!(km.unbound, [(Command::Dismiss, Command::Reply)]);
        assert_eq!(
            km.unbound_note().as_deref(),
            Some(
                "[keys] left no key to dismiss (its keys went to reply): give it one in the config"
            )
        );
        o.insert("dismiss".to_owned(), vec![]);
        assert_eq!(Keymap::new(&o).expect("keymap").unbound_note(), None);
    }

    #[test]
    fn bad_names_and_keys_are_refused_with_the_reason() {
        let mut o = BTreeMap::new();
        o.insert("dismis".to_owned(), vec!["x".to_owned()]);
        let e = Keymap::new(&o).expect_err("bad action").to_string();
        assert!(e.contains("\"dismis\" is not an action"), "{e}");
        let mut o = BTreeMap::new();
        o.insert("dismiss".to_owned(), vec!["ctrl-".to_owned()]);
        assert!(Keymap::new(&o).is_err());
        let mut o = BTreeMap::new();
        o.insert("dismiss".to_owned(), vec!["hyper-x".to_owned()]);
        assert!(Keymap::new(&o).is_err());
        // One key given to two actions: neither silently loses it.
        let mut o = BTreeMap::new();
        o.insert("dismiss".to_owned(), vec!["z".to_owned()]);
        o.insert("snooze".to_owned(), vec!["z".to_owned()]);
        let e = Keymap::new(&o).expect_err("a conflict").to_string();
        assert!(
            e.contains("\"z\" is bound to both dismiss and snooze"),
            "{e}"
        );
        // A key a terminal sends as another never comes.
        let e = Key::parse("ctrl-m").expect_err("sent as enter").to_string();
        assert!(e.contains("reaches ackbox as enter"), "{e}");
        for shifted in ["shift-1", "s-?", "shift-space"] {
            let e = Key::parse(shifted).unwrap_err().to_string();
            assert!(e.contains("the character shift types with it"), "{e}");
        }
        let e = Key::parse("shift-/").unwrap_err().to_string();
        assert!(e.ends_with("(on a US keyboard, '?')"), "{e}");
        let e = Key::parse("ctrl-1").unwrap_err().to_string();
        assert!(e.contains("no key a terminal sends"), "{e}");
        let e = Key::parse("ctrl-2").unwrap_err().to_string();
        assert!(e.contains("reaches ackbox as ctrl-space"), "{e}");
        for (key, sent) in [
            ("ctrl-/", "ctrl-7"),
            ("ctrl-_", "ctrl-7"),
            ("ctrl-\\", "ctrl-4"),
            ("ctrl-]", "ctrl-5"),
            ("ctrl-^", "ctrl-6"),
            ("ctrl-@", "ctrl-space"),
            ("ctrl-?", "backspace"),
        ] {
            let e = Key::parse(key).unwrap_err().to_string();
            assert!(e.contains(&format!("reaches ackbox as {sent}")), "{e}");
        }
        let e = Key::parse("alt-ctrl-/").unwrap_err().to_string();
        assert!(
            e.ends_with("reaches ackbox as alt-ctrl-7: bind alt-ctrl-7 instead"),
            "{e}"
        );
        let e = Key::parse("shift-space").unwrap_err().to_string();
        assert!(e.ends_with("(a space: \"space\")"), "{e}");
        assert!(Key::parse("ctrl-5").is_ok(), "sent as such");
        // A space written as one is named as the hints show it.
        let mut o = BTreeMap::new();
        o.insert(
            "reply".to_owned(),
            vec![" ".to_owned(), "ctrl- ".to_owned()],
        );
        let km = Keymap::new(&o).expect("a space");
        let reply = km.bindings.iter().find(|(c, _)| *c == Command::Reply);
        assert_eq!(
            reply.map(|(_, k)| k.as_slice()),
            Some(&["space".to_owned(), "ctrl-space".to_owned()][..])
        );
        // No way out: refused, whether quit gives its keys up or loses them.
        let all = vec!["q".to_owned(), "ctrl-c".to_owned()];
        for (action, keys) in [("quit", vec![]), ("dismiss", all)] {
            let mut o = BTreeMap::new();
            o.insert(action.to_owned(), keys);
            let e = Keymap::new(&o).expect_err("no quit").to_string();
            assert!(e.contains("no key is left to quit with"), "{e}");
        }
        let mut o = BTreeMap::new();
        o.insert("back".to_owned(), vec![]);
        let e = Keymap::new(&o).expect_err("no back").to_string();
        assert!(e.contains("no key is left to go back with"), "{e}");
    }

    /// The README's key table, one `(keys, action)` per row.
    fn readme_keys() -> Vec<(String, String)> {
        let readme = include_str!("../../README.md");
        let table = readme
            .split("| keys | action |")
            .nth(1)
            .expect("the README has a key table");
        table
            .lines()
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .map(|l| {
                let cells: Vec<&str> = l.trim_matches('|').splitn(2, '|').collect();
                (cells[0].trim().to_owned(), cells[1].trim().to_owned())
            })
            .collect()
    }

    /// The single-character keys written `x` in a cell.
    fn ticked_chars(cell: &str) -> Vec<char> {
        cell.split('`')
            .skip(1)
            .step_by(2)
            .filter_map(|k| {
                let mut cs = k.chars();
                match (cs.next(), cs.next()) {
                    (Some(c), None) => Some(c),
                    _ => None,
                }
            })
            .collect()
    }

    #[test]
    fn the_readme_key_table_matches_the_default_keys() {
        let km = Keymap::new(&BTreeMap::new()).expect("keymap");
        let rows = readme_keys();
        let keys_column: Vec<char> = rows.iter().flat_map(|(k, _)| ticked_chars(k)).collect();
        // Every letter or sign bound by default is in the table (digits: `1`–`6`).
        for (cmd, keys) in &km.bindings {
            for k in keys {
                let mut cs = k.chars();
                if let (Some(c), None) = (cs.next(), cs.next())
                    && !c.is_ascii_digit()
                {
                    assert!(
                        keys_column.contains(&c),
                        "README key table lacks `{c}` ({})",
                        cmd.name()
                    );
                }
            }
        }
        // And every key the table names does what it says.
        for c in keys_column {
            if c.is_ascii_digit() {
                continue;
            }
            let bound = km.command(&ev(KeyCode::Char(c), KeyModifiers::NONE));
            assert!(
                bound.is_some(),
                "README names `{c}`, which nothing is bound to"
            );
        }
        // The editor's own keys.
        let all: String = rows.iter().map(|(k, a)| format!("{k} {a}")).collect();
        for k in ["`Ctrl-S`", "`Ctrl-T`", "`Ctrl-E`"] {
            assert!(all.contains(k), "README key table lacks {k}");
        }
    }

    #[test]
    fn key_names() {
        assert_eq!(
            Key::parse("ctrl-E").expect("key"),
            Key {
                code: KeyCode::Char('e'),
                mods: KeyModifiers::CONTROL
            }
        );
        assert_eq!(
            Key::parse("shift-g").expect("key"),
            Key::parse("G").expect("key")
        );
        assert_eq!(
            Key::parse("shift-tab").expect("key"),
            Key::parse("backtab").expect("key")
        );
        assert_eq!(Key::parse("-").expect("key").code, KeyCode::Char('-'));
        assert_eq!(Key::parse("f5").expect("key").code, KeyCode::F(5));
    }
}
