// The application layer: use cases as functions over explicit dependencies (docs/architecture.md).
export { HallStates, type BackgroundProjector } from './hall-states.ts';
export { ProjectorThread, runProjectorThread } from './projector-thread.ts';
export { HallState, toAssessmentEvent } from './hall-state.ts';
export { fail, succeed, type Failure, type Outcome } from './outcome.ts';
export { createHall, type HallInput } from './create-hall.ts';
export { hallDocument, type HallDocument } from './hall-document.ts';
export { appendClientEvents, type AppendResult } from './append-client-events.ts';
export { appendServiceEvents, SYSTEM_CLIENT, type ServiceEvent } from './append-service-events.ts';
export { advancePeriod, restatePeriod, scoresHash, diffVersions } from './publish.ts';
export { advanceDuePeriods, type AdvanceReport } from './advance-due.ts';
export * from './webhooks/index.ts';
export { appealEvents, fileAppeal, decideAppeal, getAppeal, type Appellant } from './appeals.ts';
export { latestSnapshot, loadHallState, type CarryOverRow, type LoadOptions } from './load-hall-state.ts';
export { currentCatalogue, catalogueVersion, publishCatalogue } from './rules.ts';
export {
  checkPeriodExists,
  checkSpanExists,
  latestVersion,
  monthRankings,
  monthStages,
  publishedFor,
  readVersion,
  scoreDocument,
  scoreDocumentText,
  subjectList,
  type PublishedMonthRow,
} from './reads.ts';
export { lateEvents, periodDocument } from './late-events.ts';
export { quarterDocument, yearDocument } from './personal.ts';
export { storedFacts, type StoredFacts } from './stored-facts.ts';
export { leaveWindows } from './leave-windows.ts';
export { storedLateEvents, storedPeriodDocument } from './period-reads.ts';
export { erasePersonalData, readContact } from './personal-data.ts';
export { replayVersion, type Difference } from './replay.ts';
export { projectionLag } from './projection-lag.ts';
export { PROJECTION } from './projection.ts';
export { applyOrganisationEvents, organisationEventTypes, organisationView, staffExists, windowExists } from './organisation-view.ts';
export { viewDb, type ViewDb, type ViewTables } from './view-tables.ts';
export { insertPublishedDocuments } from './published-documents.ts';
export { auditDb, type AuditDb, type AuditTables } from './audit/audit-tables.ts';
export { ChainWalk, judgeCheckpoints, type BrokenCheckpoint, type CheckpointProblem, type HistoryVerification } from './audit/chain-walk.ts';
export {
  checkpointPayload,
  checkpointSignatureValid,
  insertCheckpoint,
  listCheckpoints,
  signCheckpoint,
  type CheckpointBody,
  type SignedCheckpoint,
} from './audit/checkpoints.ts';
export {
  generateSigner,
  loadSigner,
  parseSigningKey,
  signerFromPrivateKey,
  SigningKeyError,
  SIGNING_KEY_FILE,
  verifierFromPublicKey,
  type AuditSigner,
  type AuditVerifier,
} from './audit/signer.ts';
export { loadServiceSigner, SIGNING_KEY_REQUIRED } from './audit/service-signer.ts';
export { verifyHall, VERIFY_BATCH } from './audit/verify-hall.ts';
export { keyRingOf, type KeyRing } from './audit/key-ring.ts';
export { listPublicKeys, loadKeyRing, registerPublicKey } from './audit/public-keys.ts';
export { rebuildViews, type RebuildReport } from './rebuild-views.ts';
export {
  badRatingCaseDetail,
  badRatingCaseWindows,
  caseView,
  findBadRatingCase,
  listBadRatingCases,
  type AsOf,
  type BadRatingCaseFilter,
} from './bad-rating-cases.ts';
export { storedCase, type StoredCase, type TimelineItem } from './case-documents.ts';
export { hallBadRatingCases } from './hall-bad-rating-cases.ts';
export { appendDueBadRatingEvents, type BadRatingDueReport } from './bad-rating-due.ts';
export { badRatingLoopStart } from './bad-rating-loop-start.ts';
