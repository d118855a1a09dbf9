//! The command table: every runnable command (`deal add`), who may run it, whether it writes,
//! and the handler it dispatches to. A test checks this table against `commands/*.json`.

use crate::core::access::{Access, EVERY_ROLE, MANAGERS, PARTNER_TEAM};
use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};
use crate::core::{
    account, away, compliance, deal, forecast, help, kpi, partner, program, quote, registration,
    schedule, setup, territory, touch,
};

/// How a command is run.
#[derive(Debug, Clone, Copy)]
pub struct CommandSpec {
    /// The command path joined by spaces, as in the manifests: `deal add`.
    pub key: &'static str,
    pub access: Access,
    /// Writes run in a write transaction, leave an audit row and are applied once per interaction.
    pub writes: bool,
}

const fn read(key: &'static str, access: Access) -> CommandSpec {
    CommandSpec {
        key,
        access,
        writes: false,
    }
}

const fn write(key: &'static str, access: Access) -> CommandSpec {
    CommandSpec {
        key,
        access,
        writes: true,
    }
}

pub const COMMANDS: &[CommandSpec] = &[
    read("help", Access::Public),
    read("setup show", Access::Roles(MANAGERS)),
    write("setup workspace", Access::Roles(crate::core::access::ADMIN)),
    write("setup role", Access::Roles(crate::core::access::ADMIN)),
    write("setup channel", Access::Roles(crate::core::access::ADMIN)),
    write("territory add", Access::Roles(MANAGERS)),
    write("territory assign", Access::Roles(MANAGERS)),
    read("territory list", Access::Anyone),
    write("partner add", Access::Roles(PARTNER_TEAM)),
    write("partner update", Access::Roles(PARTNER_TEAM)),
    read("partner show", Access::Anyone),
    read("partner list", Access::Anyone),
    write("account add", Access::Roles(EVERY_ROLE)),
    read("account show", Access::Anyone),
    write("deal add", Access::Roles(PARTNER_TEAM)),
    write("deal update", Access::Roles(PARTNER_TEAM)),
    read("deal show", Access::Roles(EVERY_ROLE)),
    read("deal list", Access::Roles(EVERY_ROLE)),
    write("deal influence", Access::Roles(PARTNER_TEAM)),
    read("program show", Access::Roles(EVERY_ROLE)),
    write(
        "program discount",
        Access::Roles(crate::core::access::ADMIN),
    ),
    write("program fee", Access::Roles(crate::core::access::ADMIN)),
    read("quote check", Access::Roles(PARTNER_TEAM)),
    read("compliance", Access::Roles(PARTNER_TEAM)),
    write("deal register", Access::Roles(PARTNER_TEAM)),
    write("registration approve", Access::Roles(MANAGERS)),
    write("registration deny", Access::Roles(MANAGERS)),
    write("registration return", Access::Roles(MANAGERS)),
    write("registration resubmit", Access::Roles(PARTNER_TEAM)),
    write("registration extend", Access::Roles(PARTNER_TEAM)),
    write("registration withdraw", Access::Roles(PARTNER_TEAM)),
    read("registration list", Access::Roles(EVERY_ROLE)),
    read("registration show", Access::Roles(EVERY_ROLE)),
    read("registration expiring", Access::Roles(EVERY_ROLE)),
    write("touch log", Access::Roles(EVERY_ROLE)),
    read("touch list", Access::Roles(EVERY_ROLE)),
    write("forecast submit", Access::Roles(PARTNER_TEAM)),
    read("forecast show", Access::Roles(PARTNER_TEAM)),
    read("forecast team", Access::Roles(MANAGERS)),
    read("forecast export", Access::Roles(MANAGERS)),
    write("away", Access::Roles(EVERY_ROLE)),
    read("kpi", Access::Roles(PARTNER_TEAM)),
    write("schedule add", Access::Roles(MANAGERS)),
    read("schedule list", Access::Roles(MANAGERS)),
    write("schedule remove", Access::Roles(MANAGERS)),
    write("schedule pause", Access::Roles(MANAGERS)),
    write("schedule resume", Access::Roles(MANAGERS)),
    write("schedule run-now", Access::Roles(MANAGERS)),
];

