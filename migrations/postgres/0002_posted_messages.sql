-- Messages the bot posted in channels for a record (a registration's review card, a schedule
-- run's post): where they are, so later changes edit them instead of posting again.
CREATE TABLE posted_messages (
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    track        TEXT NOT NULL,                 -- what the message shows: 'registration:12'
    channel_id   BIGINT NOT NULL,
    message_id   BIGINT NOT NULL,
    posted_at    TEXT NOT NULL,
    PRIMARY KEY (workspace_id, track)
);
