//! The right panel of the digest chart: open pipeline by forecast category, one horizontal bar
//! per category in the order given, scaled so the largest spans the full bar width, each
//! followed by its amount written short (`$1.2M`). With no positive amount the panel is the
//! "No data" box.

use crate::domain::money::{format_money_short, Currency};

use super::text::{self, draw_text, Align, TextStyle};
use super::{fill, heading, no_data, Canvas, Drawn, PipelineBar, Rect, MAX_PIPELINE_ROWS};
use super::{AXIS, INK_SOFT, MUTED, PIPELINE};

pub(super) const HEADING: &str = "Open pipeline by category";
pub(super) const NO_DATA_REASON: &str = "No open pipeline";

/// Tallest row, in pixels.
const MAX_ROW_HEIGHT: i32 = 44;

/// Length in pixels of the bar for `amount` when `largest` takes `full` pixels: rounded, at
/// least 2 for any positive amount so it stays visible, 0 for zero or negative amounts.
pub(super) fn bar_length(amount: i64, largest: i64, full: i32) -> i32 {
    if amount <= 0 || largest <= 0 || full <= 0 {
        return 0;
    }
    let (amount, largest) = (i128::from(amount.min(largest)), i128::from(largest));
    let length = (2 * amount * i128::from(full) + largest) / (2 * largest);
    (length as i32).max(2.min(full))
}

/// Where the rows go, computed from the panel's `body` (below the heading) and the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Layout {
    /// The categories drawn: the first [`MAX_PIPELINE_ROWS`].
    pub shown: usize,
    /// Each shown category's amount, written short.
    pub amounts: Vec<String>,
    /// Text size of labels and amounts.
    pub size: u32,
    pub rows_y: i32,
    pub row_h: i32,
    pub bar_h: i32,
    pub label_w: i32,
    /// Left edge of every bar.
    pub bar_x: i32,
    /// Length of the largest bar.
    pub full_w: i32,
}

impl Layout {
    pub fn new(body: Rect, bars: &[PipelineBar], currency: Currency) -> Layout {
        let shown = &bars[..bars.len().min(MAX_PIPELINE_ROWS)];
        let amounts: Vec<String> = shown
            .iter()
            .map(|bar| format_money_short(bar.amount_minor, currency))
            .collect();
        let rows_y = body.y + 4;
        let footer = if shown.len() < bars.len() { 24 } else { 0 };
        let count = shown.len().max(1) as i32;
        let row_h = ((body.bottom() - footer - rows_y) / count).clamp(0, MAX_ROW_HEIGHT);
        let size = if row_h >= 26 { 16 } else { 12 };
        let labels = shown.iter().map(|bar| bar.label.as_str());
        let label_w = widest(labels, size).min(body.w * 2 / 5);
        let amount_w = widest(amounts.iter().map(String::as_str), size);
        let bar_x = body.x + label_w + 10;
        Layout {
            shown: shown.len(),
            amounts,
            size,
            rows_y,
            row_h,
            bar_h: (row_h * 3 / 5).max(2),
            label_w,
            bar_x,
            full_w: (body.right() - 8 - amount_w - bar_x).max(1),
        }
    }

    /// Top of the `index`th bar.
    pub fn bar_y(&self, index: usize) -> i32 {
        self.rows_y + index as i32 * self.row_h + (self.row_h - self.bar_h) / 2
    }
}

/// Width in pixels of the widest of `texts` at `size`.
fn widest<'a>(texts: impl Iterator<Item = &'a str>, size: u32) -> i32 {
    texts.map(|t| text::text_width(t, size)).max().unwrap_or(0)
}

/// Draws the panel in `area`: the first [`MAX_PIPELINE_ROWS`] categories, then "+N more".
pub(super) fn draw(canvas: &Canvas, area: Rect, bars: &[PipelineBar], currency: Currency) -> Drawn {
    let body = heading(canvas, area, HEADING)?;
    if bars.iter().all(|bar| bar.amount_minor <= 0) {
        return no_data(canvas, body, NO_DATA_REASON);
    }
    let layout = Layout::new(body, bars, currency);
    let shown = &bars[..layout.shown];
    let hidden = bars.len() - shown.len();
    let largest = shown.iter().map(|bar| bar.amount_minor).max().unwrap_or(0);
    let style = TextStyle::new(layout.size, INK_SOFT, Align::Left);
    for (index, (bar, amount)) in shown.iter().zip(&layout.amounts).enumerate() {
        let y = layout.bar_y(index);
        // The line's middle, where the capitals' middle is, level with the bar's.
        let text_y = y + (layout.bar_h - style.line_height()) / 2;
        let label = text::fit(&bar.label, layout.label_w, layout.size);
        draw_text(canvas, body.x, text_y, &label, style)?;
        let length = bar_length(bar.amount_minor, largest, layout.full_w);
        fill(canvas, layout.bar_x, y, length, layout.bar_h, PIPELINE)?;
        draw_text(canvas, layout.bar_x + length + 6, text_y, amount, style)?;
    }
    let rows_h = layout.row_h * shown.len() as i32;
    fill(canvas, layout.bar_x - 1, layout.rows_y, 1, rows_h, AXIS)?;
    if hidden > 0 {
        let more = TextStyle::new(layout.size, MUTED, Align::Left);
        let y = layout.rows_y + rows_h + 8;
        draw_text(canvas, body.x, y, &format!("+{hidden} more"), more)?;
    }
    Ok(())
}