/// Commands whose buttons answer by replacing the message they are on (a review card showing
/// its decision) rather than with a new message.
pub const UPDATES_IN_PLACE: &[&str] = &[
    "registration approve",
    "registration deny",
    "registration return",
];

pub fn updates_in_place(key: &str) -> bool {
    UPDATES_IN_PLACE.contains(&key)
}

/// Whether the answer to a button (or to the form it opened) with this custom id replaces the
/// message the button is on: another page of a list, or a command that updates its card in
/// place. Doors ask this before running the click; they never read custom ids themselves.
pub fn answers_in_place(custom_id: &str) -> bool {
    crate::core::custom_id::decode(custom_id).is_some_and(|(path, options)| {
        options.iter().any(|(k, _)| k == "page") || updates_in_place(&path.join(" "))
    })
}

pub fn spec(key: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|c| c.key == key)
}

/// Dispatches to the handler of `key`.
pub async fn run(key: &str, ctx: &mut Ctx<'_>) -> CommandResult {
    match key {
        "help" => help::help(ctx).await,
        "setup show" => setup::show(ctx).await,
        "setup workspace" => setup::workspace(ctx).await,
        "setup role" => setup::role(ctx).await,
        "setup channel" => setup::channel(ctx).await,
        "territory add" => territory::add(ctx).await,
        "territory assign" => territory::assign(ctx).await,
        "territory list" => territory::list(ctx).await,
        "partner add" => partner::add(ctx).await,
        "partner update" => partner::update(ctx).await,
        "partner show" => partner::show(ctx).await,
        "partner list" => partner::list(ctx).await,
        "account add" => account::add(ctx).await,
        "account show" => account::show(ctx).await,
        "deal add" => deal::add(ctx).await,
        "deal update" => deal::update(ctx).await,
        "deal show" => deal::show(ctx).await,
        "deal list" => deal::list(ctx).await,
        "deal influence" => deal::influence(ctx).await,
        "program show" => program::show(ctx).await,
        "program discount" => program::discount(ctx).await,
        "program fee" => program::fee(ctx).await,
        "quote check" => quote::check(ctx).await,
        "compliance" => compliance::compliance(ctx).await,
        "deal register" => registration::register(ctx).await,
        "registration approve" => registration::approve(ctx).await,
        "registration deny" => registration::deny(ctx).await,
        "registration return" => registration::return_(ctx).await,
        "registration resubmit" => registration::resubmit(ctx).await,
        "registration extend" => registration::extend(ctx).await,
        "registration withdraw" => registration::withdraw(ctx).await,
        "registration list" => registration::list(ctx).await,
        "registration show" => registration::show(ctx).await,
        "registration expiring" => registration::expiring(ctx).await,
        "touch log" => touch::log(ctx).await,
        "touch list" => touch::list(ctx).await,
        "forecast submit" => forecast::submit(ctx).await,
        "forecast show" => forecast::show(ctx).await,
        "forecast team" => forecast::team(ctx).await,
        "forecast export" => forecast::export(ctx).await,
        "away" => away::away(ctx).await,
        "kpi" => kpi::kpi(ctx).await,
        "schedule add" => schedule::add(ctx).await,
        "schedule list" => schedule::list(ctx).await,
        "schedule remove" => schedule::remove(ctx).await,
        "schedule pause" => schedule::pause(ctx).await,
        "schedule resume" => schedule::resume(ctx).await,
        "schedule run-now" => schedule::run_now(ctx).await,
        other => Err(CommandError::Internal(anyhow::anyhow!(
            "no handler for `{other}`"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::answers_in_place;

    #[test]
    fn only_paging_and_in_place_buttons_replace_their_message() {
        assert!(answers_in_place("deal list:page=2&partner=Globex"));
        assert!(answers_in_place("registration approve:id=3"));
        assert!(!answers_in_place("deal list:partner=#3"));
        assert!(!answers_in_place("touch log:deal=4"));
    }
}
