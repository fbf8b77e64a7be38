//! Team server: databases that sync with one PostgreSQL server, in turns
//! and at the same moment, end with the same versions and heads as
//! databases that passed bundles; a sync killed mid-way leaves both sides
//! whole; refusals change nothing; QGIS (ogrinfo) reads the layer.
//!
//! Each test starts its own throwaway server (`common::postgres`); without
//! PostgreSQL they are skipped with a line saying why.

mod common;

use common::postgres::{ANALYST, ANALYST_PASSWORD, TLS_ONLY, TestServer};
use common::team::{analyst_db, edit, seed_ids, send, team_edits, versions_and_heads};
use common::{panj, said};
use panj::exchange::synthetic::acled_csv;
use panj::server::{self, ServerAddress, ServerError};
use panj::store::Store;
use std::io::BufRead;
use std::process::Command;
use std::time::{Duration, Instant};

fn address(url: &str) -> ServerAddress {
    ServerAddress::parse(url).unwrap()
}

#[test]
fn databases_syncing_in_turns_and_at_once_converge_as_with_bundles() {
    let Some(pg) =
        TestServer::start("databases_syncing_in_turns_and_at_once_converge_as_with_bundles")
    else {
        return;
    };
    let server = address(&pg.url());
    let made = server::init(&server).unwrap();
    assert!(!made.existed);
    assert!(server::init(&server).unwrap().existed, "init runs again");

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (pa, mut a) = analyst_db(d, "a", "Amina");
    let (pb, mut b) = analyst_db(d, "b", "Bahram");
    let (pc, mut c) = analyst_db(d, "c", "Chorshanbe");
    team_edits(&mut a, &mut b, &mut c);

    // The same three databases, for bundles.
    let copy = |from: &Store, name: &str| {
        let to = d.join(name);
        from.backup_to(&to).unwrap();
        let mut store = Store::open(&to).unwrap();
        store.sign_as("copy");
        store
    };
    let (mut a2, mut b2, mut c2) = (copy(&a, "a2.db"), copy(&b, "b2.db"), copy(&c, "c2.db"));

    // In turns, twice round.
    for _ in 0..2 {
        for store in [&mut a, &mut b, &mut c] {
            server::sync(store, &server).unwrap();
        }
    }
    let expected = versions_and_heads(&a);
    assert_eq!(versions_and_heads(&b), expected);
    assert_eq!(versions_and_heads(&c), expected);
    let ids = seed_ids(&a);
    for store in [&a, &b, &c] {
        let merged = store.incident(ids[0]).unwrap().unwrap();
        assert_eq!(merged.title, "Title from Amina");
        assert_eq!(merged.notes, "Notes from Bahram");
        assert_eq!(store.conflicted().unwrap(), vec![ids[1]], "delete vs edit");
    }

    // The same edits passed by bundles end with the same versions and heads.
    for round in 0..2 {
        send(d, &a2, &mut b2, &format!("ab{round}"));
        send(d, &b2, &mut c2, &format!("bc{round}"));
        send(d, &c2, &mut a2, &format!("ca{round}"));
    }
    assert_eq!(
        versions_and_heads(&a2),
        expected,
        "bundles and server agree"
    );

    // Then everyone edits the third incident and syncs at the same moment.
    edit(&mut a, ids[2], |i| i.tags.push("from-amina".into()));
    edit(&mut b, ids[2], |i| i.summary = "Bahram's summary".into());
    edit(&mut c, ids[0], |i| i.tags.push("from-chorshanbe".into()));
    let paths = [pa.clone(), pb.clone(), pc.clone()];
    drop((a, b, c));
    let threads: Vec<_> = paths
        .iter()
        .cloned()
        .map(|path| {
            let server = server.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                for _ in 0..3 {
                    server::sync(&mut store, &server).unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    // One more round in turns brings in what the last concurrent pushes sent.
    let mut stores: Vec<Store> = paths.iter().map(|p| Store::open(p).unwrap()).collect();
    for store in &mut stores {
        server::sync(store, &server).unwrap();
    }
    let expected = versions_and_heads(&stores[0]);
    for store in &stores[1..] {
        assert_eq!(versions_and_heads(store), expected);
    }
    let third = stores[0].incident(ids[2]).unwrap().unwrap();
    assert!(third.tags.contains(&"from-amina".to_string()));
    assert_eq!(third.summary, "Bahram's summary");
    // Nothing is lost: the server holds every version each database has.
    assert_eq!(
        pg.count("panj.versions"),
        expected.0.len() as i64,
        "the server has every version once"
    );
    // A sync with nothing new receives and sends nothing.
    let again = server::sync(&mut stores[0], &server).unwrap();
    assert_eq!(
        (again.pulled.versions_added, again.pushed_versions),
        (0, 0),
        "{again}"
    );
}

/// Lines of a run's output that are not progress ("connecting to …").
fn error_lines(text: &str) -> usize {
    text.lines()
        .filter(|l| !l.trim_end().ends_with('…'))
        .count()
}

/// Reads the sync's progress until it says it is sending; the reader, to
/// keep open while the sync runs.
fn wait_for_push(
    child: &mut std::process::Child,
    round: u64,
) -> std::io::BufReader<std::process::ChildStderr> {
    let mut progress = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    while !line.contains("sending") {
        line.clear();
        if progress.read_line(&mut line).unwrap() == 0 {
            break;
        }
    }
    assert!(
        line.contains("sending"),
        "round {round}: the sync never began to push"
    );
    progress
}

/// Versions on the server, and whether the local file passes `panj check`.
fn check_both(pg: &TestServer, db: &std::path::Path) -> i64 {
    let check = panj(db, &["check"]);
    assert!(check.status.success(), "{}", said(&check));
    pg.count("panj.versions")
}

#[test]
fn a_sync_killed_mid_push_leaves_the_server_and_the_file_whole() {
    let Some(pg) = TestServer::start("a_sync_killed_mid_push_leaves_the_server_and_the_file_whole")
    else {
        return;
    };
    let url = pg.url();
    let init = panj(std::path::Path::new("unused.db"), &["server", "init", &url]);
    assert!(init.status.success(), "{}", said(&init));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("local.db");
    common::seeded_file(&db);
    let sync = |db: &std::path::Path| common::spawn_panj(db, &["sync", &url]);
    assert!(sync(&db).wait().unwrap().success());
    let mut on_server = check_both(&pg, &db);

    let rows = 4_000;
    let mut kills = 0;
    let mut rng = panj::exchange::synthetic::Lcg(20261130);
    // How long a push of one import takes here (measured from round 0 on).
    let mut push = Duration::from_millis(300);
    for round in 0..5u64 {
        // New versions to push: an import of its own each round.
        let csv = dir.path().join(format!("acled{round}.csv"));
        let text = String::from_utf8(acled_csv(rows, round + 1))
            .unwrap()
            .replace("SYN", &format!("R{round}x"));
        std::fs::write(&csv, text).unwrap();
        let import = panj(&db, &["import", "--create-actors", csv.to_str().unwrap()]);
        assert!(import.status.success(), "{}", said(&import));
        // The import's records' first versions are implied by its entry
        // until the push writes them out: they count too.
        let local: i64 = common::sql_connection(&db)
            .query_row(
                "SELECT (SELECT count(*) FROM versions) + (SELECT count(*) FROM incidents i
                 WHERE NOT EXISTS (SELECT 1 FROM versions v WHERE v.id = i.head))",
                [],
                |r| r.get(0),
            )
            .unwrap();
        // Wait until the push has begun, then kill at a random point of it.
        let started = Instant::now();
        let mut child = sync(&db);
        let _progress = wait_for_push(&mut child, round);
        std::thread::sleep(push.mul_f64(rng.unit()));
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        let _ = child.wait();
        let elapsed = started.elapsed();
        let after = check_both(&pg, &db);
        assert!(
            after == on_server || after == local,
            "round {round}, killed after {elapsed:?}: the server has {after} versions, \
             neither {on_server} (none pushed) nor {local} (all)"
        );
        if !finished && after == on_server {
            kills += 1;
        }
        // The next sync finishes the job; its push times the next kill.
        // When the kill came after the push had committed, it has
        // nothing left to send.
        let mut child = sync(&db);
        if after == local {
            let done = child.wait_with_output().unwrap();
            assert!(done.status.success(), "{}", said(&done));
            eprintln!("round {round}: killed {elapsed:?} after the start, after the push");
        } else {
            let _progress = wait_for_push(&mut child, round);
            let pushing = Instant::now();
            let done = child.wait_with_output().unwrap();
            assert!(done.status.success(), "{}", said(&done));
            push = pushing.elapsed();
            eprintln!(
                "round {round}: killed {elapsed:?} after the start; a whole push took {push:?}"
            );
        }
        on_server = check_both(&pg, &db);
        assert_eq!(
            on_server, local,
            "round {round}: the server has every version"
        );
    }
    eprintln!("{kills} of 5 kills landed before the push committed");
    assert!(
        kills > 0,
        "no kill landed mid-sync: the test proves nothing"
    );
    // Nothing on the server is half-written: every record has a head.
    assert_eq!(
        pg.psql("SELECT count(DISTINCT record_id) FROM panj.versions"),
        pg.psql("SELECT count(*) FROM panj.current"),
    );
}

#[test]
fn refusals_say_one_sentence_and_change_nothing() {
    let Some(pg) = TestServer::start("refusals_say_one_sentence_and_change_nothing") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("local.db");
    common::seeded_file(&db);
    let before = std::fs::read(&db).unwrap();

    // A wrong password, through the command line: the password is never shown.
    let wrong = format!(
        "postgresql://{ANALYST}:not-it@127.0.0.1:{}/postgres",
        pg.port
    );
    let out = panj(&db, &["sync", &wrong]);
    assert!(!out.status.success());
    let text = said(&out);
    assert!(text.contains("refused user 'amina'"), "{text}");
    assert!(!text.contains("not-it"), "the password is shown: {text}");
    assert_eq!(error_lines(&text), 1, "one sentence: {text}");

    // Nobody listening.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let out = panj(
        &db,
        &["sync", &format!("postgresql://x@127.0.0.1:{port}/postgres")],
    );
    let text = said(&out);
    assert!(!out.status.success());
    assert!(text.contains("cannot reach the server"), "{text}");
    assert_eq!(error_lines(&text), 1, "{text}");

    // A server set up by a newer panj.
    server::init(&address(&pg.url())).unwrap();
    pg.psql("UPDATE panj.about SET value = '99' WHERE key = 'schema'");
    let mut store = Store::open(&db).unwrap();
    let err = server::sync(&mut store, &address(&pg.url())).unwrap_err();
    assert!(matches!(err, ServerError::TooNew { .. }), "{err}");
    assert!(
        err.to_string().contains("newer panj (server schema 99"),
        "{err}"
    );
    drop(store);
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the local file is unchanged"
    );
    assert_eq!(pg.count("panj.versions"), 0, "nothing reached the server");

    // On a database without panj's schema, the first sync sets it up.
    pg.psql("DROP SCHEMA panj CASCADE");
    let mut store = Store::open(&db).unwrap();
    let synced = server::sync(&mut store, &address(&pg.url())).unwrap();
    assert_eq!(synced.pushed_versions, 3, "{synced}");
    // The server's versions cannot be changed behind panj's back.
    let refused = pg.psql_refused("postgres", "DELETE FROM panj.versions");
    assert!(refused.contains("append-only"), "{refused}");
}

