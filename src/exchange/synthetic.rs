//! Made-up incidents for benchmarks and load tests: plausible in shape
//! (clumped along the border, mixed precision, casualties and claims
//! naming the actors a database already has), reproducible from a seed,
//! and titled so nobody mistakes them for real events.

use crate::filter::ActorDirectory;
use crate::model::{
    Actor, ActorKind, Casualty, Claim, Claimant, Confidence, CountryCode, DatePrecision, EventType,
    Figure, Incident, IncidentDate, Location, LocationPrecision, Side, Stance, VictimRole,
};
use jiff::civil::date;

/// A small reproducible random source (an LCG), so benchmarks and tests
/// need no random-number crate and give the same data every run.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next_u31(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    /// In 0..1.
    pub fn unit(&mut self) -> f64 {
        self.next_u31() as f64 / (1u64 << 31) as f64
    }
    /// In 0..n (0 when n is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u31() % n.max(1)
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Towns incidents gather around: (lon, lat, side, province).
const HOTSPOTS: &[(f64, f64, Side, &str)] = &[
    (69.10, 37.24, Side::Tj, "Khatlon"),
    (69.40, 37.49, Side::Tj, "Khatlon"),
    (71.55, 37.49, Side::Tj, "Gorno-Badakhshan"),
    (71.61, 36.72, Side::Tj, "Gorno-Badakhshan"),
    (70.58, 37.12, Side::Af, "Badakhshan"),
    (68.86, 36.73, Side::Af, "Kunduz"),
    (69.53, 36.74, Side::Af, "Takhar"),
    (70.88, 38.47, Side::Tj, "Gorno-Badakhshan"),
    (
        68.78,
        38.54,
        Side::Tj,
        "Districts of Republican Subordination",
    ),
];

/// A few made-up actors of each kind that matters to attribution: two
/// known ones and a placeholder.
pub fn actors() -> Vec<Actor> {
    let actor = |name: &str, kind| Actor {
        id: uuid::Uuid::now_v7(),
        name: name.into(),
        kind,
        aliases: Vec::new(),
        notes: String::new(),
    };
    vec![
        actor("Synthetic group A", ActorKind::ArmedGroup),
        actor("Synthetic forces B", ActorKind::StateForces),
        actor("Synthetic unidentified", ActorKind::Unidentified),
    ]
}

/// `count` made-up incidents; claims name actors from `actors`.
pub fn incidents(count: usize, seed: u64, actors: &ActorDirectory) -> Vec<Incident> {
    let mut rng = Lcg(seed);
    let mut actor_ids: Vec<_> = actors.iter().map(|a| a.id).collect();
    actor_ids.sort();
    let first_day = date(2015, 1, 1);
    (0..count)
        .map(|n| {
            let (hx, hy, side, province) = HOTSPOTS[rng.below(HOTSPOTS.len() as u64) as usize];
            // Most incidents near a hotspot, a tail spread over the region.
            let spread = if rng.below(5) == 0 { 1.5 } else { 0.15 };
            let lon = hx + (rng.unit() - 0.5) * 2.0 * spread;
            let lat = hy + (rng.unit() - 0.5) * 2.0 * spread * 0.7;
            let precision =
                LocationPrecision::ALL[rng.below(LocationPrecision::ALL.len() as u64) as usize];
            let day = first_day
                .checked_add(jiff::Span::new().days(rng.below(3650) as i64))
                .unwrap_or(first_day);
            // One in eight dates is known to the week or the month only.
            let mut when = IncidentDate::day(day);
            match rng.below(16) {
                0 => {
                    when.end = day.saturating_add(jiff::Span::new().days(6));
                    when.precision = DatePrecision::Week;
                }
                1 => {
                    when.start = day.first_of_month();
                    when.end = day.last_of_month();
                    when.precision = DatePrecision::Month;
                }
                _ => {}
            }
            let mut location = Location::point(lon, lat, precision, side);
            location.admin1 = Some(province.to_string());
            let mut incident = Incident::new(
                format!("Synthetic incident {n}"),
                EventType::ALL[rng.below(EventType::ALL.len() as u64) as usize],
                when,
                location,
            );
            for _ in 0..1 + rng.below(2) {
                let nationality = match rng.below(4) {
                    0 => None,
                    1 => Some(CountryCode::TJ),
                    2 => Some(CountryCode::AF),
                    _ => Some(CountryCode::CN),
                };
                incident.casualties.push(Casualty {
                    nationality,
                    role: VictimRole::ALL[rng.below(VictimRole::ALL.len() as u64) as usize],
                    killed: if rng.below(3) == 0 {
                        0
                    } else {
                        rng.below(12) as u32
                    },
                    wounded: rng.below(6) as u32,
                    figure: if rng.below(4) == 0 {
                        Figure::Minimum
                    } else {
                        Figure::Exact
                    },
                });
            }
            let claims = if actor_ids.is_empty() {
                0
            } else {
                rng.below(3)
            };
            for _ in 0..claims {
                incident.claims.push(Claim {
                    actor_id: actor_ids[rng.below(actor_ids.len() as u64) as usize],
                    claimant: Claimant::Analysts,
                    claimant_name: String::new(),
                    stance: if rng.below(6) == 0 {
                        Stance::Denies
                    } else {
                        Stance::Accuses
                    },
                    confidence: Confidence::ALL[rng.below(Confidence::ALL.len() as u64) as usize],
                    source_id: None,
                    note: String::new(),
                });
            }
            incident
        })
        .collect()
}

