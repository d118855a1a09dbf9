//! Unit tests of the layout: big replies stay within every Discord limit and lose nothing
//! silently.

use super::*;
use crate::core::reply::{Card, Reply, Table, Tone};

/// Asserts every limit Discord enforces on one message.
fn assert_within_limits(layout: &Layout) {
    assert!(!layout.messages.is_empty());
    assert!(layout.messages.len() <= MAX_MESSAGES);
    for (i, message) in layout.messages.iter().enumerate() {
        let what = format!("message {i}");
        if let Some(content) = &message.content {
            assert!(chars(content) <= limits::CONTENT, "{what}: content");
        }
        assert!(
            message.content.is_some() || !message.embeds.is_empty() || !message.files.is_empty(),
            "{what} is empty"
        );
        assert!(message.embeds.len() <= limits::EMBEDS, "{what}: embeds");
        assert!(message.embed_chars() <= limits::EMBED_TOTAL, "{what}: 6000");
        assert!(
            message.buttons.len() <= limits::BUTTONS_PER_ROW * limits::ROWS,
            "{what}: buttons"
        );
        for embed in &message.embeds {
            assert!(embed.title.as_deref().map_or(0, chars) <= limits::TITLE);
            let description = embed.description.as_deref().unwrap_or("");
            assert!(
                chars(description) <= limits::DESCRIPTION,
                "{what}: description"
            );
            assert_eq!(description.matches("```").count() % 2, 0, "open code block");
            assert!(embed.footer.as_deref().map_or(0, chars) <= limits::FOOTER);
            assert!(embed.fields.len() <= limits::FIELDS, "{what}: fields");
            for field in &embed.fields {
                assert!((1..=limits::FIELD_NAME).contains(&chars(&field.name)));
                assert!((1..=limits::FIELD_VALUE).contains(&chars(&field.value)));
            }
        }
    }
}