#[test]
fn an_analyst_logs_in_with_pgpassword_and_qgis_reads_the_layer() {
    let Some(pg) = TestServer::start("an_analyst_logs_in_with_pgpassword_and_qgis_reads_the_layer")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("local.db");
    common::seeded_file(&db);
    let url = format!("postgresql://{ANALYST}@127.0.0.1:{}/postgres", pg.port);
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_panj"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("PANJ_DB")
            .env("PGPASSWORD", ANALYST_PASSWORD)
            .output()
            .unwrap()
    };
    // The administrator enables PostGIS (an analyst may not); panj makes the rest.
    if pg.has_postgis() {
        pg.psql("CREATE EXTENSION postgis");
    }
    let init = run(&["server", "init", &url]);
    assert!(init.status.success(), "{}", said(&init));
    let first = run(&["sync", &url]);
    assert!(first.status.success(), "{}", said(&first));
    assert!(said(&first).contains("sent 3 versions"), "{}", said(&first));
    // Without an address: the server of the last sync.
    let again = run(&["sync"]);
    assert!(said(&again).contains("nothing new"), "{}", said(&again));

    // Delete one incident: the layer shows the live ones.
    let list = said(&panj(&db, &["list"]));
    let id = common::listed_id(&list, 0);
    assert!(panj(&db, &["delete", &id]).status.success());
    assert!(run(&["sync"]).status.success());
    assert_eq!(pg.count("panj.incidents_current"), 2);
    // The figures and the leading claim as panj shows them ("at least 1
    // killed", ISKP possible), for both incidents with Chinese victims.
    let cn = pg.psql(
        "SELECT killed, killed_at_least, perpetrator, confidence FROM panj.incidents_current \
         WHERE title LIKE '%Chinese%'",
    );
    assert_eq!(cn, "1|t|ISKP|possible\n1|t|ISKP|possible");
    let postgis = pg.psql("SELECT count(*) FROM pg_extension WHERE extname = 'postgis'") == "1";
    if postgis {
        assert_eq!(
            pg.psql(
                "SELECT type, srid FROM geometry_columns WHERE f_table_name = 'incidents_current'"
            ),
            "POINT|4326"
        );
    } else {
        assert!(
            std::env::var_os("PANJ_REQUIRE_POSTGRES").is_none(),
            "PANJ_REQUIRE_POSTGRES is set but PostGIS is not installed"
        );
        eprintln!("PostGIS is not installed here: the layer has no geometry column");
    }
    match Command::new("ogrinfo")
        .args(["-ro", "-so"])
        .arg(format!("PG:{}", pg.libpq_string()))
        .arg("panj.incidents_current")
        .output()
    {
        Ok(out) => {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "{text}{}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(text.contains("Feature Count: 2"), "{text}");
            if postgis {
                assert!(text.contains("Geometry: Point"), "{text}");
            }
        }
        Err(_) if std::env::var_os("PANJ_REQUIRE_POSTGRES").is_some() => {
            panic!("PANJ_REQUIRE_POSTGRES is set but ogrinfo (gdal-bin) is not installed")
        }
        Err(_) => eprintln!("ogrinfo is not installed here: the layer was read with psql only"),
    }
}

