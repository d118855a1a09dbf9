//! With a review channel: the review card is posted there (tracked), its buttons decide in
//! place, a typed decision edits the posted card, and the submitter is pinged.

use super::{button, click, reg_id, register, setup, status, submit, REVIEW_CHANNEL};
use crate::support::{TestApp, WS};
use partnerbot::console::render::{render, Style};
use partnerbot::core::command::CommandKind;
use partnerbot::domain::ids::MessageId;
use partnerbot::domain::role::Role;

const PTM: &str = "Pat Ptm";

async fn with_channel(app: &TestApp) {
    setup(app).await;
    app.ok(&format!(
        "/setup channel kind:review channel:{REVIEW_CHANNEL}"
    ))
    .await;
}

crate::both_backends!(
    the_review_card_is_posted_and_its_buttons_decide_in_place,
    |app: TestApp| async move {
        with_channel(&app).await;
        let reply = app
            .run_in(WS, PTM, &[Role::Ptm], r#"/deal register account:"Acme Corp" domain:acme.com amount:250k close:+60d type:resale partner:"Globex Services" notes:"Met their CIO at re:Invent""#)
            .await;
        assert!(!reply.is_error(), "{reply:?}");
        let id = reg_id(&render(&reply, Style::PLAIN));
        assert_eq!(status(&app, id).await, "pending_review");
        let post = reply.posts.first().expect("a review card post");
        assert_eq!(post.channel_id, REVIEW_CHANNEL);
        assert_eq!(
            post.track.as_deref(),
            Some(format!("registration:{id}").as_str())
        );
        let ids: Vec<&str> = post
            .message
            .buttons
            .iter()
            .map(|b| b.custom_id.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                format!("registration approve:id={id}"),
                format!("registration deny:id={id}"),
                format!("registration return:id={id}")
            ]
        );
        insta::assert_snapshot!("review_card", render(&post.message, Style::PLAIN));
        for key in [
            "registration approve",
            "registration deny",
            "registration return",
        ] {
            assert!(CommandKind::from_key(key).is_some_and(|k| k.updates_in_place()));
        }
        app.core
            .record_posted(
                WS,
                &format!("registration:{id}"),
                REVIEW_CHANNEL,
                MessageId::new(555),
            )
            .await
            .unwrap();

        // A PTM's click is refused; a director's approves in place and pings the submitter.
        let refused = app
            .core
            .handle(&click(
                PTM,
                &[Role::Ptm],
                &post.message.buttons[0].custom_id,
            ))
            .await;
        assert!(refused.is_error());
        let approve = button(&post.message, "Approve").to_string();
        let decided = app
            .core
            .handle(&click("Dana Director", &[Role::Director], &approve))
            .await;
        let text = render(&decided, Style::PLAIN);
        assert!(!decided.is_error(), "{text}");
        assert!(decided.update_source, "the card is updated in place");
        assert!(decided.buttons.is_empty(), "{decided:?}");
        assert!(
            text.contains("Approved by Dana Director on Fri 27 Nov 2026"),
            "{text}"
        );
        insta::assert_snapshot!("review_card_approved", text);
        let ptm_id = TestApp::actor(PTM, &[]).user_id;
        let note = decided
            .posts
            .iter()
            .find(|p| p.pings == [ptm_id])
            .expect("the submitter is pinged");
        assert_eq!(note.channel_id, REVIEW_CHANNEL);
        assert!(render(&note.message, Style::PLAIN).contains(&format!("@{PTM} registration")));
        let discord = partnerbot::discord::markup::text(note.message.text.as_ref().unwrap());
        assert!(
            discord.starts_with(&format!("<@{ptm_id}> registration")),
            "{discord}"
        );
        // The second click is told who approved it.
        let again = app
            .core
            .handle(&click("Ada Admin", &[Role::Admin], &approve))
            .await;
        assert!(
            render(&again, Style::PLAIN).contains("already approved (by Dana Director"),
            "{again:?}"
        );
        assert_eq!(status(&app, id).await, "approved");
    }
);

crate::both_backends!(
    deny_from_the_card_asks_for_a_reason_and_a_typed_decision_edits_the_card,
    |app: TestApp| async move {
        with_channel(&app).await;
        let first = register(&app, r#"/deal register account:"Acme Corp" amount:10k close:+30d type:resale partner:"Globex Services""#).await;
        let second = register(&app, r#"/deal register account:"Hooli" amount:10k close:+30d type:resale partner:"Globex Services""#).await;
        let form = app
            .core
            .handle(&click(
                "Dana Director",
                &[Role::Director],
                &format!("registration deny:id={first}"),
            ))
            .await
            .form
            .expect("deny asks for the reason");
        assert_eq!(
            form.fields
                .iter()
                .map(|f| f.name.as_str())
                .collect::<Vec<_>>(),
            ["reason"]
        );
        let denied = app
            .core
            .handle(&submit(
                "Dana Director",
                &[Role::Director],
                &form.custom_id,
                &[("reason", "Already direct")],
            ))
            .await;
        assert!(!denied.is_error(), "{denied:?}");
        assert!(render(&denied, Style::PLAIN).contains("Denied by Dana Director"));
        assert_eq!(status(&app, first).await, "denied");

        app.core
            .record_posted(
                WS,
                &format!("registration:{second}"),
                REVIEW_CHANNEL,
                MessageId::new(777),
            )
            .await
            .unwrap();
        let typed = app
            .run_in(
                WS,
                "Dana Director",
                &[Role::Director],
                &format!(r#"/registration return id:{second} comments:"Which BU?""#),
            )
            .await;
        assert!(!typed.is_error() && !typed.update_source, "{typed:?}");
        let edit = typed
            .posts
            .iter()
            .find(|p| p.edit_message_id == Some(MessageId::new(777)))
            .expect("the posted card is edited");
        let card = render(&edit.message, Style::PLAIN);
        assert!(
            card.contains("Returned by Dana Director") && card.contains("Which BU?"),
            "{card}"
        );
        assert!(edit.message.buttons.is_empty());
        assert_eq!(status(&app, second).await, "returned");
        let resubmitted = app.ok(&format!("/registration resubmit id:{second}")).await;
        assert!(
            resubmitted.contains("posted in the review channel"),
            "{resubmitted}"
        );
        assert_eq!(status(&app, second).await, "pending_review");
    }
);
