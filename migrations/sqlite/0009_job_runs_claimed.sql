-- Claims still open (a runner may have died holding them): each tick looks for stale ones.
CREATE INDEX job_runs_claimed ON job_runs (claimed_at) WHERE status = 'claimed';