/// A made-up ACLED export (current 31-column layout) of `rows` events
/// along the border, for the import benchmark: the columns, value shapes
/// and text lengths of a real export, ids "SYN1", "SYN2", ….
pub fn acled_csv(rows: usize, seed: u64) -> Vec<u8> {
    const ACTORS: [(&str, &str); 5] = [
        ("Military Forces of Tajikistan (1994-) Border Troops", "1"),
        ("Military Forces of Afghanistan (2021-) Taliban", "1"),
        ("Islamic State Khorasan Province", "2"),
        ("Unidentified Armed Group (Afghanistan)", "3"),
        ("Unidentified Armed Group (Tajikistan)", "3"),
    ];
    const EVENTS: [(&str, &str); 4] = [
        ("Battles", "Armed clash"),
        ("Explosions/Remote violence", "Air/drone strike"),
        ("Violence against civilians", "Attack"),
        (
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
    ];
    let mut rng = Lcg(seed);
    let mut writer = csv::Writer::from_writer(Vec::with_capacity(rows * 520));
    let header = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";
    // Writing to a Vec cannot fail.
    let _ = writer.write_record(header.split(','));
    for n in 1..=rows {
        let (lon, lat, side, province) = *rng.pick(HOTSPOTS);
        let lon = lon + (rng.unit() - 0.5) * 0.6;
        let lat = lat + (rng.unit() - 0.5) * 0.4;
        let (country, iso) = if side == Side::Af {
            ("Afghanistan", "4")
        } else {
            ("Tajikistan", "762")
        };
        let day = date(2015, 1, 1)
            .checked_add(jiff::Span::new().days(rng.below(3900) as i64))
            .unwrap_or(date(2015, 1, 1));
        let (event, sub_event) = *rng.pick(&EVENTS);
        let (actor1, inter1) = *rng.pick(&ACTORS);
        let (actor2, inter2) = *rng.pick(&ACTORS);
        let fatalities = rng.below(6);
        let record = [
            format!("SYN{n}"),
            day.to_string(),
            day.year().to_string(),
            (1 + rng.below(3)).to_string(),
            "Political violence".into(),
            event.into(),
            sub_event.into(),
            actor1.into(),
            String::new(),
            inter1.into(),
            actor2.into(),
            String::new(),
            inter2.into(),
            format!("{inter1}{inter2}"),
            String::new(),
            iso.into(),
            "Caucasus and Central Asia".into(),
            country.into(),
            province.into(),
            format!("District {}", rng.below(40)),
            String::new(),
            format!("Village {}", rng.below(900)),
            format!("{lat:.4}"),
            format!("{lon:.4}"),
            (1 + rng.below(3)).to_string(),
            "Asia-Plus; Radio Ozodi".into(),
            "National".into(),
            format!(
                "On {day}, a synthetic event near the border: {sub_event} involving {actor1} and {actor2}; {fatalities} reported killed. [size=no report]"
            ),
            fatalities.to_string(),
            String::new(),
            (1_700_000_000 + n as u64).to_string(),
        ];
        let _ = writer.write_record(&record);
    }
    writer.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_places_and_all_are_valid() {
        let a = incidents(200, 7, &ActorDirectory::default());
        let b = incidents(200, 7, &ActorDirectory::default());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(
                (x.location.lon, x.location.lat),
                (y.location.lon, y.location.lat)
            );
            assert!(x.validate().is_empty(), "{:?}", x.validate());
        }
    }

    #[test]
    fn the_synthetic_acled_export_imports_without_a_row_error() {
        use crate::exchange::import::{ImportOptions, preview};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("acled.csv");
        std::fs::write(&path, acled_csv(200, 3)).unwrap();
        let store = crate::store::Store::open_in_memory().unwrap();
        let preview = preview(&path, &store, ImportOptions::default()).unwrap();
        assert_eq!(preview.records.len(), 200);
        assert!(preview.errors.is_empty(), "{:?}", preview.errors.first());
    }
}
