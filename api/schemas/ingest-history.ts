import { z } from 'zod';
import { InputKind } from '../../domain/enums.js';
import { formatQuery, type OutputFormat } from '../formats/negotiate.js';
import { Paging } from './common.js';

export const HISTORY_FORMATS: readonly OutputFormat[] = ['json', 'csv', 'arrow'];

export const HistoryQuery = Paging.extend({
  kind: InputKind.optional(),
  run_id: z.coerce.number().int().min(1).optional(),
  format: formatQuery(HISTORY_FORMATS),
});