#[test]
fn team_server_in_the_window_syncs_with_a_typed_password() {
    use egui_kittest::kittest::Queryable;

    let Some(pg) = TestServer::start("team_server_in_the_window_syncs_with_a_typed_password")
    else {
        return;
    };
    assert!(server::init(&address(&pg.url())).unwrap().roles);
    pg.psql(&format!("GRANT panj_team TO {ANALYST}"));
    // A team member's edit is on the server.
    let dir = tempfile::tempdir().unwrap();
    let (_, mut other) = analyst_db(dir.path(), "other", "Bahram");
    let first = seed_ids(&other)[0];
    edit(&mut other, first, |i| i.title = "Retitled by Bahram".into());
    server::sync(&mut other, &address(&pg.url())).unwrap();

    let mut harness = common::window(common::seeded_app(), 800.0);
    harness.run();
    harness.get_by_label("Team").click();
    harness.run();
    harness.get_by_label("Server…").click();
    harness.run();
    let role = egui::accesskit::Role::PasswordInput;
    let url = format!("postgresql://{ANALYST}@127.0.0.1:{}/postgres", pg.port);
    let text = egui::accesskit::Role::TextInput;
    harness.get_by_role_and_label(text, "Address").click();
    harness.run();
    harness
        .get_by_role_and_label(text, "Address")
        .type_text(&url);
    harness.run();
    harness.get_by_role_and_label(role, "Password").click();
    harness.run();
    harness
        .get_by_role_and_label(role, "Password")
        .type_text(ANALYST_PASSWORD);
    harness.run();
    harness.get_by_label("Sync").click();
    for _ in 0..5 {
        harness.run();
    }
    assert!(
        harness
            .query_by_label_contains("synced with postgresql://")
            .is_some(),
        "the window says what the sync did"
    );
    let workspace = harness.state().workspace().unwrap();
    assert_eq!(
        workspace.incident(first).unwrap().title(),
        "Retitled by Bahram",
        "the team member's edit is shown"
    );
    let (server, _) = workspace.last_sync.clone().unwrap();
    assert_eq!(
        server,
        format!("postgresql://{ANALYST}@127.0.0.1:{}/postgres", pg.port)
    );
    assert!(
        harness.query_by_label_contains("Last synced").is_some(),
        "the window shows when it last synced"
    );
    // The window's sync sent this database's own seed versions (the server
    // had them from Bahram) and nothing else: same count.
    assert_eq!(pg.count("panj.versions"), 4);
}

