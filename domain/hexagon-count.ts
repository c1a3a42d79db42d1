import { z } from 'zod';

/** Located complaints of one H3 hexagon; also the CSV/Arrow row. */
export const HexagonCount = z.object({
  h3: z.string(),
  resolution: z.number().int(),
  complaints: z.number().int(),
  lat: z.number().describe('centre of the hexagon'),
  lon: z.number(),
});
export type HexagonCount = z.infer<typeof HexagonCount>;
