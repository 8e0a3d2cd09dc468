//! A fixture inbox for the TUI tests: unicode (CJK, emoji, Arabic), a long
//! body, hostile escape sequences stored raw, and one item in every state.
#![allow(dead_code)]

use ackbox::config::OwnIdentities;
use ackbox::model::{DismissReason, Record};
use ackbox::store::Store;
use ackbox::store::actions::{Change, ItemRef};
use chrono::{DateTime, Duration, TimeZone, Utc};

/// The fixed "now" of every TUI test.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 12, 0, 0)
        .single()
        .expect("time")
}

/// A body that tries to clear the screen, write the clipboard (OSC 52) and
/// hide a link target (OSC 8).
pub const HOSTILE: &str = "before \x1b[2J clear \x1b]52;c;SGFja2VkIQ==\x07 clip \x1b]8;;https://evil.example/\x1b\\click here\x1b]8;;\x1b\\ after \u{202e}txet desrever\u{202c} end\x07\x08";

pub const LONG: &str = "Brewed it this weekend on my Origami dripper and I have thoughts. \
First, the 15 g to 250 g ratio is spot on for the Konga, it came out sweet and juicy, with \
that bergamot note you mention in the shop description. Second, I tried the three pours at \
0:00, 0:45 and 1:30 and the drawdown finished at 3:50, so right on time.\n\nBut: when I used \
the Nordljus (the darker one) it was bitter and a bit hollow. Should I go coarser, cooler, or \
both? I have a Comandante and was at 24 clicks. Also, would you ever do a video on brewing \
for two people with the same recipe, doubling everything? My partner drinks coffee too now \
thanks to you. Last thing, the shop page says shipping to Portugal takes 5 days but mine \
took 12, not a big deal, just so you know. Obrigada!";

fn rec(
    now: DateTime<Utc>,
    platform: &str,
    id: &str,
    author: &str,
    name: Option<&str>,
    body: &str,
    hours_ago: i64,
) -> Record {
    let mut r = Record::new(platform, id, author, body, now - Duration::hours(hours_ago));
    r.author_name = name.map(str::to_owned);
    r.url = Some(format!("https://{platform}.example/c/{id}"));
    r
}

fn thread(mut r: Record, id: &str, title: &str) -> Record {
    r.thread_id = Some(id.to_owned());
    r.thread_title = Some(title.to_owned());
    r.thread_url = Some(format!("https://{}.example/t/{id}", r.platform));
    r
}