#[test]
fn sslmode_require_syncs_over_tls() {
    let Some(pg) = TestServer::start("sslmode_require_syncs_over_tls") else {
        return;
    };
    if !pg.tls {
        assert!(
            std::env::var_os("PANJ_REQUIRE_POSTGRES").is_none(),
            "PANJ_REQUIRE_POSTGRES is set but openssl could not make a certificate"
        );
        eprintln!("skipped the TLS check: openssl is not installed here");
        return;
    }
    assert!(server::init(&address(&pg.url())).unwrap().roles);
    pg.psql(&format!("GRANT panj_team TO {TLS_ONLY}"));
    let mut store = Store::open_in_memory().unwrap();
    panj::exchange::seed::seed(&mut store).unwrap();
    let url = |mode: &str| {
        format!(
            "postgresql://{TLS_ONLY}:{}@127.0.0.1:{}/postgres?sslmode={mode}",
            ANALYST_PASSWORD.replace(' ', "%20"),
            pg.port
        )
    };
    // The server lets this member in over TLS only: without it, refused.
    let err = server::sync(&mut store, &address(&url("disable"))).unwrap_err();
    assert!(
        matches!(
            err,
            ServerError::Refused { .. } | ServerError::Unreachable { .. }
        ),
        "{err}"
    );
    let synced = server::sync(&mut store, &address(&url("require"))).unwrap();
    assert_eq!(synced.pushed_versions, 3, "{synced}");
}

