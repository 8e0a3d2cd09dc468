//! Numbered migrations, tracked in `PRAGMA user_version`.
//!
//! Each entry upgrades the schema from version `i` to `i + 1`. Never edit a
//! released migration: append a new one.

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
];
