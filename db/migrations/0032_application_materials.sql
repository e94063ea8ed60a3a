-- Applications that explain themselves: each attached file says which material of its application's list it is
-- (null for files uploaded before the list), and a decided change application keeps the register's fields as they
-- stood just before the decision, so 原登记 still shows once the register holds the new values. Applications decided
-- before this column are filled from what the application started from and the history row its decision wrote.
ALTER TABLE "application_files" ADD COLUMN "material" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "register_at_decision" jsonb;--> statement-breakpoint
UPDATE "applications" AS a SET "register_at_decision" = coalesce(a."baseline", '{}'::jsonb) || coalesce(
  (SELECT jsonb_object_agg(c->>'field', c->'before')
     FROM "organization_changes" oc, jsonb_array_elements(oc."changes") c
    WHERE oc."application_id" = a."id"),
  '{}'::jsonb)
WHERE a."kind" = 'change' AND a."state" IN ('approved', 'rejected');
