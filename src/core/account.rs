//! `/account` commands (being written).

use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};

pub async fn add(_ctx: &mut Ctx<'_>) -> CommandResult {
    Err(CommandError::invalid("`/account add` is not available yet"))
}

pub async fn show(_ctx: &mut Ctx<'_>) -> CommandResult {
    Err(CommandError::invalid("`/account show` is not available yet"))
}

