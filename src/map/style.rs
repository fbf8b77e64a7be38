//! Colours of the map: calm basemap tones for light and dark themes, and
//! one stable colour per perpetrator.

use egui::Color32;
use std::collections::HashMap;
use uuid::Uuid;

/// Tableau 10 without its grey, which is kept for "unattributed": distinct
/// for most colour-blind readers and quiet enough for a map.
const PERPETRATOR_COLOURS: [Color32; 9] = [
    Color32::from_rgb(0xE1, 0x57, 0x59),
    Color32::from_rgb(0x4E, 0x79, 0xA7),
    Color32::from_rgb(0xF2, 0x8E, 0x2B),
    Color32::from_rgb(0x59, 0xA1, 0x4F),
    Color32::from_rgb(0xB0, 0x7A, 0xA1),
    Color32::from_rgb(0x76, 0xB7, 0xB2),
    Color32::from_rgb(0xED, 0xC9, 0x48),
    Color32::from_rgb(0x9C, 0x75, 0x5F),
    Color32::from_rgb(0xFF, 0x9D, 0xA7),
];

/// The colour of incidents no known actor is credibly blamed for.
pub const UNATTRIBUTED: Color32 = Color32::from_rgb(0x8C, 0x8C, 0x8C);

/// A colour for every actor, fixed by the order actors were created in
/// (their ids are UUIDv7, which sort by time), so an actor keeps its
/// colour whatever the filter shows and when new actors are added.
#[derive(Debug, Clone, Default)]
pub struct ActorPalette {
    colours: HashMap<Uuid, Color32>,
}

impl ActorPalette {
    pub fn new(actor_ids: impl IntoIterator<Item = Uuid>) -> ActorPalette {
        let mut ids: Vec<Uuid> = actor_ids.into_iter().collect();
        ids.sort();
        ActorPalette {
            colours: ids
                .into_iter()
                .enumerate()
                .map(|(i, id)| (id, PERPETRATOR_COLOURS[i % PERPETRATOR_COLOURS.len()]))
                .collect(),
        }
    }

    /// The actor's colour, or [`UNATTRIBUTED`] for none.
    pub fn colour(&self, actor: Option<Uuid>) -> Color32 {
        actor
            .and_then(|id| self.colours.get(&id).copied())
            .unwrap_or(UNATTRIBUTED)
    }
}

/// Basemap colours for one theme.
#[derive(Debug, Clone, Copy)]
pub struct BasemapStyle {
    pub water: Color32,
    pub land: Color32,
    pub focus_land: Color32,
    pub country_line: Color32,
    pub province_line: Color32,
    pub border_casing: Color32,
    pub border_line: Color32,
    pub province_label: Color32,
    pub place_label: Color32,
    pub place_dot: Color32,
    pub halo: Color32,
}

impl BasemapStyle {
    pub fn for_theme(dark: bool) -> BasemapStyle {
        if dark {
            BasemapStyle {
                water: Color32::from_rgb(0x1B, 0x24, 0x2E),
                land: Color32::from_rgb(0x2A, 0x2C, 0x2E),
                focus_land: Color32::from_rgb(0x33, 0x35, 0x36),
                country_line: Color32::from_rgb(0x6A, 0x6D, 0x70),
                province_line: Color32::from_rgb(0x4A, 0x4D, 0x50),
                border_casing: Color32::from_rgba_unmultiplied(0xC8, 0x5A, 0x5A, 0x50),
                border_line: Color32::from_rgb(0xE0, 0x7A, 0x6E),
                province_label: Color32::from_rgb(0x8E, 0x92, 0x96),
                place_label: Color32::from_rgb(0xD6, 0xD6, 0xD6),
                place_dot: Color32::from_rgb(0xC0, 0xC0, 0xC0),
                halo: Color32::from_rgba_unmultiplied(0x20, 0x22, 0x24, 0xD0),
            }
        } else {
            BasemapStyle {
                water: Color32::from_rgb(0xD4, 0xE2, 0xEC),
                land: Color32::from_rgb(0xEF, 0xEC, 0xE6),
                focus_land: Color32::from_rgb(0xF8, 0xF6, 0xF1),
                country_line: Color32::from_rgb(0x9A, 0x93, 0x8A),
                province_line: Color32::from_rgb(0xC9, 0xC2, 0xB8),
                border_casing: Color32::from_rgba_unmultiplied(0xC0, 0x39, 0x2B, 0x40),
                border_line: Color32::from_rgb(0xB0, 0x3A, 0x2E),
                province_label: Color32::from_rgb(0x8A, 0x80, 0x75),
                place_label: Color32::from_rgb(0x30, 0x30, 0x30),
                place_dot: Color32::from_rgb(0x50, 0x50, 0x50),
                halo: Color32::from_rgba_unmultiplied(0xF8, 0xF6, 0xF1, 0xD0),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_do_not_depend_on_which_actors_are_shown() {
        let a = Uuid::now_v7();
        let b = Uuid::now_v7();
        let c = Uuid::now_v7();
        let all = ActorPalette::new([c, a, b]);
        let later = ActorPalette::new([a, b, c, Uuid::now_v7()]);
        for id in [a, b, c] {
            assert_eq!(all.colour(Some(id)), later.colour(Some(id)));
        }
        assert_ne!(all.colour(Some(a)), all.colour(Some(b)));
        assert_eq!(all.colour(None), UNATTRIBUTED);
        assert_eq!(all.colour(Some(Uuid::nil())), UNATTRIBUTED);
    }
}
