/**
 * Where a person's data lives: every collection that holds their openid, a copy of their name or
 * phone, text they wrote or photos they uploaded. Declared once, read by 我的数据 (what is listed)
 * and by 注销 (what is removed or anonymised). A new collection that copies a person's data needs
 * a row here; test/functions/account.test.ts scans every read action after a deletion and fails on
 * a copy this table misses.
 *
 * This is the one place outside each module that names the modules' collections: deletion is a
 * cross-cutting duty (PIPL art. 47), and a table every module can read beats seven hooks nobody
 * remembers to add.
 */
import { Collections, type CollectionName } from '../../db/schema';

export interface PersonalPlace {
  /** What the 我的数据 file calls these records. */
  kind: string;
  collection: CollectionName;
  /** The field holding the person's openid (dotted for a nested field); queried by an index of schema.ts. */
  field: string;
  /**
   * 'anonymise': the openid becomes the deletion's pseudonym and `names` are removed; the record
   * stays (every count and figure is unchanged). 'delete': the record is the person's own and
   * counts nowhere (their inbox, consents, idempotency records). 'release': a standing assignment
   * (an enterprise's liaison instructor) is cleared for staff to give to someone else.
   */
  mode: 'anonymise' | 'delete' | 'release';
  /** Copies of a person's name, phone or organisation in the record, removed. */
  names?: string[];
  /** Free text the person wrote: their name and phone inside it become ***. */
  texts?: string[];
  /** Strings that embed the openid (unique keys): the openid inside becomes the pseudonym. */
  keys?: string[];
  /** Photo lists: the person's own uploads (uploads/<openid>/…) are deleted from storage and dropped. */
  files?: string[];
  /** The _id embeds the openid (an evaluation per case and person): the record is moved to the pseudonym's _id. */
  rekey?: boolean;
  /** Other people's names in the record, left out of the person's data file. */
  others?: string[];
  /**
   * The records are entries of this list on the document (a ticket's embedded timeline): `field`
   * is the list's path then the entry's field (`history.actorId`), `names` and `texts` are the
   * entry's fields; only the person's entries are listed and anonymised.
   */
  within?: string;
}

