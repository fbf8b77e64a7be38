//! Closed vocabularies of the data model (event types, precisions, roles, ...).
//!
//! Each enum has a stable lowercase code that is what the database, the CLI and
//! the exchange formats store, a human label for the UI, and `ALL` in display
//! order. Codes never change once shipped: renaming a variant keeps its code.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An unknown code, e.g. `"drone"` where an event type was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{given}' is not a valid {what}; expected one of: {expected}")]
pub struct UnknownCode {
    pub what: &'static str,
    pub given: String,
    pub expected: String,
}

macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, $label:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant, )+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code stored in databases and files.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// A label for people, in English (the CLI, reports, exports).
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Parses a code (case-insensitive); `-` and ` ` may stand for `_`.
            pub fn from_code(code: &str) -> Result<Self, UnknownCode> {
                let normalized = code.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                match normalized.as_str() {
                    $($code => Ok($name::$variant),)+
                    _ => Err(UnknownCode {
                        what: $what,
                        given: code.to_string(),
                        expected: [$($code),+].join(", "),
                    }),
                }
            }
        }

        impl crate::lang::Labelled for $name {
            fn label_key(self) -> &'static str {
                match self { $($name::$variant => concat!(stringify!($name), "-", $code)),+ }
            }

            fn all_label_keys() -> Vec<&'static str> {
                $name::ALL.iter().map(|v| v.label_key()).collect()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_code(s)
            }
        }
    };
}

code_enum! {
    /// What happened.
    EventType, "event type" {
        ArmedClash = "armed_clash", "Armed clash";
        CrossBorderIncursion = "cross_border_incursion", "Cross-border incursion";
        DroneAirStrike = "drone_air_strike", "Drone / air strike";
        IedExplosion = "ied_explosion", "IED / explosion";
        AttackOnCivilians = "attack_on_civilians", "Attack on civilians or workers";
        Shelling = "shelling", "Shelling";
        Abduction = "abduction", "Abduction";
        ArrestSeizure = "arrest_seizure", "Arrest / seizure";
        Other = "other", "Other";
    }
}

code_enum! {
    /// How precisely the source dates the incident. The date interval holds
    /// what is known; this says at what grain the source spoke.
    DatePrecision, "date precision" {
        Day = "day", "Day";
        Week = "week", "Week";
        Month = "month", "Month";
        Year = "year", "Year";
    }
}

code_enum! {
    /// How precisely the source places the incident. Ordered from most to
    /// least precise.
    LocationPrecision, "location precision" {
        Exact = "exact", "Exact";
        /// Within about 5 km.
        Near = "near", "Near (≤ 5 km)";
        District = "district", "District";
        Province = "province", "Province";
        /// Only the country, or which side of the border, is known.
        Country = "country", "Country / side only";
    }
}

impl LocationPrecision {
    /// A radius in km that covers the uncertainty of a point of this
    /// precision, for drawing and for proximity checks.
    pub fn uncertainty_km(self) -> f64 {
        match self {
            LocationPrecision::Exact => 0.1,
            LocationPrecision::Near => 5.0,
            LocationPrecision::District => 25.0,
            LocationPrecision::Province => 100.0,
            LocationPrecision::Country => 250.0,
        }
    }
}

code_enum! {
    /// Which side of the Tajik–Afghan border the incident happened on.
    Side, "border side" {
        Tj = "tj", "Tajikistan side";
        Af = "af", "Afghanistan side";
        Border = "border", "On the border";
        Unknown = "unknown", "Unknown";
    }
}

code_enum! {
    /// What the victims were.
    VictimRole, "victim role" {
        Civilian = "civilian", "Civilian";
        Worker = "worker", "Worker";
        SecurityForces = "security_forces", "Security forces / border guards";
        Militant = "militant", "Militant / attacker";
        Other = "other", "Other";
        /// The source does not say.
        Unknown = "unknown", "Unknown";
    }
}

code_enum! {
    /// Whether a casualty figure is exact or a lower bound ("at least").
    Figure, "figure kind" {
        Exact = "exact", "Exact";
        Minimum = "minimum", "At least";
    }
}

