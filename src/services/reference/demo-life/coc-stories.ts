import type { DemoStory } from './demo-world.js';
import { acknowledgeInIndia, routeTo, submitToIndia } from './coc-steps.js';

// The US → India Code of Conduct stories, from just submitted to a company's answer, in the path's
// order. One file: each is a request's contents and its steps, and they read best side by side.

/** US → India, just submitted: India's SOSA cell has it to acknowledge. */
export const cocSubmitted: DemoStory = {
  name: 'US → India: a request just submitted',
  async play(w) {
    await submitToIndia(w, 1, {
      title: 'Javelin command launch unit circuit boards',
      programId: 'US-JAVELIN',
      justification: 'Populated boards for the command launch unit; the Indian source is the only one qualified to the current revision.',
      requiredInDays: 180,
      items: [{ partNumber: 'CLU-PCB-113', description: 'Populated signal processing board, rev. F', quantity: 150, unit: 'EA' }],
    });
  },
};

/** US → India, acknowledged: India's SOSA cell looks for Code of Conduct companies. */
export const cocAcknowledged: DemoStory = {
  name: 'US → India: a request acknowledged by India’s SOSA cell',
  async play(w) {
    const id = await submitToIndia(w, 4, {
      title: '155 mm shell body forgings',
      programId: 'US-155MM',
      justification: 'Shell body forgings to bridge the ramp-up of the US forge lines.',
      requiredInDays: 240,
      items: [{ partNumber: 'M795-BODY-F', nsn: '1320-01-564-7782', description: 'M795 projectile body forging, unmachined', quantity: 5000, unit: 'EA' }],
    });
    await acknowledgeInIndia(w, id, 3);
  },
};

/** US → India, routed to two Code of Conduct companies, both still to answer. */
export const cocRouted: DemoStory = {
  name: 'US → India: a request routed to Code of Conduct companies',
  async play(w) {
    const id = await submitToIndia(w, 6, {
      title: 'Sonobuoy hydrophone housings',
      programId: 'US-SONOBUOY',
      justification: 'Housings for the co-produced sonobuoys; the US line is at capacity.',
      requiredInDays: 200,
      items: [{ partNumber: 'SSQ-HYD-7', nsn: '5845-01-555-0199', description: 'Sonobuoy hydrophone housing', quantity: 200, unit: 'EA' }],
    });
    await acknowledgeInIndia(w, id, 5);
    await routeTo(w, id, 3, ['BPF', 'DEA']);
  },
};

/** US → India, Bharat Precision Forgings committed to a date: in performance. */
export const cocCommitted: DemoStory = {
  name: 'US → India: a company committed',
  async play(w) {
    const id = await submitToIndia(w, 13, {
      title: 'Sonobuoy release mechanism forgings',
      programId: 'US-SONOBUOY',
      justification: 'Forged release mechanism parts for the sonobuoy launch containers.',
      requiredInDays: 150,
      items: [{ partNumber: 'SSQ-REL-2', description: 'Release mechanism lever, forged', quantity: 400, unit: 'EA' }],
    });
    await acknowledgeInIndia(w, id, 12);
    await routeTo(w, id, 11, ['BPF']);
    await w.at(7, '07:20');
    await w.step('in.supplier', id, 'commit', { promised_delivery_date: w.dateIn(120), note: 'Bharat Precision Forgings schedules the levers on its press line from next month.' });
  },
};

/** US → India, Deccan Electro-Avionics declined with its reason; Bharat still has to answer. */
export const cocDeclinedByOne: DemoStory = {
  name: 'US → India: a request declined by one company, the other still to answer',
  async play(w) {
    const id = await submitToIndia(w, 9, {
      title: 'Javelin seeker gimbal bearings',
      programId: 'US-JAVELIN',
      justification: 'Precision bearings for the seeker gimbal; a second source is needed.',
      requiredInDays: 210,
      items: [{ partNumber: 'JAV-SKR-BRG', description: 'Angular contact bearing pair, matched', quantity: 300, unit: 'EA' }],
    });
    await acknowledgeInIndia(w, id, 8);
    await routeTo(w, id, 7, ['BPF', 'DEA']);
    await w.at(4, '08:10');
    await w.step('in.supplier2', id, 'decline', { reason: 'Deccan Electro-Avionics makes electronics, not bearings; we cannot make these to the tolerance.' });
  },
};
