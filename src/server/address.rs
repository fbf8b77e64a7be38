//! A team server's address: a PostgreSQL URL (or `key=value` string) with
//! the password found the way `psql` finds it — in the URL, else
//! `PGPASSWORD`, else the password file (`PGPASSFILE` or `~/.pgpass`).
//! The address is shown and kept without its password.

use super::ServerError;
use postgres::Config;
use postgres::config::{Host, SslMode};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

/// How long panj waits for a server to answer a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Where a team server is and how to log in to it.
#[derive(Clone)]
pub struct ServerAddress {
    config: Config,
    shown: String,
}

impl std::fmt::Debug for ServerAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the password.
        f.write_str(&self.shown)
    }
}

impl std::fmt::Display for ServerAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

impl ServerAddress {
    /// Reads `url` (`postgresql://USER[:PASSWORD]@HOST:PORT/DATABASE[?sslmode=require]`).
    /// A missing user is `PGUSER`, else the login name; a missing password
    /// is looked up as `psql` does.
    pub fn parse(url: &str) -> Result<ServerAddress, ServerError> {
        let url = url.trim();
        let mut config = Config::from_str(url).map_err(|e| ServerError::BadAddress {
            address: without_password(url),
            detail: e.to_string(),
        })?;
        if config.get_user().is_none() {
            let user = std::env::var("PGUSER")
                .or_else(|_| std::env::var("USER"))
                .unwrap_or_else(|_| "postgres".into());
            config.user(&user);
        }
        if config.get_dbname().is_none() {
            let user = config.get_user().unwrap_or_default().to_string();
            config.dbname(&user);
        }
        if config.get_hosts().is_empty() {
            config.host("localhost");
        }
        config.connect_timeout(CONNECT_TIMEOUT);
        config.application_name("panj");
        let shown = shown(&config);
        let mut address = ServerAddress { config, shown };
        if address.config.get_password().is_none()
            && let Some(password) = password_from_environment(&address)
        {
            address.config.password(password);
        }
        Ok(address)
    }

    /// The same address logging in with `password` (typed in the window).
    pub fn with_password(mut self, password: &str) -> ServerAddress {
        if !password.is_empty() {
            self.config.password(password);
        }
        self
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Whether the connection must be encrypted (`sslmode=require`).
    pub fn tls_required(&self) -> bool {
        self.config.get_ssl_mode() == SslMode::Require
    }

    pub fn user(&self) -> &str {
        self.config.get_user().unwrap_or_default()
    }

    fn host_and_port(&self) -> (String, u16) {
        let host = match self.config.get_hosts().first() {
            Some(Host::Tcp(name)) => name.clone(),
            Some(Host::Unix(_)) | None => "localhost".into(),
        };
        let port = self.config.get_ports().first().copied().unwrap_or(5432);
        (host, port)
    }
}

/// `postgresql://user@host:port/db` (`postgresql://user@/db?host=DIR&port=N`
/// for a Unix socket; `sslmode=require` when asked): the address without
/// its password, in a form that reads back as the same address.
fn shown(config: &Config) -> String {
    let user = config.get_user().unwrap_or_default();
    let db = config.get_dbname().unwrap_or_default();
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let mut query = Vec::new();
    let authority = match config.get_hosts().first() {
        Some(Host::Unix(path)) => {
            query.push(format!("host={}", path.display()));
            query.push(format!("port={port}"));
            String::new()
        }
        Some(Host::Tcp(name)) => format!("{name}:{port}"),
        None => format!("localhost:{port}"),
    };
    if config.get_ssl_mode() == SslMode::Require {
        query.push("sslmode=require".into());
    }
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{}", query.join("&"))
    };
    format!("postgresql://{user}@{authority}/{db}{query}")
}

/// `url` with any password in it replaced by `***`, for error messages.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, tail) = match rest.find('/') {
        Some(n) => rest.split_at(n),
        None => (rest, ""),
    };
    match authority.rsplit_once('@') {
        Some((credentials, host)) => match credentials.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

fn password_from_environment(address: &ServerAddress) -> Option<String> {
    if let Ok(password) = std::env::var("PGPASSWORD") {
        return Some(password);
    }
    let file = match std::env::var_os("PGPASSFILE") {
        Some(file) => PathBuf::from(file),
        None => std::env::home_dir()?.join(".pgpass"),
    };
    let (host, port) = address.host_and_port();
    let db = address.config.get_dbname().unwrap_or_default();
    password_in_file(&file, &host, port, db, address.user())
}

/// The password of the first line of a `.pgpass` file that matches
/// (`host:port:database:user:password`, `*` for any, `\:` and `\\` escaped).
fn password_in_file(file: &Path, host: &str, port: u16, db: &str, user: &str) -> Option<String> {
    let text = std::fs::read_to_string(file).ok()?;
    let port = port.to_string();
    text.lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .filter_map(pgpass_fields)
        .find(|fields| {
            let matches = |field: &str, value: &str| field == "*" || field == value;
            matches(&fields[0], host)
                && matches(&fields[1], &port)
                && matches(&fields[2], db)
                && matches(&fields[3], user)
        })
        .map(|mut fields| fields.swap_remove(4))
}

fn pgpass_fields(line: &str) -> Option<Vec<String>> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => fields.last_mut()?.push(chars.next()?),
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut()?.push(c),
        }
    }
    (fields.len() == 5).then_some(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shown_address_never_has_the_password() {
        let address =
            ServerAddress::parse("postgresql://amina:s3cret@db.example:5433/team?sslmode=require")
                .unwrap();
        assert_eq!(
            address.to_string(),
            "postgresql://amina@db.example:5433/team?sslmode=require"
        );
        assert_eq!(format!("{address:?}"), address.to_string());
        assert!(address.tls_required());
        assert_eq!(address.config().get_password(), Some(&b"s3cret"[..]));
        assert_eq!(
            without_password("postgresql://amina:s3cret@db/team"),
            "postgresql://amina:***@db/team"
        );
    }

    #[test]
    fn a_unix_socket_is_shown_as_a_host_parameter() {
        let address = ServerAddress::parse("postgresql://amina@%2Ftmp%2Fpg:5499/team").unwrap();
        assert_eq!(
            address.to_string(),
            "postgresql://amina@/team?host=/tmp/pg&port=5499"
        );
        let again = ServerAddress::parse(&address.to_string()).unwrap();
        assert_eq!(
            again.to_string(),
            address.to_string(),
            "reads back the same"
        );
    }

    #[test]
    fn the_password_file_is_read_as_psql_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pgpass");
        std::fs::write(
            &file,
            "# comment\nother:5432:team:amina:wrong\ndb.example:5433:team:amina:pa\\:ss\n*:*:*:*:any\n",
        )
        .unwrap();
        assert_eq!(
            password_in_file(&file, "db.example", 5433, "team", "amina").as_deref(),
            Some("pa:ss")
        );
        assert_eq!(
            password_in_file(&file, "elsewhere", 5432, "x", "y").as_deref(),
            Some("any")
        );
        assert_eq!(pgpass_fields("a:b:c"), None);
    }
}