code_enum! {
    /// What sort of actor.
    ActorKind, "actor kind" {
        StateForces = "state_forces", "State forces";
        Government = "government", "Government / de facto authority";
        ArmedGroup = "armed_group", "Non-state armed group";
        Criminal = "criminal", "Criminal / smuggling group";
        /// A name a claimant uses without identifying anyone ("unidentified
        /// armed groups"); such claims leave an incident unattributed.
        Unidentified = "unidentified", "Unidentified";
        Other = "other", "Other";
    }
}

code_enum! {
    /// Who makes an attribution claim.
    Claimant, "claimant" {
        SelfClaim = "self", "Self-claim";
        GovernmentTj = "government_tj", "Government of Tajikistan";
        GovernmentAf = "government_af", "Government of Afghanistan / Taliban";
        Analysts = "analysts", "Analysts";
        Media = "media", "Media";
        Dataset = "dataset", "Dataset";
        Other = "other", "Other";
    }
}

code_enum! {
    /// What the claimant says about the actor.
    Stance, "stance" {
        ClaimsResponsibility = "claims_responsibility", "Claims responsibility";
        Accuses = "accuses", "Accuses";
        Assesses = "assesses", "Assesses";
        Denies = "denies", "Denies";
    }
}

code_enum! {
    /// How sure the attribution is. Ordered from least to most certain, so
    /// `confidence >= minimum` reads naturally.
    Confidence, "confidence" {
        Unknown = "unknown", "Unknown";
        Possible = "possible", "Possible";
        Likely = "likely", "Likely";
        Confirmed = "confirmed", "Confirmed";
    }
}

impl Default for Confidence {
    /// No threshold: every claim counts.
    fn default() -> Self {
        Confidence::Unknown
    }
}

code_enum! {
    /// Source reliability on the Admiralty (NATO) scale.
    Grade, "reliability grade" {
        A = "a", "A — completely reliable";
        B = "b", "B — usually reliable";
        C = "c", "C — fairly reliable";
        D = "d", "D — not usually reliable";
        E = "e", "E — unreliable";
        F = "f", "F — reliability cannot be judged";
        /// Named by a data set, not graded by an analyst yet.
        NotGraded = "not_graded", "Not graded yet";
    }
}

impl Grade {
    /// "A" … "F", or "?" for a source not graded yet.
    pub fn letter(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
            Grade::E => "E",
            Grade::F => "F",
            Grade::NotGraded => "?",
        }
    }
}

code_enum! {
    /// What a version records.
    HistoryAction, "version action" {
        Insert = "insert", "Created";
        Update = "update", "Edited";
        Delete = "delete", "Deleted";
        Restore = "restore", "Restored";
        Import = "import", "Imported";
        Merge = "merge", "Merged";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        for t in EventType::ALL {
            assert_eq!(EventType::from_code(t.code()), Ok(*t));
        }
        let mut codes: Vec<_> = EventType::ALL.iter().map(|t| t.code()).collect();
        codes.dedup();
        assert_eq!(codes.len(), EventType::ALL.len());
    }

    #[test]
    fn parsing_is_forgiving_about_case_and_separators() {
        assert_eq!(
            EventType::from_code("Drone-Air Strike"),
            Ok(EventType::DroneAirStrike)
        );
        assert_eq!(Grade::from_code("B"), Ok(Grade::B));
        let err = Confidence::from_code("sure").unwrap_err();
        assert!(
            err.to_string().contains("confirmed, likely") || err.to_string().contains("likely")
        );
    }

    #[test]
    fn confidence_orders_from_unknown_to_confirmed() {
        assert!(Confidence::Confirmed > Confidence::Likely);
        assert!(Confidence::Likely > Confidence::Possible);
        assert!(Confidence::Possible > Confidence::Unknown);
    }

    #[test]
    fn serde_uses_the_stable_codes() {
        let json = serde_json::to_string(&Stance::ClaimsResponsibility).unwrap();
        assert_eq!(json, "\"claims_responsibility\"");
    }
}
