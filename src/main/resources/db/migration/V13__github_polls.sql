-- What polling GitHub remembers, so that a restart neither repeats nor misses a change.

-- Per repository and resource ('repo', 'commits', 'pulls', 'comments', 'runs', 'checks:SHA'): the ETag of the last
-- answer read (sent back as If-None-Match, so an unchanged resource costs a 304 and no rate limit) and the cursor,
-- JSON saying what was seen (the branch head, pull request heads, comment times, run and check ids).
CREATE TABLE github_polls (
    repo     TEXT NOT NULL,
    resource TEXT NOT NULL,
    etag     TEXT,
    cursor   TEXT NOT NULL,
    PRIMARY KEY (repo, resource)
);

-- No request before next_at (epoch milliseconds): per repository (its poll interval, X-Poll-Interval, an error's
-- back-off), and for the whole account under scope '*' (Retry-After, an exhausted rate limit until its reset).
CREATE TABLE github_poll_times (
    scope   TEXT    PRIMARY KEY,
    next_at INTEGER NOT NULL,
    reason  TEXT    NOT NULL
);
