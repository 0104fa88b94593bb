import { comment, thread } from './conversation-steps.js';
import { acceptOrder, acknowledge, determine, dpasStory, forwardToDod, markDelivered, toSupplier } from './dpas-steps.js';

// The India → US stories told by the DPAS path's steps and the talk around them, from just
// submitted to closed, in the path's order. One file: each is a request's contents and its steps, and they read best side by side.

/** India → US, just submitted: the US SOSA office has it to acknowledge. */
export const dpasSubmitted = dpasStory({
  name: 'India → US: a request just submitted',
  submitted: 1,
  request: {
    title: 'Single-crystal HPT blade castings — second production lot',
    programId: 'IN-LCA-MK2-ENGINE',
    justification: 'Second lot of F414-INS6 engines for the LCA Mk2; the casting house has a 38-week lead time and a single qualified line.',
    requiredInDays: 300,
    items: [{ partNumber: 'F414-HPT-BLADE-1', nsn: '2840-01-234-5678', description: 'High-pressure turbine blade, stage 1, single-crystal casting', quantity: 120, unit: 'EA' }],
  },
});

/** India → US, in US SOSA review (to forward to DoD), with a question and its answer in the comments. */
export const dpasInUsReview = dpasStory({
  name: 'India → US: a request in US SOSA review',
  submitted: 4,
  request: {
    title: 'MQ-9B SATCOM antenna assemblies for the second squadron',
    programId: 'IN-MQ9B',
    justification: 'Antenna assemblies for the aircraft of the second MQ-9B squadron; the only qualified source is in the US and quotes 30 weeks.',
    requiredInDays: 210,
    items: [{ partNumber: 'MQ9-SAT-ANT-22', nsn: '5985-01-688-4410', description: 'Ku-band SATCOM antenna assembly', quantity: 8, unit: 'EA' }],
  },
  steps: [
    acknowledge(3),
    comment([2, '15:45'], 'us.sosa', 'Checking with the prime whether the antenna is already on a rated order; @in.sosa please confirm the aircraft serials.'),
    comment([1, '06:10'], 'in.sosa', 'Serials 2 to 9 of the second squadron; the delivery plan is attached to the contract notice.'),
  ],
});

/** India → US, returned for information: the US asks which lot the displays are for; India owes the answer. */
export const dpasReturned = dpasStory({
  name: 'India → US: a request returned for information',
  submitted: 7,
  request: {
    title: 'MQ-9B ground control station displays',
    programId: 'IN-MQ9B',
    justification: 'Operator displays for two ground control stations; obsolescence at the original supplier.',
    requiredInDays: 160,
    items: [{ partNumber: 'GCS-DSP-24R', description: 'Ruggedised 24-inch operator display', quantity: 12, unit: 'EA' }],
  },
  steps: [
    acknowledge(6),
    { at: [4, '16:30'], by: 'us.sosa', action: 'return_for_information', fields: { question: 'Twelve displays for two stations is six a station: is this the spares pool too? Please give the quantity per station and the spares separately.' } },
  ],
});

/** India → US at DoD for the program determination, within its ten working days. */
export const dpasAtDod = dpasStory({
  name: 'India → US: a request at DoD for the program determination',
  submitted: 8,
  request: {
    title: 'F414 compressor discs, forged',
    programId: 'IN-LCA-MK2-ENGINE',
    justification: 'Forged HPC discs for the F414-INS6 line at HAL Bengaluru; the forging house gives priority to rated orders.',
    requiredInDays: 240,
    items: [{ partNumber: 'F414-HPC-DISC-3', nsn: '2840-01-501-7731', description: 'High-pressure compressor disc, stage 3, forged', quantity: 24, unit: 'EA' }],
  },
  steps: [acknowledge(7), forwardToDod(5)],
});

/** India → US at Commerce for the rating authorization, after DoD's determination. */
export const dpasAtCommerce = dpasStory({
  name: 'India → US: a request at Commerce for the rating',
  submitted: 11,
  request: {
    title: 'MQ-9B Lynx radar spares',
    programId: 'IN-MQ9B',
    justification: 'Initial spares for the Lynx multi-mode radar of the MQ-9B fleet; the repair loop needs a float.',
    requiredInDays: 200,
    items: [{ partNumber: 'LYNX-TWT-04', description: 'Travelling-wave tube transmitter module', quantity: 6, unit: 'EA' }],
  },
  steps: [acknowledge(10), forwardToDod(9), determine(3, 'MQ-9B remotely piloted aircraft (India), FMS case IN-D-SAB', 'IBP-PD-2026-118')],
});

