// A Code of Conduct company's desk (GET /commitments): the requests put to it and its answers.
import { call, client } from './client.js';
import type { Answer } from './contract.js';

export type CompanyCommitments = Answer<'getCommitments'>;
export type CommitmentItem = CompanyCommitments['items'][number];
export type CommitmentStatus = CommitmentItem['status'];

export const commitmentsApi = {
  get: () => call(client.GET('/commitments')),
};