#[test]
fn a_qgis_reader_reads_the_layer_and_cannot_write() {
    let Some(pg) = TestServer::start("a_qgis_reader_reads_the_layer_and_cannot_write") else {
        return;
    };
    assert!(server::init(&address(&pg.url())).unwrap().roles);
    let mut store = Store::open_in_memory().unwrap();
    panj::exchange::seed::seed(&mut store).unwrap();
    server::sync(&mut store, &address(&pg.url())).unwrap();
    pg.psql("CREATE ROLE qgis LOGIN; GRANT panj_reader TO qgis");
    assert_eq!(
        pg.psql_as("qgis", "SELECT count(*) FROM panj.incidents_current"),
        "3"
    );
    let refused = pg.psql_refused(
        "qgis",
        "INSERT INTO panj.actors (id, actor) VALUES (gen_random_uuid(), '{}')",
    );
    assert!(refused.contains("permission denied"), "{refused}");
    // The layer is a view PostgreSQL will not write through.
    let refused = pg.psql_refused("postgres", "UPDATE panj.incidents_current SET title = 'x'");
    assert!(refused.contains("cannot update view"), "{refused}");
}

/// A first sync that stops after its pull (here the server refuses the
/// push) keeps the server's address: a plain `panj sync` goes back to it
/// instead of saying the database never synced (issue 38, item 4).
#[test]
fn a_first_sync_stopped_after_its_pull_keeps_the_servers_address() {
    let Some(pg) =
        TestServer::start("a_first_sync_stopped_after_its_pull_keeps_the_servers_address")
    else {
        return;
    };
    let server = address(&pg.url());
    let mut seeded = Store::open_in_memory().unwrap();
    panj::exchange::seed::seed(&mut seeded).unwrap();
    server::sync(&mut seeded, &server).unwrap();
    pg.psql(
        "CREATE FUNCTION panj.refuse() RETURNS trigger LANGUAGE plpgsql AS \
         $$BEGIN RAISE EXCEPTION 'the server stopped'; END$$; \
         CREATE TRIGGER refuse BEFORE INSERT ON panj.versions \
         FOR EACH ROW EXECUTE FUNCTION panj.refuse()",
    );
    let dir = tempfile::tempdir().unwrap();
    let (path, mut b) = analyst_db(dir.path(), "b", "Bahram");
    let id = seed_ids(&b)[0];
    edit(&mut b, id, |i| i.title = "Bahram's title".into());
    let err = server::sync(&mut b, &server).unwrap_err().to_string();
    assert!(err.contains("the server stopped"), "{err}");
    assert_eq!(
        b.setting(server::LAST_SERVER_KEY).unwrap(),
        Some(server.to_string()),
        "kept from the pull"
    );
    drop(b);
    let out = panj(&path, &["sync"]);
    assert!(!said(&out).contains("has not synced"), "{}", said(&out));
}

