//! Once a process has met damage in its database, it writes no decision
//! more (a process of its own: the mark is for the whole process).

#![allow(clippy::unwrap_used)]

#[test]
fn a_process_that_met_damage_refuses_changes() {
    assert!(ackbox::store::refuse_if_damaged().is_ok());
    let corrupt = rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT);
    let met = anyhow::Error::new(rusqlite::Error::SqliteFailure(corrupt, None));
    let _ = ackbox::store::noted(met);
    let refused = ackbox::store::refuse_if_damaged().unwrap_err();
    assert!(ackbox::store::is_damaged(&refused), "{refused:#}");
    assert!(
        ackbox::store::explain(&refused).contains("nothing more is written to it"),
        "{}",
        ackbox::store::explain(&refused)
    );
}
