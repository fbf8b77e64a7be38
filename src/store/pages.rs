//! Reading a damaged database page by page, as SQLite's own `.recover`
//! does: every page of the file is looked at, each table b-tree leaf's
//! cells are decoded (with their overflow chains), and every row whose
//! record decodes is kept. Rows are put back in their table by walking
//! each table's tree from its root (from `sqlite_schema`, itself read
//! page by page); a leaf cut off from its tree by a damaged interior page
//! is given to the table whose columns its records fit. Freelist pages
//! are skipped: their rows were deleted.
//!
//! An encrypted database's pages are decrypted one by one first
//! ([`super::cipher_pages`]), so one damaged page costs only its rows.

use rusqlite::types::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A database file as pages (page 1 first); `None` for a page that could
/// not be read (cut off, or failing its check when encrypted).
pub struct PageFile {
    pub page_size: usize,
    /// Bytes at the end of each page that are not b-tree content.
    pub reserved: usize,
    pub pages: Vec<Option<Vec<u8>>>,
}

/// The rows read from the pages, by table name, each with its rowid.
pub type SalvagedRows = BTreeMap<String, Vec<(i64, Vec<Value>)>>;

/// A table as the salvage needs it: its root page and its columns' types
/// (declared), for giving it leaves cut off from its tree.
#[derive(Debug, Clone)]
pub struct TableShape {
    pub name: String,
    pub root: Option<u32>,
    pub column_types: Vec<String>,
    /// Kept in an index b-tree, its primary key's columns first.
    pub without_rowid: bool,
}

impl PageFile {
    /// The pages of a plain SQLite file. A damaged header's page size is
    /// taken as 4096, panj's.
    pub fn plain(bytes: &[u8]) -> PageFile {
        let stated = bytes
            .get(16..18)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
            .unwrap_or(0);
        let page_size = match stated {
            1 => 65536,
            n if n >= 512 && n.is_power_of_two() => usize::from(n),
            _ => 4096,
        };
        let reserved = bytes.get(20).map_or(0, |&r| usize::from(r));
        let reserved = if reserved < page_size / 2 {
            reserved
        } else {
            0
        };
        let pages = bytes
            .chunks(page_size)
            .map(|p| (p.len() == page_size).then(|| p.to_vec()))
            .collect();
        PageFile {
            page_size,
            reserved,
            pages,
        }
    }

    /// The pages of a SQLCipher 4 file (its defaults, which panj keeps:
    /// 4096-byte pages, PBKDF2-HMAC-SHA512 with 256 000 rounds over the
    /// salt in the first 16 bytes, AES-256-CBC with a random IV and an
    /// HMAC-SHA512 at each page's end), decrypted page by page. A page
    /// whose HMAC does not match (damaged) is `None`; `None` for the
    /// whole file when page 1 does not open with the passphrase.
    pub fn encrypted(bytes: &[u8], passphrase: &str) -> Option<PageFile> {
        use openssl::hash::MessageDigest;
        const PAGE: usize = 4096;
        const IV: usize = 16;
        const MAC: usize = 64;
        const RESERVED: usize = IV + MAC;
        let salt = bytes.get(..16)?;
        let mut key = [0u8; 32];
        openssl::pkcs5::pbkdf2_hmac(
            passphrase.as_bytes(),
            salt,
            256_000,
            MessageDigest::sha512(),
            &mut key,
        )
        .ok()?;
        let mac_salt: Vec<u8> = salt.iter().map(|b| b ^ 0x3a).collect();
        let mut mac_key = [0u8; 32];
        openssl::pkcs5::pbkdf2_hmac(&key, &mac_salt, 2, MessageDigest::sha512(), &mut mac_key)
            .ok()?;
        let mac_key = openssl::pkey::PKey::hmac(&mac_key).ok()?;
        let cipher = openssl::symm::Cipher::aes_256_cbc();
        let decrypt = |number: usize, page: &[u8]| -> Option<Vec<u8>> {
            let offset = if number == 1 { 16 } else { 0 };
            let end = PAGE - RESERVED;
            let mut signer = openssl::sign::Signer::new(MessageDigest::sha512(), &mac_key).ok()?;
            signer.update(&page[offset..end + IV]).ok()?;
            signer.update(&(number as u32).to_le_bytes()).ok()?;
            let mac = signer.sign_to_vec().ok()?;
            if !openssl::memcmp::eq(&mac, &page[end + IV..end + IV + MAC]) {
                return None;
            }
            let mut crypter = openssl::symm::Crypter::new(
                cipher,
                openssl::symm::Mode::Decrypt,
                &key,
                Some(&page[end..end + IV]),
            )
            .ok()?;
            crypter.pad(false);
            let mut plain = vec![0u8; end - offset + cipher.block_size()];
            let mut written = crypter.update(&page[offset..end], &mut plain).ok()?;
            written += crypter.finalize(&mut plain[written..]).ok()?;
            plain.truncate(written);
            let mut out = vec![0u8; PAGE];
            if number == 1 {
                out[..16].copy_from_slice(b"SQLite format 3\0");
            }
            out[offset..end].copy_from_slice(&plain);
            Some(out)
        };
        let pages: Vec<Option<Vec<u8>>> = bytes
            .chunks(PAGE)
            .enumerate()
            .map(|(n, page)| (page.len() == PAGE).then(|| decrypt(n + 1, page)).flatten())
            .collect();
        // Page 1 may be the damaged one; a wrong passphrase opens none.
        if pages.iter().all(Option::is_none) {
            return None;
        }
        Some(PageFile {
            page_size: PAGE,
            reserved: RESERVED,
            pages,
        })
    }