/// A row a member wrote into the server's versions by hand blocks nobody:
/// every sync sets it aside and says so, `server check` lists it with the
/// role that pushed it, and only the owner takes it back. A version signed
/// with another analyst's name comes in with its pusher beside the name
/// (issue 38, item 3).
#[test]
fn a_bad_row_on_the_server_is_set_aside_and_a_borrowed_name_shows_its_pusher() {
    let Some(pg) = TestServer::start(
        "a_bad_row_on_the_server_is_set_aside_and_a_borrowed_name_shows_its_pusher",
    ) else {
        return;
    };
    let server = address(&pg.url());
    server::init(&server).unwrap();
    pg.psql("CREATE ROLE bahram LOGIN PASSWORD 'bahram-pw'; GRANT panj_team TO bahram");
    let bahram = address(&format!(
        "postgresql://bahram:bahram-pw@127.0.0.1:{}/postgres",
        pg.port
    ));
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (_, mut a) = analyst_db(d, "a", "Amina");
    server::sync(&mut a, &server).unwrap();
    pg.psql_as(
        "bahram",
        "INSERT INTO panj.versions (id, record_id, parents, author, device, at, action, record) \
         VALUES (gen_random_uuid(), gen_random_uuid(), '{}', 'Amina', 'psql', 'not a time', \
         'update', '{}')",
    );
    // Bahram's own panj, signing as Amina.
    let (_, mut b) = analyst_db(d, "b", "Amina");
    let id = seed_ids(&b)[0];
    edit(&mut b, id, |i| i.title = "Borrowed name".into());
    let synced = server::sync(&mut b, &bahram).unwrap();
    assert_eq!(synced.set_aside.len(), 1, "{synced}");
    assert_eq!(synced.pushed_versions, 1, "{synced}");

    let synced = server::sync(&mut a, &server).unwrap();
    assert_eq!(synced.set_aside.len(), 1, "{synced}");
    let said = synced.to_string();
    assert!(
        said.contains("pushed by role bahram") && said.contains("set aside 1 version"),
        "{said}"
    );
    assert_eq!(a.incident(id).unwrap().unwrap().title, "Borrowed name");
    let edit_version = a.versions(id).unwrap().pop().unwrap();
    assert_eq!(edit_version.author, "Amina (pushed by bahram)");

    let checked = server::check(&server).unwrap();
    assert_eq!(checked.set_aside.len(), 1, "{checked}");
    assert_eq!(checked.set_aside[0].pushed_by, "bahram");
    let bad: uuid::Uuid = checked.set_aside[0].id.parse().unwrap();
    let refused = server::retract(&bahram, bad).unwrap_err().to_string();
    assert!(refused.contains("only the server's owner"), "{refused}");
    server::retract(&server, bad).unwrap();
    assert!(server::check(&server).unwrap().set_aside.is_empty());
    assert_eq!(pg.count("panj.retracted"), 1);
    assert!(server::sync(&mut b, &bahram).unwrap().set_aside.is_empty());
}

/// An incident deleted in one database and edited in another stays on the
/// QGIS layer, flagged as a conflict, as it stays live in every database
/// until someone resolves it (issue 38, item 6).
#[test]
fn a_deletion_against_an_edit_stays_on_the_layer_flagged() {
    let Some(pg) = TestServer::start("a_deletion_against_an_edit_stays_on_the_layer_flagged")
    else {
        return;
    };
    let server = address(&pg.url());
    server::init(&server).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (_, mut a) = analyst_db(d, "a", "Amina");
    let (_, mut c) = analyst_db(d, "c", "Chorshanbe");
    let id = seed_ids(&a)[1];
    server::sync(&mut a, &server).unwrap();
    server::sync(&mut c, &server).unwrap();
    let version = c.incident(id).unwrap().unwrap().version;
    c.delete_incident(id, version).unwrap();
    edit(&mut a, id, |i| i.summary = "Amina's summary".into());
    server::sync(&mut c, &server).unwrap();
    server::sync(&mut a, &server).unwrap();
    server::sync(&mut c, &server).unwrap();
    for store in [&a, &c] {
        assert!(store.conflicted().unwrap().contains(&id));
        assert!(store.incident(id).unwrap().unwrap().deleted_at.is_none());
    }
    assert_eq!(
        pg.count("panj.incidents_current"),
        3,
        "as every database lists"
    );
    assert_eq!(
        pg.psql(&format!(
            "SELECT conflict FROM panj.incidents_current WHERE id = '{id}'"
        )),
        "t"
    );
}
