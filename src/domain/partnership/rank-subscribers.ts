/**
 * Ranking of Code of Conduct subscribers for a US request (dpas-sosa-sources.md §2.3: the
 * partner ministry routes US requests to firms of its Code of Conduct). Pure: the caller loads
 * the request, the active subscriptions with their capabilities, and each firm's track record.
 *
 * Order: first how well the firm's capability catalogue matches the request — exact part number,
 * then NSN Federal Supply Class (the first 4 digits of the 13-digit NSN), then the sector implied
 * by the request's DPAS program symbol (Schedule I, 700.11: A1 aircraft … A7 electronics), then
 * shared words of the descriptions — and only then the track record (on-time delivery, then
 * commitment rate), then the name so that the order is stable.
 */

export const SECTORS = ['aircraft', 'missiles_space', 'ships', 'tank_automotive', 'weapons', 'ammunition', 'electronics', 'other'] as const;
export type Sector = (typeof SECTORS)[number];

/** 700.11 Schedule I program symbols → the industrial sector a Code of Conduct firm declares. */
const SECTOR_OF_PROGRAM: Record<string, Sector> = { A1: 'aircraft', A2: 'missiles_space', A3: 'ships', A4: 'tank_automotive', A5: 'weapons', A6: 'ammunition', A7: 'electronics' };

export function sectorOfProgramSymbol(symbol: string | null | undefined): Sector | null {
  return (symbol && SECTOR_OF_PROGRAM[symbol]) || null;
}

/** NSN 5340-01-234-5678 or 5340012345678 → Federal Supply Class "5340"; anything else → null. */
export function federalSupplyClass(nsn: string | null | undefined): string | null {
  if (!nsn) return null;
  const digits = nsn.replace(/[-\s]/g, '');
  return /^[0-9]{13}$/.test(digits) ? digits.slice(0, 4) : null;
}

export interface RequestForRanking {
  programSymbol: string | null;
  items: ReadonlyArray<{ partNumber: string; nsn: string | null; description: string }>;
}

export interface Capability {
  fsc: string | null;
  sector: string;
  description: string;
  partNumbers: readonly string[];
}

export interface TrackRecord {
  received: number;
  committed: number;
  declined: number;
  delivered: number;
  deliveredOnTime: number;
}

export interface Candidate {
  organisationId: string;
  name: string;
  capabilities: readonly Capability[];
  record: TrackRecord;
}

export interface RankedCandidate {
  organisationId: string;
  name: string;
  matchScore: number;
  /** Why the firm matches, in words for the officer who routes. */
  reasons: string[];
  onTimeRate: number | null;
  commitmentRate: number | null;
}

export const MATCH_WEIGHTS = { partNumber: 10, fsc: 5, sector: 2, word: 1 } as const;
const WORD_CAP = 3;
const STOP_WORDS = new Set(['and', 'for', 'the', 'with', 'of', 'to', 'in', 'a', 'an', 'on', 'or', 'set', 'kit', 'assembly', 'parts']);

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 3 && !STOP_WORDS.has(w)));
}

export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Scores one candidate against the request: each request line counts its best-matching capability. */
export function matchCandidate(request: RequestForRanking, capabilities: readonly Capability[]): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  let score = 0;
  const sector = sectorOfProgramSymbol(request.programSymbol);
  request.items.forEach((item, i) => {
    const fsc = federalSupplyClass(item.nsn);
    const itemWords = words(item.description);
    let best = 0;
    let why = '';
    for (const cap of capabilities) {
      let s = 0;
      const parts: string[] = [];
      if (cap.partNumbers.some((p) => p.trim().toUpperCase() === item.partNumber.trim().toUpperCase())) {
        s += MATCH_WEIGHTS.partNumber;
        parts.push(`part ${item.partNumber}`);
      }
      if (fsc && cap.fsc === fsc) {
        s += MATCH_WEIGHTS.fsc;
        parts.push(`FSC ${fsc}`);
      }
      const shared = [...words(cap.description)].filter((w) => itemWords.has(w)).slice(0, WORD_CAP);
      if (shared.length) {
        s += shared.length * MATCH_WEIGHTS.word;
        parts.push(`“${shared.join(', ')}”`);
      }
      if (s > best) {
        best = s;
        why = `line ${i + 1}: ${parts.join(', ')}`;
      }
    }
    score += best;
    if (best > 0) reasons.push(why);
  });
  if (sector && capabilities.some((c) => c.sector === sector)) {
    score += MATCH_WEIGHTS.sector;
    reasons.push(`sector ${sector.replace('_', ' ')}`);
  }
  return { score, reasons };
}

/** Best match first; equal matches by on-time delivery, then commitment rate (none yet counts as 0), then name. */
export function rankSubscribers(request: RequestForRanking, candidates: readonly Candidate[]): RankedCandidate[] {
  return candidates
    .map((c) => {
      const { score, reasons } = matchCandidate(request, c.capabilities);
      return {
        organisationId: c.organisationId,
        name: c.name,
        matchScore: score,
        reasons,
        onTimeRate: rate(c.record.deliveredOnTime, c.record.delivered),
        commitmentRate: rate(c.record.committed, c.record.committed + c.record.declined),
      };
    })
    .sort((a, b) => b.matchScore - a.matchScore || (b.onTimeRate ?? 0) - (a.onTimeRate ?? 0) || (b.commitmentRate ?? 0) - (a.commitmentRate ?? 0) || a.name.localeCompare(b.name));
}