export const PersonalPlaces: PersonalPlace[] = [
  // 每日一问诊
  { kind: 'questionsAsked', collection: Collections.questions, field: 'askerOpenid', mode: 'anonymise', names: ['askerName'], texts: ['title', 'description'], files: ['attachments'], others: ['claimedBy', 'claimedByName'] },
  { kind: 'questionsClaimed', collection: Collections.questions, field: 'claimedBy', mode: 'anonymise', names: ['claimedByName'], others: ['askerOpenid', 'askerName'] },
  { kind: 'questionMessages', collection: Collections.qaMessages, field: 'authorOpenid', mode: 'anonymise', names: ['authorName'], texts: ['text'], files: ['attachments'] },
  // 三师 clinic
  { kind: 'clinicDuties', collection: Collections.clinicDuties, field: 'volunteerOpenid', mode: 'anonymise', names: ['volunteerName', 'organisation'], keys: ['personKey', 'capKey'] },
  { kind: 'handoversOffered', collection: Collections.clinicHandovers, field: 'fromOpenid', mode: 'anonymise', names: ['fromName'], others: ['toOpenid'] },
  { kind: 'handoversReceived', collection: Collections.clinicHandovers, field: 'toOpenid', mode: 'anonymise', others: ['fromOpenid', 'fromName'] },
  {
    kind: 'clinicBookings',
    collection: Collections.clinicBookings,
    field: 'bookerId',
    mode: 'anonymise',
    names: ['bookerName'],
    texts: ['description'],
    keys: ['seatKey', 'bookerSlotKey', 'bookerProfessionKey'],
    files: ['attachments'],
    others: ['outcome'],
  },
  { kind: 'consultationOutcomesRecorded', collection: Collections.clinicBookings, field: 'outcome.byOpenid', mode: 'anonymise', names: ['outcome.byName'], others: ['bookerId', 'bookerName'] },
  // A past place on a waitlist counts in no figure (a waiting place in the future refuses 注销).
  { kind: 'waitlist', collection: Collections.clinicWaitlist, field: 'bookerId', mode: 'delete' },
  // Enterprise demands: the ticket is the enterprise's case; who submitted and acted is anonymised.
  { kind: 'demandsSubmitted', collection: Collections.tickets, field: 'submittedBy', mode: 'anonymise', texts: ['title', 'description'], files: ['attachments'], others: ['history', 'marks'] },
  { kind: 'demandsInstructed', collection: Collections.tickets, field: 'instructorId', mode: 'release' },
  { kind: 'demandTimeline', collection: Collections.tickets, field: 'history.actorId', within: 'history', mode: 'anonymise', names: ['actorName'], texts: ['note'] },
  // Satisfaction
  { kind: 'evaluationsGiven', collection: Collections.evaluations, field: 'raterOpenid', mode: 'anonymise', names: ['raterName'], texts: ['comment'], rekey: true, others: ['volunteerOpenid', 'volunteerName'] },
  { kind: 'evaluationsOfYourService', collection: Collections.evaluations, field: 'volunteerOpenid', mode: 'anonymise', names: ['volunteerName'], others: ['raterOpenid', 'raterName', 'comment'] },
  { kind: 'followUpsClosed', collection: Collections.followUps, field: 'doneBy', mode: 'anonymise', names: ['doneByName'] },
  { kind: 'surveyForms', collection: Collections.surveyForms, field: 'updatedBy', mode: 'anonymise', names: ['updatedByName'] },
  { kind: 'surveyFormVersions', collection: Collections.surveyFormVersions, field: 'updatedBy', mode: 'anonymise', names: ['updatedByName'] },
  { kind: 'revisitCampaigns', collection: Collections.campaigns, field: 'launchedBy', mode: 'anonymise' },
  { kind: 'revisitsRecorded', collection: Collections.campaignTargets, field: 'recordedBy', mode: 'anonymise', names: ['recordedByName'], texts: ['contactName'] },
  { kind: 'surveyAnswers', collection: Collections.surveyResponses, field: 'by', mode: 'anonymise', names: ['byName'], texts: ['contactName'] },
  // Content security: texts held for review (the author's words and name, the deciding staff's name);
  // a photo's check record goes with the photo (the person's photos are deleted at 注销).
  { kind: 'heldTexts', collection: Collections.heldTexts, field: 'author', mode: 'anonymise', names: ['authorName'], texts: ['text', 'subject'], others: ['decidedBy', 'decidedByName'] },
  { kind: 'heldTextsDecided', collection: Collections.heldTexts, field: 'decidedBy', mode: 'anonymise', names: ['decidedByName'], others: ['author', 'authorName', 'text', 'subject'] },
  { kind: 'photoChecks', collection: Collections.mediaChecks, field: 'uploader', mode: 'delete' },
  // Staff console
  { kind: 'visits', collection: Collections.visits, field: 'visitorOpenid', mode: 'anonymise', names: ['visitorName'], texts: ['met', 'notes'], files: ['photos'] },
  { kind: 'exports', collection: Collections.exports, field: 'byOpenid', mode: 'anonymise', names: ['byName'] },
  { kind: 'enterprisesCreated', collection: Collections.enterprises, field: 'createdBy', mode: 'anonymise', others: ['contactName', 'contactPhone'] },
  { kind: 'enterprisesInstructed', collection: Collections.enterprises, field: 'instructorOpenid', mode: 'release', others: ['contactName', 'contactPhone'] },
  { kind: 'invitesIssued', collection: Collections.invites, field: 'createdBy', mode: 'anonymise' },
  { kind: 'entryCodesCreated', collection: Collections.entryCodes, field: 'createdBy', mode: 'anonymise' },
  { kind: 'faqEntries', collection: Collections.faq, field: 'createdBy', mode: 'anonymise' },
  { kind: 'clinicSettings', collection: Collections.clinicSettings, field: 'updatedBy', mode: 'anonymise' },
  { kind: 'dispatchCatalogue', collection: Collections.dispatchCatalogue, field: 'updatedBy', mode: 'anonymise' },
  { kind: 'holidayCorrections', collection: Collections.holidays, field: 'updatedBy', mode: 'anonymise' },
  { kind: 'holidayArrangements', collection: Collections.holidayArrangements, field: 'importedBy', mode: 'anonymise' },
  // The audit log keeps every entry; the person in it becomes the pseudonym.
  { kind: 'auditAsActor', collection: Collections.audit, field: 'actorOpenid', mode: 'anonymise', texts: ['note'], others: ['targetOpenid'] },
  { kind: 'auditAsTarget', collection: Collections.audit, field: 'targetOpenid', mode: 'anonymise', texts: ['note'], others: ['actorOpenid'] },
  // The person's own: removed.
  { kind: 'inbox', collection: Collections.inbox, field: 'openid', mode: 'delete' },
  { kind: 'notificationConsents', collection: Collections.notifyConsents, field: 'openid', mode: 'delete' },
];

/** The index each place's query needs (schema.ts declares them; a test checks every place has one). */
export function personalIndexKeys(p: PersonalPlace): Record<string, 1> {
  return { [p.field]: 1 };
}