/** India → US: a DO-A1 rated order placed with Lynn Turbine, awaiting its acceptance (700.13). */
export const dpasOrderPlaced = dpasStory({
  name: 'India → US: a rated order awaiting the supplier’s acceptance',
  submitted: 15,
  request: {
    title: 'F414 combustor liners',
    programId: 'IN-LCA-MK2-ENGINE',
    justification: 'Combustor liners for the first production lot; the liner is a single-source part.',
    requiredInDays: 190,
    items: [{ partNumber: 'F414-CMB-LNR', nsn: '2840-01-377-6021', description: 'Combustor liner, outer', quantity: 20, unit: 'EA' }],
  },
  steps: toSupplier({ ack: 14, forward: 13, determine: 9, authorize: 6, place: 3 }, { program: 'F414-INS6 engine co-production for the LCA Mk2', rating: 'DO-A1', company: 'LYNN-TURB', orderNumber: 'PO-26-0412', serial: '2026-104' }),
});

/** India → US: Ohio Precision Castings delivered; India's SOSA cell has to confirm receipt and close. */
export const dpasDelivered = dpasStory({
  name: 'India → US: an order delivered, to be confirmed by India',
  submitted: 22,
  request: {
    title: 'Stryker hull castings for evaluation vehicles',
    programId: 'IN-STRYKER',
    justification: 'Hull nodes for two evaluation vehicles to be assembled in India.',
    requiredInDays: 45,
    items: [{ partNumber: 'STK-HULL-NODE-7', description: 'Cast steel hull node', quantity: 8, unit: 'EA' }],
  },
  steps: [
    ...toSupplier({ ack: 22, forward: 21, determine: 20, authorize: 19, place: 18 }, { program: 'Ground mobility — Stryker co-production evaluation', rating: 'DO-A4', company: 'OHIO-CAST', orderNumber: 'PO-26-0361', serial: '2026-079' }),
    acceptOrder([17, '13:20'], 'us.supplier2'),
    markDelivered([2, '19:00'], 'us.supplier2', 'FedEx Freight 7741-2209-3381'),
  ],
});

/** India → US, the whole path: placed with Lynn Turbine, accepted, delivered, received and closed by India. */
export const dpasClosed = dpasStory({
  name: 'India → US: a request delivered and closed',
  submitted: 22,
  request: {
    title: 'F414 igniter plugs for engine ground runs',
    programId: 'IN-LCA-MK2-ENGINE',
    justification: 'Igniter plugs for the ground runs of the first two engines; a small, urgent quantity.',
    requiredInDays: 30,
    items: [{ partNumber: 'F414-IGN-PLUG', nsn: '2925-01-332-1180', description: 'Igniter plug', quantity: 16, unit: 'EA' }],
  },
  steps: [
    ...toSupplier({ ack: 22, forward: 22, determine: 21, authorize: 20, place: 19 }, { program: 'F414-INS6 engine co-production for the LCA Mk2', rating: 'DO-A1', company: 'LYNN-TURB', orderNumber: 'PO-26-0358', serial: '2026-076' }),
    acceptOrder([18, '14:00'], 'us.supplier'),
    markDelivered([7, '18:30'], 'us.supplier', 'UPS 1Z 88A 412 03 5521 9907'),
    { at: [5, '06:15'], by: 'in.sosa', action: 'confirm_receipt_and_close', fields: { note: 'Received at HAL Bengaluru; all 16 plugs passed inspection.' } },
  ],
});

/**
 * India → US, overdue at DoD: forwarded 17 working days ago, its ten-day determination deadline
 * passed and the deadline scheduler escalated it (see the daily scheduler story); the US SOSA
 * office asks DoD in an internal thread, India asks the US SOSA office in a shared one.
 */
export const dpasOverdue = dpasStory({
  name: 'India → US: a request overdue at DoD and escalated',
  submitted: 20,
  request: {
    title: 'F414 fuel nozzles for the engine test cell',
    programId: 'IN-LCA-MK2-ENGINE',
    justification: 'Fuel nozzles for the engines of the qualification test campaign; the test cell slot is booked.',
    requiredInDays: 150,
    items: [{ partNumber: 'F414-FN-ASSY', nsn: '2915-01-455-2090', description: 'Fuel nozzle assembly', quantity: 36, unit: 'EA' }],
  },
  steps: [
    acknowledge(19),
    forwardToDod(18),
    thread('Fuel nozzles: determination overdue', 'internal', [
      [[5, '14:30'], 'us.sosa', '@us.dod the determination on the fuel nozzles is overdue and India has asked twice. Is anything missing from the file?'],
      [[4, '15:10'], 'us.dod', 'Waiting on the program office to confirm the F414-INS6 line is in the approved program list; expect it this week.'],
    ]),
    thread('Fuel nozzles: test cell slot at risk', 'arrangement', [
      [[3, '05:40'], 'in.sosa', '@us.sosa the engine test cell slot is in eleven weeks; without the nozzles it moves to next year. Can the determination be expedited?'],
      [[3, '14:20'], 'us.sosa', 'Escalated within DoD; we will tell you as soon as it is made.'],
    ]),
  ],
});
