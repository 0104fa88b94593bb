import { acknowledgeInIndia, cocStory, routeTo } from './coc-steps.js';

// The US → India Code of Conduct stories, from just submitted to a company's answer, in the path's
// order. One file: each is a request's contents and its steps, and they read best side by side.

/** US → India, just submitted: India's SOSA cell has it to acknowledge. */
export const cocSubmitted = cocStory({
  name: 'US → India: a request just submitted',
  submitted: 1,
  request: {
    title: 'Javelin command launch unit circuit boards',
    programId: 'US-JAVELIN',
    justification: 'Populated boards for the command launch unit; the Indian source is the only one qualified to the current revision.',
    requiredInDays: 180,
    items: [{ partNumber: 'CLU-PCB-113', description: 'Populated signal processing board, rev. F', quantity: 150, unit: 'EA' }],
  },
});

/** US → India, acknowledged: India's SOSA cell looks for Code of Conduct companies. */
export const cocAcknowledged = cocStory({
  name: 'US → India: a request acknowledged by India’s SOSA cell',
  submitted: 4,
  request: {
    title: '155 mm shell body forgings',
    programId: 'US-155MM',
    justification: 'Shell body forgings to bridge the ramp-up of the US forge lines.',
    requiredInDays: 240,
    items: [{ partNumber: 'M795-BODY-F', nsn: '1320-01-564-7782', description: 'M795 projectile body forging, unmachined', quantity: 5000, unit: 'EA' }],
  },
  steps: [acknowledgeInIndia(3)],
});

/** US → India, routed to two Code of Conduct companies, both still to answer. */
export const cocRouted = cocStory({
  name: 'US → India: a request routed to Code of Conduct companies',
  submitted: 6,
  request: {
    title: 'Sonobuoy hydrophone housings',
    programId: 'US-SONOBUOY',
    justification: 'Housings for the co-produced sonobuoys; the US line is at capacity.',
    requiredInDays: 200,
    items: [{ partNumber: 'SSQ-HYD-7', nsn: '5845-01-555-0199', description: 'Sonobuoy hydrophone housing', quantity: 200, unit: 'EA' }],
  },
  steps: [acknowledgeInIndia(5), routeTo(3, ['BPF', 'DEA'])],
});

/** US → India, Bharat Precision Forgings committed to a date: in performance. */
export const cocCommitted = cocStory({
  name: 'US → India: a company committed',
  submitted: 13,
  request: {
    title: 'Sonobuoy release mechanism forgings',
    programId: 'US-SONOBUOY',
    justification: 'Forged release mechanism parts for the sonobuoy launch containers.',
    requiredInDays: 150,
    items: [{ partNumber: 'SSQ-REL-2', description: 'Release mechanism lever, forged', quantity: 400, unit: 'EA' }],
  },
  steps: [
    acknowledgeInIndia(12),
    routeTo(11, ['BPF']),
    { at: [7, '07:20'], by: 'in.supplier', action: 'commit', fields: (w) => ({ promised_delivery_date: w.dateIn(120), note: 'Bharat Precision Forgings schedules the levers on its press line from next month.' }) },
  ],
});

/** US → India, Deccan Electro-Avionics declined with its reason; Bharat still has to answer. */
export const cocDeclinedByOne = cocStory({
  name: 'US → India: a request declined by one company, the other still to answer',
  submitted: 9,
  request: {
    title: 'Javelin seeker gimbal bearings',
    programId: 'US-JAVELIN',
    justification: 'Precision bearings for the seeker gimbal; a second source is needed.',
    requiredInDays: 210,
    items: [{ partNumber: 'JAV-SKR-BRG', description: 'Angular contact bearing pair, matched', quantity: 300, unit: 'EA' }],
  },
  steps: [
    acknowledgeInIndia(8),
    routeTo(7, ['BPF', 'DEA']),
    { at: [4, '08:10'], by: 'in.supplier2', action: 'decline', fields: { reason: 'Deccan Electro-Avionics makes electronics, not bearings; we cannot make these to the tolerance.' } },
  ],
});
