//! The [`Filter`] rules of `crate::filter`, in SQL.
//!
//! Every user value travels as a bound parameter; only fixed fragments and
//! placeholders are spliced into the statement text.

use super::incidents::{incident_columns, load_incidents, parsed};
use super::{Result, Store};
use crate::filter::{DateMode, Filter, Perpetrator, search_terms};
use crate::model::{Confidence, Incident};
use rusqlite::types::Value;
use uuid::Uuid;

/// A WHERE clause over `incidents i` with its parameters.
struct Where {
    clauses: Vec<String>,
    params: Vec<Value>,
}

impl Where {
    /// Adds `?` placeholders for `values` and returns them as "?, ?, ?".
    fn bind_all(&mut self, values: impl IntoIterator<Item = Value>) -> String {
        let mut marks = Vec::new();
        for value in values {
            self.params.push(value);
            marks.push("?");
        }
        marks.join(", ")
    }

    fn bind(&mut self, value: impl Into<Value>) -> &'static str {
        self.params.push(value.into());
        "?"
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            "1".into()
        } else {
            self.clauses.join(" AND ")
        }
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// `pending_after`: the `seq` after which rows are not in the full-text
/// index yet (see `text_index`), matched by the in-memory rule instead.
fn where_clause(filter: &Filter, pending_after: Option<i64>) -> Where {
    let mut w = Where {
        clauses: Vec::new(),
        params: Vec::new(),
    };
    w.clauses.push(if filter.trash {
        "i.deleted_at IS NOT NULL".into()
    } else {
        "i.deleted_at IS NULL".into()
    });

    let (from, to) = (
        filter.date_from.map(|d| d.to_string()),
        filter.date_to.map(|d| d.to_string()),
    );
    let (from_column, to_column) = match filter.date_mode {
        DateMode::Overlaps => ("i.date_end >=", "i.date_start <="),
        DateMode::Within => ("i.date_start >=", "i.date_end <="),
    };
    if let Some(from) = from {
        let mark = w.bind(from);
        w.clauses.push(format!("{from_column} {mark}"));
    }
    if let Some(to) = to {
        let mark = w.bind(to);
        w.clauses.push(format!("{to_column} {mark}"));
    }

    if !filter.perpetrators.is_empty() {
        let confidences: Vec<Value> = Confidence::ALL
            .iter()
            .filter(|c| **c >= filter.min_confidence)
            .map(|c| text(c.code()))
            .collect();
        let credible = "c.incident_seq = i.seq AND c.stance != 'denies' AND c.confidence IN";
        let mut choices = Vec::new();
        let actors: Vec<Value> = filter
            .perpetrators
            .iter()
            .filter_map(|p| match p {
                Perpetrator::Actor(id) => Some(text(&id.to_string())),
                Perpetrator::Unattributed => None,
            })
            .collect();
        if !actors.is_empty() {
            let conf = w.bind_all(confidences.clone());
            let ids = w.bind_all(actors);
            choices.push(format!(
                "EXISTS (SELECT 1 FROM claims c WHERE {credible} ({conf}) AND c.actor_id IN ({ids}))"
            ));
        }
        if filter.perpetrators.contains(&Perpetrator::Unattributed) {
            let conf = w.bind_all(confidences);
            choices.push(format!(
                "NOT EXISTS (SELECT 1 FROM claims c JOIN actors a ON a.id = c.actor_id
                 WHERE {credible} ({conf}) AND a.kind != 'unidentified')"
            ));
        }
        w.clauses.push(format!("({})", choices.join(" OR ")));
    }

    if !filter.nationalities.is_empty() || !filter.victim_roles.is_empty() || filter.killed_only {
        let mut row = vec![if filter.killed_only {
            "k.killed > 0".to_string()
        } else {
            "(k.killed > 0 OR k.wounded > 0)".to_string()
        }];
        if !filter.nationalities.is_empty() {
            let known: Vec<Value> = filter
                .nationalities
                .iter()
                .flatten()
                .map(|c| text(c.as_str()))
                .collect();
            let mut either = Vec::new();
            if !known.is_empty() {
                either.push(format!("k.nationality IN ({})", w.bind_all(known)));
            }
            if filter.nationalities.contains(&None) {
                either.push("k.nationality IS NULL".into());
            }
            row.push(format!("({})", either.join(" OR ")));
        }
        if !filter.victim_roles.is_empty() {
            let roles = w.bind_all(filter.victim_roles.iter().map(|r| text(r.code())));
            row.push(format!("k.role IN ({roles})"));
        }
        w.clauses.push(format!(
            "EXISTS (SELECT 1 FROM casualties k WHERE k.incident_seq = i.seq AND {})",
            row.join(" AND ")
        ));
    }

    if !filter.event_types.is_empty() {
        let types = w.bind_all(filter.event_types.iter().map(|t| text(t.code())));
        w.clauses.push(format!("i.event_type IN ({types})"));
    }
    if !filter.sides.is_empty() {
        let sides = w.bind_all(filter.sides.iter().map(|s| text(s.code())));
        w.clauses.push(format!("i.side IN ({sides})"));
    }
    if !filter.provinces.is_empty() {
        let provinces = w.bind_all(filter.provinces.iter().map(|p| text(p)));
        w.clauses
            .push(format!("i.admin1 COLLATE NOCASE IN ({provinces})"));
    }
    if let Some(min) = filter.min_fatalities {
        let mark = w.bind(i64::try_from(min).unwrap_or(i64::MAX));
        w.clauses.push(format!(
            "(SELECT coalesce(sum(k.killed), 0) FROM casualties k WHERE k.incident_seq = i.seq) >= {mark}"
        ));
    }
    let words = search_terms(&filter.text);
    if !words.is_empty() {
        let mark = w.bind(super::text_search::fts_query(&words));
        let indexed =
            format!("i.seq IN (SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH {mark})");
        match pending_after {
            None => w.clauses.push(indexed),
            Some(after) => {
                let after = w.bind(after);
                let text = w.bind(filter.text.clone());
                w.clauses.push(format!(
                    "({indexed} OR (i.seq > {after} AND panj_text_matches({text}, i.title, \
                     i.summary, i.notes, i.place_name, i.admin1, i.admin2)))"
                ));
            }
        }
    }
    if let Some(b) = filter.bbox {
        let marks = [
            w.bind(b.min_lon),
            w.bind(b.max_lon),
            w.bind(b.min_lat),
            w.bind(b.max_lat),
        ];
        w.clauses.push(format!(
            "i.lon BETWEEN {} AND {} AND i.lat BETWEEN {} AND {}",
            marks[0], marks[1], marks[2], marks[3]
        ));
    }
    if let Some(max) = filter.max_border_km {
        let mark = w.bind(max);
        w.clauses.push(format!("abs(i.border_km) <= {mark}"));
    }
    w
}

