//! Numbered migrations, tracked in `PRAGMA user_version`.
//!
//! Each entry upgrades the schema from version `i` to `i + 1`. Never edit a
//! released migration: append a new one.

/// A period roll-up's table (`hourly`, `daily`).
macro_rules! period_table {
    ($table:literal) => {
        concat!(
            "
    CREATE TABLE ",
            $table,
            " (
        start            INTEGER NOT NULL,
        platform         TEXT NOT NULL,
        incoming         INTEGER NOT NULL,
        needs_reply      INTEGER NOT NULL,
        answered         INTEGER NOT NULL,
        dismissed        INTEGER NOT NULL,
        snoozed          INTEGER NOT NULL,
        personal         INTEGER NOT NULL,
        personal_unknown INTEGER NOT NULL,
        replies          INTEGER NOT NULL,
        PRIMARY KEY (start, platform)
    ) WITHOUT ROWID;"
        )
    };
}

/// A period roll-up (`hourly`, `daily`) recounted from `items`. Periods are
/// keyed by their first second, floored (times before 1970 land right too).
macro_rules! recount_period {
    ($table:literal, $secs:literal) => {
        concat!(
            "DELETE FROM ", $table, ";
            INSERT INTO ", $table, " (start, platform, incoming, needs_reply, answered, dismissed,
                                      snoozed, personal, personal_unknown, replies)
                SELECT created_at - ((created_at % ", $secs, ") + ", $secs, ") % ", $secs, ",
                       platform, SUM(own = 0), SUM(state IS 0), SUM(state IS 1), SUM(state IS 2),
                       SUM(state IS 3), SUM(state IS 1 AND personal IS 1),
                       SUM(state IS 1 AND personal IS NULL), SUM(own = 1)
                FROM items GROUP BY 1, 2;"
        )
    };
}

/// When an item of `$row` was answered, if it was: its first reply, else
/// when it was marked answered (a reply written elsewhere). The person's
/// last answer, as the index `items_author_answered` holds it (migration
/// 15); a reply time takes the earlier of the two (`first_answered_at!`),
/// where a reply imported after a mark shows the two apart.
macro_rules! answered_at {
    // Unqualified, as an index holds it (a query's `items.` form matches it).
    () => {
        "COALESCE(first_reply_at, iif(state IS 1, state_at, NULL))"
    };
    ($row:literal) => {
        concat!(
            "COALESCE(",
            $row,
            ".first_reply_at, iif(",
            $row,
            ".state IS 1, ",
            $row,
            ".state_at, NULL))"
        )
    };
}

