/**
 * DPAS ratings (15 CFR 700.11 and Schedule I): a rating symbol (DO or DX) plus a program
 * identification symbol. DX orders precede DO orders, which precede unrated orders; the program
 * symbol carries no priority of its own.
 */
export const RATING_LEVELS = ['DO', 'DX'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

export interface ProgramSymbol {
  symbol: string;
  program: string;
  /** Rows after B8 are not verified against the current Schedule I (dpas-sosa-sources.md §1.2). */
  verified: boolean;
}

// Schedule I to 15 CFR 700 (dpas-sosa.md §2). Reference data, kept here as the built-in table.
export const SCHEDULE_I: readonly ProgramSymbol[] = [
  { symbol: 'A1', program: 'Aircraft', verified: true },
  { symbol: 'A2', program: 'Missiles and Space', verified: true },
  { symbol: 'A3', program: 'Ships', verified: true },
  { symbol: 'A4', program: 'Tank–Automotive', verified: true },
  { symbol: 'A5', program: 'Weapons', verified: true },
  { symbol: 'A6', program: 'Ammunition', verified: true },
  { symbol: 'A7', program: 'Electronic and communications equipment', verified: true },
  { symbol: 'B1', program: 'Military building supplies', verified: true },
  { symbol: 'B8', program: "Production equipment (contractor's account)", verified: true },
  { symbol: 'B9', program: 'Production equipment (Government owned)', verified: false },
  { symbol: 'C2', program: 'Food resources (combat rations)', verified: false },
  { symbol: 'C3', program: 'Department of Defense construction', verified: false },
  { symbol: 'C9', program: 'Miscellaneous/other', verified: false },
  { symbol: 'N1', program: 'Atomic energy', verified: false },
  // 700.17(a)(4): maintenance, repair and operating supplies use H7 with the customer's level.
  { symbol: 'H7', program: 'Maintenance, repair and operating supplies (MRO)', verified: true },
];

export interface Rating {
  level: RatingLevel;
  programSymbol: string;
}

export type RatingParse = { ok: true; rating: Rating } | { ok: false; message: string };

export function parseRating(text: string): RatingParse {
  const match = /^(D[OX])-([A-Z][0-9])$/.exec(text.trim().toUpperCase());
  if (!match) {
    return { ok: false, message: `"${text}" is not a DPAS rating: expected DO or DX, a hyphen and a program symbol, e.g. DO-A1 (15 CFR 700.11).` };
  }
  const [, level, programSymbol] = match as unknown as [string, RatingLevel, string];
  if (!SCHEDULE_I.some((row) => row.symbol === programSymbol)) {
    return { ok: false, message: `${programSymbol} is not a program identification symbol of Schedule I to 15 CFR 700.` };
  }
  return { ok: true, rating: { level, programSymbol } };
}

export function formatRating(rating: Rating): string {
  return `${rating.level}-${rating.programSymbol}`;
}

/** 15 CFR 700.13(d): accept or reject within 15 working days of a DO order, 10 of a DX order. */
export const ACCEPTANCE_WORKING_DAYS: Record<RatingLevel, number> = { DO: 15, DX: 10 };

/**
 * 15 CFR 700.13 (emergency preparedness): the stated response time may not be less than 6 hours
 * after receipt for a hazard that has occurred, 12 hours to prepare for an imminent hazard.
 * Unverified minimums (dpas-sosa.md §4, "verify"): configuration, not law, until checked.
 */
export const EMERGENCY_MINIMUM_HOURS = { hazard_occurred: 6, imminent_hazard: 12 } as const;
export type EmergencyBasis = keyof typeof EMERGENCY_MINIMUM_HOURS;

/** 700.12(a)(4): the statement every rated order carries, in substance. */
export const RATED_ORDER_CERTIFICATION =
  'This is a rated order certified for national defense use, and you are required to follow all the provisions of the Defense Priorities and Allocations System regulation (15 CFR part 700).';
