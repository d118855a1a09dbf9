//! The digest chart: the one image of the weekly KPI digest, a PNG with two panels. Left, each
//! fiscal week's closed-won revenue split by attribution (Sourced, Co-sell/influence, Direct)
//! as 100%-stacked bars (`attribution`); right, the open pipeline by forecast category as
//! horizontal bars with their amounts (`pipeline`).
//!
//! Drawn in-process with `plotters` on an RGB buffer (`BitMapBackend::with_buffer`), text
//! anti-aliased in the bundled DejaVu Sans (`text`), and encoded with the `png` crate: no
//! browser, no network, no system fonts, and the same input always gives the same bytes.
//! Amounts stay integer minor units; shares and bar lengths are computed in `i128` and rounded
//! to whole pixels, and the bars are whole-pixel rectangles placed by this module (not plotters'
//! chart coordinates), so their sizes are exact. Missing or all-zero data draws a "No data" box
//! instead of a panel; nothing here panics on any input.

use crate::domain::money::Currency;

use plotters::backend::{BitMapBackend, DrawingBackend};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea};
use plotters::style::{Color, RGBColor};

mod attribution;
mod pipeline;
#[cfg(test)]
mod tests;
mod text;

use text::{Align, TextStyle};

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
    let pixels = draw(chart).expect("drawing on a buffer fails only without the bundled font");
    encode_png(&pixels, WIDTH, HEIGHT).expect("a PNG of a fixed, non-zero size encodes in memory")
}

/// Where the chart is drawn: a plotters drawing area on an RGB buffer, in pixel coordinates.
type Canvas<'a> = DrawingArea<BitMapBackend<'a>, Shift>;
/// The result of drawing on a [`Canvas`]: an error only when the font is missing.
type Drawn<T = ()> =
    Result<T, DrawingAreaErrorKind<<BitMapBackend<'static> as DrawingBackend>::ErrorType>>;
/// A colour: red, green, blue.
type Rgb = [u8; 3];

/// The chart's pixels, three bytes each, row by row.
fn draw(chart: &DigestChart) -> Drawn<Vec<u8>> {
    let mut pixels = vec![0; WIDTH as usize * HEIGHT as usize * 3];
    {
        let canvas = BitMapBackend::with_buffer(&mut pixels, (WIDTH, HEIGHT)).into_drawing_area();
        canvas.fill(&rgb(BACKGROUND))?;
        let title = text::fit(&chart.title, TITLE_AREA.w, TITLE_STYLE.size);
        text::draw_text(&canvas, TITLE_AREA.x, TITLE_AREA.y, &title, TITLE_STYLE)?;
        fill(
            &canvas,
            TITLE_AREA.x,
            TITLE_AREA.bottom(),
            TITLE_AREA.w,
            1,
            GRID,
        )?;
        attribution::draw(&canvas, LEFT_PANEL, &chart.weeks)?;
        pipeline::draw(&canvas, RIGHT_PANEL, &chart.pipeline, chart.currency)?;
        canvas.present()?;
    }
    Ok(pixels)
}

/// `pixels` (8-bit RGB, row by row) as a PNG.
fn encode_png(pixels: &[u8], width: u32, height: u32) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(pixels)?;
    writer.finish()?;
    Ok(out)
}

fn rgb([r, g, b]: Rgb) -> RGBColor {
    RGBColor(r, g, b)
}

/// Fills the `w`×`h` rectangle whose top left pixel is (`x`, `y`); nothing when `w` or `h` is
/// not positive. Plotters clips it to the canvas.
fn fill(canvas: &Canvas, x: i32, y: i32, w: i32, h: i32, colour: Rgb) -> Drawn {
    if w > 0 && h > 0 {
        let corners = [(x, y), (x.saturating_add(w), y.saturating_add(h))];
        // A filled rectangle covers its first corner up to, not including, the second.
        canvas.draw(&plotters::element::Rectangle::new(
            corners,
            rgb(colour).filled(),
        ))?;
    }
    Ok(())
}

/// The one-pixel border of the `w`×`h` rectangle at (`x`, `y`).
fn outline(canvas: &Canvas, x: i32, y: i32, w: i32, h: i32, colour: Rgb) -> Drawn {
    if w > 0 && h > 0 {
        fill(canvas, x, y, w, 1, colour)?;
        fill(canvas, x, y + h - 1, w, 1, colour)?;
        fill(canvas, x, y, 1, h, colour)?;
        fill(canvas, x + w - 1, y, 1, h, colour)?;
    }
    Ok(())
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

/// The style of the title.
const TITLE_STYLE: TextStyle = TextStyle::new(22, INK, Align::Left);
/// The style of panel headings.
const HEADING_STYLE: TextStyle = TextStyle::new(18, INK_SOFT, Align::Left);

/// Writes a panel heading at the top of `area` and returns [`below_heading`].
fn heading(canvas: &Canvas, area: Rect, heading: &str) -> Drawn<Rect> {
    let fitted = text::fit(heading, area.w, HEADING_STYLE.size);
    text::draw_text(canvas, area.x, area.y, &fitted, HEADING_STYLE)?;
    Ok(below_heading(area))
}

/// The part of a panel's `area` below its heading: where the bars or the "No data" box go.
fn below_heading(area: Rect) -> Rect {
    area.below(area.y + HEADING_STYLE.line_height() + 12)
}

/// Fills `area` with the "No data" box: a light panel with "No data" and `reason` centred.
fn no_data(canvas: &Canvas, area: Rect, reason: &str) -> Drawn {
    fill(canvas, area.x, area.y, area.w, area.h, NO_DATA_FILL)?;
    outline(canvas, area.x, area.y, area.w, area.h, GRID)?;
    let centre = area.x + area.w / 2;
    let middle = area.y + area.h / 2;
    let big = TextStyle::new(18, INK_SOFT, Align::Center);
    text::draw_text(
        canvas,
        centre,
        middle - big.line_height() - 2,
        "No data",
        big,
    )?;
    let small = TextStyle::new(14, MUTED, Align::Center);
    let reason = text::fit(reason, area.w - 16, small.size);
    text::draw_text(canvas, centre, middle + 4, &reason, small)?;
    Ok(())
}
