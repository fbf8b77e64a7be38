//! A Solar Hijri calendar beside a date field: Afghan sources date events
//! by it, so the analyst can pick "5 Qaws 1404" as the source gives it;
//! the field then holds "1404-09-05 SH" and the form shows the Gregorian
//! day it stores.

use crate::model::calendar::SolarHijri;
use crate::tr;

/// The button that opens the calendar, at the field's day (`shown`) or
/// today; the day picked, if one was.
pub fn button(ui: &mut egui::Ui, id: egui::Id, shown: Option<SolarHijri>) -> Option<SolarHijri> {
    let month_id = id.with("solar_month");
    let response = ui
        .button(tr!("form-solar-hijri-button"))
        .on_hover_text(tr!("form-solar-hijri-hint"));
    if response.clicked() {
        let start = shown.or_else(|| SolarHijri::from_gregorian(jiff::Zoned::now().date()));
        if let Some(start) = start {
            ui.data_mut(|d| d.insert_temp(month_id, (start.year, start.month)));
        }
    }
    let mut picked = None;
    egui::Popup::menu(&response)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| {
            let Some((mut year, mut month)) = ui.data(|d| d.get_temp::<(i32, u8)>(month_id)) else {
                return;
            };
            ui.horizontal(|ui| {
                if ui
                    .small_button("‹")
                    .on_hover_text(tr!("form-solar-previous"))
                    .clicked()
                {
                    (year, month) = if month == 1 {
                        (year - 1, 12)
                    } else {
                        (year, month - 1)
                    };
                }
                ui.strong(format!("{} {year}", crate::ui::solar_month_name(month)));
                if ui
                    .small_button("›")
                    .on_hover_text(tr!("form-solar-next"))
                    .clicked()
                {
                    (year, month) = if month == 12 {
                        (year + 1, 1)
                    } else {
                        (year, month + 1)
                    };
                }
            });
            ui.data_mut(|d| d.insert_temp(month_id, (year, month)));
            // Weeks run Saturday to Friday, as in Afghanistan and Iran.
            let first = SolarHijri {
                year,
                month,
                day: 1,
            }
            .to_gregorian()
            .map_or(0, |d| (d.weekday().to_sunday_zero_offset() + 1) % 7);
            egui::Grid::new(id.with("solar_days"))
                .spacing([2.0, 2.0])
                .show(ui, |ui| {
                    for day in [
                        tr!("weekday-sat"),
                        tr!("weekday-sun"),
                        tr!("weekday-mon"),
                        tr!("weekday-tue"),
                        tr!("weekday-wed"),
                        tr!("weekday-thu"),
                        tr!("weekday-fri"),
                    ] {
                        ui.label(egui::RichText::new(day).small().weak());
                    }
                    ui.end_row();
                    for _ in 0..first {
                        ui.label("");
                    }
                    let days = SolarHijri::days_in_month(year, month);
                    for day in 1..=days {
                        let this = SolarHijri { year, month, day };
                        let button = egui::Button::new(day.to_string())
                            .selected(shown == Some(this))
                            .min_size(egui::vec2(26.0, 0.0));
                        if ui.add(button).clicked() {
                            picked = Some(this);
                            ui.close();
                        }
                        if (i32::from(first) + i32::from(day)) % 7 == 0 {
                            ui.end_row();
                        }
                    }
                });
        });
    picked
}
