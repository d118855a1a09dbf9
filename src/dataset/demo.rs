//! The demo workspace (being written).

use crate::core::Core;

/// Fills the workspace with demo data unless it already has partners.
pub async fn fill_if_empty(_core: &Core, _workspace_id: i64) -> anyhow::Result<()> {
    Ok(())
}