fn all_descriptions(layout: &Layout) -> String {
    layout
        .messages
        .iter()
        .flat_map(|m| &m.embeds)
        .filter_map(|e| e.description.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

const TEN_MB: usize = 10 * 1024 * 1024;

#[test]
fn a_sixty_row_table_of_long_names_is_split_at_rows_and_shows_every_row() {
    let mut table = Table::new(&["#", "Account", "Partner", ">Amount", "Close"]);
    for i in 0..60 {
        table.row(vec![
            format!("{}", 1000 + i),
            format!("Account with a rather long legal name number {i:02} Incorporated"),
            format!("Globex Strategic Services Partner {i:02}"),
            format!("${},000", 100 + i),
            "2026-12-15".to_string(),
        ]);
    }
    let card = Card::new("Deals", Tone::Info)
        .table(table)
        .footer("Page 1 of 1");
    let layout = layout(
        &Reply::card(card).with_button("Next", "deal list:page=2"),
        TEN_MB,
    );
    assert_within_limits(&layout);
    let text = all_descriptions(&layout);
    for i in 0..60 {
        assert_eq!(
            text.matches(&format!("number {i:02} ")).count(),
            1,
            "row {i}"
        );
    }
    let embeds: Vec<&OutEmbed> = layout.messages.iter().flat_map(|m| &m.embeds).collect();
    assert!(embeds.len() >= 2, "needs several embeds: {}", embeds.len());
    assert!(
        layout.messages.len() >= 2,
        "more than 6000 characters: a follow-up"
    );
    assert_eq!(embeds[0].title.as_deref(), Some("Deals"));
    assert!(embeds.iter().all(|e| e.colour == Tone::Info.colour()));
    assert_eq!(
        embeds.last().unwrap().footer.as_deref(),
        Some("Page 1 of 1")
    );
    for embed in &embeds {
        assert!(embed.description.as_deref().unwrap().contains("Account  "));
    }
    let last = layout.messages.last().unwrap();
    assert_eq!(last.buttons[0].custom_id, "deal list:page=2");
    assert!(layout.ephemeral);
}

#[test]
fn thirty_fields_continue_in_a_second_embed() {
    let mut card = Card::new("Partner", Tone::Success);
    for i in 0..30 {
        card = card.field(format!("Field {i}"), format!("Value {i}"));
    }
    let layout = layout(&Reply::card(card), TEN_MB);
    assert_within_limits(&layout);
    let embeds = &layout.messages[0].embeds;
    assert_eq!(embeds.len(), 2);
    assert_eq!(embeds[0].fields.len(), 25);
    assert_eq!(embeds[1].fields.len(), 5);
    assert_eq!(embeds[1].fields[4].name, "Field 29");
    assert_eq!(embeds[1].colour, Tone::Success.colour());
}

#[test]
fn five_thousand_characters_of_text_become_two_embeds_in_the_tone_colour() {
    let text = (0..100)
        .map(|i| format!("Sentence number {i:03} of a long answer, padded out to fifty."))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(chars(&text) > 5000);
    let layout = layout(&Reply::error(text.clone()), TEN_MB);
    assert_within_limits(&layout);
    let embeds = &layout.messages[0].embeds;
    assert_eq!(embeds.len(), 2);
    assert!(embeds.iter().all(|e| e.colour == Tone::Error.colour()));
    assert_eq!(all_descriptions(&layout), text);
}

#[test]
fn text_above_cards_is_the_message_content_unless_too_long() {
    let reply = Reply::info("Help for `/deal`").with_card(Card::new("/deal add", Tone::Info));
    let layout = layout(&reply, TEN_MB);
    assert_eq!(
        layout.messages[0].content.as_deref(),
        Some("Help for `/deal`")
    );
    let long = Reply::info("x ".repeat(1500)).with_card(Card::new("Card", Tone::Info));
    let layout = super::layout(&long, TEN_MB);
    assert_within_limits(&layout);
    assert_eq!(layout.messages[0].content, None);
    assert_eq!(layout.messages[0].embeds.len(), 2);
}

#[test]
fn a_field_value_over_1024_characters_continues_in_unnamed_fields() {
    let notes = "Long notes from the QBR. ".repeat(100);
    let card = Card::new("Touch", Tone::Info).field("Notes", notes.clone());
    let layout = layout(&Reply::card(card), TEN_MB);
    assert_within_limits(&layout);
    let fields = &layout.messages[0].embeds[0].fields;
    assert!(fields.len() >= 3);
    assert_eq!(fields[0].name, "Notes");
    assert_eq!(fields[1].name, BLANK);
    assert!(fields.iter().all(|f| !f.inline));
    let joined: Vec<&str> = fields.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(
        joined.join(" ").split_whitespace().count(),
        notes.split_whitespace().count()
    );
}

#[test]
fn many_large_cards_spread_over_follow_up_messages() {
    let mut reply = Reply::info("Results");
    for i in 0..12 {
        reply = reply
            .with_card(Card::new(format!("Card {i}"), Tone::Info).description("d".repeat(1500)));
    }
    let layout = layout(&reply, TEN_MB);
    assert_within_limits(&layout);
    assert!(layout.messages.len() >= 3);
    let cards: usize = layout.messages.iter().map(|m| m.embeds.len()).sum();
    assert_eq!(cards, 12);
}

#[test]
fn a_reply_too_big_for_five_messages_is_trimmed_with_a_note() {
    let mut table = Table::new(&["Account", ">Amount"]);
    for i in 0..3000 {
        table.row(vec![
            format!("Account {i} with a long name"),
            format!("{i}"),
        ]);
    }
    let reply = Reply::card(Card::new("Everything", Tone::Info).table(table))
        .with_button("Next", "deal list:page=2");
    let layout = layout(&reply, TEN_MB);
    assert_within_limits(&layout);
    assert_eq!(layout.messages.len(), MAX_MESSAGES);
    let last = layout.messages.last().unwrap();
    assert!(last.content.as_deref().unwrap().contains("Trimmed"));
    assert_eq!(last.buttons.len(), 1, "buttons survive the trim");
}

#[test]
fn duplicate_and_surplus_buttons_are_dropped_with_a_note() {
    let mut reply = Reply::success("Done");
    for i in 0..30 {
        reply = reply.with_button(format!("Button {i}"), format!("help:n={i}"));
    }
    reply = reply.with_button("Again", "help:n=0");
    let layout = layout(&reply, TEN_MB);
    assert_within_limits(&layout);
    let message = &layout.messages[0];
    assert_eq!(message.buttons.len(), 25);
    assert!(message
        .content
        .as_deref()
        .unwrap()
        .contains("5 more action(s)"));
}

#[test]
fn a_file_over_the_size_limit_is_left_out_with_a_note() {
    let file = |name: &str, size: usize| crate::core::reply::Attachment {
        filename: name.to_string(),
        content_type: "text/csv".to_string(),
        bytes: vec![b'x'; size],
    };
    let reply = Reply::success("Export ready")
        .with_file(file("small.csv", 100))
        .with_file(file("huge.csv", 2000));
    let layout = layout(&reply, 1000);
    assert_within_limits(&layout);
    let message = &layout.messages[0];
    assert_eq!(message.files.len(), 1);
    assert_eq!(message.files[0].filename, "small.csv");
    assert!(message.content.as_deref().unwrap().contains("huge.csv"));
}

#[test]
fn a_public_reply_is_not_ephemeral_and_an_empty_one_still_says_something() {
    let public = layout(&Reply::success("Posted").public(), TEN_MB);
    assert!(!public.ephemeral);
    let mut empty = Reply::success("");
    empty.text = None;
    let layout = layout(&empty, TEN_MB);
    assert_within_limits(&layout);
    assert_eq!(layout.messages[0].content.as_deref(), Some("Done."));
}

#[test]
fn every_custom_id_the_core_makes_fits_discord() {
    const { assert!(crate::core::custom_id::MAX_LEN <= limits::CUSTOM_ID) };
}
