//! Actors (with aliases) and sources: the records that claims and incidents cite.

use super::incidents::{parsed, parsed_opt};
use super::{Result, Store, StoreError, Writer};
use crate::filter::ActorDirectory;
use crate::model::{Actor, Grade, Source};
use rusqlite::{Connection, OptionalExtension, params};

fn load_actors(conn: &Connection) -> Result<Vec<Actor>> {
    let mut actors: Vec<Actor> = conn
        .prepare_cached("SELECT id, name, kind, notes FROM actors ORDER BY name")?
        .query_map([], |r| {
            Ok(Actor {
                id: parsed(r, "id")?,
                name: r.get("name")?,
                kind: parsed(r, "kind")?,
                aliases: Vec::new(),
                notes: r.get("notes")?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt =
        conn.prepare_cached("SELECT alias FROM actor_aliases WHERE actor_id = ?1 ORDER BY alias")?;
    for actor in &mut actors {
        actor.aliases = stmt
            .query_map([actor.id.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(actors)
}

fn load_sources(conn: &Connection) -> Result<Vec<Source>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, title, publisher, published, reference, grade, notes, graded FROM sources ORDER BY title",
        )?
        .query_map([], |r| {
            Ok(Source {
                id: parsed(r, "id")?,
                title: r.get("title")?,
                publisher: r.get("publisher")?,
                published: parsed_opt(r, "published")?,
                reference: r.get("reference")?,
                grade: if r.get::<_, bool>("graded")? {
                    parsed(r, "grade")?
                } else {
                    Grade::NotGraded
                },
                notes: r.get("notes")?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

impl Writer<'_> {
    /// Stores an actor, or replaces the stored one with the same id, aliases
    /// included. An alias (or name) another actor already uses is refused.
    pub fn upsert_actor(&self, actor: &Actor) -> Result<()> {
        let id = actor.id.to_string();
        for alias in actor.aliases.iter().chain(std::iter::once(&actor.name)) {
            let owner: Option<String> = self
                .tx
                .prepare_cached(
                    "SELECT a.name FROM actors a LEFT JOIN actor_aliases x ON x.actor_id = a.id
                     WHERE a.id != ?1 AND (a.name = ?2 COLLATE NOCASE OR x.alias = ?2 COLLATE NOCASE)
                     LIMIT 1",
                )?
                .query_row(params![id, alias.trim()], |r| r.get(0))
                .optional()?;
            if let Some(owner) = owner {
                return Err(StoreError::AliasTaken {
                    alias: alias.clone(),
                    owner,
                });
            }
        }
        self.tx
            .prepare_cached(
                "INSERT INTO actors (id, name, kind, notes) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                 notes = excluded.notes",
            )?
            .execute(params![
                id,
                actor.name.trim(),
                actor.kind.code(),
                actor.notes
            ])?;
        self.tx
            .prepare_cached("DELETE FROM actor_aliases WHERE actor_id = ?1")?
            .execute([&id])?;
        let mut insert = self.tx.prepare_cached(
            "INSERT OR IGNORE INTO actor_aliases (alias, actor_id) VALUES (?1, ?2)",
        )?;
        for alias in &actor.aliases {
            if !alias.trim().eq_ignore_ascii_case(actor.name.trim()) {
                insert.execute(params![alias.trim(), id])?;
            }
        }
        Ok(())
    }

    /// Stores a source, or replaces the stored one with the same id.
    pub fn upsert_source(&self, source: &Source) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO sources (id, title, publisher, published, reference, grade, notes, graded)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (id) DO UPDATE SET title = excluded.title,
                 publisher = excluded.publisher, published = excluded.published,
                 reference = excluded.reference, grade = excluded.grade, notes = excluded.notes,
                 graded = excluded.graded",
            )?
            .execute(params![
                source.id.to_string(),
                source.title,
                source.publisher,
                source.published.map(|d| d.to_string()),
                source.reference,
                // Not graded: 'f' (the column allows only letters) and a flag.
                match source.grade {
                    Grade::NotGraded => Grade::F.code(),
                    grade => grade.code(),
                },
                source.notes,
                source.grade != Grade::NotGraded,
            ])?;
        Ok(())
    }

    pub fn actors(&self) -> Result<Vec<Actor>> {
        load_actors(&self.tx)
    }

    pub fn sources(&self) -> Result<Vec<Source>> {
        load_sources(&self.tx)
    }
}

impl Store {
    /// Every actor, by name.
    pub fn actors(&self) -> Result<Vec<Actor>> {
        load_actors(&self.conn)
    }

    /// The actors, indexed for name and alias look-ups.
    pub fn actor_directory(&self) -> Result<ActorDirectory> {
        Ok(ActorDirectory::new(self.actors()?))
    }

    /// Every source, by title.
    pub fn sources(&self) -> Result<Vec<Source>> {
        load_sources(&self.conn)
    }

    pub fn upsert_actor(&mut self, actor: &Actor) -> Result<()> {
        self.write("the actor", |w| w.upsert_actor(actor))
    }

    pub fn upsert_source(&mut self, source: &Source) -> Result<()> {
        self.write("the source", |w| w.upsert_source(source))
    }
}