/// The per-author roll-up recounted from `items` (read in row order and
/// sorted: through the author index, every row is a lookup).
macro_rules! recount_authors {
    () => {
        concat!(
            "DELETE FROM authors;
        INSERT INTO authors (platform, author, items, needs_reply, answered, dismissed, last_seen,
                             last_answered)
            SELECT platform, author, COUNT(*), SUM(state IS 0), SUM(state IS 1), SUM(state IS 2),
                   MAX(created_at), MAX(",
            answered_at!("items"),
            ")
            FROM items NOT INDEXED WHERE own = 0 GROUP BY platform, author;"
        )
    };
}

/// The per-platform states recounted from `items`.
macro_rules! recount_platform_states {
    () => {
        "DELETE FROM platform_states;
            INSERT INTO platform_states (platform, state, n)
                SELECT platform, state, COUNT(*) FROM items INDEXED BY items_state_created
                WHERE own = 0 GROUP BY 1, 2;"
    };
}

/// The roll-ups but the per-author one recounted from `items`.
macro_rules! recount_periods {
    () => {
        concat!(
            recount_period!("hourly", 3600),
            recount_period!("daily", 86400),
            recount_platform_states!()
        )
    };
}

/// Every roll-up recounted from `items` (by migration 4).
macro_rules! recount_rollups {
    () => {
        concat!(recount_periods!(), recount_authors!())
    };
}

/// A period roll-up's share of a change (see `rollup_delta`).
macro_rules! period_delta {
    ($table:literal, $secs:literal, $src:expr) => {
        concat!(
            "INSERT INTO ",
            $table,
            " (start, platform, incoming, needs_reply, answered, dismissed,
                                      snoozed, personal, personal_unknown, replies)
                SELECT t - ((t % ",
            $secs,
            ") + ",
            $secs,
            ") % ",
            $secs,
            ", p, k * (o = 0),
                       k * (s IS 0), k * (s IS 1), k * (s IS 2), k * (s IS 3),
                       k * (s IS 1 AND pe IS 1), k * (s IS 1 AND pe IS NULL), k * (o = 1)
                FROM (",
            $src,
            ") WHERE true
                ON CONFLICT (start, platform) DO UPDATE SET
                    incoming = incoming + excluded.incoming,
                    needs_reply = needs_reply + excluded.needs_reply,
                    answered = answered + excluded.answered,
                    dismissed = dismissed + excluded.dismissed,
                    snoozed = snoozed + excluded.snoozed,
                    personal = personal + excluded.personal,
                    personal_unknown = personal_unknown + excluded.personal_unknown,
                    replies = replies + excluded.replies;"
        )
    };
}

/// The roll-ups' share of a change: `src` yields rows (t created_at,
/// p platform, a author, o own, s state, pe personal, f first_reply_at,
/// k +1 or -1).
macro_rules! rollup_delta {
    ($src:expr) => {
        concat!(
            period_delta!("hourly", 3600, $src),
            period_delta!("daily", 86400, $src),
            "INSERT INTO platform_states (platform, state, n)
                SELECT p, s, k FROM (", $src, ") WHERE o = 0
                ON CONFLICT (platform, state) DO UPDATE SET n = n + excluded.n;
            INSERT INTO authors (platform, author, items, needs_reply, answered, dismissed, last_seen,
                                 last_answered)
                SELECT p, a, k, k * (s IS 0), k * (s IS 1), k * (s IS 2), CASE WHEN k > 0 THEN t END,
                       CASE WHEN k > 0 THEN f END
                FROM (", $src, ") WHERE o = 0
                ON CONFLICT (platform, author) DO UPDATE SET
                    items = items + excluded.items,
                    needs_reply = needs_reply + excluded.needs_reply,
                    answered = answered + excluded.answered,
                    dismissed = dismissed + excluded.dismissed,
                    last_seen = MAX(COALESCE(last_seen, excluded.last_seen), COALESCE(excluded.last_seen, last_seen)),
                    last_answered = MAX(COALESCE(last_answered, excluded.last_answered),
                                        COALESCE(excluded.last_answered, last_answered));"
        )
    };
}

/// An author's last item and last reply again, after one of theirs left or
/// moved or lost its reply (a maximum cannot be taken back by a delta).
/// `indexed` (schema 15): the last reply read from the index of answered
/// items, the last entry of the author's (the first form reads every item
/// of theirs, for each item changed: minutes for an undo of many of a
/// prolific person's).
macro_rules! author_last_seen {
    (indexed) => {
        concat!(
            "UPDATE authors SET
                last_seen = (SELECT MAX(created_at) FROM items INDEXED BY items_author
                             WHERE platform = old.platform AND author = old.author AND own = 0),
                last_answered = (SELECT ",
            answered_at!(),
            " FROM items INDEXED BY items_author_answered
                                 WHERE platform = old.platform AND author = old.author AND own = 0
                                     AND ",
            answered_at!(),
            " IS NOT NULL ORDER BY ",
            answered_at!(),
            " DESC LIMIT 1)
            WHERE platform = old.platform AND author = old.author"
        )
    };
    () => {
        concat!(
            "UPDATE authors SET
                last_seen = (SELECT MAX(created_at) FROM items INDEXED BY items_author
                             WHERE platform = old.platform AND author = old.author AND own = 0),
                last_answered = (SELECT MAX(",
            answered_at!("items"),
            ") FROM items INDEXED BY items_author
                                 WHERE platform = old.platform AND author = old.author AND own = 0)
            WHERE platform = old.platform AND author = old.author"
        )
    };
}

/// The triggers that keep the roll-ups (`f`: when the item was answered,
/// see `answered_at`).
macro_rules! rollup_triggers {
    ($($form:ident)?) => {
        concat!(
            "
    CREATE TRIGGER items_rollup_insert AFTER INSERT ON items BEGIN ",
            rollup_delta!(concat!(
                "SELECT new.created_at AS t, new.platform AS p, new.author AS a, new.own AS o, new.state AS s, new.personal AS pe, ",
                answered_at!("new"),
                " AS f, 1 AS k"
            )),
            "
    END;
    CREATE TRIGGER items_rollup_delete AFTER DELETE ON items BEGIN ",
            rollup_delta!(concat!(
                "SELECT old.created_at AS t, old.platform AS p, old.author AS a, old.own AS o, old.state AS s, old.personal AS pe, ",
                answered_at!("old"),
                " AS f, -1 AS k"
            )),
            author_last_seen!($($form)?),
            ";
    END;
    CREATE TRIGGER items_rollup_update AFTER UPDATE OF created_at, platform, author, own, state, state_at, personal, first_reply_at ON items
        WHEN old.state IS NOT new.state OR old.personal IS NOT new.personal OR old.created_at IS NOT new.created_at
            OR old.platform IS NOT new.platform OR old.author IS NOT new.author OR old.own IS NOT new.own
            OR old.first_reply_at IS NOT new.first_reply_at OR old.state_at IS NOT new.state_at BEGIN ",
            rollup_delta!(concat!(
                "SELECT old.created_at AS t, old.platform AS p, old.author AS a, old.own AS o, old.state AS s, old.personal AS pe, ",
                answered_at!("old"),
                " AS f, -1 AS k
                 UNION ALL SELECT new.created_at, new.platform, new.author, new.own, new.state, new.personal, ",
                answered_at!("new"),
                ", 1"
            )),
            author_last_seen!($($form)?),
            // Its last answer again when the one it had went or came earlier.
            " AND (old.created_at IS NOT new.created_at OR old.author IS NOT new.author OR old.platform IS NOT new.platform
               OR (",
            answered_at!("old"),
            " IS NOT NULL AND coalesce(",
            answered_at!("new"),
            " < ",
            answered_at!("old"),
            ", true)));
    END;
    "
        )
    };
}

/// The days recounted from the hours (each hour lies within one UTC day):
/// a small table read, not the items again.
macro_rules! days_from_hours {
    () => {
        "DELETE FROM daily;
        INSERT INTO daily (start, platform, incoming, needs_reply, answered, dismissed, snoozed,
                           personal, personal_unknown, replies)
            SELECT start - ((start % 86400) + 86400) % 86400, platform, SUM(incoming),
                   SUM(needs_reply), SUM(answered), SUM(dismissed), SUM(snoozed), SUM(personal),
                   SUM(personal_unknown), SUM(replies)
            FROM hourly GROUP BY 1, 2;"
    };
}

/// What makes an item of `$row` noise of its author's (SQL): dismissed as
/// bait or spam. A spammer's weeks of it make no one loyal.
macro_rules! noise {
    ($row:literal) => {
        concat!(
            $row,
            ".own = 0 AND ",
            $row,
            ".state = 2 AND ",
            $row,
            ".reason IN ('bait', 'spam')"
        )
    };
}

/// Each author's noise recounted (by migration 20, and with the
/// per-author roll-up).
macro_rules! recount_noise {
    () => {
        concat!(
            "DELETE FROM author_noise;
            INSERT INTO author_noise (platform, author, n)
                SELECT platform, author, COUNT(*) FROM items INDEXED BY items_dismissed_reason
                WHERE ",
            noise!("items"),
            " GROUP BY 1, 2;"
        )
    };
}

/// The triggers that keep each author's noise: an item becoming noise or
/// ceasing to be, or moving to another author.
macro_rules! noise_triggers {
    () => {
        concat!(
            "
    CREATE TRIGGER IF NOT EXISTS items_noise_insert AFTER INSERT ON items WHEN ",
            noise!("new"),
            " BEGIN ",
            noise_delta!("new", "1"),
            "
    END;
    CREATE TRIGGER IF NOT EXISTS items_noise_delete AFTER DELETE ON items WHEN ",
            noise!("old"),
            " BEGIN ",
            noise_delta!("old", "-1"),
            "
    END;
    CREATE TRIGGER IF NOT EXISTS items_noise_update
        AFTER UPDATE OF platform, author, own, state, reason ON items
        WHEN (",
            noise!("old"),
            ") IS NOT (",
            noise!("new"),
            ") OR old.platform IS NOT new.platform OR old.author IS NOT new.author BEGIN ",
            noise_delta!("old", "-1"),
            noise_delta!("new", "1"),
            "
    END;"
        )
    };
}

/// An author's noise moved by `$k` where `$row` is noise.
macro_rules! noise_delta {
    ($row:literal, $k:literal) => {
        concat!(
            "
        INSERT INTO author_noise (platform, author, n) SELECT ",
            $row,
            ".platform, ",
            $row,
            ".author, ",
            $k,
            " WHERE ",
            noise!($row),
            "
            ON CONFLICT (platform, author) DO UPDATE SET n = n + excluded.n;"
        )
    };
}

/// Whether a row of `items` is noise of its author's (SQL, see `noise!`).
pub const NOISE: &str = noise!("items");

/// The per-author roll-up recounted (after a bulk load's linking: it
/// depends on states only, and the analysis ranks people by it).
pub const RECOUNT_AUTHORS: &str = concat!(recount_authors!(), recount_noise!());
/// The other roll-ups recounted (after a bulk load's analysis, which
/// decides what was answered personally).
/// (Released migrations keep `recount_periods!`, which counts the days
/// from the items too.)
pub const RECOUNT_PERIODS: &str = concat!(
    recount_period!("hourly", 3600),
    days_from_hours!(),
    recount_platform_states!()
);

pub const MIGRATIONS: &[&str] = &[
    // 1: items, threads, the action log.
    r#"
    CREATE TABLE threads (
        platform  TEXT NOT NULL,
        thread_id TEXT NOT NULL,
        title     TEXT,
        url       TEXT,
        muted_at  INTEGER,
        PRIMARY KEY (platform, thread_id)
    ) WITHOUT ROWID;

    -- Times are UTC unix seconds. `state` is NULL for own replies and
    -- 0 needs-reply, 1 answered, 2 dismissed, 3 snoozed for incoming items.
    CREATE TABLE items (
        rid            INTEGER PRIMARY KEY,
        platform       TEXT NOT NULL,
        id             TEXT NOT NULL,
        parent_id      TEXT,
        thread_id      TEXT,
        author         TEXT NOT NULL,
        author_name    TEXT,
        body           TEXT NOT NULL,
        created_at     INTEGER NOT NULL,
        url            TEXT,
        kind           INTEGER NOT NULL DEFAULT 0,
        own            INTEGER NOT NULL DEFAULT 0,
        origin         INTEGER,
        state          INTEGER,
        reason         TEXT,
        snoozed_until  INTEGER,
        state_at       INTEGER,
        decided        INTEGER NOT NULL DEFAULT 0,
        first_reply_at INTEGER,
        personal       INTEGER,
        flags          INTEGER NOT NULL DEFAULT 0,
        -- Own replies: 0 generic, 1 personal, 2 canned (NULL: not judged yet).
        verdict        INTEGER,
        -- JSON: an own reply's verdict reasons, or an item's flag reasons.
        reasons        TEXT,
        -- Hash of the normalised text: canned key (own) or copypasta key (incoming).
        text_key       INTEGER,
        -- Queue order: high score first, then oldest (see store::analysis::queue_key).
        queue_key      INTEGER NOT NULL DEFAULT 0,
        UNIQUE (platform, id)
    );
    -- The queue, the views and window statistics (covering for the counts).
    CREATE INDEX items_state_created ON items (state, created_at, platform) WHERE own = 0;
    CREATE INDEX items_queue ON items (state, queue_key) WHERE own = 0;
    CREATE INDEX items_incoming_created ON items (created_at, platform, state, first_reply_at, state_at, personal) WHERE own = 0;
    -- Linking own replies to parents, and a thread's replies.
    CREATE INDEX items_parent ON items (platform, parent_id) WHERE parent_id IS NOT NULL;
    -- A person's history.
    CREATE INDEX items_author ON items (platform, author, created_at);
    -- Today's progress and waking snoozed items.
    CREATE INDEX items_state_at ON items (state, state_at) WHERE own = 0;
    CREATE INDEX items_snoozed ON items (snoozed_until) WHERE state = 3;
    -- Own replies per day.
    CREATE INDEX items_own_created ON items (created_at) WHERE own = 1;
    -- Canned replies and copypasta: the same text again.
    CREATE INDEX items_text_key ON items (text_key) WHERE text_key IS NOT NULL;

    -- What the user keeps about a person.
    CREATE TABLE people (
        platform TEXT NOT NULL,
        author   TEXT NOT NULL,
        vip      INTEGER NOT NULL DEFAULT 0,
        note     TEXT,
        PRIMARY KEY (platform, author)
    ) WITHOUT ROWID;

    -- One row per user or rule action (what `undo` takes back), or per import.
    CREATE TABLE actions (
        aid       INTEGER PRIMARY KEY,
        at        INTEGER NOT NULL,
        actor     TEXT NOT NULL,
        kind      TEXT NOT NULL,
        reply_rid INTEGER,
        thread    TEXT,
        undone_at INTEGER
    );
    CREATE INDEX actions_undoable ON actions (aid) WHERE undone_at IS NULL AND actor <> 'import' AND kind NOT IN ('undo', 'wake');

    -- The append-only log of state changes.
    CREATE TABLE log (
        seq         INTEGER PRIMARY KEY,
        aid         INTEGER NOT NULL REFERENCES actions (aid),
        rid         INTEGER NOT NULL REFERENCES items (rid) ON DELETE CASCADE,
        at          INTEGER NOT NULL,
        old_state   INTEGER,
        old_reason  TEXT,
        old_snooze  INTEGER,
        old_decided INTEGER NOT NULL DEFAULT 0,
        new_state   INTEGER NOT NULL,
        new_reason  TEXT,
        new_snooze  INTEGER
    );
    CREATE INDEX log_aid ON log (aid);
    CREATE INDEX log_rid ON log (rid);
    "#,
    // 2: full-text search over incoming items (body, author, name), kept in
    // step with `items` by triggers; diacritics folded like `text::fold`.
    // Search asks for words (prefixes), never phrases: no positions kept.
    // And a thread's items, for muting and searching by thread title.
    r#"
    CREATE INDEX items_thread ON items (platform, thread_id) WHERE thread_id IS NOT NULL;
    CREATE VIRTUAL TABLE items_fts USING fts5(
        body, author, author_name,
        content = 'items', content_rowid = 'rid', detail = none,
        tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO items_fts (rowid, body, author, author_name)
        SELECT rid, body, author, COALESCE(author_name, '') FROM items WHERE own = 0;
    CREATE TRIGGER items_fts_insert AFTER INSERT ON items WHEN new.own = 0 BEGIN
        INSERT INTO items_fts (rowid, body, author, author_name)
        VALUES (new.rid, new.body, new.author, COALESCE(new.author_name, ''));
    END;
    CREATE TRIGGER items_fts_delete AFTER DELETE ON items WHEN old.own = 0 BEGIN
        INSERT INTO items_fts (items_fts, rowid, body, author, author_name)
        VALUES ('delete', old.rid, old.body, old.author, COALESCE(old.author_name, ''));
    END;
    CREATE TRIGGER items_fts_update AFTER UPDATE OF body, author, author_name ON items WHEN old.own = 0 BEGIN
        INSERT INTO items_fts (items_fts, rowid, body, author, author_name)
        VALUES ('delete', old.rid, old.body, old.author, COALESCE(old.author_name, ''));
        INSERT INTO items_fts (rowid, body, author, author_name)
        VALUES (new.rid, new.body, new.author, COALESCE(new.author_name, ''));
    END;
    "#,
    // 3: items per state, kept by triggers in the same transaction as every
    // change, so the counts the TUI and the daily review show cost nothing.
    r#"
    CREATE TABLE state_counts (state INTEGER PRIMARY KEY, n INTEGER NOT NULL);
    INSERT INTO state_counts (state, n)
        SELECT state, COUNT(*) FROM items WHERE own = 0 AND state IS NOT NULL GROUP BY state;
    CREATE TRIGGER items_count_insert AFTER INSERT ON items WHEN new.own = 0 BEGIN
        INSERT INTO state_counts (state, n) VALUES (new.state, 1)
            ON CONFLICT (state) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER items_count_delete AFTER DELETE ON items WHEN old.own = 0 BEGIN
        UPDATE state_counts SET n = n - 1 WHERE state = old.state;
    END;
    CREATE TRIGGER items_count_update AFTER UPDATE OF state ON items
        WHEN old.own = 0 AND old.state IS NOT new.state BEGIN
        UPDATE state_counts SET n = n - 1 WHERE state = old.state;
        INSERT INTO state_counts (state, n) VALUES (new.state, 1)
            ON CONFLICT (state) DO UPDATE SET n = n + 1;
    END;
    "#,
    // 4: roll-ups for the statistics, kept by triggers in the same
    // transaction as every change: per day and per hour and platform (windows
    // and charts read a few thousand rows, not a million items), per platform and state
    // (the backlog and the counts), per author (the most active people).
    // The window indexes cover what the statistics still read item by item.
    concat!(
        r#"
    DROP TRIGGER items_count_insert;
    DROP TRIGGER items_count_delete;
    DROP TRIGGER items_count_update;
    DROP TABLE state_counts;
    DROP INDEX items_state_created;
    CREATE INDEX items_state_created ON items (state, created_at, platform, first_reply_at, state_at) WHERE own = 0;
    DROP INDEX items_incoming_created;
    CREATE INDEX items_incoming_created ON items (created_at, platform, author, state) WHERE own = 0;
    -- Per hour and per UTC day (by first second) and platform: what became
    -- of the incoming items created then, and own replies written then.
    "#,
        period_table!("hourly"),
        period_table!("daily"),
        r#"
    CREATE TABLE platform_states (
        platform TEXT NOT NULL,
        state    INTEGER NOT NULL,
        n        INTEGER NOT NULL,
        PRIMARY KEY (platform, state)
    ) WITHOUT ROWID;
    CREATE TABLE authors (
        platform    TEXT NOT NULL,
        author      TEXT NOT NULL,
        items       INTEGER NOT NULL,
        needs_reply INTEGER NOT NULL,
        answered    INTEGER NOT NULL,
        dismissed   INTEGER NOT NULL,
        last_seen   INTEGER,
        -- The latest first reply to one of their items.
        last_answered INTEGER,
        PRIMARY KEY (platform, author)
    ) WITHOUT ROWID;
    "#,
        recount_rollups!(),
        rollup_triggers!()
    ),
    // 5: a smaller file. Links are mostly one shape with the item's id (and
    // thread id) in it: the shape is kept once in `url_forms` and the item
    // points at it (`url` stays NULL; older rows keep their link as written).
    // The full-text index keeps no per-row sizes (search never ranks), and
    // the indexes of decision times hold only decided items.
    r#"
    ALTER TABLE items ADD COLUMN url_form INTEGER;
    CREATE TABLE url_forms (fid INTEGER PRIMARY KEY, form TEXT NOT NULL UNIQUE);
    DROP INDEX items_state_at;
    CREATE INDEX items_answered_at ON items (state_at) WHERE own = 0 AND state = 1;
    CREATE INDEX items_dismissed_at ON items (state_at) WHERE own = 0 AND state = 2;
    -- The triggers of migration 2 write into the new table by its name.
    DROP TABLE items_fts;
    CREATE VIRTUAL TABLE items_fts USING fts5(
        body, author, author_name,
        content = 'items', content_rowid = 'rid', detail = none, columnsize = 0,
        tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO items_fts (rowid, body, author, author_name)
        SELECT rid, body, author, COALESCE(author_name, '') FROM items WHERE own = 0;
    "#,
    // 6: thread titles get a full-text index, so that search finds the
    // threads whose title has the words without reading every title. The
    // index refers to its rows by a stable row id, which `threads` (created
    // WITHOUT ROWID) gains by being copied.
    r#"
    CREATE TABLE threads_new (
        tid       INTEGER PRIMARY KEY,
        platform  TEXT NOT NULL,
        thread_id TEXT NOT NULL,
        title     TEXT,
        url       TEXT,
        muted_at  INTEGER,
        UNIQUE (platform, thread_id)
    );
    INSERT INTO threads_new (platform, thread_id, title, url, muted_at)
        SELECT platform, thread_id, title, url, muted_at FROM threads;
    DROP TABLE threads;
    ALTER TABLE threads_new RENAME TO threads;
    CREATE VIRTUAL TABLE threads_fts USING fts5(
        title, content = 'threads', content_rowid = 'tid', detail = none, columnsize = 0,
        tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO threads_fts (threads_fts) VALUES ('rebuild');
    CREATE TRIGGER threads_fts_insert AFTER INSERT ON threads BEGIN
        INSERT INTO threads_fts (rowid, title) VALUES (new.tid, new.title);
    END;
    CREATE TRIGGER threads_fts_delete AFTER DELETE ON threads BEGIN
        INSERT INTO threads_fts (threads_fts, rowid, title) VALUES ('delete', old.tid, old.title);
    END;
    CREATE TRIGGER threads_fts_update AFTER UPDATE OF title ON threads BEGIN
        INSERT INTO threads_fts (threads_fts, rowid, title) VALUES ('delete', old.tid, old.title);
        INSERT INTO threads_fts (rowid, title) VALUES (new.tid, new.title);
    END;
    "#,
    // 7: indexes that leave out the rows their queries never want, so that
    // they answer without reading the rows: one of text keys for incoming
    // items (copypasta) and one for own replies (canned texts), where
    // counting canned texts read every item's row to learn whether it was a
    // reply; a person's history without own replies (everyone's active
    // weeks are counted from it alone).
    r#"
    DROP INDEX items_text_key;
    CREATE INDEX items_paste_key ON items (text_key) WHERE own = 0;
    CREATE INDEX items_reply_key ON items (text_key) WHERE own = 1;
    DROP INDEX items_author;
    CREATE INDEX items_author ON items (platform, author, created_at) WHERE own = 0;
    "#,
    // 8: when the state a change replaced was reached, so that undoing the
    // change gives the item its time back ("today" counts what was decided
    // today, not what was brought back today).
    r#"
    ALTER TABLE log ADD COLUMN old_state_at INTEGER;
    "#,
    // 9: the person a VIP tag or a note changed, and what they had before
    // (JSON), so that undoing the change gives it back.
    r#"
    ALTER TABLE actions ADD COLUMN person TEXT;
    "#,
    // 10: settings the stored data was worked out under (the analysis
    // config's fingerprint), so that a change is noticed.
    r#"
    CREATE TABLE settings (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
    "#,
    // 11: only a reply to someone's comment is personal or not: a post of
    // one's own, or a reply to an item not stored, had been judged generic.
    r#"
    UPDATE items SET verdict = NULL, reasons = NULL
    WHERE own = 1 AND verdict IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM items p WHERE p.platform = items.platform AND p.id = items.parent_id
        AND p.own = 0);
    "#,
    // 12: a person was last answered when one of their items was, by a reply
    // or marked answered (a reply written elsewhere), not by replies alone.
    concat!(
        "
    DROP TRIGGER items_rollup_insert;
    DROP TRIGGER items_rollup_delete;
    DROP TRIGGER items_rollup_update;",
        rollup_triggers!(),
        recount_authors!()
    ),
    // 13: GitHub numbers issues and comments apart (Enterprise Server both
    // from 1), so one number could name an issue and a comment, and the
    // second overwrote the first: an issue's id is now `issue-` and its
    // number id. An issue is told by its link (its page, no `#` part); the
    // link is kept as written (a form may hold the old id), and own comments
    // that answer the issue follow it.
    r#"
    CREATE TEMP TABLE github_issues AS
        SELECT rid, id, thread_id,
               COALESCE(url, ackbox_url((SELECT form FROM url_forms WHERE fid = url_form),
                                        id, thread_id)) AS url
        FROM items
        WHERE platform = 'github' AND id GLOB '[0-9]*' AND id NOT GLOB '*[^0-9]*';
    DELETE FROM temp.github_issues
    WHERE url IS NULL OR url LIKE '%#%' OR NOT (url LIKE '%/issues/%' OR url LIKE '%/pull/%')
       OR EXISTS (SELECT 1 FROM items WHERE platform = 'github' AND id = 'issue-' || github_issues.id);
    UPDATE items SET parent_id = 'issue-' || parent_id
    WHERE platform = 'github' AND parent_id IN (SELECT id FROM temp.github_issues);
    UPDATE items SET id = 'issue-' || id, url_form = NULL,
                     url = (SELECT url FROM temp.github_issues g WHERE g.rid = items.rid)
    WHERE rid IN (SELECT rid FROM temp.github_issues);
    DROP TABLE temp.github_issues;
    "#,
    // 14: the text of a reply written here and taken back by an undo, which
    // the next reply to its item starts from (after a restart too).
    "CREATE TABLE IF NOT EXISTS drafts (
        rid  INTEGER PRIMARY KEY REFERENCES items (rid) ON DELETE CASCADE,
        body TEXT NOT NULL
    );",
    // 15: each person's answered items by when they were answered, so that
    // their last answer is found again at once when one of them loses its
    // answer (an undo of a bulk "answered").
    concat!(
        "
    CREATE INDEX IF NOT EXISTS items_author_answered ON items (platform, author, ",
        answered_at!(),
        ") WHERE own = 0 AND ",
        answered_at!(),
        " IS NOT NULL;
    DROP TRIGGER items_rollup_insert;
    DROP TRIGGER items_rollup_delete;
    DROP TRIGGER items_rollup_update;",
        rollup_triggers!(indexed)
    ),
    // 16: the replies written here by thread, so that the platform's copy
    // of one is found where it names another parent (a flat GitHub thread,
    // a YouTube reply to a reply) without reading the whole thread.
    "CREATE INDEX IF NOT EXISTS items_written_here ON items (platform, thread_id)
        WHERE own = 1 AND origin = 1;",
    // 17: the full-text index holds the items' words folded as a search
    // tests them (`ackbox_fold`, `text::fold`: fullwidth "ｆｏｌｌｏｗ" and
    // ligatures are their plain letters), so that what a search gathers from
    // it (counts, bulk actions) is what a page walking the list shows. Its
    // content is the folded view, which 'rebuild' and 'integrity-check' read.
    r#"
    DROP TRIGGER IF EXISTS items_fts_insert;
    DROP TRIGGER IF EXISTS items_fts_delete;
    DROP TRIGGER IF EXISTS items_fts_update;
    DROP TABLE IF EXISTS items_fts;
    DROP VIEW IF EXISTS items_folded;
    CREATE VIEW items_folded AS
        SELECT rid, ackbox_fold(body) AS body, ackbox_fold(author) AS author,
               ackbox_fold(COALESCE(author_name, '')) AS author_name
        FROM items WHERE own = 0;
    CREATE VIRTUAL TABLE items_fts USING fts5(
        body, author, author_name,
        content = 'items_folded', content_rowid = 'rid', detail = none, columnsize = 0,
        tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO items_fts (items_fts) VALUES ('rebuild');
    CREATE TRIGGER items_fts_insert AFTER INSERT ON items WHEN new.own = 0 BEGIN
        INSERT INTO items_fts (rowid, body, author, author_name)
        VALUES (new.rid, ackbox_fold(new.body), ackbox_fold(new.author),
                ackbox_fold(COALESCE(new.author_name, '')));
    END;
    CREATE TRIGGER items_fts_delete AFTER DELETE ON items WHEN old.own = 0 BEGIN
        INSERT INTO items_fts (items_fts, rowid, body, author, author_name)
        VALUES ('delete', old.rid, ackbox_fold(old.body), ackbox_fold(old.author),
                ackbox_fold(COALESCE(old.author_name, '')));
    END;
    CREATE TRIGGER items_fts_update AFTER UPDATE OF body, author, author_name ON items WHEN old.own = 0 BEGIN
        INSERT INTO items_fts (items_fts, rowid, body, author, author_name)
        VALUES ('delete', old.rid, ackbox_fold(old.body), ackbox_fold(old.author),
                ackbox_fold(COALESCE(old.author_name, '')));
        INSERT INTO items_fts (rowid, body, author, author_name)
        VALUES (new.rid, ackbox_fold(new.body), ackbox_fold(new.author),
                ackbox_fold(COALESCE(new.author_name, '')));
    END;
    "#,
    // 18: the thread titles' index holds them folded too, as the search
    // asking it is ("Weißbier" is found typed so or "weissbier").
    r#"
    DROP TRIGGER IF EXISTS threads_fts_insert;
    DROP TRIGGER IF EXISTS threads_fts_delete;
    DROP TRIGGER IF EXISTS threads_fts_update;
    DROP TABLE IF EXISTS threads_fts;
    DROP VIEW IF EXISTS threads_folded;
    CREATE VIEW threads_folded AS SELECT tid, ackbox_fold(title) AS title FROM threads;
    CREATE VIRTUAL TABLE threads_fts USING fts5(
        title, content = 'threads_folded', content_rowid = 'tid', detail = none, columnsize = 0,
        tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO threads_fts (threads_fts) VALUES ('rebuild');
    CREATE TRIGGER threads_fts_insert AFTER INSERT ON threads BEGIN
        INSERT INTO threads_fts (rowid, title) VALUES (new.tid, ackbox_fold(new.title));
    END;
    CREATE TRIGGER threads_fts_delete AFTER DELETE ON threads BEGIN
        INSERT INTO threads_fts (threads_fts, rowid, title)
        VALUES ('delete', old.tid, ackbox_fold(old.title));
    END;
    CREATE TRIGGER threads_fts_update AFTER UPDATE OF title ON threads BEGIN
        INSERT INTO threads_fts (threads_fts, rowid, title)
        VALUES ('delete', old.tid, ackbox_fold(old.title));
        INSERT INTO threads_fts (rowid, title) VALUES (new.tid, ackbox_fold(new.title));
    END;
    "#,
    // 19: the statistics' dismissals, by reason and today's by the user,
    // read from an index alone: after a bulk dismissal of an old backlog,
    // each report read a row of the table per item dismissed.
    "DROP INDEX IF EXISTS items_dismissed_at;
    CREATE INDEX items_dismissed_at ON items (state_at, decided) WHERE own = 0 AND state = 2;
    CREATE INDEX IF NOT EXISTS items_dismissed_reason ON items (platform, reason, created_at)
        WHERE own = 0 AND state = 2;",
    // 20: each person's items dismissed as bait or spam (only those with
    // any), so that weeks of them make no spammer loyal (see
    // `analysis::is_loyal`).
    concat!(
        "CREATE TABLE IF NOT EXISTS author_noise (
            platform TEXT NOT NULL,
            author   TEXT NOT NULL,
            n        INTEGER NOT NULL,
            PRIMARY KEY (platform, author)
        ) WITHOUT ROWID;",
        recount_noise!(),
        noise_triggers!(),
        // Ranked again at the next start: a spammer's waiting items lose
        // the loyal points they were ranked with.
        "DELETE FROM settings WHERE key = 'analysis';"
    ),
];
