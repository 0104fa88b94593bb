/**
 * US Security of Supply Arrangement partners with their signing dates (dpas-sosa-sources.md
 * §2.2). Reference data that admins may edit; a partial date is kept as text.
 */
export interface SosaPartner {
  nation: string;
  name: string;
  signed: string | null;
  signedOn: string | null;
  timeZone: string;
  note?: string;
}

export const US_SOSA_PARTNERS: readonly SosaPartner[] = [
  { nation: 'NL', name: 'Netherlands', signed: '1978', signedOn: null, timeZone: 'Europe/Amsterdam' },
  { nation: 'SE', name: 'Sweden', signed: '1987', signedOn: null, timeZone: 'Europe/Stockholm' },
  { nation: 'IT', name: 'Italy', signed: '2003', signedOn: null, timeZone: 'Europe/Rome' },
  { nation: 'FI', name: 'Finland', signed: '2007', signedOn: null, timeZone: 'Europe/Helsinki' },
  { nation: 'AU', name: 'Australia', signed: '2011', signedOn: null, timeZone: 'Australia/Canberra' },
  { nation: 'ES', name: 'Spain', signed: '2015', signedOn: null, timeZone: 'Europe/Madrid' },
  { nation: 'GB', name: 'United Kingdom', signed: '2017', signedOn: null, timeZone: 'Europe/London' },
  { nation: 'NO', name: 'Norway', signed: '2018', signedOn: null, timeZone: 'Europe/Oslo' },
  { nation: 'CA', name: 'Canada', signed: null, signedOn: null, timeZone: 'America/Toronto', note: 'Signed after August 2021; date not found.' },
  { nation: 'LV', name: 'Latvia', signed: '2022-10-25', signedOn: '2022-10-25', timeZone: 'Europe/Riga' },
  { nation: 'JP', name: 'Japan', signed: '2023-01-12', signedOn: '2023-01-12', timeZone: 'Asia/Tokyo' },
  { nation: 'DK', name: 'Denmark', signed: '2023-02-08', signedOn: '2023-02-08', timeZone: 'Europe/Copenhagen' },
  { nation: 'IL', name: 'Israel', signed: '2023-03-01', signedOn: '2023-03-01', timeZone: 'Asia/Jerusalem' },
  { nation: 'EE', name: 'Estonia', signed: '2023-10', signedOn: null, timeZone: 'Europe/Tallinn', note: '14th partner; day not found.' },
  { nation: 'LT', name: 'Lithuania', signed: '2023-10-27', signedOn: '2023-10-27', timeZone: 'Europe/Vilnius' },
  { nation: 'KR', name: 'Republic of Korea', signed: '2023-11', signedOn: null, timeZone: 'Asia/Seoul', note: 'Announced 16–17 November 2023.' },
  { nation: 'SG', name: 'Singapore', signed: '2023-12-05', signedOn: '2023-12-05', timeZone: 'Asia/Singapore' },
  { nation: 'IN', name: 'India', signed: '2024-08-22', signedOn: '2024-08-22', timeZone: 'Asia/Kolkata', note: '18th partner; signed in Washington with the MoA on the Assignment of Liaison Officers.' },
  { nation: 'DE', name: 'Germany', signed: '2024-10-22', signedOn: '2024-10-22', timeZone: 'Europe/Berlin' },
];