    fn page(&self, number: u32) -> Option<&[u8]> {
        let index = usize::try_from(number).ok()?.checked_sub(1)?;
        self.pages.get(index)?.as_deref()
    }

    fn usable(&self) -> usize {
        self.page_size - self.reserved
    }

    /// Where a page's b-tree header starts (after the file header on 1).
    fn header_at(number: u32) -> usize {
        if number == 1 { 100 } else { 0 }
    }

    /// The pages on the freelist (their rows were deleted), as far as the
    /// freelist can be read.
    fn freelist(&self) -> HashSet<u32> {
        let mut free = HashSet::new();
        let Some(first) = self.page(1) else {
            return free;
        };
        let mut trunk = u32::from_be_bytes([first[32], first[33], first[34], first[35]]);
        while trunk != 0 && free.insert(trunk) {
            let Some(page) = self.page(trunk) else {
                break;
            };
            let next = u32::from_be_bytes([page[0], page[1], page[2], page[3]]);
            let count = u32::from_be_bytes([page[4], page[5], page[6], page[7]]) as usize;
            for k in 0..count.min((self.usable() - 8) / 4) {
                let at = 8 + 4 * k;
                free.insert(u32::from_be_bytes([
                    page[at],
                    page[at + 1],
                    page[at + 2],
                    page[at + 3],
                ]));
            }
            trunk = next;
        }
        free
    }

    /// The rows on a page, each cell that decodes: a table leaf's (with
    /// their rowids), or an index page's (a WITHOUT ROWID table keeps its
    /// rows in an index b-tree, interior pages included; rowid 0).
    fn rows_on(&self, number: u32) -> Vec<(i64, Vec<Value>)> {
        let Some(page) = self.page(number) else {
            return Vec::new();
        };
        let at = Self::header_at(number);
        let (kind, pointers_at) = match page.get(at) {
            Some(0x0D) => (0x0D, at + 8),
            Some(0x0A) => (0x0A, at + 8),
            Some(0x02) => (0x02, at + 12),
            _ => return Vec::new(),
        };
        let cells = usize::from(u16::from_be_bytes([page[at + 3], page[at + 4]]));
        let mut rows = Vec::new();
        for k in 0..cells {
            let pointer = pointers_at + 2 * k;
            let Some(bytes) = page.get(pointer..pointer + 2) else {
                break;
            };
            let cell = usize::from(u16::from_be_bytes([bytes[0], bytes[1]]));
            let row = match kind {
                0x0D => self.table_cell(page, cell),
                // An interior cell starts with its left child's number.
                0x02 => self.index_cell(page, cell + 4).map(|v| (0, v)),
                _ => self.index_cell(page, cell).map(|v| (0, v)),
            };
            if let Some(row) = row {
                rows.push(row);
            }
        }
        rows
    }

