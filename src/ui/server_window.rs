//! Team ▸ Server…: the address of the team's PostgreSQL server, a password
//! field (used for this sync only, never kept), Sync, and when this
//! database last synced. The sync itself runs on a worker (`app`).

use crate::tr;
use crate::ui::Panel;
use crate::workspace::{Command, Workspace};

#[derive(Default)]
pub struct ServerWindow {
    pub open: bool,
    address: String,
    password: String,
}

impl ServerWindow {}

/// "Last synced 2026-11-30 06:41 UTC with postgresql://…", or that it never did.
pub fn last_sync_text(last: Option<&(String, String)>) -> String {
    match last {
        Some((server, at)) => {
            let when = at
                .parse::<jiff::Timestamp>()
                .map(|t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
                .unwrap_or_else(|_| at.clone());
            tr!("server-last-synced", when = when, server = server)
        }
        None => tr!("server-never-synced"),
    }
}

impl Panel for ServerWindow {
    /// `busy`: team work is running (a sync or a bundle), so Sync waits.
    fn ui(&mut self, ui: &mut egui::Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        let ctx = &ui.ctx().clone();
        let busy = workspace.activity.team_busy;
        if !self.open {
            return;
        }
        if self.address.is_empty()
            && let Some((server, _)) = &workspace.last_sync
        {
            self.address = server.clone();
        }
        let mut open = true;
        egui::Window::new(tr!("server-team-server"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(480.0)
            .show(ctx, |ui| {
                ui.label(tr!("server-your-team-s-shared"));
                ui.add_space(4.0);
                let fields = egui::Grid::new("server_fields")
                    .num_columns(2)
                    .spacing([8.0, 6.0])
                    .show(ui, |ui| {
                        let label = ui.label(tr!("server-address"));
                        let address = ui
                            .add(
                                egui::TextEdit::singleline(&mut self.address)
                                    .hint_text(tr!("server-postgresql-you-server-5432"))
                                    .desired_width(340.0),
                            )
                            .labelled_by(label.id);
                        ui.end_row();
                        let label = ui.label(tr!("server-password"));
                        let password = ui
                            .add(
                                egui::TextEdit::singleline(&mut self.password)
                                    .password(true)
                                    .hint_text(tr!("server-or-pgpassword-pgpass"))
                                    .desired_width(340.0),
                            )
                            .labelled_by(label.id);
                        ui.end_row();
                        address.lost_focus() || password.lost_focus()
                    });
                ui.add_space(4.0);
                ui.weak(last_sync_text(workspace.last_sync.as_ref()));
                ui.add_space(4.0);
                let ready = !busy && !self.address.trim().is_empty() && !workspace.is_read_only();
                let sync = ui
                    .add_enabled(ready, egui::Button::new(tr!("server-sync")))
                    .on_hover_text(tr!("server-receive-your-team-s"))
                    .on_disabled_hover_text(if busy {
                        tr!("server-team-work-running")
                    } else if workspace.is_read_only() {
                        tr!("server-read-only")
                    } else {
                        tr!("server-give-address")
                    });
                // Enter in either field syncs, as in a login form.
                let entered = fields.inner && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ready && (sync.clicked() || entered) {
                    commands.push(Command::SyncServer {
                        url: self.address.trim().to_string(),
                        password: std::mem::take(&mut self.password),
                    });
                }
            });
        self.open = open;
    }
}
