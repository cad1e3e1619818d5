import type { AccountMessages } from './zh-CN';

/** My data / Delete account strings in English. Same keys as zh-CN (typed). */
const accountEn: AccountMessages = {
  'account.title': 'My data and account',
  'account.data.title': 'My data',
  'account.data.text': 'Download everything this service holds about you: your profile, and the questions, messages, bookings, duties, demands, ratings, visit records, notifications and notification consents you appear in. The file is an Excel workbook, one sheet per kind of record.',
  'account.data.private': 'The file is made for you alone and its link works for 10 minutes; downloading again makes a new file and deletes the old one.',
  'account.data.download': 'Download my data',
  'account.data.ready': '{{file}} is ready. Records listed: {{n}}.',
  'account.data.open': 'Open the file',
  'account.data.openFailed': 'The file could not be opened. Please try again.',
  'account.delete.title': 'Delete my account',
  'account.delete.intro': 'When you delete your account, we delete or anonymise your personal information as the Personal Information Protection Law requires:',
  'account.delete.removed': 'Deleted: your name, phone, organisation, settings, messages and notification consents; photos you uploaded are deleted from storage.',
  'account.delete.kept': 'Kept without your identity: the questions, bookings, demands and ratings you took part in stay on record for the community’s figures, but no longer carry your name, phone or WeChat identity.',
  'account.delete.duties': 'Roles with duties hand them over first: a volunteer’s future duties and handover offers, questions you claimed and have not answered, future clinic bookings.',
  'account.delete.fresh': 'Deletion cannot be undone. Scanning a code later starts a new account with no link to the old records.',
  'account.delete.first': 'To keep a copy, download your data first.',
  'account.delete.start': 'Delete my account',
  'account.delete.confirmTitle': 'Delete your account?',
  'account.delete.confirmText': 'This cannot be undone. Tap “Delete for good” to delete your account.',
  'account.delete.confirm': 'Delete for good',
  'account.delete.keep': 'Keep my account',
  'account.delete.resume': 'An earlier deletion did not finish. Tap “Finish deleting” to complete it.',
  'account.delete.continue': 'Finish deleting',
  'account.open.title': 'Please deal with these first:',
  'account.open.duties': '{{n}} future duties: hand them over to a colleague or cancel them',
  'account.open.handovers': '{{n}} handover offers waiting for an answer',
  'account.open.claims': '{{n}} claimed questions not answered: answer or release them',
  'account.open.bookings': '{{n}} future clinic bookings: cancel them',
  'account.open.go': 'Go there',
  'account.done.title': 'Account deleted',
  'account.done.text': 'Your personal information is deleted and your case records are kept anonymised. Deletion reference: {{ref}}',
  'account.done.home': 'Back to home',
  'account.guest': 'You have no account, so there is nothing to delete.',
};

export default accountEn;
