//! The closed-won panel: segment heights, the colours and proportions of the stacked bars as
//! drawn, empty weeks, the week limit, the legend and the labels.

use super::super::attribution::{segment_heights, Plot, SERIES};
use super::*;

#[test]
fn segment_heights_round_the_cumulative_share_and_fill_the_bar() {
    assert_eq!(
        segment_heights(&week("", 50, 25, 25), 268),
        Some([134, 67, 67])
    );
    assert_eq!(segment_heights(&week("", 1, 1, 1), 100), Some([33, 34, 33]));
    assert_eq!(segment_heights(&week("", 0, 0, 7), 100), Some([0, 0, 100]));
    assert_eq!(
        segment_heights(&week("", 1, 0, 999_999), 100),
        Some([0, 0, 100])
    );
    // Credits count as zero; a week with nothing positive has no bar.
    assert_eq!(segment_heights(&week("", -5, 10, 0), 80), Some([0, 80, 0]));
    assert_eq!(segment_heights(&week("", 0, 0, 0), 100), None);
    assert_eq!(segment_heights(&week("", -1, -1, 0), 100), None);
    let huge = segment_heights(&week("", i64::MAX, i64::MAX, i64::MAX), 300).unwrap();
    assert_eq!(huge, [100, 100, 100]);
}

/// The bars' runs of colour up the column `x`, from the base line: (colour, length).
fn runs_up(image: &Image, x: i32, bottom: i32) -> Vec<(Rgb, i32)> {
    let mut runs: Vec<(Rgb, i32)> = Vec::new();
    for y in (0..bottom).rev() {
        let colour = image.at(x, y);
        if !SERIES.iter().any(|&(_, c)| c == colour) {
            break;
        }
        match runs.last_mut() {
            Some((last, length)) if *last == colour => *length += 1,
            _ => runs.push((colour, 1)),
        }
    }
    runs
}

/// The columns of the first bar: those of the left panel with many `colour` pixels.
fn first_bar_columns(image: &Image, colour: Rgb) -> (i32, i32) {
    let tall = |x: i32| {
        image.count_colour(
            Rect {
                x,
                w: 1,
                ..LEFT_PANEL
            },
            colour,
        ) > 20
    };
    let left = (LEFT_PANEL.x..LEFT_PANEL.right())
        .find(|&x| tall(x))
        .unwrap();
    let right = (left..LEFT_PANEL.right()).find(|&x| !tall(x)).unwrap();
    (left, right)
}

#[test]
fn the_first_bar_stacks_the_three_colours_in_proportion() {
    let weeks = vec![
        week("W01", usd(500_000), usd(250_000), usd(250_000)),
        week("W02", 0, 0, usd(1_000)),
    ];
    let image = decode(&render(&chart(weeks, vec![bar("Commit", 100)])));
    let (left, right) = first_bar_columns(&image, SOURCED);
    let plot = Plot::new(below_heading(LEFT_PANEL), 2);
    assert_eq!((left, right - left), (plot.bar_x(0), plot.bar_w));

    let runs = runs_up(&image, (left + right) / 2, plot.area.bottom());
    let colours: Vec<Rgb> = runs.iter().map(|&(colour, _)| colour).collect();
    assert_eq!(colours, [SOURCED, CO_SELL, DIRECT]);
    let [sourced, co_sell, direct] = [runs[0].1, runs[1].1, runs[2].1];
    let total = sourced + co_sell + direct;
    assert_eq!(total, plot.area.h);
    assert!((2 * sourced - total).abs() <= 2, "{runs:?}");
    assert!((4 * co_sell - total).abs() <= 4, "{runs:?}");
    assert!((co_sell - direct).abs() <= 1, "{runs:?}");

    // The middle of each segment, sampled directly.
    let x = left + 2;
    let base = plot.area.bottom();
    assert_eq!(image.at(x, base - sourced / 2), SOURCED);
    assert_eq!(image.at(x, base - sourced - co_sell / 2), CO_SELL);
    assert_eq!(image.at(x, base - total + direct / 2), DIRECT);
    assert_eq!(image.at(x, base - total - 2), BACKGROUND);

    // The second week is all Direct.
    let second = plot.bar_x(1) + plot.bar_w / 2;
    assert_eq!(runs_up(&image, second, base), [(DIRECT, total)]);
}

#[test]
fn a_week_without_revenue_is_an_outlined_bar_with_a_dash() {
    let weeks = vec![
        week("W01", 1, 0, 0),
        week("W02", 0, 0, 0),
        week("W03", 0, 1, 0),
    ];
    let image = decode(&render(&chart(weeks, vec![])));
    let plot = Plot::new(below_heading(LEFT_PANEL), 3);
    let (x, y, w, h) = (plot.bar_x(1), plot.area.y, plot.bar_w, plot.area.h);
    let quarter = y + h / 4;
    assert_eq!(image.at(x, quarter), AXIS);
    assert_eq!(image.at(x + w - 1, quarter), AXIS);
    assert_eq!(image.at(x + w / 2, y), AXIS);
    assert_eq!(image.at(x + w / 2, quarter), BACKGROUND);
    let bar = Rect { x, y, w, h };
    assert!(image.count_colour(bar, MUTED) >= 10, "no dash");
    for (_, colour) in SERIES {
        assert_eq!(image.count_colour(bar, colour), 0);
    }
}

#[test]
fn only_the_latest_fourteen_weeks_are_drawn() {
    // Weeks 1-6 are all Direct, weeks 7-20 all Sourced: only the Sourced ones may show.
    let weeks = (1..=20)
        .map(|n| match n {
            ..=6 => week("old", 0, 0, 100),
            _ => week("new", 100, 0, 0),
        })
        .collect();
    let image = decode(&render(&chart(weeks, vec![])));
    let plot = Plot::new(below_heading(LEFT_PANEL), MAX_WEEKS);
    let row = Rect {
        y: plot.area.bottom() - 1,
        h: 1,
        ..LEFT_PANEL
    };
    let bars = (row.x..row.right())
        .filter(|&x| image.at(x, row.y) == SOURCED && image.at(x - 1, row.y) != SOURCED)
        .count();
    assert_eq!(bars, MAX_WEEKS);
    assert_eq!(image.count_colour(row, DIRECT), 0);
}

#[test]
fn the_legend_shows_each_colour_and_the_weeks_are_labelled() {
    let image = decode(&render(&sample()));
    let body = below_heading(LEFT_PANEL);
    let legend = Rect { h: 18, ..body };
    for (label, colour) in SERIES {
        assert_eq!(image.count_colour(legend, colour), 12 * 12, "{label}");
    }
    let plot = Plot::new(body, 13);
    for index in 0..13 {
        let under = Rect {
            x: plot.bar_x(index) - 4,
            y: plot.area.bottom() + 2,
            w: plot.bar_w + 8,
            h: 24,
        };
        assert!(image.count(under, is_dark) > 20, "week {index}");
    }
}
