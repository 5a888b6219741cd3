// Words the synthetic mail flow is made of: people's names, external organisations, subjects.

export const FIRST_NAMES = (
  'adele alex allan amber amy ana andre angela anita anna ariel arthur ben bianca brian bruno carla carlos '
  + 'carmen caroline chen chloe chris claire colin dan daniel dario david debra diego dina elena elif emily emma '
  + 'eric erin eva fatima felix fiona frank gabriel grace hannah hector helen henry ian irene isaac isaiah ivan '
  + 'jack james jana jasmine jason jen jenny joanna joe john joni jorge jose julia kai karen kate kenji kevin '
  + 'laura lee leila leo lidia lina lisa luis lynne maria mark marta megan mei miguel mike mira miriam nadia '
  + 'nestor nina noah olga omar oscar patti paul pedro peter pradeep priya rachel raj rosa ruth ryan sam sara '
  + 'sean sofia stefan susan tara tom uma victor wei yuki zara').split(' ');

export const LAST_NAMES = (
  'abbott adams ahmed alvarez anderson bailey baker banerjee becker bell bennett bowen brooks brown campbell '
  + 'carter castro chen clark collins cook cooper costa cruz davies diaz dubois edwards evans fischer fisher '
  + 'flores foster garcia gomez gonzalez green gu gupta hall hansen harris hayes hernandez hill hoffmann howard '
  + 'hughes ito jackson jansen jensen johnson jones kaur kelly khan kim king klein kowalski kumar lambert '
  + 'langer larsen lee lewis lopez martin martinez meyer miller mitchell moore morgan morris murphy nakamura '
  + 'nguyen novak ortiz park patel perez peters phillips price reed reyes richter rivera roberts rodriguez ross '
  + 'russo sanchez santos schmidt scott sherman siciliani silva singh smith sousa stewart sullivan suzuki taylor '
  + 'thomas torres turner vance walker wang ward watson weber white wilber wilke williams wilson wood wright '
  + 'young zhang').split(' ');

/** Syllables of made-up external organisation names. */
export const SYLLABLES = (
  'al an ar ba be bel bo ca cor da del dor el en fa fin ga gen hal har in is ka kel la lin lum ma mar mer mo '
  + 'na nor no or pa per pol ra ren ri ro sa sel sol ta ter tor ul va ven vi wal xa zen '
  + 'tech data net soft works group labs media trade bank health energy logistics systems partners').split(' ');

export const EXTERNAL_TLDS = ['com', 'com', 'com', 'com', 'com', 'net', 'org', 'io', 'co.uk', 'de', 'fr', 'nl', 'com.au', 'ca', 'ch', 'se', 'es', 'it', 'jp', 'co'];
export const WEBMAIL_DOMAINS = ['gmail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'icloud.com', 'proton.me', 'gmx.de', 'aol.com'];
export const ROLE_LOCALS = ['info', 'noreply', 'no-reply', 'sales', 'support', 'billing', 'news', 'hello', 'orders', 'accounts', 'notifications', 'team', 'contact'];
export const SYSTEM_LOCALS = ['noreply', 'alerts', 'hr', 'it-service', 'newsletter'];
export const PHISH_LOCALS = ['it-support', 'helpdesk', 'payroll', 'security', 'invoices', 'hr-benefits', 'sharepoint', 'mailbox-quota'];

export const TOPICS = (
  'Quarterly budget review|Team meeting notes|Project status update|Invoice attached|Purchase order|Contract renewal|'
  + 'Weekly report|Customer escalation|Travel itinerary|Expense report|Security awareness training|Board presentation|'
  + 'Sales forecast|Release planning|Incident postmortem|Onboarding checklist|Holiday schedule|Vendor assessment|'
  + 'Audit findings|Marketing campaign|Product roadmap|Hiring update|Office move|IT maintenance window|'
  + 'Shipping confirmation|Payment reminder|Your order has shipped|Newsletter|Webinar invitation|Meeting request|'
  + 'Lunch on Friday?|Draft agreement|Pricing proposal|Support ticket|Account statement|Benefits enrollment|'
  + 'Compliance training due|Design review|Customer feedback|Partner summit|Quarterly results|Data request|'
  + 'Service outage|Renewal quote|Signed documents|Training materials|Sprint retrospective').split('|');
export const SUBJECT_PREFIXES = ['', '', '', 'RE: ', 'RE: ', 'FW: ', 'Re: ', 'Fwd: '];
export const SUBJECT_SUFFIXES = ['', '', '', ' - Q1', ' - Q2', ' - Q3', ' - Q4', ' (draft)', ' - final', ' - updated', ' - EMEA', ' - APAC', ' [External]'];

export const EXFIL_SUBJECTS = ['Fwd: Customer list', 'Fwd: Pricing 2027', 'Fwd: Source code', 'Fwd: Contract drafts', 'personal backup', 'Fwd: Board deck', 'docs', ''];
export const PHISH_SUBJECTS = [
  'Action required: verify your account', 'Updated bank details for invoice payment', 'Shared document: salary review',
  'Your mailbox is almost full', 'Urgent wire transfer request', 'Password expires today', 'Voicemail received',
  'DocuSign: please review and sign',
];

/** Hourly weights of a day (UTC): most mail 07:00-18:00, little at night. */
export const HOUR_WEIGHTS = [2, 1.5, 1, 1, 1.5, 3, 6, 10, 14, 15, 15, 14, 12, 14, 15, 14, 12, 9, 6, 5, 4, 3.5, 3, 2.5];

/** Exchange Online mailbox server name prefixes, for message ids of mail sent by the tenant. */
export const SERVER_PREFIXES = ['DM6PR11', 'SN7PR04', 'BY5PR20', 'AM0PR07', 'VI1PR03', 'PH0PR12', 'CO1PR18'];
