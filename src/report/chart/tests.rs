//! Tests of the digest chart through its PNG, decoded back with the `png` crate: the format,
//! the title, the "No data" panels, odd inputs, determinism and size. The bars of each panel
//! and the text (font, fallback, drawing) have their own files.

use std::io::Cursor;

use super::*;

mod attribution;
mod pipeline;
mod text;

/// A decoded PNG.
struct Image {
    width: u32,
    height: u32,
    color_type: png::ColorType,
    bit_depth: png::BitDepth,
    pixels: Vec<u8>,
}

impl Image {
    fn at(&self, x: i32, y: i32) -> Rgb {
        let at = (y as usize * self.width as usize + x as usize) * 3;
        [self.pixels[at], self.pixels[at + 1], self.pixels[at + 2]]
    }

    /// Pixels of `area` for which `test` holds.
    fn count(&self, area: Rect, test: impl Fn(Rgb) -> bool) -> usize {
        (area.y..area.bottom())
            .flat_map(|y| (area.x..area.right()).map(move |x| (x, y)))
            .filter(|&(x, y)| test(self.at(x, y)))
            .count()
    }

    /// Pixels of `area` inked in `colour` by at least half, as anti-aliased text in `colour`
    /// is: `colour` laid over white with a coverage of one half or more.
    fn count_ink(&self, area: Rect, colour: Rgb) -> usize {
        self.count(area, |pixel| {
            let (Some(full), _) = (0..3).fold((None, 0), |(at, widest), i| {
                let range = 255 - i32::from(colour[i]);
                if range > widest {
                    (Some(i), range)
                } else {
                    (at, widest)
                }
            }) else {
                return false;
            };
            let coverage = f64::from(255 - pixel[full]) / f64::from(255 - colour[full]);
            coverage >= 0.5
                && (0..3).all(|i| {
                    let expected = 255.0 - coverage * f64::from(255 - colour[i]);
                    (f64::from(pixel[i]) - expected).abs() <= 3.0
                })
        })
    }

    /// Pixels of `area` of exactly `colour`.
    fn count_colour(&self, area: Rect, colour: Rgb) -> usize {
        self.count(area, |c| c == colour)
    }
}

fn decode(png: &[u8]) -> Image {
    let mut reader = png::Decoder::new(Cursor::new(png)).read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    pixels.truncate(frame.buffer_size());
    Image {
        width: frame.width,
        height: frame.height,
        color_type: frame.color_type,
        bit_depth: frame.bit_depth,
        pixels,
    }
}

/// Text colours (and black) are dark; the background, grid and bar colours are not.
fn is_dark(colour: Rgb) -> bool {
    colour.iter().map(|&v| u32::from(v)).sum::<u32>() < 3 * 128
}

/// Minor units of `dollars` US dollars.
fn usd(dollars: i64) -> i64 {
    dollars * 100
}

fn week(label: &str, sourced: i64, co_sell: i64, direct: i64) -> WeekShare {
    WeekShare {
        label: label.to_string(),
        sourced_minor: sourced,
        co_sell_minor: co_sell,
        direct_minor: direct,
    }
}

fn bar(label: &str, amount: i64) -> PipelineBar {
    PipelineBar {
        label: label.to_string(),
        amount_minor: amount,
    }
}

fn chart(weeks: Vec<WeekShare>, pipeline: Vec<PipelineBar>) -> DigestChart {
    DigestChart {
        title: "Weekly KPI digest FY27-Q1".to_string(),
        weeks,
        pipeline,
        currency: Currency::USD,
    }
}

/// Thirteen weeks, one of them empty, and four pipeline categories.
fn sample() -> DigestChart {
    let weeks = (1..=13)
        .map(|n| match n {
            4 => week("W04", 0, 0, 0),
            _ => week(
                &format!("W{n:02}"),
                n * usd(10_000),
                usd(300_000),
                usd(500_000),
            ),
        })
        .collect();
    let pipeline = vec![
        bar("Commit", usd(1_240_000)),
        bar("Best Case", usd(2_050_000)),
        bar("Pipeline", usd(4_380_000)),
        bar("Upside", usd(615_000)),
    ];
    chart(weeks, pipeline)
}

#[test]
fn the_png_is_8_bit_rgb_of_the_chart_size() {
    let png = render(&sample());
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let image = decode(&png);
    assert_eq!((image.width, image.height), (WIDTH, HEIGHT));
    assert_eq!(image.color_type, png::ColorType::Rgb);
    assert_eq!(image.bit_depth, png::BitDepth::Eight);
    assert_eq!(image.pixels.len(), (WIDTH * HEIGHT * 3) as usize);
}

/// FNV-1a, 64 bits: a fixed hash, the same on every platform and Rust release.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The sample as the digest titles it, with the characters the old bitmap font lacked.
fn pinned_sample() -> DigestChart {
    let mut chart = sample();
    chart.title = "FY27-Q1 · closed won and pipeline".to_string();
    chart.pipeline[3].label = "Upside – Müller & Søn…".to_string();
    chart.currency = Currency::EUR;
    chart
}

