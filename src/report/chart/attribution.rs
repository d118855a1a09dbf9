//! The left panel of the digest chart: each fiscal week's closed-won revenue as one
//! 100%-stacked bar, Sourced at the bottom, then Co-sell/influence, then Direct, with the week
//! labels under the bars, a legend and a 0–100% axis. A week without revenue is an empty
//! outlined bar with a dash across it; when no week has revenue the panel is the "No data" box.

use super::text::{self, draw_text, Align, TextStyle};
use super::{fill, heading, no_data, outline, Canvas, Drawn, Rect, Rgb, WeekShare, MAX_WEEKS};
use super::{AXIS, BACKGROUND, CO_SELL, DIRECT, GRID, INK_SOFT, MUTED, SOURCED};

pub(super) const HEADING: &str = "Closed won by attribution, share per week";
pub(super) const NO_DATA_REASON: &str = "No closed-won revenue in these weeks";

/// The stacked series, bottom to top, with their legend labels.
pub(super) const SERIES: [(&str, Rgb); 3] = [
    ("Sourced", SOURCED),
    ("Co-sell/influence", CO_SELL),
    ("Direct", DIRECT),
];

/// Width of the axis tick labels left of the bars.
const AXIS_WIDTH: i32 = 40;
/// Legend labels, and week labels when they all fit their slot.
const LABEL_STYLE: TextStyle = TextStyle::new(16, INK_SOFT, Align::Left);
/// Axis ticks, and week labels when the larger ones do not fit.
const SMALL_SIZE: u32 = 12;
/// Widest bar, in pixels.
const MAX_BAR_WIDTH: i32 = 40;

/// Heights in pixels of a week's segments (bottom to top, as [`SERIES`]) in a bar `height`
/// tall; they add up to `height` exactly. `None` when the week has no closed-won revenue.
/// A negative amount (a credit) counts as zero.
pub(super) fn segment_heights(week: &WeekShare, height: u32) -> Option<[u32; 3]> {
    let parts = [week.sourced_minor, week.co_sell_minor, week.direct_minor]
        .map(|minor| i128::from(minor.max(0)));
    let total: i128 = parts.iter().sum();
    if total == 0 {
        return None;
    }
    // Each edge is the rounded cumulative share, so the rounding never adds up past `height`.
    let height = i128::from(height);
    let mut edges = [0i128; 4];
    let mut cumulative = 0;
    for (k, part) in parts.iter().enumerate() {
        cumulative += part;
        edges[k + 1] = (2 * cumulative * height + total) / (2 * total);
    }
    Some([0, 1, 2].map(|k| (edges[k + 1] - edges[k]) as u32))
}

/// Where the bars go: the plot rectangle, one slot per week, the bar width in a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Plot {
    pub area: Rect,
    pub first_slot_x: i32,
    pub slot_w: i32,
    pub bar_w: i32,
}

impl Plot {
    /// The plot inside the panel's `body` (below the heading) for `weeks` bars.
    pub fn new(body: Rect, weeks: usize) -> Plot {
        let label = LABEL_STYLE.line_height();
        let top = body.y + label + 14;
        let area = Rect {
            x: body.x + AXIS_WIDTH,
            y: top,
            w: body.w - AXIS_WIDTH,
            h: body.bottom() - label - 8 - top,
        };
        let count = weeks.max(1) as i32;
        let slot_w = area.w / count;
        Plot {
            area,
            first_slot_x: area.x + (area.w - slot_w * count) / 2,
            slot_w,
            bar_w: (slot_w * 3 / 5).clamp(1, MAX_BAR_WIDTH),
        }
    }

    /// Left edge of the `index`th bar.
    pub fn bar_x(&self, index: usize) -> i32 {
        self.first_slot_x + index as i32 * self.slot_w + (self.slot_w - self.bar_w) / 2
    }
}

/// Draws the panel in `area`. Only the latest [`MAX_WEEKS`] weeks are drawn.
pub(super) fn draw(canvas: &Canvas, area: Rect, weeks: &[WeekShare]) -> Drawn {
    let body = heading(canvas, area, HEADING)?;
    let weeks = &weeks[weeks.len().saturating_sub(MAX_WEEKS)..];
    if weeks.iter().all(|week| segment_heights(week, 1).is_none()) {
        return no_data(canvas, body, NO_DATA_REASON);
    }
    legend(canvas, body)?;
    let plot = Plot::new(body, weeks.len());
    axis(canvas, plot.area)?;
    let height = plot.area.h.max(0) as u32;
    for (index, week) in weeks.iter().enumerate() {
        let x = plot.bar_x(index);
        match segment_heights(week, height) {
            Some(segments) => {
                let mut top = plot.area.bottom();
                for (&(_, colour), &h) in SERIES.iter().zip(&segments) {
                    top -= h as i32;
                    fill(canvas, x, top, plot.bar_w, h as i32, colour)?;
                }
            }
            None => {
                let (y, h) = (plot.area.y, plot.area.h);
                fill(canvas, x, y, plot.bar_w, h, BACKGROUND)?;
                outline(canvas, x, y, plot.bar_w, h, AXIS)?;
                // A short dash across the middle: no revenue that week.
                let dash = (plot.bar_w / 3).clamp(2, 12);
                let centre = x + plot.bar_w / 2;
                fill(canvas, centre - dash / 2, y + h / 2 - 1, dash, 2, MUTED)?;
            }
        }
    }
    week_labels(canvas, &plot, weeks)
}

/// The legend on the first line of `body`: a swatch and a label per series.
fn legend(canvas: &Canvas, body: Rect) -> Drawn {
    let mut x = body.x;
    for (label, colour) in SERIES {
        fill(canvas, x, body.y + 1, 12, 12, colour)?;
        x += 18;
        draw_text(canvas, x, body.y, label, LABEL_STYLE)?;
        x += text::text_width(label, LABEL_STYLE.size) + 22;
    }
    Ok(())
}

/// Grid lines at every quarter with their percentage, and the base line.
fn axis(canvas: &Canvas, plot: Rect) -> Drawn {
    let tick = TextStyle::new(SMALL_SIZE, MUTED, Align::Right);
    for quarter in 0..=4 {
        let y = plot.bottom() - plot.h * quarter / 4;
        fill(canvas, plot.x, y, plot.w, 1, GRID)?;
        let label = format!("{}%", quarter * 25);
        draw_text(canvas, plot.x - 6, y - tick.line_height() / 2, &label, tick)?;
    }
    fill(canvas, plot.x, plot.bottom(), plot.w, 1, AXIS)
}

/// Each week's label centred under its bar: at the label size when every label fits its slot
/// with a clear gap, else smaller, shortened with "…" when even that is too wide.
fn week_labels(canvas: &Canvas, plot: &Plot, weeks: &[WeekShare]) -> Drawn {
    let room = plot.slot_w - 4;
    let fits =
        |week: &WeekShare| text::text_width(&week.label, LABEL_STYLE.size) + 6 <= plot.slot_w;
    let size = if weeks.iter().all(fits) {
        LABEL_STYLE.size
    } else {
        SMALL_SIZE
    };
    let style = TextStyle::new(size, INK_SOFT, Align::Center);
    let y = plot.area.bottom() + 6;
    for (index, week) in weeks.iter().enumerate() {
        let centre = plot.bar_x(index) + plot.bar_w / 2;
        draw_text(
            canvas,
            centre,
            y,
            &text::fit(&week.label, room, size),
            style,
        )?;
    }
    Ok(())
}