/// The records of the fixture as of `now`, oldest first.
pub fn records(now: DateTime<Utc>) -> Vec<Record> {
    let v60 = "Our everyday V60 recipe: 15 g, 250 g, three pours";
    let mut own = thread(
        rec(
            now,
            "youtube",
            "r1",
            "@FernwehCoffee",
            Some("Fernweh Coffee"),
            "@joeramos_brews Thanks Joe!\n94 for light roasts.",
            100,
        ),
        "v60",
        v60,
    );
    own.parent_id = Some("j1".into());
    own.own = Some(true);
    let mut joe2 = thread(
        rec(
            now,
            "youtube",
            "j2",
            "@joeramos_brews",
            Some("Joe Ramos"),
            "Follow-up: at 1:52 you say 94°C but the overlay says 96. Which one for the Konga?",
            90,
        ),
        "v60",
        v60,
    );
    joe2.parent_id = Some("r1".into());
    vec![
        thread(
            rec(
                now,
                "youtube",
                "j1",
                "@joeramos_brews",
                Some("Joe Ramos"),
                "Which temperature for light roasts?",
                110,
            ),
            "v60",
            v60,
        ),
        own,
        joe2,
        thread(
            rec(
                now,
                "bluesky",
                "k1",
                "kenjiw.bsky.social",
                Some("Kenji Watanabe 渡辺健二"),
                "いいですね！今夜仕事の後に見ます 🎉☕ 少し酸味が強かったです。",
                80,
            ),
            "post1",
            "新しいブレンド「北の光」",
        ),
        thread(
            rec(
                now,
                "instagram",
                "n1",
                "@noura.brews",
                Some("نورة العتيبي"),
                "شكراً على الوصفة! هل تنصح بتحميص أفتح؟ ☕ Love it",
                70,
            ),
            "reel9",
            "Pour-over in 60 seconds",
        ),
        thread(
            rec(
                now,
                "wordpress",
                "w1",
                "sofia",
                Some("Sofia Almeida"),
                LONG,
                60,
            ),
            "blog3",
            "Why we roast light",
        ),
        thread(
            rec(
                now,
                "mastodon",
                "m1",
                "evil@bad.example",
                Some("Evil \x1b[31mRed\x1b[0m"),
                HOSTILE,
                50,
            ),
            "toot7",
            "Beans \x1b]8;;https://evil.example/\x1b\\back\x1b]8;;\x1b\\ in stock",
        ),
        thread(
            rec(
                now,
                "facebook",
                "f1",
                "familycafe",
                Some("👩‍👩‍👧 Família Café 🇵🇹"),
                "👩‍👩‍👧‍👦🇵🇹❤️ obrigado!",
                40,
            ),
            "fb2",
            "Nordljus is back",
        ),
        rec(
            now,
            "reddit",
            "d1",
            "u/grindsize",
            None,
            "Is the Comandante worth it over a Timemore C2?",
            30,
        ),
        thread(
            rec(
                now,
                "github",
                "g1",
                "mnowak-dev",
                Some("Marek Nowak"),
                "Bug: the shop API returns 500 on /beans?roast=light",
                20,
            ),
            "issue12",
            "Shop API 500",
        ),
        thread(
            rec(
                now,
                "youtube",
                "s1",
                "@sub4sub_daily",
                Some("Sub4Sub Daily"),
                "Nice video!! sub4sub? 🙏",
                10,
            ),
            "v60",
            v60,
        ),
        thread(
            rec(
                now,
                "youtube",
                "z1",
                "@lucia.torres",
                Some("Lucía Torres"),
                "Me encantó el video, ¿qué molino usas?",
                5,
            ),
            "v60",
            v60,
        ),
    ]
}

/// Loads the fixture into `store` as of the fixed [`now`].
pub fn load(store: &mut Store) {
    load_at(store, now());
}

/// Loads the fixture as of `now`: some items answered (an imported own
/// reply), one dismissed as spam, one snoozed.
pub fn load_at(store: &mut Store, now: DateTime<Utc>) {
    let own = OwnIdentities::default();
    let mut imp = store
        .begin_import(now - Duration::hours(1))
        .expect("import");
    for r in records(now) {
        let is_own = r.own == Some(true) || own.matches(&r);
        imp.add(&r, is_own, None).expect("add");
    }
    imp.finish(true).expect("commit");
    let rid = |s: &Store, id: &str| {
        s.rid_of(&ItemRef {
            platform: id.split(':').next().unwrap_or_default().into(),
            id: id.split(':').nth(1).unwrap_or_default().into(),
        })
        .expect("rid")
    };
    let spam = rid(store, "youtube:s1");
    store
        .apply(
            &[spam],
            Change::Dismissed(DismissReason::Spam),
            now - Duration::minutes(30),
        )
        .expect("dismiss");
    let later = rid(store, "reddit:d1");
    store
        .apply(
            &[later],
            Change::Snoozed(now + Duration::hours(20)),
            now - Duration::minutes(20),
        )
        .expect("snooze");
    let done = rid(store, "github:g1");
    store
        .apply(&[done], Change::Answered, now - Duration::minutes(10))
        .expect("answered");
}

/// A fixture database in a file under `dir`, as of `now`.
pub fn fixture_db(dir: &std::path::Path, now: DateTime<Utc>) -> std::path::PathBuf {
    let path = dir.join("fixture.db");
    let mut store = Store::open(&path).expect("open");
    load_at(&mut store, now);
    // Noted, as ackbox notes it before a first import: the built-in
    // settings judged it.
    let fingerprint = (ackbox::config::Config::default().analysis_fingerprint()).expect("settings");
    store.reanalyse_if_changed(fingerprint).expect("noted");
    path
}
