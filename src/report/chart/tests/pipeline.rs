//! The pipeline panel: bar lengths scaled to the largest, the amounts, the row limit.

use super::super::pipeline::{bar_length, Layout};
use super::*;

#[test]
fn bar_lengths_are_rounded_shares_of_the_full_width() {
    assert_eq!(bar_length(200, 200, 150), 150);
    assert_eq!(bar_length(100, 200, 150), 75);
    assert_eq!(bar_length(1, 3, 100), 33);
    assert_eq!(bar_length(2, 3, 100), 67);
    assert_eq!(
        bar_length(1, 1_000_000, 150),
        2,
        "a positive amount stays visible"
    );
    assert_eq!(bar_length(0, 200, 150), 0);
    assert_eq!(bar_length(-50, 200, 150), 0);
    assert_eq!(bar_length(50, 0, 150), 0);
    assert_eq!(bar_length(i64::MAX, i64::MAX, 150), 150);
    assert_eq!(bar_length(i64::MAX / 2, i64::MAX, 150), 75);
}

/// The length of the bar drawn in row `index`, measured on the image.
fn measured(image: &Image, layout: &Layout, index: usize) -> i32 {
    let y = layout.bar_y(index) + layout.bar_h / 2;
    (layout.bar_x..RIGHT_PANEL.right())
        .take_while(|&x| image.at(x, y) == PIPELINE)
        .count() as i32
}

#[test]
fn the_largest_bar_spans_the_full_width_and_the_others_their_share() {
    let bars = vec![
        bar("Commit", usd(500_000)),
        bar("Best Case", usd(1_000_000)),
        bar("Pipeline", usd(250_000)),
        bar("Upside", 0),
    ];
    let image = decode(&render(&chart(vec![], bars.clone())));
    let layout = Layout::new(below_heading(RIGHT_PANEL), &bars, Currency::USD);
    assert_eq!(layout.amounts, ["$500k", "$1M", "$250k", "$0"]);
    let full = layout.full_w;
    assert!(full > 100, "{layout:?}");
    assert_eq!(measured(&image, &layout, 1), full);
    assert!((measured(&image, &layout, 0) - full / 2).abs() <= 1);
    assert!((measured(&image, &layout, 2) - full / 4).abs() <= 1);
    assert_eq!(measured(&image, &layout, 3), 0);

    // Each amount is written after its bar, inside the panel.
    for index in 0..4 {
        let end = layout.bar_x + measured(&image, &layout, index);
        let text = Rect {
            x: end + 1,
            y: layout.bar_y(index) - 4,
            w: RIGHT_PANEL.right() - end - 1,
            h: layout.bar_h + 8,
        };
        assert!(image.count(text, is_dark) > 20, "amount {index}");
        let label = Rect {
            x: RIGHT_PANEL.x,
            w: layout.label_w,
            ..text
        };
        assert!(image.count(label, is_dark) > 20, "label {index}");
    }
}

#[test]
fn categories_past_the_tenth_are_counted_not_drawn() {
    let bars: Vec<PipelineBar> = (1..=12).map(|n| bar(&format!("C{n}"), n * 100)).collect();
    let image = decode(&render(&chart(vec![], bars.clone())));
    let layout = Layout::new(below_heading(RIGHT_PANEL), &bars, Currency::USD);
    assert_eq!(layout.shown, MAX_PIPELINE_ROWS);
    let rows_end = layout.rows_y + layout.row_h * MAX_PIPELINE_ROWS as i32;
    assert!(rows_end + 20 <= RIGHT_PANEL.bottom(), "{layout:?}");
    let drawn = Rect {
        y: layout.rows_y,
        h: rows_end - layout.rows_y,
        ..RIGHT_PANEL
    };
    let bar_rows = (drawn.y..drawn.bottom())
        .filter(|&y| image.at(layout.bar_x, y) == PIPELINE)
        .filter(|&y| image.at(layout.bar_x, y - 1) != PIPELINE)
        .count();
    assert_eq!(bar_rows, MAX_PIPELINE_ROWS);
    // The tenth (largest shown) spans the full width: scaled to the bars drawn.
    assert_eq!(measured(&image, &layout, 9), layout.full_w);
    let more = Rect {
        y: rows_end,
        h: RIGHT_PANEL.bottom() - rows_end,
        ..RIGHT_PANEL
    };
    assert!(image.count_ink(more, MUTED) > 20, "no \"+2 more\"");
}
