//! The digest chart: the one image of the weekly KPI digest, a PNG with two panels. Left, each
//! fiscal week's closed-won revenue split by attribution (Sourced, Co-sell/influence, Direct)
//! as 100%-stacked bars (`attribution`); right, the open pipeline by forecast category as
//! horizontal bars with their amounts (`pipeline`).
//!
//! Drawn in-process on a `canvas` with the built-in `font`: no browser, no network, no
//! system fonts, and the same input always gives the same bytes. Amounts stay integer minor
//! units; shares and bar lengths are computed in `i128` and rounded to whole pixels. Missing or
//! all-zero data draws a "No data" box instead of a panel; nothing here panics on any input.

use crate::domain::money::Currency;

mod attribution;
mod canvas;
mod font;
mod pipeline;
#[cfg(test)]
mod tests;

use canvas::{Align, Canvas, Rgb, TextStyle};

/// Width of the image in pixels.
pub const WIDTH: u32 = 960;
/// Height of the image in pixels.
pub const HEIGHT: u32 = 420;
/// Weeks drawn at most (a fiscal quarter has 13 or 14); with more, the latest are drawn.
pub const MAX_WEEKS: usize = 14;
/// Pipeline categories drawn at most; more are counted in a "+N more" line.
pub const MAX_PIPELINE_ROWS: usize = 10;

/// One fiscal week's closed-won revenue by attribution, in minor units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekShare {
    /// Written under the bar, e.g. `W05`.
    pub label: String,
    pub sourced_minor: i64,
    /// Partner co-sell and influence together.
    pub co_sell_minor: i64,
    pub direct_minor: i64,
}

/// One category of open pipeline (`Commit`, `Best Case`, `Pipeline`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipelineBar {
    pub label: String,
    pub amount_minor: i64,
}

/// Everything the digest chart shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestChart {
    pub title: String,
    /// Oldest first.
    pub weeks: Vec<WeekShare>,
    /// Drawn top to bottom in this order.
    pub pipeline: Vec<PipelineBar>,
    pub currency: Currency,
}

/// The chart as PNG bytes (8-bit RGB, [`WIDTH`]×[`HEIGHT`]).
pub fn render(chart: &DigestChart) -> Vec<u8> {
    draw(chart)
        .encode_png()
        .expect("a PNG of a fixed, non-zero size always encodes into memory")
}

/// The chart drawn on a canvas, before encoding.
fn draw(chart: &DigestChart) -> Canvas {
    let mut canvas = Canvas::new(WIDTH, HEIGHT, BACKGROUND);
    let title = font::fit(&chart.title, TITLE_AREA.w as u32 - 1, 2);
    let style = TextStyle::new(2, INK, Align::Left);
    // Drawn twice a pixel apart: a bold title.
    canvas.draw_text(TITLE_AREA.x, TITLE_AREA.y, &title, style);
    canvas.draw_text(TITLE_AREA.x + 1, TITLE_AREA.y, &title, style);
    canvas.hline(TITLE_AREA.x, TITLE_AREA.bottom(), TITLE_AREA.w, GRID);
    attribution::draw(&mut canvas, LEFT_PANEL, &chart.weeks);
    pipeline::draw(&mut canvas, RIGHT_PANEL, &chart.pipeline, chart.currency);
    canvas
}

/// A rectangle of the canvas: left, top, width, height.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rect {
    x: i32,
    y: i32,
    w: i32,
    h: i32,
}

impl Rect {
    fn right(&self) -> i32 {
        self.x + self.w
    }

    fn bottom(&self) -> i32 {
        self.y + self.h
    }

    /// The part of this rectangle below `y`.
    fn below(&self, y: i32) -> Rect {
        let y = y.clamp(self.y, self.bottom());
        Rect {
            y,
            h: self.bottom() - y,
            ..*self
        }
    }
}

const TITLE_AREA: Rect = Rect {
    x: 20,
    y: 14,
    w: WIDTH as i32 - 40,
    h: 28,
};
const LEFT_PANEL: Rect = Rect {
    x: 20,
    y: 56,
    w: 570,
    h: HEIGHT as i32 - 56 - 12,
};
const RIGHT_PANEL: Rect = Rect {
    x: 624,
    y: 56,
    w: WIDTH as i32 - 624 - 20,
    h: HEIGHT as i32 - 56 - 12,
};

const BACKGROUND: Rgb = [255, 255, 255];
/// The title.
const INK: Rgb = [17, 24, 39];
/// Headings, labels and amounts.
const INK_SOFT: Rgb = [55, 65, 81];
/// Axis ticks, the "–" of an empty week, secondary lines.
const MUTED: Rgb = [107, 114, 128];
const GRID: Rgb = [229, 231, 235];
const AXIS: Rgb = [156, 163, 175];
const NO_DATA_FILL: Rgb = [243, 244, 246];
const SOURCED: Rgb = [0, 114, 178];
const CO_SELL: Rgb = [86, 180, 233];
const DIRECT: Rgb = [230, 159, 0];
const PIPELINE: Rgb = [0, 158, 115];

/// The style of panel headings.
const HEADING_STYLE: TextStyle = TextStyle {
    scale: 2,
    colour: INK_SOFT,
    align: Align::Left,
};

/// Writes a panel heading at the top of `area` and returns [`below_heading`].
fn heading(canvas: &mut Canvas, area: Rect, text: &str) -> Rect {
    let fitted = font::fit(text, area.w as u32, HEADING_STYLE.scale);
    canvas.draw_text(area.x, area.y, &fitted, HEADING_STYLE);
    below_heading(area)
}

/// The part of a panel's `area` below its heading: where the bars or the "No data" box go.
fn below_heading(area: Rect) -> Rect {
    area.below(area.y + HEADING_STYLE.line_height() + 12)
}

/// Fills `area` with the "No data" box: a light panel with "No data" and `reason` centred.
fn no_data(canvas: &mut Canvas, area: Rect, reason: &str) {
    canvas.fill_rect(area.x, area.y, area.w, area.h, NO_DATA_FILL);
    canvas.outline_rect(area.x, area.y, area.w, area.h, GRID);
    let centre = area.x + area.w / 2;
    let middle = area.y + area.h / 2;
    let big = TextStyle::new(2, INK_SOFT, Align::Center);
    canvas.draw_text(centre, middle - big.line_height(), "No data", big);
    let small = TextStyle::new(2, MUTED, Align::Center);
    let reason = font::fit(reason, (area.w - 16).max(0) as u32, 2);
    canvas.draw_text(centre, middle + 6, &reason, small);
}
