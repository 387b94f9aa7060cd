-- Failed notification e-mails are retried (issue 10, docs/decisions/0032-notification-email-retry.md).
-- The delivery state stays on the notification row: 'retrying' waits for email_next_at, when the retry job
-- (notification-email-retry) sends it again; after the last attempt it is 'failed' for good.
ALTER TABLE notifications DROP CONSTRAINT notifications_email_status_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_email_status_check CHECK (email_status IN ('sent', 'retrying', 'failed'));
ALTER TABLE notifications ADD COLUMN email_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE notifications ADD COLUMN email_next_at timestamptz;
-- Copies sent or failed before this migration were one attempt each.
UPDATE notifications SET email_attempts = 1 WHERE email_status IS NOT NULL;
CREATE INDEX notifications_email_due_idx ON notifications (email_next_at) WHERE email_status = 'retrying';