    /// One table leaf cell: its rowid and its record's values.
    fn table_cell(&self, page: &[u8], at: usize) -> Option<(i64, Vec<Value>)> {
        let (payload, n) = varint(page.get(at..)?)?;
        let (rowid, m) = varint(page.get(at + n..)?)?;
        let usable = self.usable();
        let record = self.payload(page, at + n + m, payload, usable - 35)?;
        Some((rowid as i64, decode_record(&record)?))
    }

    /// One index cell's record.
    fn index_cell(&self, page: &[u8], at: usize) -> Option<Vec<Value>> {
        let (payload, n) = varint(page.get(at..)?)?;
        let usable = self.usable();
        let record = self.payload(page, at + n, payload, (usable - 12) * 64 / 255 - 23)?;
        decode_record(&record)
    }

    /// A cell's payload of `payload` bytes starting at `start`, the part
    /// past what the page holds read from its overflow chain.
    fn payload(
        &self,
        page: &[u8],
        start: usize,
        payload: u64,
        max_local: usize,
    ) -> Option<Vec<u8>> {
        let usable = self.usable();
        let payload = usize::try_from(payload).ok()?;
        if payload > 1 << 30 {
            return None;
        }
        let min_local = (usable - 12) * 32 / 255 - 23;
        let local = if payload <= max_local {
            payload
        } else {
            let k = min_local + (payload - min_local) % (usable - 4);
            if k <= max_local { k } else { min_local }
        };
        let mut record = page.get(start..start + local)?.to_vec();
        if local < payload {
            let next = page.get(start + local..start + local + 4)?;
            let mut overflow = u32::from_be_bytes([next[0], next[1], next[2], next[3]]);
            let mut seen = HashSet::new();
            while record.len() < payload {
                if overflow == 0 || !seen.insert(overflow) {
                    return None;
                }
                let page = self.page(overflow)?;
                let take = (payload - record.len()).min(usable - 4);
                record.extend_from_slice(page.get(4..4 + take)?);
                overflow = u32::from_be_bytes([page[0], page[1], page[2], page[3]]);
            }
        }
        Some(record)
    }

    /// The pages that hold rows of the b-tree rooted at `root` (a table's
    /// leaves; an index b-tree's leaves and interior pages), as far as its
    /// interior pages can be read.
    fn pages_under(&self, root: u32, owned: &mut HashSet<u32>) -> Vec<u32> {
        let mut found = Vec::new();
        let mut stack = vec![root];
        while let Some(number) = stack.pop() {
            if !owned.insert(number) {
                continue;
            }
            let Some(page) = self.page(number) else {
                continue;
            };
            let at = Self::header_at(number);
            let kind = page.get(at).copied();
            if matches!(kind, Some(0x0D | 0x0A | 0x02)) {
                found.push(number);
            }
            if matches!(kind, Some(0x05 | 0x02)) {
                let cells = usize::from(u16::from_be_bytes([page[at + 3], page[at + 4]]));
                let right =
                    u32::from_be_bytes([page[at + 8], page[at + 9], page[at + 10], page[at + 11]]);
                stack.push(right);
                for k in 0..cells {
                    let pointer = at + 12 + 2 * k;
                    let Some(bytes) = page.get(pointer..pointer + 2) else {
                        break;
                    };
                    let cell = usize::from(u16::from_be_bytes([bytes[0], bytes[1]]));
                    if let Some(child) = page.get(cell..cell + 4) {
                        stack.push(u32::from_be_bytes([child[0], child[1], child[2], child[3]]));
                    }
                }
            }
        }
        found
    }

    /// The schema's tables and their roots, as page 1's tree holds them.
    pub fn schema_roots(&self) -> HashMap<String, u32> {
        let mut owned = HashSet::new();
        let mut roots = HashMap::new();
        for leaf in self.pages_under(1, &mut owned) {
            for (_, values) in self.rows_on(leaf) {
                if let [
                    Value::Text(kind),
                    Value::Text(name),
                    _,
                    Value::Integer(root),
                    ..,
                ] = values.as_slice()
                    && kind == "table"
                    && let Ok(root) = u32::try_from(*root)
                {
                    roots.insert(name.clone(), root);
                }
            }
        }
        roots
    }