impl Store {
    /// The incidents that match `filter`, complete, by date then entry order.
    pub fn query(&self, filter: &Filter) -> Result<Vec<Incident>> {
        let w = where_clause(filter, super::text_index::pending_after(&self.conn)?);
        let sql = format!(
            "SELECT {} FROM incidents i WHERE {} ORDER BY i.date_start, i.date_end, i.seq",
            incident_columns("i"),
            w.sql()
        );
        load_incidents(&self.conn, &sql, rusqlite::params_from_iter(w.params))
    }

    /// The ids of the incidents that match `filter`, in the order of [`Store::query`].
    pub fn query_ids(&self, filter: &Filter) -> Result<Vec<Uuid>> {
        let w = where_clause(filter, super::text_index::pending_after(&self.conn)?);
        let sql = format!(
            "SELECT i.id FROM incidents i WHERE {} ORDER BY i.date_start, i.date_end, i.seq",
            w.sql()
        );
        let mut stmt = self.conn.prepare(&sql)?;
        Ok(stmt
            .query_map(rusqlite::params_from_iter(w.params), |r| parsed(r, "id"))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// How many incidents match `filter`.
    pub fn count(&self, filter: &Filter) -> Result<u64> {
        let w = where_clause(filter, super::text_index::pending_after(&self.conn)?);
        let sql = format!("SELECT count(*) FROM incidents i WHERE {}", w.sql());
        let count: i64 = self
            .conn
            .query_row(&sql, rusqlite::params_from_iter(w.params), |r| r.get(0))?;
        Ok(count.unsigned_abs())
    }
}
