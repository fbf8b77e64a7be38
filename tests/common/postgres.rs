//! A throwaway PostgreSQL server for the team-server tests: `initdb` in a
//! temporary folder (as the `postgres` user when the tests run as root),
//! a Unix socket in that folder and a free TCP port on 127.0.0.1, stopped
//! and removed when dropped.
//!
//! Without PostgreSQL the tests that need it are skipped with one printed
//! line, unless `PANJ_REQUIRE_POSTGRES` is set (`.ci/run` sets it): then
//! they fail.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The superuser's password, and a team member with a password of her own.
pub const SUPERUSER_PASSWORD: &str = "postgres-test";
pub const ANALYST: &str = "amina";
pub const ANALYST_PASSWORD: &str = "correct horse";
/// A member whom the server lets in over TLS only (same password).
pub const TLS_ONLY: &str = "tls_only";

pub struct TestServer {
    dir: tempfile::TempDir,
    bin: PathBuf,
    pub port: u16,
    /// The server takes TLS (a self-signed certificate made with openssl);
    /// `TLS_ONLY` may log in only over it.
    pub tls: bool,
}

fn bin_dir() -> Option<PathBuf> {
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if dir.join("initdb").exists() {
            return Some(dir);
        }
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    found.sort();
    found.pop()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

impl TestServer {
    /// A running server, or `None` (said once) when this machine has no
    /// PostgreSQL and the run does not require it.
    pub fn start(test: &str) -> Option<TestServer> {
        let Some(bin) = bin_dir() else {
            if std::env::var_os("PANJ_REQUIRE_POSTGRES").is_some() {
                panic!("{test}: PANJ_REQUIRE_POSTGRES is set but no PostgreSQL initdb was found");
            }
            eprintln!(
                "skipped {test}: no PostgreSQL here (initdb not found; `bash .ci/run` installs it)"
            );
            return None;
        };
        let dir = tempfile::tempdir().unwrap();
        let root = is_root();
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let pwfile = dir.path().join("pw");
        std::fs::write(&pwfile, SUPERUSER_PASSWORD).unwrap();
        if root {
            // initdb refuses root: the folder goes to the postgres user.
            let status = Command::new("chown")
                .args(["-R", "postgres"])
                .arg(dir.path())
                .status()
                .unwrap();
            assert!(status.success());
        }
        let data = dir.path().join("data");
        let mut initdb = as_postgres(root, &bin.join("initdb"));
        initdb
            .arg("-D")
            .arg(&data)
            .args([
                "-U",
                "postgres",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--no-sync",
                "-E",
                "UTF8",
            ])
            .arg(format!("--pwfile={}", pwfile.display()));
        run(initdb, "initdb");
        let tls = Command::new("openssl")
            .args([
                "req",
                "-new",
                "-x509",
                "-days",
                "2",
                "-nodes",
                "-subj",
                "/CN=localhost",
            ])
            .arg("-keyout")
            .arg(data.join("server.key"))
            .arg("-out")
            .arg(data.join("server.crt"))
            .output()
            .is_ok_and(|o| o.status.success());
        let mut hba = String::from("local all all trust\n");
        if tls {
            hba += &format!("hostnossl all {TLS_ONLY} 127.0.0.1/32 reject\n");
            let conf = data.join("postgresql.conf");
            let mut text = std::fs::read_to_string(&conf).unwrap();
            text += "\nssl = on\n";
            std::fs::write(&conf, text).unwrap();
            let key = data.join("server.key");
            std::fs::set_permissions(&key, std::os::unix::fs::PermissionsExt::from_mode(0o600))
                .unwrap();
            if root {
                let status = Command::new("chown")
                    .arg("postgres")
                    .arg(&key)
                    .arg(data.join("server.crt"))
                    .status()
                    .unwrap();
                assert!(status.success());
            }
        }
        hba += "host all all 127.0.0.1/32 scram-sha-256\n";
        std::fs::write(data.join("pg_hba.conf"), hba).unwrap();
        let mut pg_ctl = as_postgres(root, &bin.join("pg_ctl"));
        pg_ctl
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(dir.path().join("log"))
            .arg("-o")
            .arg(format!(
                "-k {} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40",
                dir.path().display()
            ))
            .args(["-w", "start"]);
        run(pg_ctl, "pg_ctl start");
        let server = TestServer {
            dir,
            bin,
            port,
            tls,
        };
        server.psql(&format!(
            "CREATE ROLE {ANALYST} LOGIN PASSWORD '{ANALYST_PASSWORD}'; \
             CREATE ROLE {TLS_ONLY} LOGIN PASSWORD '{ANALYST_PASSWORD}'; \
             GRANT ALL ON DATABASE postgres TO {ANALYST}; GRANT CREATE ON SCHEMA public TO {ANALYST};"
        ));
        Some(server)
    }

    /// The superuser over TCP, with its password in the URL.
    pub fn url(&self) -> String {
        format!(
            "postgresql://postgres:{SUPERUSER_PASSWORD}@127.0.0.1:{}/postgres",
            self.port
        )
    }

    /// The superuser through the Unix socket (trusted: no password).
    pub fn socket_url(&self) -> String {
        let dir = self.dir.path().display().to_string().replace('/', "%2F");
        format!("postgresql://postgres@{dir}:{}/postgres", self.port)
    }

    /// What ogrinfo and psql take.
    pub fn libpq_string(&self) -> String {
        format!(
            "host={} port={} dbname=postgres user=postgres",
            self.dir.path().display(),
            self.port
        )
    }

    /// Runs SQL as the superuser; what psql printed (unaligned, no headers).
    pub fn psql(&self, sql: &str) -> String {
        self.psql_as("postgres", sql)
    }

    /// Runs SQL as `user` (through the trusted socket); what psql printed.
    pub fn psql_as(&self, user: &str, sql: &str) -> String {
        let out = Command::new(self.bin.join("psql"))
            .args(["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql])
            .arg(format!(
                "{} user={user}",
                self.libpq_string().replace(" user=postgres", "")
            ))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "psql {sql}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Runs SQL the server must refuse from `user`; what psql printed of
    /// the refusal.
    pub fn psql_refused(&self, user: &str, sql: &str) -> String {
        let out = Command::new(self.bin.join("psql"))
            .args(["-X", "-v", "ON_ERROR_STOP=1", "-c", sql])
            .arg(format!(
                "{} user={user}",
                self.libpq_string().replace(" user=postgres", "")
            ))
            .output()
            .unwrap();
        assert!(!out.status.success(), "psql {sql} was not refused");
        String::from_utf8_lossy(&out.stderr).to_string()
    }

    pub fn count(&self, table: &str) -> i64 {
        self.psql(&format!("SELECT count(*) FROM {table}"))
            .parse()
            .unwrap()
    }

    pub fn has_postgis(&self) -> bool {
        self.psql("SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'") == "1"
    }
}

fn as_postgres(root: bool, program: &Path) -> Command {
    if root {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn run(mut command: Command, what: &str) {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{what}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let mut stop = as_postgres(is_root(), &self.bin.join("pg_ctl"));
        stop.arg("-D")
            .arg(self.dir.path().join("data"))
            .args(["-m", "immediate", "-w", "stop"]);
        let _ = stop.output();
    }
}