    /// Every row that decodes, by table: first each table's own tree, then
    /// leaves cut off from any tree, given to the table their records fit.
    pub fn salvage(&self, tables: &[TableShape]) -> SalvagedRows {
        let mut owned: HashSet<u32> = HashSet::new();
        // Page 1's tree and the freelist are no table's rows.
        self.pages_under(1, &mut owned);
        owned.extend(self.freelist());
        let mut rows: SalvagedRows = BTreeMap::new();
        for table in tables {
            let Some(root) = table.root else {
                continue;
            };
            for page in self.pages_under(root, &mut owned) {
                rows.entry(table.name.clone())
                    .or_default()
                    .extend(self.rows_on(page));
            }
        }
        // The roots of indexes (not tables) are known too: their pages
        // are nobody's rows.
        for number in 1..=self.pages.len() as u32 {
            if owned.contains(&number) {
                continue;
            }
            let Some(page) = self.page(number) else {
                continue;
            };
            let kind = page[Self::header_at(number)];
            let found = self.rows_on(number);
            if found.is_empty() {
                continue;
            }
            // A table leaf goes to a rowid table, an index page to a
            // WITHOUT ROWID one (or to none: a plain index's entries).
            let candidates: Vec<TableShape> = tables
                .iter()
                .filter(|t| t.without_rowid == (kind != 0x0D))
                .cloned()
                .collect();
            if let Some(table) = best_fit(&candidates, &found) {
                rows.entry(table.to_string()).or_default().extend(found);
            }
        }
        rows
    }
}

/// The table whose columns the records of one leaf fit best: as many
/// fields as it has columns (or fewer: columns added later), each value of
/// its column's declared type.
fn best_fit<'a>(tables: &'a [TableShape], rows: &[(i64, Vec<Value>)]) -> Option<&'a str> {
    let fields = rows.iter().map(|(_, v)| v.len()).max()?;
    tables
        .iter()
        .filter(|t| !t.column_types.is_empty())
        .filter_map(|t| {
            if fields > t.column_types.len() {
                return None;
            }
            let fits = rows.iter().all(|(_, values)| {
                values
                    .iter()
                    .zip(&t.column_types)
                    .all(|(value, declared)| fits(value, declared))
            });
            // Fewer missing columns first: an exact width is the best fit.
            fits.then_some((t.column_types.len() - fields, t.name.as_str()))
        })
        .min_by_key(|(missing, _)| *missing)
        .map(|(_, name)| name)
}

fn fits(value: &Value, declared: &str) -> bool {
    let declared = declared.to_ascii_uppercase();
    match value {
        Value::Null => true,
        Value::Integer(_) => !declared.contains("TEXT") && !declared.contains("BLOB"),
        Value::Real(_) => declared.contains("REAL") || declared.is_empty(),
        Value::Text(_) => {
            declared.contains("TEXT") || declared.contains("CHAR") || declared.is_empty()
        }
        Value::Blob(_) => declared.contains("BLOB") || declared.is_empty(),
    }
}

/// A SQLite varint and its length.
fn varint(bytes: &[u8]) -> Option<(u64, usize)> {
    let mut value: u64 = 0;
    for (n, &byte) in bytes.iter().take(9).enumerate() {
        if n == 8 {
            return Some(((value << 8) | u64::from(byte), 9));
        }
        value = (value << 7) | u64::from(byte & 0x7F);
        if byte & 0x80 == 0 {
            return Some((value, n + 1));
        }
    }
    None
}

