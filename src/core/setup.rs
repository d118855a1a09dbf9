//! `/setup` commands (being written).

use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};

pub async fn show(_ctx: &mut Ctx<'_>) -> CommandResult {
    Err(CommandError::invalid("`/setup show` is not available yet"))
}

pub async fn workspace(_ctx: &mut Ctx<'_>) -> CommandResult {
    Err(CommandError::invalid("`/setup workspace` is not available yet"))
}

pub async fn role(_ctx: &mut Ctx<'_>) -> CommandResult {
    Err(CommandError::invalid("`/setup role` is not available yet"))
}

pub async fn channel(_ctx: &mut Ctx<'_>) -> CommandResult {
    Err(CommandError::invalid("`/setup channel` is not available yet"))
}

