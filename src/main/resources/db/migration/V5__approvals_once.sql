-- One approval, one use. used_at: when the decision was used: the approved call ran (once), or the chat that asked
-- was told the no. An approved call with used_at set authorises nothing more: a repeat needs a new approval.
ALTER TABLE approvals ADD COLUMN used_at INTEGER;
-- Approvals granted before this column may already have run, any number of times: none runs again, except for a
-- task still waiting to run it.
UPDATE approvals SET used_at = decided_at WHERE state = 'APPROVED'
    AND (task_id IS NULL OR task_id NOT IN (SELECT id FROM tasks WHERE state IN ('PENDING', 'WAITING')));

-- What a WAITING task waits for (Task.Wait); NULL in every other state.
ALTER TABLE tasks ADD COLUMN wait TEXT;
UPDATE tasks SET wait = 'APPROVAL' WHERE state = 'WAITING';