/// A record's values (SQLite's record format), or `None` when it does
/// not decode whole.
fn decode_record(record: &[u8]) -> Option<Vec<Value>> {
    let (header_len, mut at) = varint(record)?;
    let header_len = usize::try_from(header_len).ok()?;
    if header_len > record.len() || header_len < at {
        return None;
    }
    let mut types = Vec::new();
    while at < header_len {
        let (serial, n) = varint(&record[at..header_len])?;
        types.push(serial);
        at += n;
    }
    let mut body = header_len;
    let mut values = Vec::with_capacity(types.len());
    for serial in types {
        let take = |len: usize, body: &mut usize| -> Option<&[u8]> {
            let bytes = record.get(*body..*body + len)?;
            *body += len;
            Some(bytes)
        };
        let int = |bytes: &[u8]| {
            let mut value: i64 = if bytes[0] & 0x80 != 0 { -1 } else { 0 };
            for &b in bytes {
                value = (value << 8) | i64::from(b);
            }
            value
        };
        let value = match serial {
            0 => Value::Null,
            1 => Value::Integer(int(take(1, &mut body)?)),
            2 => Value::Integer(int(take(2, &mut body)?)),
            3 => Value::Integer(int(take(3, &mut body)?)),
            4 => Value::Integer(int(take(4, &mut body)?)),
            5 => Value::Integer(int(take(6, &mut body)?)),
            6 => Value::Integer(int(take(8, &mut body)?)),
            7 => {
                let bytes: [u8; 8] = take(8, &mut body)?.try_into().ok()?;
                Value::Real(f64::from_be_bytes(bytes))
            }
            8 => Value::Integer(0),
            9 => Value::Integer(1),
            10 | 11 => return None,
            n if n % 2 == 0 => Value::Blob(take(((n - 12) / 2) as usize, &mut body)?.to_vec()),
            // Damaged text is kept as SQLite reads it back, not dropped.
            n => Value::Text(
                String::from_utf8_lossy(take(((n - 13) / 2) as usize, &mut body)?).into_owned(),
            ),
        };
        values.push(value);
    }
    (body == record.len()).then_some(values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn shapes(conn: &Connection) -> Vec<TableShape> {
        let names: Vec<(String, u32)> = conn
            .prepare("SELECT name, rootpage FROM sqlite_schema WHERE type = 'table'")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        names
            .into_iter()
            .map(|(name, root)| {
                let column_types = conn
                    .prepare(&format!("PRAGMA table_info(\"{name}\")"))
                    .unwrap()
                    .query_map([], |r| r.get::<_, String>(2))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect();
                TableShape {
                    name,
                    root: Some(root),
                    column_types,
                    without_rowid: false,
                }
            })
            .collect()
    }

    #[test]
    fn rows_are_read_from_pages_past_a_broken_interior_page() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA page_size = 1024; CREATE TABLE t (a INTEGER, b TEXT, c REAL, d BLOB);
             CREATE TABLE u (x TEXT);",
        )
        .unwrap();
        for n in 0..2000i64 {
            let long = "é".repeat(if n % 97 == 0 { 900 } else { 3 });
            conn.execute(
                "INSERT INTO t VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![n * 1_000_003 - 7, long, n as f64 / 3.0, vec![n as u8; 5]],
            )
            .unwrap();
        }
        conn.execute("DELETE FROM t WHERE a < 0", []).unwrap();
        let tables = shapes(&conn);
        let root: u32 = conn
            .query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = 't'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        drop(conn);
        let mut bytes = std::fs::read(&path).unwrap();
        let whole = PageFile::plain(&bytes).salvage(&tables);
        assert_eq!(whole["t"].len(), 1999);
        assert!(
            whole["t"]
                .iter()
                .any(|(_, v)| matches!(&v[1], Value::Text(t) if t.chars().count() == 900))
        );
        let second = whole["t"].iter().find(|(rowid, _)| *rowid == 2).unwrap();
        assert_eq!(
            second.1,
            [
                Value::Integer(1_000_003 - 7),
                Value::Text("ééé".into()),
                Value::Real(1.0 / 3.0),
                Value::Blob(vec![1; 5])
            ]
        );
        // The root (an interior page) broken: every leaf is still found,
        // and given to t by the shape of its records.
        let at = (root as usize - 1) * 1024;
        bytes[at..at + 12].copy_from_slice(&[0xAB; 12]);
        let salvaged = PageFile::plain(&bytes).salvage(&tables);
        assert_eq!(salvaged["t"].len(), 1999);
        assert!(salvaged.get("u").is_none_or(Vec::is_empty));
    }
}