#[test]
fn the_pinned_sample_renders_to_the_pinned_bytes() {
    let chart = pinned_sample();
    let png = render(&chart);
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&png[12..16], b"IHDR");
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), WIDTH);
    assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), HEIGHT);
    let labels = chart.weeks.iter().map(|week| week.label.clone());
    let labels = labels.chain(chart.pipeline.iter().map(|bar| bar.label.clone()));
    for label in labels.chain([chart.title.clone(), "€1.2M".to_string()]) {
        for c in label.chars() {
            assert!(super::text::has_glyph(c), "{c:?} in {label:?}");
        }
    }
    // A change in plotters, ab_glyph, png or the font changes these bytes: look at the new
    // image (examples/digest_chart.rs) before updating the hash and the size.
    assert_eq!(
        (fnv1a(&png), png.len()),
        (17_042_662_979_465_840_886, 27_325),
        "the rendering changed"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let chart = sample();
    assert_eq!(render(&chart), render(&chart.clone()));
    let mut changed = chart.clone();
    changed.pipeline[0].amount_minor += usd(100_000);
    assert_ne!(render(&chart), render(&changed));
}

#[test]
fn the_title_is_written_in_the_title_area() {
    let title_text = |chart: &DigestChart| decode(&render(chart)).count(TITLE_AREA, is_dark);
    let mut chart = sample();
    assert!(title_text(&chart) > 200, "{}", title_text(&chart));
    chart.title.clear();
    assert_eq!(title_text(&chart), 0);
}

/// `panel` shows the "No data" box: its light fill, dark text in the middle, no bars.
fn assert_no_data(image: &Image, panel: Rect) {
    let body = below_heading(panel);
    assert_eq!(image.at(body.x + 3, body.y + 3), NO_DATA_FILL);
    let middle = Rect {
        y: body.y + body.h / 2 - 24,
        h: 48,
        ..body
    };
    assert!(image.count(middle, is_dark) > 100, "no text in {panel:?}");
    for colour in [SOURCED, CO_SELL, DIRECT, PIPELINE] {
        assert_eq!(
            image.count_colour(panel, colour),
            0,
            "{colour:?} in {panel:?}"
        );
    }
}

#[test]
fn no_weeks_and_no_pipeline_draw_no_data_boxes() {
    let image = decode(&render(&chart(vec![], vec![])));
    assert_no_data(&image, LEFT_PANEL);
    assert_no_data(&image, RIGHT_PANEL);
}

#[test]
fn all_zero_amounts_draw_no_data_boxes() {
    let weeks = vec![week("W01", 0, 0, 0), week("W02", 0, -500, 0)];
    let pipeline = vec![bar("Commit", 0), bar("Best Case", -100), bar("Pipeline", 0)];
    let image = decode(&render(&chart(weeks, pipeline)));
    assert_no_data(&image, LEFT_PANEL);
    assert_no_data(&image, RIGHT_PANEL);
}

#[test]
fn data_panels_are_not_no_data_boxes() {
    let image = decode(&render(&sample()));
    for panel in [LEFT_PANEL, RIGHT_PANEL] {
        assert_eq!(image.count_colour(panel, NO_DATA_FILL), 0, "{panel:?}");
    }
}

#[test]
fn extreme_inputs_render() {
    let weeks = (0..60)
        .map(|n| week(&"🙂 ".repeat(n), i64::MAX, i64::MAX, i64::MIN + n as i64))
        .collect();
    let pipeline = (0..500)
        .map(|n| bar(&"x".repeat(n), if n % 2 == 0 { i64::MAX } else { i64::MIN }))
        .collect();
    let mut chart = chart(weeks, pipeline);
    chart.title = "\u{0}\u{7f}\t\n".repeat(500);
    chart.currency = Currency::parse("KWD").unwrap();
    let image = decode(&render(&chart));
    assert_eq!((image.width, image.height), (WIDTH, HEIGHT));

    let one = chart_of_one(1, 1);
    assert_eq!(decode(&render(&one)).width, WIDTH);
}

/// One week and one category, both of `amount`.
fn chart_of_one(week_amount: i64, pipeline_amount: i64) -> DigestChart {
    chart(
        vec![week("", week_amount, 0, 0)],
        vec![bar("", pipeline_amount)],
    )
}

#[test]
fn fourteen_weeks_with_long_labels_stay_under_200_kb() {
    let weeks = (1..=14)
        .map(|n| {
            let label = format!("FY27-Q1 week {n:02}, the one with the long label");
            week(&label, n * 12_345_678, 98_765_432 / n, 55_555_555)
        })
        .collect();
    let pipeline = (1..=12)
        .map(|n| bar(&format!("Forecast category number {n}"), n * 123_456_789))
        .collect();
    let mut chart = chart(weeks, pipeline);
    chart.title = "Weekly KPI digest, a title far too long to fit the image ".repeat(4);
    let png = render(&chart);
    assert!(png.len() < 200 * 1024, "{} bytes", png.len());
    assert_eq!(decode(&png).width, WIDTH);
}
