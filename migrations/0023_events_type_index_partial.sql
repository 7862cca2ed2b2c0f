-- Decision 1851: the index of events by type holds only the types read by
-- type (rule versions, period moves, appeals, peer-review scores, leave
-- approvals). Every append maintained it for every event, tickets and ratings
-- included, which no query reads by type: ~1.1 of ~4.2 ms server time per
-- 500-row insert (measured). The readers name these types in their query
-- text (read-selected-events.ts), so even a generic plan can use the index;
-- reading another type by type is refused there.
CREATE INDEX events_hall_type_read ON events (hall_id, type, position)
  WHERE type IN ('RuleCatalogueVersionPublished', 'PeriodAdvanced', 'AppealFiled', 'AppealDecided', 'StaffPeerReviewScored', 'LeaveApproved');
DROP INDEX events_hall_type;
